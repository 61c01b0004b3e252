import { error } from '@sveltejs/kit';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../errors';

/**
 * The one place where domain refusals become HTTP: domain code throws NotFoundError,
 * ForbiddenError, ValidationError or ConflictError (it does not speak HTTP); every load, action
 * and endpoint is wrapped by `guarded` (actions through `guardedActions`), which answers 404,
 * 403, 400 or 409. Forms catch ValidationError and ConflictError earlier (`formAction`) to answer
 * with the input kept and the reasons in words.
 */

/** The HTTP status of a domain refusal; undefined for anything else. */
export function statusOf(failure: unknown): 400 | 403 | 404 | 409 | undefined {
	if (failure instanceof NotFoundError) return 404;
	if (failure instanceof ForbiddenError) return 403;
	if (failure instanceof ValidationError) return 400;
	if (failure instanceof ConflictError) return 409;
	return undefined;
}

/** Answers a domain refusal with SvelteKit's error(); rethrows anything else as it is. */
export function rethrowAsHttp(failure: unknown): never {
	const status = statusOf(failure);
	if (status !== undefined) error(status, (failure as Error).message);
	throw failure;
}

/** A load or request handler whose domain refusals answer with their HTTP status. */
export function guarded<E, R>(handler: (event: E) => R | Promise<R>): (event: E) => Promise<R> {
	return async (event) => {
		try {
			return await handler(event);
		} catch (failure) {
			rethrowAsHttp(failure);
		}
	};
}

/** Every action of a page, guarded. */
export function guardedActions<T extends Record<string, (event: never) => unknown>>(actions: T): T {
	return Object.fromEntries(Object.entries(actions).map(([name, action]) => [name, guarded(action)])) as T;
}
