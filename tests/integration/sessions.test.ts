import { createHash, randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { session } from '../../src/lib/server/db/schema';
import {
	createSession,
	deleteExpiredSessions,
	invalidateSession,
	invalidateUserSessions,
	SESSION_LIFETIME,
	validateSessionToken
} from '../../src/lib/server/auth/session';
import { backends, createTown, person, useTestDatabase, type Town } from '../support/db';

const DAY = 24 * 3600 * 1000;
const sha256 = (token: string) => createHash('sha256').update(token).digest('hex');

describe.each(backends)('sessions on %s', (backend) => {
	const t = useTestDatabase(backend);
	let town: Town;

	beforeAll(async () => {
		town = await createTown(t.db, {
			departments: ['Bildung'],
			people: {
				bildung: { roles: ['member'], department: 'Bildung' },
				focus: { roles: ['focus', 'admin'] },
				other: { roles: ['focus'] }
			}
		});
	});

	const rowOf = async (token: string) => (await t.db.select().from(session).where(eq(session.id, sha256(token))))[0];
	const setExpiry = (token: string, expiresAt: Date) =>
		t.db.update(session).set({ expiresAt }).where(eq(session.id, sha256(token)));

	it('resolves a new session to the person, their municipality and their membership', async () => {
		const bildung = person(town, 'bildung');
		const before = Date.now();
		const created = await createSession(t.db, bildung.userId, town.municipalityId);
		expect(created.expiresAt.getTime()).toBeGreaterThanOrEqual(before + SESSION_LIFETIME);
		expect(created.expiresAt.getTime()).toBeLessThanOrEqual(Date.now() + SESSION_LIFETIME);

		const result = await validateSessionToken(t.db, created.token);
		expect(result).not.toBeNull();
		expect(result!.renewed).toBe(false);
		expect(result!.expiresAt.getTime()).toBe(created.expiresAt.getTime());
		expect(result!.actor).toEqual({
			userId: bildung.userId,
			name: bildung.name,
			email: bildung.email,
			sessionId: sha256(created.token),
			membershipId: bildung.membershipId,
			municipalityId: town.municipalityId,
			municipalityName: town.name,
			municipalitySlug: town.slug,
			roles: ['member'],
			departmentId: town.departments.Bildung
		});
	});

	it('gives every person their own roles, in a stable order', async () => {
		const { token } = await createSession(t.db, person(town, 'focus').userId, town.municipalityId);
		const result = await validateSessionToken(t.db, token);
		expect(result!.actor.roles).toEqual(['admin', 'focus']);
		expect(result!.actor.departmentId).toBeNull();
	});

	it('stores only the SHA-256 of the token, never the token itself', async () => {
		const { token } = await createSession(t.db, person(town, 'bildung').userId, town.municipalityId);
		const row = await rowOf(token);
		expect(row!.id).toBe(sha256(token));
		expect(row!.id).toMatch(/^[0-9a-f]{64}$/);
		const everything = JSON.stringify(await t.db.select().from(session));
		expect(everything).not.toContain(token);
		expect(token).toMatch(/^[a-z2-7]{32}$/);
	});

	it('refuses an unknown token', async () => {
		expect(await validateSessionToken(t.db, randomBytes(20).toString('hex'))).toBeNull();
		expect(await validateSessionToken(t.db, '')).toBeNull();
	});

	it('slides the expiry forward when less than half the lifetime is left', async () => {
		const { token } = await createSession(t.db, person(town, 'bildung').userId, town.municipalityId);
		await setExpiry(token, new Date(Date.now() + 10 * DAY));
		const before = Date.now();
		const result = await validateSessionToken(t.db, token);
		expect(result!.renewed).toBe(true);
		expect(result!.expiresAt.getTime()).toBeGreaterThanOrEqual(before + SESSION_LIFETIME);
		const stored = await rowOf(token);
		expect(Math.abs(stored!.expiresAt.getTime() - result!.expiresAt.getTime())).toBeLessThan(1000);
		// Renewed once, it is in its first half again.
		expect((await validateSessionToken(t.db, token))!.renewed).toBe(false);
	});

	it('leaves the expiry alone while more than half the lifetime is left', async () => {
		const { token } = await createSession(t.db, person(town, 'bildung').userId, town.municipalityId);
		const expiresAt = new Date(Date.now() + 20 * DAY);
		await setExpiry(token, expiresAt);
		const result = await validateSessionToken(t.db, token);
		expect(result!.renewed).toBe(false);
		expect(result!.expiresAt.getTime()).toBe(expiresAt.getTime());
		expect((await rowOf(token))!.expiresAt.getTime()).toBe(expiresAt.getTime());
	});

	it('refuses an expired session and deletes it', async () => {
		const { token } = await createSession(t.db, person(town, 'bildung').userId, town.municipalityId);
		await setExpiry(token, new Date(Date.now() - 1000));
		expect(await rowOf(token)).toBeDefined();
		expect(await validateSessionToken(t.db, token)).toBeNull();
		expect(await rowOf(token)).toBeUndefined();
	});

	it('ends one session on sign-out and keeps the others', async () => {
		const userId = person(town, 'other').userId;
		const first = await createSession(t.db, userId, town.municipalityId);
		const second = await createSession(t.db, userId, town.municipalityId);
		await invalidateSession(t.db, sha256(first.token));
		expect(await validateSessionToken(t.db, first.token)).toBeNull();
		expect(await validateSessionToken(t.db, second.token)).not.toBeNull();
	});

	it('ends every session of one user, and only theirs', async () => {
		const userId = person(town, 'other').userId;
		const tokens = [
			(await createSession(t.db, userId, town.municipalityId)).token,
			(await createSession(t.db, userId, town.municipalityId)).token
		];
		const someoneElse = await createSession(t.db, person(town, 'bildung').userId, town.municipalityId);
		await invalidateUserSessions(t.db, userId);
		for (const token of tokens) expect(await validateSessionToken(t.db, token)).toBeNull();
		expect(await t.db.select().from(session).where(eq(session.userId, userId))).toEqual([]);
		expect(await validateSessionToken(t.db, someoneElse.token)).not.toBeNull();
	});

	it('cleans up expired sessions without touching live ones', async () => {
		const userId = person(town, 'bildung').userId;
		const expired = await createSession(t.db, userId, town.municipalityId);
		const live = await createSession(t.db, userId, town.municipalityId);
		await setExpiry(expired.token, new Date(Date.now() - DAY));
		await deleteExpiredSessions(t.db);
		expect(await rowOf(expired.token)).toBeUndefined();
		expect(await rowOf(live.token)).toBeDefined();
	});
});
