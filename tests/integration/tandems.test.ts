import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { tandem, tandemMember } from '../../src/lib/server/db/schema';
import { createTandem, deleteTandem, listTandems, updateTandem } from '../../src/lib/server/tandems/tandems';
import { backends, createTown, signInAs, useTestDatabase, type SignedIn, type Town } from '../support/db';
import { expectHttpStatus, expectValidation } from '../support/expect';

describe.each(backends)('tandems on %s', (backend) => {
	const t = useTestDatabase(backend);
	let town: Town;
	let elsewhere: Town;
	let focus: SignedIn;
	const id = (key: string) => town.people[key]!.membershipId;

	beforeAll(async () => {
		town = await createTown(t.db, {
			departments: ['Bildung', 'Jugend'],
			people: {
				focus: { roles: ['focus'] },
				focus2: { roles: ['focus'] },
				bildung: { roles: ['member'], department: 'Bildung' },
				leitung: { roles: ['head'], department: 'Bildung' },
				jugend: { roles: ['member'], department: 'Jugend' },
				focusBildung: { roles: ['focus', 'member'], department: 'Bildung' },
				inactive: { roles: ['member'], department: 'Bildung', active: false }
			}
		});
		elsewhere = await createTown(t.db, {
			departments: ['Bildung'],
			people: { bildung: { roles: ['member'], department: 'Bildung' }, focus: { roles: ['focus'] } }
		});
		focus = await signInAs(t.db, town.people.focus!);
	});

	const bildung = () => town.departments.Bildung!;
	const create = (membershipIds: string[], departmentId = bildung(), name = 'Tandem Bildung') =>
		createTandem(t.db, focus.actor, { name, departmentId, membershipIds });
	const peopleOf = async (tandemId: string) =>
		(await t.db.select().from(tandemMember).where(eq(tandemMember.tandemId, tandemId))).map((row) => row.membershipId).sort();

	it('is formed by a focus member with a department member, and listed with its people', async () => {
		const tandemId = await create([id('focus'), id('bildung')], bildung(), '  Übergang Schule-Beruf  ');
		const listed = (await listTandems(t.db, focus.actor)).find((row) => row.id === tandemId);
		expect(listed).toMatchObject({ name: 'Übergang Schule-Beruf', departmentId: bildung(), departmentName: 'Bildung' });
		expect(listed!.people.map((p) => p.membershipId).sort()).toEqual([id('focus'), id('bildung')].sort());
		expect(listed!.people.find((p) => p.membershipId === id('bildung'))).toEqual({
			membershipId: id('bildung'),
			name: town.people.bildung!.name,
			roles: ['member'],
			departmentId: bildung()
		});
	});

	it('counts the department head as the department side, and allows more than two people', async () => {
		const tandemId = await create([id('focus'), id('focus2'), id('leitung'), id('jugend')]);
		expect(await peopleOf(tandemId)).toEqual([id('focus'), id('focus2'), id('leitung'), id('jugend')].sort());
	});

	it('counts one person with focus and department roles on both sides, but still needs two people', async () => {
		await expectValidation(create([id('focusBildung')]), { membershipIds: 'error_tandem_two_people' });
		const tandemId = await create([id('focusBildung'), id('leitung')]);
		expect(await peopleOf(tandemId)).toHaveLength(2);
	});

	it('needs at least two different people', async () => {
		await expectValidation(create([id('focus'), id('focus')]), { membershipIds: 'error_tandem_two_people' });
		await expectValidation(create([]), { membershipIds: 'error_tandem_two_people' });
	});

	it('needs someone of the integration office', async () => {
		await expectValidation(create([id('bildung'), id('leitung')]), { membershipIds: 'error_tandem_needs_focus' });
	});

	it('needs a member or head of that very department', async () => {
		await expectValidation(create([id('focus'), id('focus2')]), { membershipIds: 'error_tandem_needs_department_member' });
		await expectValidation(create([id('focus'), id('jugend')]), { membershipIds: 'error_tandem_needs_department_member' });
		await expectValidation(create([id('focus'), id('bildung')], town.departments.Jugend!), {
			membershipIds: 'error_tandem_needs_department_member'
		});
	});

	it('refuses deactivated people and people of another municipality', async () => {
		await expectValidation(create([id('focus'), id('bildung'), id('inactive')]), { membershipIds: 'error_member_unknown' });
		await expectValidation(create([id('focus'), elsewhere.people.bildung!.membershipId]), { membershipIds: 'error_member_unknown' });
		await expectValidation(create([id('focus'), id('bildung'), randomUUID()]), { membershipIds: 'error_member_unknown' });
	});

	it('refuses a department of another municipality and an empty name', async () => {
		await expectValidation(create([id('focus'), id('bildung')], elsewhere.departments.Bildung!), {
			departmentId: 'error_department_unknown',
			membershipIds: 'error_tandem_needs_department_member'
		});
		await expectValidation(create([id('focus'), id('bildung')], '', ' '), {
			name: 'error_name_required',
			departmentId: 'error_department_unknown',
			membershipIds: 'error_tandem_needs_department_member'
		});
		await expectValidation(create([id('focus'), id('bildung')], bildung(), 'x'.repeat(121)), { name: 'error_name_too_long' });
	});

	it('may be formed by admins and focus members, not by department members or heads', async () => {
		await expect(
			createTandem(t.db, town.admin.actor, { name: 'Von Admin', departmentId: bildung(), membershipIds: [id('focus'), id('bildung')] })
		).resolves.toEqual(expect.any(String));
		for (const key of ['bildung', 'leitung']) {
			const { actor } = await signInAs(t.db, town.people[key]!);
			await expectHttpStatus(
				createTandem(t.db, actor, { name: `Von ${key}`, departmentId: bildung(), membershipIds: [id('focus'), id('bildung')] }),
				403
			);
		}
		const names = (await listTandems(t.db, focus.actor)).map((row) => row.name);
		expect(names).toContain('Von Admin');
		expect(names).not.toContain('Von bildung');
		expect(names).not.toContain('Von leitung');
	});

	it('changes name, department and people under the same rules', async () => {
		const tandemId = await create([id('focus'), id('bildung')], bildung(), 'Vorher');
		await updateTandem(t.db, focus.actor, {
			id: tandemId,
			name: 'Nachher',
			departmentId: town.departments.Jugend!,
			membershipIds: [id('focus2'), id('jugend')]
		});
		const [row] = await t.db.select().from(tandem).where(eq(tandem.id, tandemId));
		expect(row).toMatchObject({ name: 'Nachher', departmentId: town.departments.Jugend });
		expect(await peopleOf(tandemId)).toEqual([id('focus2'), id('jugend')].sort());

		await expectValidation(
			updateTandem(t.db, focus.actor, { id: tandemId, name: 'Kaputt', departmentId: town.departments.Jugend!, membershipIds: [id('jugend')] }),
			{ membershipIds: 'error_tandem_two_people' }
		);
		const [unchanged] = await t.db.select().from(tandem).where(eq(tandem.id, tandemId));
		expect(unchanged!.name).toBe('Nachher');
		expect(await peopleOf(tandemId)).toEqual([id('focus2'), id('jugend')].sort());
	});

	it('refuses to change or delete an unknown tandem', async () => {
		await expectValidation(
			updateTandem(t.db, focus.actor, { id: randomUUID(), name: 'X', departmentId: bildung(), membershipIds: [id('focus'), id('bildung')] }),
			{ id: 'error_tandem_unknown' }
		);
		await expectValidation(deleteTandem(t.db, focus.actor, { id: randomUUID() }), { id: 'error_tandem_unknown' });
	});

	it('is dissolved with its people, and only by admins or focus members', async () => {
		const tandemId = await create([id('focus'), id('bildung')], bildung(), 'Zum Auflösen');
		const member = await signInAs(t.db, town.people.bildung!);
		await expectHttpStatus(deleteTandem(t.db, member.actor, { id: tandemId }), 403);
		await expectHttpStatus(
			updateTandem(t.db, member.actor, { id: tandemId, name: 'X', departmentId: bildung(), membershipIds: [id('focus'), id('bildung')] }),
			403
		);
		expect(await peopleOf(tandemId)).toHaveLength(2);
		await deleteTandem(t.db, focus.actor, { id: tandemId });
		expect(await t.db.select().from(tandem).where(eq(tandem.id, tandemId))).toEqual([]);
		expect(await peopleOf(tandemId)).toEqual([]);
	});
});
