import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db';
import { department, membership, tandem, tandemMember, user } from '../db/schema';
import { home, requireCan } from '../access/rules';
import type { Actor } from '../auth/session';
import { publish } from '../events';
import { Check, isUuid } from '../validation';
import { parseRoles, type Role } from '../../shared/roles';

export interface TandemPerson {
	membershipId: string;
	name: string;
	roles: Role[];
	departmentId: string | null;
}

export interface TandemRow {
	id: string;
	name: string;
	departmentId: string;
	departmentName: string;
	people: TandemPerson[];
}

/** All tandems of the actor's municipality with their people. */
export async function listTandems(db: Db, actor: Actor): Promise<TandemRow[]> {
	requireCan(actor, 'read', home(actor));
	const tandems = await db
		.select({ id: tandem.id, name: tandem.name, departmentId: tandem.departmentId, departmentName: department.name })
		.from(tandem)
		.innerJoin(department, eq(department.id, tandem.departmentId))
		.where(eq(tandem.municipalityId, actor.municipalityId))
		.orderBy(asc(department.name), asc(tandem.name));
	if (tandems.length === 0) return [];
	const people = await db
		.select({
			tandemId: tandemMember.tandemId,
			membershipId: membership.id,
			name: user.name,
			roles: membership.roles,
			departmentId: membership.departmentId
		})
		.from(tandemMember)
		.innerJoin(membership, eq(membership.id, tandemMember.membershipId))
		.innerJoin(user, eq(user.id, membership.userId))
		.where(inArray(tandemMember.tandemId, tandems.map((t) => t.id)))
		.orderBy(asc(user.name));
	return tandems.map((t) => ({
		...t,
		people: people
			.filter((p) => p.tandemId === t.id)
			.map(({ tandemId: _, roles, ...p }) => ({ ...p, roles: parseRoles(roles) }))
	}));
}

interface TandemInput {
	name: string;
	departmentId: string;
	membershipIds: string[];
}

/**
 * A tandem is a department and two or more people, at least one of the integration office
 * (`focus`) and at least one of the department itself.
 */
async function checkTandem(db: Db, actor: Actor, input: TandemInput): Promise<{ name: string; membershipIds: string[] }> {
	const check = new Check();
	const name = input.name.trim();
	check.when(name.length === 0, 'name', 'error_name_required');
	check.when(name.length > 120, 'name', 'error_name_too_long');
	const [dept] = isUuid(input.departmentId)
		? await db
				.select({ id: department.id })
				.from(department)
				.where(and(eq(department.id, input.departmentId), eq(department.municipalityId, actor.municipalityId)))
		: [];
	check.when(!dept, 'departmentId', 'error_department_unknown');
	const ids = [...new Set(input.membershipIds)];
	const people = ids.length && ids.every(isUuid)
		? await db
				.select({ id: membership.id, roles: membership.roles, departmentId: membership.departmentId })
				.from(membership)
				.where(
					and(
						inArray(membership.id, ids),
						eq(membership.municipalityId, actor.municipalityId),
						eq(membership.active, true)
					)
				)
		: [];
	check.when(people.length !== ids.length, 'membershipIds', 'error_member_unknown');
	check.when(people.length < 2, 'membershipIds', 'error_tandem_two_people');
	check.when(!people.some((p) => p.roles.includes('focus')), 'membershipIds', 'error_tandem_needs_focus');
	check.when(
		!people.some(
			(p) => p.departmentId === input.departmentId && (p.roles.includes('member') || p.roles.includes('head'))
		),
		'membershipIds',
		'error_tandem_needs_department_member'
	);
	check.throwIfAny();
	return { name, membershipIds: ids };
}

export async function createTandem(db: Db, actor: Actor, input: TandemInput): Promise<string> {
	requireCan(actor, 'formTandem', home(actor));
	const { name, membershipIds } = await checkTandem(db, actor, input);
	return db.transaction(async (tx) => {
		const [row] = await tx
			.insert(tandem)
			.values({ municipalityId: actor.municipalityId, departmentId: input.departmentId, name })
			.returning({ id: tandem.id });
		await tx.insert(tandemMember).values(membershipIds.map((membershipId) => ({ tandemId: row!.id, membershipId })));
		return row!.id;
	});
}

export async function updateTandem(db: Db, actor: Actor, input: TandemInput & { id: string }): Promise<void> {
	requireCan(actor, 'formTandem', home(actor));
	const [existing] = isUuid(input.id)
		? await db
				.select({ id: tandem.id })
				.from(tandem)
				.where(and(eq(tandem.id, input.id), eq(tandem.municipalityId, actor.municipalityId)))
		: [];
	if (!existing) new Check().add('id', 'error_tandem_unknown').throwIfAny();
	const { name, membershipIds } = await checkTandem(db, actor, input);
	await db.transaction(async (tx) => {
		await tx.update(tandem).set({ name, departmentId: input.departmentId }).where(eq(tandem.id, input.id));
		await tx.delete(tandemMember).where(eq(tandemMember.tandemId, input.id));
		await tx.insert(tandemMember).values(membershipIds.map((membershipId) => ({ tandemId: input.id, membershipId })));
	});
	// Who may edit the tandem's goals may have changed.
	publish({ type: 'access-changed', userIds: [], municipalityId: actor.municipalityId });
}

export async function deleteTandem(db: Db, actor: Actor, input: { id: string }): Promise<void> {
	requireCan(actor, 'formTandem', home(actor));
	if (!isUuid(input.id)) new Check().add('id', 'error_tandem_unknown').throwIfAny();
	const deleted = await db
		.delete(tandem)
		.where(and(eq(tandem.id, input.id), eq(tandem.municipalityId, actor.municipalityId)))
		.returning({ id: tandem.id });
	if (deleted.length === 0) new Check().add('id', 'error_tandem_unknown').throwIfAny();
	publish({ type: 'access-changed', userIds: [], municipalityId: actor.municipalityId });
}
