import { createHash, randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { session } from '../../src/lib/server/db/schema';
import {
	createSession,
	deleteExpiredSessions,
	invalidateSession,
	invalidateUserSessions,
	listSessions,
	validateSessionToken
} from '../../src/lib/server/auth/session';
import { endSession, signOutEverywhere } from '../../src/lib/server/members/accounts';
import { subscribe, type FokusEvent } from '../../src/lib/server/events';
import { backends, createTown, person, useTestDatabase, type Town } from '../support/db';

const HOUR = 3600 * 1000;
const DAY = 24 * HOUR;
/** The defaults: 7 days without use, 30 days after sign-in. */
const IDLE = 7 * DAY;
const MAX = 30 * DAY;
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
	/** Moves a session's sign-in and last use into the past (its stored end with them). */
	const age = (token: string, times: { createdAt: number; lastUsedAt: number }) =>
		t.db
			.update(session)
			.set({ createdAt: new Date(Date.now() - times.createdAt), lastUsedAt: new Date(Date.now() - times.lastUsedAt), expiresAt: new Date(Date.now() - times.lastUsedAt + IDLE) })
			.where(eq(session.id, sha256(token)));
	const withEnv = async (values: Record<string, string>, work: () => Promise<void>) => {
		const before = Object.fromEntries(Object.keys(values).map((key) => [key, process.env[key]]));
		Object.assign(process.env, values);
		try {
			await work();
		} finally {
			for (const [key, value] of Object.entries(before)) {
				if (value === undefined) delete process.env[key];
				else process.env[key] = value;
			}
		}
	};

	it('resolves a new session to the person, their municipality and their membership', async () => {
		const bildung = person(town, 'bildung');
		const before = Date.now();
		const created = await createSession(t.db, bildung.userId, town.municipalityId);
		expect(created.expiresAt.getTime()).toBeGreaterThanOrEqual(before + IDLE);
		expect(created.expiresAt.getTime()).toBeLessThanOrEqual(Date.now() + IDLE);

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

	it('records each use at most once a minute, and moves the idle end with it', async () => {
		const { token } = await createSession(t.db, person(town, 'bildung').userId, town.municipalityId);
		const fresh = await rowOf(token);
		// Used again within the minute: nothing is written, the cookie stays.
		expect((await validateSessionToken(t.db, token))!.renewed).toBe(false);
		expect((await rowOf(token))!.lastUsedAt.getTime()).toBe(fresh!.lastUsedAt.getTime());

		await age(token, { createdAt: 3 * DAY, lastUsedAt: 2 * DAY });
		const before = Date.now();
		const result = await validateSessionToken(t.db, token);
		expect(result!.renewed).toBe(true);
		expect(result!.expiresAt.getTime()).toBeGreaterThanOrEqual(before + IDLE);
		const stored = await rowOf(token);
		expect(stored!.lastUsedAt.getTime()).toBeGreaterThanOrEqual(before - 1000);
		expect(Math.abs(stored!.expiresAt.getTime() - result!.expiresAt.getTime())).toBeLessThan(1000);
	});

	it('ends a session left unused for the idle time, and deletes it', async () => {
		const { token } = await createSession(t.db, person(town, 'bildung').userId, town.municipalityId);
		await age(token, { createdAt: 8 * DAY, lastUsedAt: 7 * DAY + HOUR });
		// The stored end is a day ahead (as written under a longer setting); the idle time decides.
		await setExpiry(token, new Date(Date.now() + DAY));
		expect(await validateSessionToken(t.db, token)).toBeNull();
		expect(await rowOf(token)).toBeUndefined();
	});

	it('ends a session at its absolute lifetime however much it is used', async () => {
		const { token } = await createSession(t.db, person(town, 'bildung').userId, town.municipalityId);
		await age(token, { createdAt: MAX - HOUR, lastUsedAt: 2 * HOUR });
		const result = await validateSessionToken(t.db, token);
		// Used now, it may still only live until 30 days after sign-in.
		expect(result!.expiresAt.getTime()).toBeLessThanOrEqual(Date.now() + HOUR);
		expect(result!.expiresAt.getTime()).toBeGreaterThan(Date.now() + HOUR - 60_000);
		await age(token, { createdAt: MAX + 1000, lastUsedAt: 60_000 });
		expect(await validateSessionToken(t.db, token)).toBeNull();
	});

	it('applies shorter settings to sessions already open', async () => {
		const { token } = await createSession(t.db, person(town, 'bildung').userId, town.municipalityId);
		await age(token, { createdAt: 3 * HOUR, lastUsedAt: 3 * HOUR });
		await withEnv({ SESSION_IDLE_HOURS: '2' }, async () => {
			expect(await validateSessionToken(t.db, token)).toBeNull();
		});
		const other = await createSession(t.db, person(town, 'bildung').userId, town.municipalityId);
		await age(other.token, { createdAt: 2 * DAY, lastUsedAt: 60_000 });
		await withEnv({ SESSION_MAX_DAYS: '1' }, async () => {
			expect(await validateSessionToken(t.db, other.token)).toBeNull();
		});
		await withEnv({ SESSION_IDLE_HOURS: 'soon' }, async () => {
			await expect(createSession(t.db, person(town, 'bildung').userId, town.municipalityId)).rejects.toThrow(/SESSION_IDLE_HOURS/);
		});
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

	describe('on the account page', () => {
		const heard: FokusEvent[] = [];
		let stop = () => {};
		beforeAll(() => {
			stop = subscribe((event) => heard.push(event));
			return () => stop();
		});
		const chrome = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
		const phone = 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1';

		it('lists a person’s own live sessions, the one in use marked, the latest used first', async () => {
			const userId = person(town, 'other').userId;
			await invalidateUserSessions(t.db, userId);
			const desk = await createSession(t.db, userId, town.municipalityId, { userAgent: chrome });
			const mobile = await createSession(t.db, userId, town.municipalityId, { userAgent: phone });
			const stale = await createSession(t.db, userId, town.municipalityId, { userAgent: 'x'.repeat(1000) });
			await age(desk.token, { createdAt: 2 * DAY, lastUsedAt: DAY });
			await age(stale.token, { createdAt: 9 * DAY, lastUsedAt: 8 * DAY });
			await createSession(t.db, person(town, 'bildung').userId, town.municipalityId, { userAgent: chrome });

			const actor = (await validateSessionToken(t.db, mobile.token))!.actor;
			const listed = await listSessions(t.db, actor);
			expect(listed.map((s) => [s.userAgent, s.current, s.method, s.municipalityName])).toEqual([
				[phone, true, 'password', town.name],
				[chrome, false, 'password', town.name]
			]);
			expect(listed[0]!.publicId).toMatch(/^[0-9a-f-]{36}$/);
			expect(JSON.stringify(listed)).not.toContain(sha256(mobile.token));
			// A long header is kept short.
			expect((await t.db.select().from(session).where(eq(session.id, sha256(stale.token))))[0]!.userAgent).toHaveLength(300);
		});

		it('ends another of one’s sessions, tells its sockets, and keeps this one', async () => {
			const userId = person(town, 'other').userId;
			const desk = await createSession(t.db, userId, town.municipalityId, { userAgent: chrome });
			const mobile = await createSession(t.db, userId, town.municipalityId, { userAgent: phone });
			const actor = (await validateSessionToken(t.db, mobile.token))!.actor;
			const target = (await listSessions(t.db, actor)).find((s) => s.userAgent === chrome && !s.current)!;
			heard.length = 0;
			expect(await endSession(t.db, actor, target.publicId)).toBe('other');
			expect(await validateSessionToken(t.db, desk.token)).toBeNull();
			expect(await validateSessionToken(t.db, mobile.token)).not.toBeNull();
			expect(heard).toContainEqual({ type: 'access-changed', userIds: [userId], municipalityId: town.municipalityId });
			// Ended already: nothing happens, and nothing is announced.
			heard.length = 0;
			expect(await endSession(t.db, actor, target.publicId)).toBeUndefined();
			expect(heard).toEqual([]);
			// The one in use: that is signing out.
			const current = (await listSessions(t.db, actor)).find((s) => s.current)!;
			expect(await endSession(t.db, actor, current.publicId)).toBe('current');
			expect(await validateSessionToken(t.db, mobile.token)).toBeNull();
		});

		it('never ends someone else’s session, whatever id is sent', async () => {
			const mine = await createSession(t.db, person(town, 'other').userId, town.municipalityId);
			const theirs = await createSession(t.db, person(town, 'bildung').userId, town.municipalityId);
			const actor = (await validateSessionToken(t.db, mine.token))!.actor;
			const theirActor = (await validateSessionToken(t.db, theirs.token))!.actor;
			const theirId = (await listSessions(t.db, theirActor)).find((s) => s.current)!.publicId;
			for (const id of [theirId, 'not-a-uuid', '', sha256(theirs.token)]) expect(await endSession(t.db, actor, id)).toBeUndefined();
			expect(await validateSessionToken(t.db, theirs.token)).not.toBeNull();
		});

		it('signs out on all devices: every session of the person ends, and only theirs', async () => {
			const userId = person(town, 'other').userId;
			const tokens = [(await createSession(t.db, userId, town.municipalityId)).token, (await createSession(t.db, userId, town.municipalityId)).token];
			const someoneElse = await createSession(t.db, person(town, 'bildung').userId, town.municipalityId);
			const actor = (await validateSessionToken(t.db, tokens[0]!))!.actor;
			heard.length = 0;
			await signOutEverywhere(t.db, actor);
			for (const token of tokens) expect(await validateSessionToken(t.db, token)).toBeNull();
			expect(await validateSessionToken(t.db, someoneElse.token)).not.toBeNull();
			expect(heard).toContainEqual({ type: 'access-changed', userIds: [userId], municipalityId: town.municipalityId });
		});
	});
});
