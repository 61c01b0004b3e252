import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../db';
import { department, membership, passwordReset, user } from '../db/schema';
import { home, requireCan } from '../access/rules';
import { invalidateMembershipSessions, type Actor } from '../auth/session';
import { publish } from '../events';
import { generateToken, hashToken } from '../auth/tokens';
import { linkLifetimeHours } from '../config';
import { Check, isUuid } from '../validation';
import { isRole, parseRoles, type Role } from '../../shared/roles';

export interface MemberRow {
	membershipId: string;
	userId: string;
	name: string;
	email: string;
	roles: Role[];
	departmentId: string | null;
	departmentName: string | null;
	active: boolean;
}

/** Everyone in the actor's municipality; every member may read it. */
export async function listMembers(db: Db, actor: Actor): Promise<MemberRow[]> {
	requireCan(actor, 'read', home(actor));
	const rows = await db
		.select({
			membershipId: membership.id,
			userId: user.id,
			name: user.name,
			email: user.email,
			roles: membership.roles,
			departmentId: membership.departmentId,
			departmentName: department.name,
			active: membership.active
		})
		.from(membership)
		.innerJoin(user, eq(user.id, membership.userId))
		.leftJoin(department, eq(department.id, membership.departmentId))
		.where(eq(membership.municipalityId, actor.municipalityId))
		.orderBy(asc(user.name));
	return rows.map((row) => ({ ...row, roles: parseRoles(row.roles) }));
}

async function findMembership(db: Db, actor: Actor, membershipId: string) {
	if (!isUuid(membershipId)) return undefined;
	const [row] = await db
		.select()
		.from(membership)
		.where(and(eq(membership.id, membershipId), eq(membership.municipalityId, actor.municipalityId)));
	return row;
}

/** Validates a role set and its department (department staff and heads need one). */
export async function checkRolesAndDepartment(
	db: Db,
	municipalityId: string,
	check: Check,
	rawRoles: readonly string[],
	departmentId: string | null
): Promise<Role[]> {
	const roles = parseRoles(rawRoles.filter(isRole));
	check.when(roles.length === 0, 'roles', 'error_roles_required');
	if (departmentId) {
		const [found] = isUuid(departmentId)
			? await db
					.select({ id: department.id })
					.from(department)
					.where(and(eq(department.id, departmentId), eq(department.municipalityId, municipalityId)))
			: [];
		check.when(!found, 'departmentId', 'error_department_unknown');
	}
	check.when(
		!departmentId && (roles.includes('member') || roles.includes('head')),
		'departmentId',
		'error_department_required'
	);
	return roles;
}

/** Changes a member's roles and department (admins only). An admin cannot remove their own admin role. */
export async function updateMember(
	db: Db,
	actor: Actor,
	input: { membershipId: string; roles: string[]; departmentId: string | null }
): Promise<void> {
	requireCan(actor, 'manageMembers', home(actor));
	const target = await findMembership(db, actor, input.membershipId);
	const check = new Check();
	if (!target) check.add('membershipId', 'error_member_unknown');
	const roles = await checkRolesAndDepartment(db, actor.municipalityId, check, input.roles, input.departmentId);
	check.when(target?.id === actor.membershipId && !roles.includes('admin'), 'roles', 'error_cannot_drop_own_admin');
	check.throwIfAny();
	await db
		.update(membership)
		.set({ roles, departmentId: input.departmentId })
		.where(eq(membership.id, input.membershipId));
	// Open documents re-check what this person may still do.
	publish({ type: 'access-changed', userIds: [target!.userId], municipalityId: actor.municipalityId });
}

/** Deactivates or reactivates a member; deactivation ends their sessions at once. */
export async function setMemberActive(
	db: Db,
	actor: Actor,
	input: { membershipId: string; active: boolean }
): Promise<void> {
	requireCan(actor, 'manageMembers', home(actor));
	const target = await findMembership(db, actor, input.membershipId);
	const check = new Check();
	if (!target) check.add('membershipId', 'error_member_unknown');
	check.when(target?.id === actor.membershipId, 'membershipId', 'error_cannot_deactivate_self');
	check.throwIfAny();
	await db.update(membership).set({ active: input.active }).where(eq(membership.id, input.membershipId));
	if (!input.active && target) {
		await invalidateMembershipSessions(db, target.userId, actor.municipalityId);
		publish({ type: 'access-changed', userIds: [target.userId], municipalityId: actor.municipalityId });
	}
}

/** Issues a single-use, expiring password-reset link for a member; returns the token to show once. */
export async function createPasswordResetLink(
	db: Db,
	actor: Actor,
	input: { membershipId: string }
): Promise<{ token: string; expiresAt: Date }> {
	requireCan(actor, 'manageMembers', home(actor));
	const target = await findMembership(db, actor, input.membershipId);
	const check = new Check();
	if (!target) check.add('membershipId', 'error_member_unknown');
	// An admin of one municipality must not take over an account that also belongs to another.
	const others = target
		? await db.select({ id: membership.id }).from(membership).where(eq(membership.userId, target.userId))
		: [];
	check.when(others.length > 1, 'membershipId', 'error_reset_shared_account');
	check.throwIfAny();
	const token = generateToken();
	const expiresAt = new Date(Date.now() + linkLifetimeHours().reset * 3600_000);
	await db.insert(passwordReset).values({
		tokenHash: hashToken(token),
		userId: target!.userId,
		municipalityId: actor.municipalityId,
		createdBy: actor.userId,
		expiresAt
	});
	return { token, expiresAt };
}

/** One member with what an admin needs to edit them; undefined when not in this municipality. */
export async function getMemberForAdmin(db: Db, actor: Actor, membershipId: string): Promise<MemberRow | undefined> {
	requireCan(actor, 'manageMembers', home(actor));
	const members = await listMembers(db, actor);
	return members.find((member) => member.membershipId === membershipId);
}
