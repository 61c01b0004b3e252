import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { user } from '../../src/lib/server/db/schema';
import { hashPassword, verifyPassword } from '../../src/lib/server/auth/password';
import { createSession, validateSessionToken } from '../../src/lib/server/auth/session';
import { changePassword, signIn } from '../../src/lib/server/members/accounts';
import { backends, createTown, PASSWORD, signInAs, useTestDatabase, addPerson, type Town } from '../support/db';
import { expectValidation } from '../support/expect';

const ARGON2ID = /^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/;
const LIMITS = { perAccount: 100, perAddress: 100, windowSeconds: 900 };

describe('password hashing', () => {
	it('hashes with argon2id and OWASP parameters, with a fresh salt each time', async () => {
		const first = await hashPassword('ein-langes-passwort');
		const second = await hashPassword('ein-langes-passwort');
		expect(first).toMatch(ARGON2ID);
		expect(second).toMatch(ARGON2ID);
		expect(first).not.toBe(second);
		expect(first).not.toContain('ein-langes-passwort');
	});

	it('verifies the right password only, and answers false for a broken hash', async () => {
		const stored = await hashPassword('ein-langes-passwort');
		expect(await verifyPassword(stored, 'ein-langes-passwort')).toBe(true);
		expect(await verifyPassword(stored, 'Ein-langes-passwort')).toBe(false);
		expect(await verifyPassword(stored, '')).toBe(false);
		expect(await verifyPassword('not a hash', 'ein-langes-passwort')).toBe(false);
	});
});

describe.each(backends)('passwords on %s', (backend) => {
	const t = useTestDatabase(backend);
	let town: Town;
	let n = 0;

	beforeAll(async () => {
		town = await createTown(t.db);
	});

	const storedHash = async (userId: string) =>
		(await t.db.select({ hash: user.passwordHash }).from(user).where(eq(user.id, userId)))[0]!.hash;
	const freshPerson = () => addPerson(t.db, town, `person${++n}`, { roles: ['focus'] });

	it('stores an argon2id hash of the password, not the password', async () => {
		const hash = await storedHash(town.admin.userId);
		expect(hash).toMatch(ARGON2ID);
		expect(hash).not.toContain(PASSWORD);
		expect(await verifyPassword(hash, PASSWORD)).toBe(true);
	});

	it('changes the password, ends every other session and hands back a new one', async () => {
		const someone = await freshPerson();
		const current = await signInAs(t.db, someone);
		const onPhone = await createSession(t.db, someone.userId, town.municipalityId);
		const [before] = await t.db.select().from(user).where(eq(user.id, someone.userId));

		const fresh = await changePassword(t.db, current.actor, {
			current: PASSWORD,
			password: 'ganz-neues-passwort',
			passwordRepeat: 'ganz-neues-passwort'
		});

		expect(await validateSessionToken(t.db, current.token)).toBeNull();
		expect(await validateSessionToken(t.db, onPhone.token)).toBeNull();
		expect((await validateSessionToken(t.db, fresh.token))!.actor.userId).toBe(someone.userId);
		const [after] = await t.db.select().from(user).where(eq(user.id, someone.userId));
		expect(after!.passwordHash).toMatch(ARGON2ID);
		expect(after!.passwordChangedAt.getTime()).toBeGreaterThan(before!.passwordChangedAt.getTime());
		const address = `pw-${n}`;
		expect(await signIn(t.db, LIMITS, { email: someone.email, password: PASSWORD, address })).toEqual({
			ok: false,
			reason: 'invalid'
		});
		expect((await signIn(t.db, LIMITS, { email: someone.email, password: 'ganz-neues-passwort', address })).ok).toBe(true);
	});

	it('refuses a wrong current password and changes nothing', async () => {
		const someone = await freshPerson();
		const current = await signInAs(t.db, someone);
		const hash = await storedHash(someone.userId);
		await expectValidation(
			changePassword(t.db, current.actor, { current: 'falsch-falsch', password: 'ganz-neues-passwort', passwordRepeat: 'ganz-neues-passwort' }),
			{ current: 'error_current_password_wrong' }
		);
		expect(await storedHash(someone.userId)).toBe(hash);
		expect(await validateSessionToken(t.db, current.token)).not.toBeNull();
	});

	it('checks the new password: length and repetition, every problem at once', async () => {
		const someone = await freshPerson();
		const { actor } = await signInAs(t.db, someone);
		await expectValidation(changePassword(t.db, actor, { current: PASSWORD, password: 'kurz', passwordRepeat: 'kurz' }), {
			password: 'error_password_too_short'
		});
		await expectValidation(
			changePassword(t.db, actor, { current: PASSWORD, password: 'x'.repeat(1001), passwordRepeat: 'x'.repeat(1001) }),
			{ password: 'error_password_too_long' }
		);
		await expectValidation(
			changePassword(t.db, actor, { current: PASSWORD, password: 'ganz-neues-passwort', passwordRepeat: 'ganz-neues-passwort!' }),
			{ passwordRepeat: 'error_password_mismatch' }
		);
		await expectValidation(changePassword(t.db, actor, { current: 'falsch', password: 'kurz', passwordRepeat: 'anders' }), {
			current: 'error_current_password_wrong',
			password: 'error_password_too_short',
			passwordRepeat: 'error_password_mismatch'
		});
		// Exactly the minimum length is enough.
		await expect(
			changePassword(t.db, actor, { current: PASSWORD, password: '0123456789', passwordRepeat: '0123456789' })
		).resolves.toMatchObject({ token: expect.any(String) });
	});
});
