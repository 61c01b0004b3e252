import { createHash, randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { passwordReset } from '../../src/lib/server/db/schema';
import { createPasswordResetLink } from '../../src/lib/server/members/members';
import { findPasswordReset, resetPassword, signIn } from '../../src/lib/server/members/accounts';
import { createSession, validateSessionToken } from '../../src/lib/server/auth/session';
import { addPerson, backends, createTown, PASSWORD, signInAs, useTestDatabase, type Person, type Town } from '../support/db';
import { expectHttpStatus, expectValidation } from '../support/expect';

const LIMITS = { perAccount: 100, perAddress: 100, windowSeconds: 900 };
const NEW = 'neues-passwort-456';
const sha256 = (token: string) => createHash('sha256').update(token).digest('hex');

describe.each(backends)('password reset links on %s', (backend) => {
	const t = useTestDatabase(backend);
	let town: Town;
	let n = 0;

	beforeAll(async () => {
		town = await createTown(t.db, { people: { focus: { roles: ['focus'] } } });
	});

	const fresh = (): Promise<Person> => addPerson(t.db, town, `person${++n}`, { roles: ['focus'] });
	const canSignIn = async (email: string, password: string) =>
		(await signIn(t.db, LIMITS, { email, password, address: `reset-${n}` })).ok;
	const linkFor = (someone: Person) => createPasswordResetLink(t.db, town.admin.actor, { membershipId: someone.membershipId });

	it('sets a new password once, ends every session of the person, and keeps only a hash of the link', async () => {
		const someone = await fresh();
		const sessions = [(await signInAs(t.db, someone)).token, (await createSession(t.db, someone.userId, town.municipalityId)).token];
		const before = Date.now();
		const link = await linkFor(someone);
		// Valid for a day by default.
		expect(link.expiresAt.getTime() - before).toBeGreaterThanOrEqual(24 * 3600_000 - 1000);
		expect(link.expiresAt.getTime() - Date.now()).toBeLessThanOrEqual(24 * 3600_000);

		const rows = await t.db.select().from(passwordReset).where(eq(passwordReset.userId, someone.userId));
		expect(rows).toHaveLength(1);
		expect(rows[0]!.tokenHash).toBe(sha256(link.token));
		expect(JSON.stringify(rows)).not.toContain(link.token);
		expect(rows[0]!.createdBy).toBe(town.admin.userId);

		expect(await findPasswordReset(t.db, link.token)).toMatchObject({ userId: someone.userId, email: someone.email });
		expect(await resetPassword(t.db, link.token, { password: NEW, passwordRepeat: NEW })).toBe(true);

		for (const token of sessions) expect(await validateSessionToken(t.db, token)).toBeNull();
		expect(await canSignIn(someone.email, PASSWORD)).toBe(false);
		expect(await canSignIn(someone.email, NEW)).toBe(true);

		// Single use.
		expect(await findPasswordReset(t.db, link.token)).toBeUndefined();
		expect(await resetPassword(t.db, link.token, { password: 'noch-ein-passwort', passwordRepeat: 'noch-ein-passwort' })).toBe(false);
		expect(await canSignIn(someone.email, NEW)).toBe(true);
	});

	it('refuses an expired link and changes nothing', async () => {
		const someone = await fresh();
		const { token } = await signInAs(t.db, someone);
		const link = await linkFor(someone);
		await t.db
			.update(passwordReset)
			.set({ expiresAt: new Date(Date.now() - 1000) })
			.where(eq(passwordReset.tokenHash, sha256(link.token)));
		expect(await findPasswordReset(t.db, link.token)).toBeUndefined();
		expect(await resetPassword(t.db, link.token, { password: NEW, passwordRepeat: NEW })).toBe(false);
		expect(await validateSessionToken(t.db, token)).not.toBeNull();
		expect(await canSignIn(someone.email, PASSWORD)).toBe(true);
	});

	it('refuses an unknown link', async () => {
		expect(await findPasswordReset(t.db, 'abcdefghijklmnopqrstuvwxyz234567')).toBeUndefined();
		expect(await resetPassword(t.db, 'abcdefghijklmnopqrstuvwxyz234567', { password: NEW, passwordRepeat: NEW })).toBe(false);
	});

	it('checks the new password before using up the link', async () => {
		const someone = await fresh();
		const link = await linkFor(someone);
		await expectValidation(resetPassword(t.db, link.token, { password: 'kurz', passwordRepeat: 'anders' }), {
			password: 'error_password_too_short',
			passwordRepeat: 'error_password_mismatch'
		});
		expect(await findPasswordReset(t.db, link.token)).toBeDefined();
		expect(await resetPassword(t.db, link.token, { password: NEW, passwordRepeat: NEW })).toBe(true);
	});

	it('is refused for an account that also belongs to another municipality', async () => {
		const someone = await fresh();
		const other = await createTown(t.db);
		await addPerson(t.db, other, 'shared', { roles: ['focus'], userId: someone.userId });
		await expectValidation(linkFor(someone), { membershipId: 'error_reset_shared_account' });
		expect(await t.db.select().from(passwordReset).where(eq(passwordReset.userId, someone.userId))).toEqual([]);
	});

	it('is refused for an unknown member', async () => {
		await expectValidation(createPasswordResetLink(t.db, town.admin.actor, { membershipId: randomUUID() }), {
			membershipId: 'error_member_unknown'
		});
	});

	it('may be issued by admins only', async () => {
		const someone = await fresh();
		const focus = await signInAs(t.db, town.people.focus!);
		await expectHttpStatus(createPasswordResetLink(t.db, focus.actor, { membershipId: someone.membershipId }), 403);
		expect(await t.db.select().from(passwordReset).where(eq(passwordReset.userId, someone.userId))).toEqual([]);
	});
});
