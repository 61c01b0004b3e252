import type { MessageKey } from '../shared/messages';

/**
 * What domain code throws when it refuses. Domain folders do not speak HTTP; `http/respond.ts`
 * maps these to SvelteKit's responses in one place, and the sync server and the command line
 * handle them without loading SvelteKit.
 */

/** Field errors as message keys, translated by the page in the user's language. */
export type FieldErrors = Partial<Record<string, MessageKey>>;

/** Invalid input; forms answer 400 with the input kept. */
export class ValidationError extends Error {
	/** `params` fills a field's message, e.g. the names a mention did not find. */
	constructor(
		readonly errors: FieldErrors,
		readonly params: Partial<Record<string, Record<string, string>>> = {}
	) {
		super(`Invalid input: ${Object.keys(errors).join(', ')}`);
		this.name = 'ValidationError';
	}
}

/** Unknown, or not visible to this person (both answer alike, so nothing tells them apart). */
export class NotFoundError extends Error {
	constructor(what = 'Not found') {
		super(what);
		this.name = 'NotFoundError';
	}
}

/** Visible, but this person may not do that to it. */
export class ForbiddenError extends Error {
	constructor(what = 'Forbidden') {
		super(what);
		this.name = 'ForbiddenError';
	}
}

/**
 * Allowed to this person, but not in the target's present state (a goal with a history cannot
 * be deleted, say). Forms answer 409 with the reasons in words; the page suggests what to do.
 */
export class ConflictError extends Error {
	constructor(readonly reasons: readonly MessageKey[]) {
		super(`Conflict: ${reasons.join(', ')}`);
		this.name = 'ConflictError';
	}
}
