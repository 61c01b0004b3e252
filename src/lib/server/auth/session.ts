import { and, desc, eq, lt } from 'drizzle-orm';
import type { Db } from '../db';
import { membership, municipality, session, user } from '../db/schema';
import { generateToken, hashToken } from './tokens';
import type { Role } from '../../shared/roles';
import { parseRoles } from '../../shared/roles';
import { sessionLimits } from '../config';
import { isUuid } from '../../shared/documents';

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;
/** Last use is written at most this often: a write per request would cost more than it tells. */
const TOUCH_INTERVAL = 60 * 1000;
export const SESSION_COOKIE = 'fokus_session';

/** When a session used last at `lastUsedAt` and opened at `createdAt` ends under the current settings. */
function endOf(createdAt: Date, lastUsedAt: Date): Date {
	const { idleHours, maxDays } = sessionLimits();
	return new Date(Math.min(lastUsedAt.getTime() + idleHours * HOUR, createdAt.getTime() + maxDays * DAY));
}

/** Who is signed in, in which municipality, with which roles. */
export interface Actor {
	userId: string;
	name: string;
	email: string;
	sessionId: string;
	membershipId: string;
	municipalityId: string;
	municipalityName: string;
	municipalitySlug: string;
	roles: Role[];
	departmentId: string | null;
}

export interface CreatedSession {
	token: string;
	expiresAt: Date;
}

/** Where a session was opened: the browser's User-Agent (kept to 300 characters). */
export interface SessionDevice {
	userAgent?: string | null;
}

export async function createSession(db: Db, userId: string, municipalityId: string, device: SessionDevice = {}): Promise<CreatedSession> {
	const token = generateToken();
	const now = new Date();
	const expiresAt = endOf(now, now);
	const userAgent = device.userAgent ? device.userAgent.slice(0, 300) : null;
	await db.insert(session).values({ id: hashToken(token), userId, municipalityId, expiresAt, createdAt: now, lastUsedAt: now, userAgent, method: 'password' });
	return { token, expiresAt };
}

/**
 * Resolves a cookie token to an actor. A session is valid only while the membership it was
 * opened in is active: deactivating a member ends their sessions at once. A request counts as
 * use (`touch`); the sync server's checks of a socket do not, so a goal left open on a shared
 * computer still ends after the idle time.
 */
export async function validateSessionToken(
	db: Db,
	token: string,
	{ touch = true }: { touch?: boolean } = {}
): Promise<{ actor: Actor; expiresAt: Date; renewed: boolean } | null> {
	const sessionId = hashToken(token);
	const [row] = await db
		.select({
			session,
			user: { id: user.id, name: user.name, email: user.email },
			membership: { id: membership.id, roles: membership.roles, departmentId: membership.departmentId, active: membership.active },
			municipality: { id: municipality.id, name: municipality.name, slug: municipality.slug }
		})
		.from(session)
		.innerJoin(user, eq(user.id, session.userId))
		.innerJoin(municipality, eq(municipality.id, session.municipalityId))
		.innerJoin(
			membership,
			and(eq(membership.userId, session.userId), eq(membership.municipalityId, session.municipalityId))
		)
		.where(eq(session.id, sessionId));
	if (!row) return null;
	const now = Date.now();
	const { createdAt, lastUsedAt } = row.session;
	const ended = Math.min(row.session.expiresAt.getTime(), endOf(createdAt, lastUsedAt).getTime()) <= now;
	if (ended || !row.membership.active) {
		await db.delete(session).where(eq(session.id, sessionId));
		return null;
	}
	let expiresAt = row.session.expiresAt;
	let renewed = false;
	// Each use moves the idle end forward (up to the absolute end); the cookie follows.
	if (touch && now - lastUsedAt.getTime() >= TOUCH_INTERVAL) {
		const used = new Date(now);
		expiresAt = endOf(createdAt, used);
		await db.update(session).set({ lastUsedAt: used, expiresAt }).where(eq(session.id, sessionId));
		renewed = true;
	}
	return {
		actor: {
			userId: row.user.id,
			name: row.user.name,
			email: row.user.email,
			sessionId,
			membershipId: row.membership.id,
			municipalityId: row.municipality.id,
			municipalityName: row.municipality.name,
			municipalitySlug: row.municipality.slug,
			roles: parseRoles(row.membership.roles),
			departmentId: row.membership.departmentId
		},
		expiresAt,
		renewed
	};
}

export async function invalidateSession(db: Db, sessionId: string): Promise<void> {
	await db.delete(session).where(eq(session.id, sessionId));
}

/** Ends every session of a user, e.g. after a password change. */
export async function invalidateUserSessions(db: Db, userId: string): Promise<void> {
	await db.delete(session).where(eq(session.userId, userId));
}

/** Ends a user's sessions in one municipality, e.g. when their membership is deactivated. */
export async function invalidateMembershipSessions(db: Db, userId: string, municipalityId: string): Promise<void> {
	await db.delete(session).where(and(eq(session.userId, userId), eq(session.municipalityId, municipalityId)));
}

export async function deleteExpiredSessions(db: Db): Promise<void> {
	await db.delete(session).where(lt(session.expiresAt, new Date()));
}

/** One of a person's sessions as the account page lists it. */
export interface SessionListing {
	publicId: string;
	municipalityName: string;
	userAgent: string | null;
	method: 'password';
	createdAt: Date;
	lastUsedAt: Date;
	current: boolean;
}

/** The actor's open sessions, in every municipality they belong to, the latest used first. */
export async function listSessions(db: Db, actor: Actor): Promise<SessionListing[]> {
	const rows = await db
		.select({
			id: session.id,
			publicId: session.publicId,
			municipalityName: municipality.name,
			userAgent: session.userAgent,
			method: session.method,
			createdAt: session.createdAt,
			lastUsedAt: session.lastUsedAt,
			expiresAt: session.expiresAt
		})
		.from(session)
		.innerJoin(municipality, eq(municipality.id, session.municipalityId))
		.where(eq(session.userId, actor.userId))
		.orderBy(desc(session.lastUsedAt), desc(session.createdAt));
	const now = Date.now();
	return rows
		.filter((row) => row.id === actor.sessionId || Math.min(row.expiresAt.getTime(), endOf(row.createdAt, row.lastUsedAt).getTime()) > now)
		.map(({ id, expiresAt: _expiresAt, ...row }) => ({ ...row, current: id === actor.sessionId }));
}

/** Ends one of the actor's own sessions, named by its public id: which one it was, if any. */
export async function endOwnSession(db: Db, actor: Actor, publicId: string): Promise<'current' | 'other' | undefined> {
	if (!isUuid(publicId)) return undefined;
	const [ended] = await db
		.delete(session)
		.where(and(eq(session.publicId, publicId), eq(session.userId, actor.userId)))
		.returning({ id: session.id });
	if (!ended) return undefined;
	return ended.id === actor.sessionId ? 'current' : 'other';
}
