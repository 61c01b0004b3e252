import { fail } from '@sveltejs/kit';
import { ConflictError, ValidationError, type FieldErrors } from '../errors';
import { translate } from '../../i18n/translate';

/** Form fields as strings; absent fields become ''. Password fields are never echoed back. */
export function readForm<K extends string>(data: FormData, fields: readonly K[]): Record<K, string> {
	const values = {} as Record<K, string>;
	for (const field of fields) {
		const value = data.get(field);
		values[field] = typeof value === 'string' ? value : '';
	}
	return values;
}

const SECRET = /password|token/i;

/** What a form may show again after an error: everything but secrets. */
export function keepInput(values: Record<string, unknown>): Record<string, unknown> {
	return Object.fromEntries(Object.entries(values).filter(([key]) => !SECRET.test(key)));
}

/**
 * Runs a domain call for a form action: invalid input answers 400 with the user's input and
 * the field errors (message keys), so nothing typed is lost; a refusal because of the target's
 * state answers 409 with its reasons in words.
 */
export async function formAction<T>(
	values: Record<string, unknown>,
	run: () => Promise<T>,
	form?: string
) {
	try {
		return await run();
	} catch (error) {
		if (error instanceof ValidationError) {
			return fail(400, { form, values: keepInput(values), errors: translateErrors(error.errors, error.params) });
		}
		if (error instanceof ConflictError) {
			return fail(409, { form, values: keepInput(values), refused: error.reasons.map((reason) => translate(reason)) });
		}
		throw error;
	}
}

/** A same-site path to go to after sign-in; anything else becomes the start page. */
export function safeRedirectTarget(target: string | null | undefined, fallback = '/'): string {
	if (!target || !target.startsWith('/') || target.startsWith('//') || target.startsWith('/\\')) return fallback;
	// Browsers drop tabs and newlines inside URLs, so "/\t/evil" would still leave the site.
	if (new URL(target, SAME_SITE).origin !== SAME_SITE) return fallback;
	return target;
}

const SAME_SITE = 'http://fokus.invalid';

export function translateErrors(errors: FieldErrors, params: Partial<Record<string, Record<string, string>>> = {}): Record<string, string> {
	return Object.fromEntries(Object.entries(errors).map(([field, key]) => [field, translate(key ?? '', params[field])]));
}
