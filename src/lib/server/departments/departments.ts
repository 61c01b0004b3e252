import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../db';
import { department, membership, tandem } from '../db/schema';
import { home, requireCan } from '../access/rules';
import type { Actor } from '../auth/session';
import { Check, isUuid } from '../validation';

export interface DepartmentRow {
	id: string;
	name: string;
	memberCount: number;
	tandemCount: number;
}

/** The municipality's departments with how many people and tandems each has. */
export async function listDepartments(db: Db, actor: Actor): Promise<DepartmentRow[]> {
	requireCan(actor, 'read', home(actor));
	return db
		.select({
			id: department.id,
			name: department.name,
			// Qualified by hand: in a one-table select drizzle writes ${department.id} as a bare "id",
			// which inside the subquery would mean the subquery's own id column.
			memberCount: sql<number>`(select count(*)::int from ${membership} where ${membership.departmentId} = ${department}.id)`,
			tandemCount: sql<number>`(select count(*)::int from ${tandem} where ${tandem.departmentId} = ${department}.id)`
		})
		.from(department)
		.where(eq(department.municipalityId, actor.municipalityId))
		.orderBy(asc(department.name));
}

function checkName(check: Check, name: string): string {
	const trimmed = name.trim();
	check.when(trimmed.length === 0, 'name', 'error_name_required');
	check.when(trimmed.length > 120, 'name', 'error_name_too_long');
	return trimmed;
}

async function nameTaken(db: Db, municipalityId: string, name: string, exceptId?: string): Promise<boolean> {
	const rows = await db
		.select({ id: department.id })
		.from(department)
		.where(and(eq(department.municipalityId, municipalityId), sql`lower(${department.name}) = lower(${name})`));
	return rows.some((row) => row.id !== exceptId);
}

export async function createDepartment(db: Db, actor: Actor, input: { name: string }): Promise<string> {
	requireCan(actor, 'manageDepartments', home(actor));
	const check = new Check();
	const name = checkName(check, input.name);
	if (check.ok) check.when(await nameTaken(db, actor.municipalityId, name), 'name', 'error_department_exists');
	check.throwIfAny();
	const [row] = await db
		.insert(department)
		.values({ municipalityId: actor.municipalityId, name })
		.returning({ id: department.id });
	return row!.id;
}

export async function renameDepartment(db: Db, actor: Actor, input: { id: string; name: string }): Promise<void> {
	requireCan(actor, 'manageDepartments', home(actor));
	const check = new Check();
	const name = checkName(check, input.name);
	if (check.ok) check.when(await nameTaken(db, actor.municipalityId, name, input.id), 'name', 'error_department_exists');
	check.throwIfAny();
	if (!isUuid(input.id)) new Check().add('id', 'error_department_unknown').throwIfAny();
	const updated = await db
		.update(department)
		.set({ name })
		.where(and(eq(department.id, input.id), eq(department.municipalityId, actor.municipalityId)))
		.returning({ id: department.id });
	if (updated.length === 0) new Check().add('id', 'error_department_unknown').throwIfAny();
}

/** Deletes a department that no tandem works in; members keep their membership without a department. */
export async function deleteDepartment(db: Db, actor: Actor, input: { id: string }): Promise<void> {
	requireCan(actor, 'manageDepartments', home(actor));
	if (!isUuid(input.id)) new Check().add('id', 'error_department_unknown').throwIfAny();
	const [inUse] = await db
		.select({ id: tandem.id })
		.from(tandem)
		.where(and(eq(tandem.departmentId, input.id), eq(tandem.municipalityId, actor.municipalityId)))
		.limit(1);
	new Check().when(Boolean(inUse), 'id', 'error_department_has_tandems').throwIfAny();
	const deleted = await db
		.delete(department)
		.where(and(eq(department.id, input.id), eq(department.municipalityId, actor.municipalityId)))
		.returning({ id: department.id });
	if (deleted.length === 0) new Check().add('id', 'error_department_unknown').throwIfAny();
}
