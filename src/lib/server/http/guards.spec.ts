import { isHttpError, isRedirect } from '@sveltejs/kit';
import { describe, expect, it } from 'vitest';
import { requireActor } from './guards';
import type { Actor } from '../auth/session';

const people = {
	admin: {
		userId: 'user-admin',
		name: 'admin',
		email: 'admin@example.test',
		sessionId: 'session-admin',
		membershipId: 'admin',
		municipalityId: 'town-1',
		municipalityName: 'town-1',
		municipalitySlug: 'town-1',
		roles: ['admin'] as Actor['roles'],
		departmentId: null
	} satisfies Actor
};

describe('requireActor', () => {
	it('answers 401 without a session, or sends pages to the sign-in page', () => {
		expect(requireActor(people.admin)).toBe(people.admin);
		let thrown: unknown;
		try {
			requireActor(null);
		} catch (error) {
			thrown = error;
		}
		expect(isHttpError(thrown, 401)).toBe(true);
		try {
			requireActor(null, { redirectTo: '/members?tab=1' });
		} catch (error) {
			thrown = error;
		}
		expect(isRedirect(thrown)).toBe(true);
		expect(thrown).toMatchObject({ status: 303, location: '/login?redirectTo=%2Fmembers%3Ftab%3D1' });
	});
});
