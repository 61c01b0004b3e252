import { randomBytes } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { loginAttempt } from '../../src/lib/server/db/schema';
import { signIn } from '../../src/lib/server/members/accounts';
import { validateSessionToken } from '../../src/lib/server/auth/session';
import { addPerson, backends, createTown, PASSWORD, useTestDatabase, type Person, type Town } from '../support/db';

const LIMITS = { perAccount: 3, perAddress: 5, windowSeconds: 900 };
const address = () => `10.0.${randomBytes(1)[0]}.${randomBytes(1)[0]}-${randomBytes(4).toString('hex')}`;

describe.each(backends)('sign-in on %s', (backend) => {
	const t = useTestDatabase(backend);
	let town: Town;
	let n = 0;

	beforeAll(async () => {
		town = await createTown(t.db, { departments: ['Bildung'] });
	});

	const fresh = (spec: Parameters<typeof addPerson>[3] = { roles: ['member'], department: 'Bildung' }): Promise<Person> =>
		addPerson(t.db, town, `person${++n}`, spec);
	const attempt = (email: string, password: string, from = address()) =>
		signIn(t.db, LIMITS, { email, password, address: from });

	it('opens a session for the right password, whatever the case and spaces of the email', async () => {
		const someone = await fresh();
		const result = await attempt(`  ${someone.email.toUpperCase()} `, PASSWORD);
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		expect(result.userId).toBe(someone.userId);
		const resolved = await validateSessionToken(t.db, result.session.token);
		expect(resolved!.actor).toMatchObject({ userId: someone.userId, membershipId: someone.membershipId, municipalityId: town.municipalityId });
	});

	it('gives the same answer for a wrong password and an unknown email', async () => {
		const someone = await fresh();
		expect(await attempt(someone.email, 'falsches-passwort')).toEqual({ ok: false, reason: 'invalid' });
		expect(await attempt(`niemand-${n}@nowhere.test`, PASSWORD)).toEqual({ ok: false, reason: 'invalid' });
		expect(await attempt(someone.email, '')).toEqual({ ok: false, reason: 'invalid' });
	});

	it('blocks an account after too many failures, from any address, even with the right password', async () => {
		const someone = await fresh();
		for (let i = 0; i < LIMITS.perAccount; i++) {
			expect(await attempt(someone.email, 'falsch')).toEqual({ ok: false, reason: 'invalid' });
		}
		expect(await attempt(someone.email, PASSWORD)).toEqual({ ok: false, reason: 'blocked' });
		expect(await attempt(someone.email.toUpperCase(), PASSWORD)).toEqual({ ok: false, reason: 'blocked' });
		// Another account is not affected.
		const other = await fresh();
		expect((await attempt(other.email, PASSWORD)).ok).toBe(true);
	});

	it('stays open one failure below the account limit', async () => {
		const someone = await fresh();
		for (let i = 0; i < LIMITS.perAccount - 1; i++) await attempt(someone.email, 'falsch');
		expect((await attempt(someone.email, PASSWORD)).ok).toBe(true);
	});

	it('blocks an address after too many failures, for every account, but not other addresses', async () => {
		const from = address();
		for (let i = 0; i < LIMITS.perAddress; i++) {
			expect(await attempt(`unbekannt-${i}-${n}@nowhere.test`, 'falsch', from)).toEqual({ ok: false, reason: 'invalid' });
		}
		const someone = await fresh();
		expect(await attempt(someone.email, PASSWORD, from)).toEqual({ ok: false, reason: 'blocked' });
		expect((await attempt(someone.email, PASSWORD, address())).ok).toBe(true);
	});

	it('clears the account counter on success, but keeps the address counter', async () => {
		const someone = await fresh();
		const from = address();
		for (let i = 0; i < LIMITS.perAccount - 1; i++) await attempt(someone.email, 'falsch', from);
		expect((await attempt(someone.email, PASSWORD, from)).ok).toBe(true);
		const [account] = await t.db.select().from(loginAttempt).where(eq(loginAttempt.key, `account:${someone.email}`));
		expect(account).toBeUndefined();
		const [byAddress] = await t.db.select().from(loginAttempt).where(eq(loginAttempt.key, `address:${from}`));
		expect(byAddress!.failures).toBe(LIMITS.perAccount - 1);
		// Had the count stayed, these would reach the limit.
		for (let i = 0; i < LIMITS.perAccount - 1; i++) await attempt(someone.email, 'falsch');
		expect((await attempt(someone.email, PASSWORD)).ok).toBe(true);
	});

	it('forgets failures once the window has passed and counts afresh', async () => {
		const someone = await fresh();
		for (let i = 0; i < LIMITS.perAccount; i++) await attempt(someone.email, 'falsch');
		expect(await attempt(someone.email, PASSWORD)).toEqual({ ok: false, reason: 'blocked' });
		await t.db
			.update(loginAttempt)
			.set({ windowStart: sql`now() - make_interval(secs => ${LIMITS.windowSeconds + 60})` })
			.where(eq(loginAttempt.key, `account:${someone.email}`));
		await attempt(someone.email, 'falsch');
		const [row] = await t.db.select().from(loginAttempt).where(eq(loginAttempt.key, `account:${someone.email}`));
		expect(row!.failures).toBe(1);
		expect(Date.now() - row!.windowStart.getTime()).toBeLessThan(60_000);
		expect((await attempt(someone.email, PASSWORD)).ok).toBe(true);
	});

	it('refuses a deactivated member with the right password, like a wrong one', async () => {
		const someone = await fresh({ roles: ['member'], department: 'Bildung', active: false });
		expect(await attempt(someone.email, PASSWORD)).toEqual({ ok: false, reason: 'invalid' });
	});

	it('opens the session in a municipality where the person is still active', async () => {
		// Sorted by name this town comes first, so an inactive membership there must be skipped.
		const other = await createTown(t.db, { prefix: 'aaa' });
		const someone = await fresh();
		await addPerson(t.db, other, 'again', { roles: ['focus'], userId: someone.userId, active: false });
		const result = await attempt(someone.email, PASSWORD);
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		expect((await validateSessionToken(t.db, result.session.token))!.actor.municipalityId).toBe(town.municipalityId);
	});
});
