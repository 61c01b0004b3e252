import type { MessageKey } from '../shared/messages';
import { ValidationError, type FieldErrors } from './errors';

/** Collects field errors and throws them together, so the user sees every problem at once. */
export class Check {
	readonly errors: FieldErrors = {};
	add(field: string, key: MessageKey): this {
		this.errors[field] ??= key;
		return this;
	}
	when(condition: boolean, field: string, key: MessageKey): this {
		if (condition) this.add(field, key);
		return this;
	}
	get ok(): boolean {
		return Object.keys(this.errors).length === 0;
	}
	throwIfAny(): void {
		if (!this.ok) throw new ValidationError(this.errors);
	}
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export function isEmail(value: string): boolean {
	return value.length <= 254 && EMAIL.test(value);
}

export function normaliseEmail(value: string): string {
	return value.trim().toLowerCase();
}

// Ids arrive from forms, URLs and documents; PostgreSQL rejects a malformed uuid with an error
// (a 500), so anything that is not one is treated as an id that does not exist.
export { isUuid } from '../shared/documents';
