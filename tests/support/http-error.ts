import { rethrowAsHttp } from '../../src/lib/server/http/respond';

/**
 * What the app answers for an error a domain function threw: the SvelteKit HttpError that
 * `http/respond.ts` makes of a domain refusal, or the error itself. Tests assert on statuses.
 */
export function httpErrorOf(error: unknown): unknown {
	try {
		rethrowAsHttp(error);
	} catch (mapped) {
		return mapped;
	}
}
