import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { department, membership } from '../../src/lib/server/db/schema';
import { createDepartment, deleteDepartment, listDepartments, renameDepartment } from '../../src/lib/server/departments/departments';
import { createTandem } from '../../src/lib/server/tandems/tandems';
import { addPerson, backends, createTown, signInAs, useTestDatabase, type SignedIn, type Town } from '../support/db';
import { expectHttpStatus, expectValidation } from '../support/expect';

describe.each(backends)('departments on %s', (backend) => {
	const t = useTestDatabase(backend);
	let town: Town;
	let focus: SignedIn;

	beforeAll(async () => {
		town = await createTown(t.db, {
			departments: ['Bildung', 'Jugend'],
			people: { focus: { roles: ['focus'] }, bildung: { roles: ['member'], department: 'Bildung' } }
		});
		focus = await signInAs(t.db, town.people.focus!);
	});

	const names = async () => (await listDepartments(t.db, town.admin.actor)).map((d) => d.name);
	const create = (name: string) => createDepartment(t.db, town.admin.actor, { name });

	it('creates a department with a trimmed name and lists it in name order with its counts', async () => {
		const id = await create('  Arbeitsmarkt  ');
		expect(await names()).toEqual(['Arbeitsmarkt', 'Bildung', 'Jugend']);
		await createTandem(t.db, focus.actor, {
			name: 'Tandem Bildung',
			departmentId: town.departments.Bildung!,
			membershipIds: [town.people.focus!.membershipId, town.people.bildung!.membershipId]
		});
		const rows = await listDepartments(t.db, focus.actor);
		expect(rows.find((d) => d.id === id)).toEqual({ id, name: 'Arbeitsmarkt', memberCount: 0, tandemCount: 0 });
		expect(rows.find((d) => d.name === 'Bildung')).toMatchObject({ memberCount: 1, tandemCount: 1 });
		await addPerson(t.db, town, 'jugend1', { roles: ['member'], department: 'Jugend' });
		await addPerson(t.db, town, 'jugend2', { roles: ['head'], department: 'Jugend' });
		const after = await listDepartments(t.db, focus.actor);
		expect(after.find((d) => d.name === 'Jugend')).toMatchObject({ memberCount: 2, tandemCount: 0 });
		expect(after.find((d) => d.name === 'Bildung')).toMatchObject({ memberCount: 1, tandemCount: 1 });
	});

	it('refuses a name the municipality already has, in any case', async () => {
		await expectValidation(create('Bildung'), { name: 'error_department_exists' });
		await expectValidation(create(' bildung '), { name: 'error_department_exists' });
		await expectValidation(create('JUGEND'), { name: 'error_department_exists' });
		expect((await names()).filter((name) => name.toLowerCase() === 'bildung')).toHaveLength(1);
	});

	it('allows the same name in another municipality', async () => {
		const other = await createTown(t.db, { departments: ['Bildung'] });
		expect((await listDepartments(t.db, other.admin.actor)).map((d) => d.name)).toEqual(['Bildung']);
	});

	it('requires a name of at most 120 characters', async () => {
		await expectValidation(create('   '), { name: 'error_name_required' });
		await expectValidation(create('x'.repeat(121)), { name: 'error_name_too_long' });
		const id = await create('y'.repeat(120));
		await deleteDepartment(t.db, town.admin.actor, { id });
	});

	it('renames, refusing another department\'s name but allowing a new spelling of its own', async () => {
		const id = await create('Soziales');
		await expectValidation(renameDepartment(t.db, town.admin.actor, { id, name: 'jugend' }), { name: 'error_department_exists' });
		await renameDepartment(t.db, town.admin.actor, { id, name: 'SOZIALES' });
		await renameDepartment(t.db, town.admin.actor, { id, name: 'Soziales und Wohnen' });
		const [row] = await t.db.select().from(department).where(eq(department.id, id));
		expect(row!.name).toBe('Soziales und Wohnen');
		await expectValidation(renameDepartment(t.db, town.admin.actor, { id, name: '' }), { name: 'error_name_required' });
		await expectValidation(renameDepartment(t.db, town.admin.actor, { id: randomUUID(), name: 'Neu' }), { id: 'error_department_unknown' });
	});

	it('deletes a department without tandems; its people keep their membership without a department', async () => {
		const id = await create('Kultur');
		const person = await addPerson(t.db, { ...town, departments: { Kultur: id } }, 'kultur', { roles: ['member'], department: 'Kultur' });
		await deleteDepartment(t.db, town.admin.actor, { id });
		expect(await t.db.select().from(department).where(eq(department.id, id))).toEqual([]);
		const [kept] = await t.db.select().from(membership).where(eq(membership.id, person.membershipId));
		expect(kept).toMatchObject({ departmentId: null, active: true, roles: ['member'] });
		await expectValidation(deleteDepartment(t.db, town.admin.actor, { id }), { id: 'error_department_unknown' });
	});

	it('refuses to delete a department a tandem works in', async () => {
		const id = town.departments.Bildung!;
		if ((await listDepartments(t.db, town.admin.actor)).find((d) => d.id === id)!.tandemCount === 0) {
			await createTandem(t.db, focus.actor, {
				name: 'Tandem',
				departmentId: id,
				membershipIds: [town.people.focus!.membershipId, town.people.bildung!.membershipId]
			});
		}
		await expectValidation(deleteDepartment(t.db, town.admin.actor, { id }), { id: 'error_department_has_tandems' });
		expect(await t.db.select().from(department).where(eq(department.id, id))).toHaveLength(1);
	});

	it('leaves departments to admins: focus members may read them but not change them', async () => {
		const id = town.departments.Jugend!;
		await expectHttpStatus(createDepartment(t.db, focus.actor, { name: 'Neu' }), 403);
		await expectHttpStatus(renameDepartment(t.db, focus.actor, { id, name: 'Neu' }), 403);
		await expectHttpStatus(deleteDepartment(t.db, focus.actor, { id }), 403);
		expect(await names()).toContain('Jugend');
		expect(await names()).not.toContain('Neu');
	});
});
