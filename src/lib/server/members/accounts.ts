import { and, eq, isNull } from 'drizzle-orm';
import { inTransaction, type Db } from '../db';
import { membership, municipality, passwordReset, user } from '../db/schema';
import { hashPassword, MIN_PASSWORD_LENGTH, verifyAgainstDummy, verifyPassword } from '../auth/password';
import { clearAccountFailures, isLoginBlocked, recordLoginFailure } from '../auth/rate-limit';
import { createSession, endOwnSession, invalidateSession, invalidateUserSessions, type Actor, type CreatedSession, type SessionDevice } from '../auth/session';
import { publish } from '../events';
import { hashToken } from '../auth/tokens';
import type { LoginLimits } from '../config';
import { Check, normaliseEmail } from '../validation';

export type SignInResult =
	| { ok: true; session: CreatedSession; userId: string }
	| { ok: false; reason: 'invalid' | 'blocked' | 'noMembership' };

/**
 * Email + password sign-in, rate-limited per account and per address. The answer never says
 * whether the email exists; an unknown email costs as much time as a wrong password.
 */
export async function signIn(
	db: Db,
	limits: LoginLimits,
	input: { email: string; password: string; address: string; userAgent?: string | null }
): Promise<SignInResult> {
	const email = normaliseEmail(input.email);
	if (await isLoginBlocked(db, limits, email, input.address)) return { ok: false, reason: 'blocked' };
	const [account] = await db.select().from(user).where(eq(user.email, email));
	const valid = account
		? await verifyPassword(account.passwordHash, input.password)
		: await verifyAgainstDummy(input.password);
	if (!account || !valid) {
		await recordLoginFailure(db, limits, email, input.address);
		return { ok: false, reason: 'invalid' };
	}
	// Open the session in the first active membership; a person in several municipalities can switch.
	const [first] = await db
		.select({ municipalityId: membership.municipalityId })
		.from(membership)
		.innerJoin(municipality, eq(municipality.id, membership.municipalityId))
		.where(and(eq(membership.userId, account.id), eq(membership.active, true)))
		.orderBy(municipality.name);
	if (!first) {
		await recordLoginFailure(db, limits, email, input.address);
		return { ok: false, reason: 'invalid' };
	}
	await clearAccountFailures(db, email);
	return { ok: true, session: await createSession(db, account.id, first.municipalityId, { userAgent: input.userAgent }), userId: account.id };
}

/** Checks a new password and its repetition; the same rules everywhere a password is set. */
export function checkNewPassword(check: Check, password: string, repeat: string, field = 'password'): void {
	check.when(password.length < MIN_PASSWORD_LENGTH, field, 'error_password_too_short');
	check.when(password.length > 1000, field, 'error_password_too_long');
	check.when(password !== repeat, `${field}Repeat`, 'error_password_mismatch');
}

/**
 * Changes the actor's own password. Every session of the user ends (on every device); the
 * caller receives a fresh session for the device that made the change.
 */
export async function changePassword(
	db: Db,
	actor: Actor,
	input: { current: string; password: string; passwordRepeat: string },
	device: SessionDevice = {}
): Promise<CreatedSession> {
	const check = new Check();
	const [account] = await db.select().from(user).where(eq(user.id, actor.userId));
	if (!account || !(await verifyPassword(account.passwordHash, input.current))) {
		check.add('current', 'error_current_password_wrong');
	}
	checkNewPassword(check, input.password, input.passwordRepeat);
	check.throwIfAny();
	await setPassword(db, actor.userId, input.password);
	return createSession(db, actor.userId, actor.municipalityId, device);
}

/** Sets a password and ends all sessions of that user. */
export async function setPassword(db: Db, userId: string, password: string): Promise<void> {
	const passwordHash = await hashPassword(password);
	await db.update(user).set({ passwordHash, passwordChangedAt: new Date() }).where(eq(user.id, userId));
	await invalidateUserSessions(db, userId);
	publish({ type: 'access-changed', userIds: [userId], municipalityId: '' });
}

/** Ends this session; the person's open documents on this device close at once. */
export async function signOut(db: Db, actor: Actor): Promise<void> {
	await invalidateSession(db, actor.sessionId);
	publish({ type: 'access-changed', userIds: [actor.userId], municipalityId: actor.municipalityId });
}

/**
 * Ends one of the actor's sessions from the account page (a lost phone, a shared computer): its
 * open pages and sockets are checked again and closed. Says whether it was the one in use (then
 * this is signing out), another, or none (it had ended already, or is not theirs).
 */
export async function endSession(db: Db, actor: Actor, publicId: string): Promise<'current' | 'other' | undefined> {
	const ended = await endOwnSession(db, actor, publicId);
	if (ended) publish({ type: 'access-changed', userIds: [actor.userId], municipalityId: actor.municipalityId });
	return ended;
}

/** "Abmelden auf allen Geräten": every session of the actor ends, this one included. */
export async function signOutEverywhere(db: Db, actor: Actor): Promise<void> {
	await invalidateUserSessions(db, actor.userId);
	publish({ type: 'access-changed', userIds: [actor.userId], municipalityId: actor.municipalityId });
}

/** Looks up an unused, unexpired reset link; undefined for anything else. */
export async function findPasswordReset(db: Db, token: string) {
	const [row] = await db
		.select({ id: passwordReset.id, userId: passwordReset.userId, expiresAt: passwordReset.expiresAt, usedAt: passwordReset.usedAt, email: user.email, name: user.name })
		.from(passwordReset)
		.innerJoin(user, eq(user.id, passwordReset.userId))
		.where(eq(passwordReset.tokenHash, hashToken(token)));
	if (!row || row.usedAt || row.expiresAt.getTime() <= Date.now()) return undefined;
	return row;
}

/** Uses a reset link once: sets the new password and ends every session of the user. */
export async function resetPassword(
	db: Db,
	token: string,
	input: { password: string; passwordRepeat: string }
): Promise<boolean> {
	const check = new Check();
	checkNewPassword(check, input.password, input.passwordRepeat);
	check.throwIfAny();
	return inTransaction(db, async (tx) => {
		const reset = await findPasswordReset(tx, token);
		if (!reset) return false;
		// Claim the link first; a second use in a race finds it used.
		const claimed = await tx
			.update(passwordReset)
			.set({ usedAt: new Date() })
			.where(and(eq(passwordReset.id, reset.id), isNull(passwordReset.usedAt)))
			.returning({ id: passwordReset.id });
		if (claimed.length === 0) return false;
		await setPassword(tx, reset.userId, input.password);
		return true;
	});
}
