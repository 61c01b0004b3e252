import { and, desc, eq, isNull } from 'drizzle-orm';
import type { Db } from '../db';
import { department, invitation, membership, municipality, user } from '../db/schema';
import { home, requireCan } from '../access/rules';
import { hashPassword, verifyPassword } from '../auth/password';
import { createSession, type Actor, type CreatedSession, type SessionDevice } from '../auth/session';
import { generateToken, hashToken } from '../auth/tokens';
import { linkLifetimeHours } from '../config';
import { checkNewPassword } from './accounts';
import { checkRolesAndDepartment } from './members';
import { Check, isEmail, isUuid, normaliseEmail } from '../validation';
import { parseRoles, type Role } from '../../shared/roles';

export type InvitationState = 'open' | 'used' | 'expired' | 'revoked';

export interface InvitationRow {
	id: string;
	note: string;
	roles: Role[];
	departmentName: string | null;
	createdAt: Date;
	expiresAt: Date;
	state: InvitationState;
}

function stateOf(row: { usedAt: Date | null; revokedAt: Date | null; expiresAt: Date }): InvitationState {
	if (row.usedAt) return 'used';
	if (row.revokedAt) return 'revoked';
	return row.expiresAt.getTime() <= Date.now() ? 'expired' : 'open';
}

export async function listInvitations(db: Db, actor: Actor): Promise<InvitationRow[]> {
	requireCan(actor, 'manageMembers', home(actor));
	const rows = await db
		.select({
			id: invitation.id,
			note: invitation.note,
			roles: invitation.roles,
			departmentName: department.name,
			createdAt: invitation.createdAt,
			expiresAt: invitation.expiresAt,
			usedAt: invitation.usedAt,
			revokedAt: invitation.revokedAt
		})
		.from(invitation)
		.leftJoin(department, eq(department.id, invitation.departmentId))
		.where(eq(invitation.municipalityId, actor.municipalityId))
		.orderBy(desc(invitation.createdAt));
	return rows.map(({ usedAt, revokedAt, ...row }) => ({
		...row,
		roles: parseRoles(row.roles),
		state: stateOf({ usedAt, revokedAt, expiresAt: row.expiresAt })
	}));
}

/** Creates an invitation link; the token is returned once, to be shown and copied. */
export async function createInvitation(
	db: Db,
	actor: Actor,
	input: { roles: string[]; departmentId: string | null; note: string }
): Promise<{ token: string; expiresAt: Date }> {
	requireCan(actor, 'manageMembers', home(actor));
	const check = new Check();
	const roles = await checkRolesAndDepartment(db, actor.municipalityId, check, input.roles, input.departmentId);
	const note = input.note.trim();
	check.when(note.length > 200, 'note', 'error_note_too_long');
	check.throwIfAny();
	const token = generateToken();
	const expiresAt = new Date(Date.now() + linkLifetimeHours().invitation * 3600_000);
	await db.insert(invitation).values({
		tokenHash: hashToken(token),
		municipalityId: actor.municipalityId,
		roles,
		departmentId: input.departmentId,
		note,
		createdBy: actor.userId,
		expiresAt
	});
	return { token, expiresAt };
}

export async function revokeInvitation(db: Db, actor: Actor, input: { id: string }): Promise<void> {
	requireCan(actor, 'manageMembers', home(actor));
	// Only an open invitation of this municipality can be revoked; anything else says so.
	const revoked = isUuid(input.id)
		? await db
				.update(invitation)
				.set({ revokedAt: new Date() })
				.where(
					and(
						eq(invitation.id, input.id),
						eq(invitation.municipalityId, actor.municipalityId),
						isNull(invitation.usedAt),
						isNull(invitation.revokedAt)
					)
				)
				.returning({ id: invitation.id })
		: [];
	if (revoked.length === 0) new Check().add('id', 'error_invitation_not_open').throwIfAny();
}

/** An open invitation for a token, with the municipality it leads into; undefined otherwise. */
export async function findOpenInvitation(db: Db, token: string) {
	const [row] = await db
		.select({
			id: invitation.id,
			municipalityId: invitation.municipalityId,
			municipalityName: municipality.name,
			roles: invitation.roles,
			departmentId: invitation.departmentId,
			usedAt: invitation.usedAt,
			revokedAt: invitation.revokedAt,
			expiresAt: invitation.expiresAt
		})
		.from(invitation)
		.innerJoin(municipality, eq(municipality.id, invitation.municipalityId))
		.where(eq(invitation.tokenHash, hashToken(token)));
	if (!row || stateOf(row) !== 'open') return undefined;
	return { ...row, roles: parseRoles(row.roles) };
}

/**
 * Joins a municipality through an invitation: a new account, or an existing one proven by its
 * password. The invitation is claimed inside the transaction, so it works exactly once.
 */
export async function acceptInvitation(
	db: Db,
	token: string,
	input: { name: string; email: string; password: string; passwordRepeat: string },
	device: SessionDevice = {}
): Promise<CreatedSession | undefined> {
	const open = await findOpenInvitation(db, token);
	if (!open) return undefined;
	const email = normaliseEmail(input.email);
	const name = input.name.trim();
	const check = new Check();
	check.when(!isEmail(email), 'email', 'error_email_invalid');
	const [existing] = check.ok ? await db.select().from(user).where(eq(user.email, email)) : [];
	if (existing) {
		if (!(await verifyPassword(existing.passwordHash, input.password))) check.add('password', 'error_join_existing_password');
		const [already] = await db
			.select({ id: membership.id })
			.from(membership)
			.where(and(eq(membership.userId, existing.id), eq(membership.municipalityId, open.municipalityId)));
		check.when(Boolean(already), 'email', 'error_join_already_member');
	} else {
		check.when(name.length === 0, 'name', 'error_name_required');
		check.when(name.length > 120, 'name', 'error_name_too_long');
		checkNewPassword(check, input.password, input.passwordRepeat);
	}
	check.throwIfAny();
	const passwordHash = existing ? undefined : await hashPassword(input.password);
	const userId = await db.transaction(async (tx) => {
		const claimed = await tx
			.update(invitation)
			.set({ usedAt: new Date() })
			.where(and(eq(invitation.id, open.id), isNull(invitation.usedAt), isNull(invitation.revokedAt)))
			.returning({ id: invitation.id });
		if (claimed.length === 0) return undefined;
		const id =
			existing?.id ??
			(await tx.insert(user).values({ email, name, passwordHash: passwordHash! }).returning({ id: user.id }))[0]!.id;
		await tx.insert(membership).values({
			userId: id,
			municipalityId: open.municipalityId,
			roles: open.roles,
			departmentId: open.departmentId
		});
		await tx.update(invitation).set({ usedBy: id }).where(eq(invitation.id, open.id));
		return id;
	});
	if (!userId) return undefined;
	return createSession(db, userId, open.municipalityId, device);
}
