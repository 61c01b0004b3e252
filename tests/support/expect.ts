import { isHttpError } from '@sveltejs/kit';
import { expect } from 'vitest';
import { ConflictError, ValidationError } from '../../src/lib/server/errors';
import { httpErrorOf } from './http-error';

async function rejection(promise: Promise<unknown>): Promise<unknown> {
	try {
		await promise;
	} catch (error) {
		return error;
	}
	throw new Error('Expected the call to fail, but it succeeded.');
}

/** The call fails with exactly these field errors (field → message key). */
export async function expectValidation(promise: Promise<unknown>, errors: Record<string, string>): Promise<void> {
	const error = await rejection(promise);
	expect(error).toBeInstanceOf(ValidationError);
	expect((error as ValidationError).errors).toEqual(errors);
}

/** The call is refused because of the target's state (409), for exactly these reasons (message keys). */
export async function expectConflict(promise: Promise<unknown>, reasons: string[]): Promise<void> {
	const error = await rejection(promise);
	expect(error).toBeInstanceOf(ConflictError);
	expect((error as ConflictError).reasons).toEqual(reasons);
	expect((httpErrorOf(error) as { status: number }).status).toBe(409);
}

/** The call is refused with what the app answers with this HTTP status (a domain refusal or an HttpError). */
export async function expectHttpStatus(promise: Promise<unknown>, status: number): Promise<void> {
	const error = httpErrorOf(await rejection(promise));
	expect(isHttpError(error), `expected an HttpError, got ${String(error)}`).toBe(true);
	expect((error as { status: number }).status).toBe(status);
}
