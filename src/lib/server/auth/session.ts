import { and, eq, lt } from 'drizzle-orm';
import type { Db } from '../db';
import { membership, municipality, session, user } from '../db/schema';
import { generateToken, hashToken } from './tokens';
import type { Role } from '../../shared/roles';
import { parseRoles } from '../../shared/roles';

const DAY = 24 * 60 * 60 * 1000;
/** Sessions last 30 days and slide forward when used in their second half. */
export const SESSION_LIFETIME = 30 * DAY;
export const SESSION_COOKIE = 'fokus_session';

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

export async function createSession(db: Db, userId: string, municipalityId: string): Promise<CreatedSession> {
	const token = generateToken();
	const expiresAt = new Date(Date.now() + SESSION_LIFETIME);
	await db.insert(session).values({ id: hashToken(token), userId, municipalityId, expiresAt });
	return { token, expiresAt };
}

/**
 * Resolves a cookie token to an actor. A session is valid only while the membership it was
 * opened in is active: deactivating a member ends their sessions at once.
 */
export async function validateSessionToken(
	db: Db,
	token: string
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
	if (row.session.expiresAt.getTime() <= now || !row.membership.active) {
		await db.delete(session).where(eq(session.id, sessionId));
		return null;
	}
	let expiresAt = row.session.expiresAt;
	let renewed = false;
	if (expiresAt.getTime() - now < SESSION_LIFETIME / 2) {
		expiresAt = new Date(now + SESSION_LIFETIME);
		await db.update(session).set({ expiresAt }).where(eq(session.id, sessionId));
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
