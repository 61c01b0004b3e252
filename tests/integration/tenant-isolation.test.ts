import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { department, invitation, membership, passwordReset, tandem, tandemMember } from '../../src/lib/server/db/schema';
import { createPasswordResetLink, getMemberForAdmin, listMembers, setMemberActive, updateMember } from '../../src/lib/server/members/members';
import { createDepartment, deleteDepartment, listDepartments, renameDepartment } from '../../src/lib/server/departments/departments';
import { createTandem, deleteTandem, listTandems, updateTandem } from '../../src/lib/server/tandems/tandems';
import { createInvitation, listInvitations, revokeInvitation } from '../../src/lib/server/members/invitations';
import { validateSessionToken } from '../../src/lib/server/auth/session';
import type { Db } from '../../src/lib/server/db';
import { backends, createTown, signInAs, useTestDatabase, type SignedIn, type Town } from '../support/db';
import { expectValidation } from '../support/expect';

/** Everything municipality A owns, read straight from the tables. */
async function snapshotOf(db: Db, municipalityId: string) {
	const byId = <T extends { id: string }>(rows: T[]) => rows.sort((a, b) => a.id.localeCompare(b.id));
	const tandems = byId(await db.select().from(tandem).where(eq(tandem.municipalityId, municipalityId)));
	return {
		memberships: byId(await db.select().from(membership).where(eq(membership.municipalityId, municipalityId))),
		departments: byId(await db.select().from(department).where(eq(department.municipalityId, municipalityId))),
		tandems,
		tandemMembers: (await db.select().from(tandemMember))
			.filter((row) => tandems.some((t) => t.id === row.tandemId))
			.sort((a, b) => (a.tandemId + a.membershipId).localeCompare(b.tandemId + b.membershipId)),
		invitations: byId(await db.select().from(invitation).where(eq(invitation.municipalityId, municipalityId))),
		resets: await db.select().from(passwordReset)
	};
}

describe.each(backends)('tenant isolation on %s', (backend) => {
	const t = useTestDatabase(backend);
	let a: Town;
	let b: Town;
	let aFocus: SignedIn;
	let aMember: SignedIn;
	let bFocus: SignedIn;
	let aTandemId: string;
	let aInvitationId: string;
	let before: Awaited<ReturnType<typeof snapshotOf>>;

	beforeAll(async () => {
		a = await createTown(t.db, {
			prefix: 'a',
			departments: ['Bildung', 'Jugend'],
			people: { focus: { roles: ['focus'] }, bildung: { roles: ['member'], department: 'Bildung' } }
		});
		// B's admin is also focus, so every function below would be allowed on B's own objects.
		b = await createTown(t.db, {
			prefix: 'b',
			departments: ['Bildung'],
			people: { focus: { roles: ['focus', 'admin'] }, bildung: { roles: ['member'], department: 'Bildung' } }
		});
		aFocus = await signInAs(t.db, a.people.focus!);
		aMember = await signInAs(t.db, a.people.bildung!);
		bFocus = await signInAs(t.db, b.people.focus!);
		aTandemId = await createTandem(t.db, aFocus.actor, {
			name: 'Tandem A',
			departmentId: a.departments.Bildung!,
			membershipIds: [a.people.focus!.membershipId, a.people.bildung!.membershipId]
		});
		await createInvitation(t.db, a.admin.actor, { roles: ['member'], departmentId: a.departments.Jugend!, note: 'A' });
		aInvitationId = (await listInvitations(t.db, a.admin.actor))[0]!.id;
		// B has objects of its own, so its lists are not trivially empty.
		await createTandem(t.db, bFocus.actor, {
			name: 'Tandem B',
			departmentId: b.departments.Bildung!,
			membershipIds: [b.people.focus!.membershipId, b.people.bildung!.membershipId]
		});
		await createInvitation(t.db, b.admin.actor, { roles: ['focus'], departmentId: null, note: 'B' });
		before = await snapshotOf(t.db, a.municipalityId);
	});

	const unchanged = async () => expect(await snapshotOf(t.db, a.municipalityId)).toEqual(before);

	it('an admin of B cannot change the roles of A\'s members', async () => {
		await expectValidation(
			updateMember(t.db, b.admin.actor, { membershipId: a.people.bildung!.membershipId, roles: ['admin'], departmentId: null }),
			{ membershipId: 'error_member_unknown' }
		);
		await expectValidation(
			updateMember(t.db, b.admin.actor, { membershipId: a.admin.membershipId, roles: ['member'], departmentId: a.departments.Bildung! }),
			{ membershipId: 'error_member_unknown', departmentId: 'error_department_unknown' }
		);
		await unchanged();
	});

	it('an admin of B cannot deactivate A\'s members or end their sessions', async () => {
		await expectValidation(setMemberActive(t.db, b.admin.actor, { membershipId: a.people.bildung!.membershipId, active: false }), {
			membershipId: 'error_member_unknown'
		});
		expect(await validateSessionToken(t.db, aMember.token)).not.toBeNull();
		await unchanged();
	});

	it('an admin of B cannot issue a password reset link for A\'s members', async () => {
		await expectValidation(createPasswordResetLink(t.db, b.admin.actor, { membershipId: a.admin.membershipId }), {
			membershipId: 'error_member_unknown'
		});
		await unchanged();
	});

	it('an admin of B cannot rename or delete A\'s departments, and learns nothing about them', async () => {
		await expectValidation(renameDepartment(t.db, b.admin.actor, { id: a.departments.Jugend!, name: 'Gekapert' }), {
			id: 'error_department_unknown'
		});
		await expectValidation(deleteDepartment(t.db, b.admin.actor, { id: a.departments.Jugend! }), { id: 'error_department_unknown' });
		// A department with a tandem answers the same: nothing tells B it exists.
		await expectValidation(deleteDepartment(t.db, b.admin.actor, { id: a.departments.Bildung! }), { id: 'error_department_unknown' });
		await unchanged();
	});

	it('B cannot change or delete A\'s tandems', async () => {
		await expectValidation(
			updateTandem(t.db, bFocus.actor, {
				id: aTandemId,
				name: 'Gekapert',
				departmentId: b.departments.Bildung!,
				membershipIds: [b.people.focus!.membershipId, b.people.bildung!.membershipId]
			}),
			{ id: 'error_tandem_unknown' }
		);
		await expectValidation(deleteTandem(t.db, bFocus.actor, { id: aTandemId }), { id: 'error_tandem_unknown' });
		await expectValidation(deleteTandem(t.db, b.admin.actor, { id: aTandemId }), { id: 'error_tandem_unknown' });
		await unchanged();
	});

	it('B cannot build its tandems or invitations from A\'s people and departments', async () => {
		await expectValidation(
			createTandem(t.db, bFocus.actor, {
				name: 'Gemischt',
				departmentId: a.departments.Bildung!,
				membershipIds: [a.people.focus!.membershipId, a.people.bildung!.membershipId]
			}),
			{ departmentId: 'error_department_unknown', membershipIds: 'error_member_unknown' }
		);
		await expectValidation(
			createInvitation(t.db, b.admin.actor, { roles: ['member'], departmentId: a.departments.Bildung!, note: '' }),
			{ departmentId: 'error_department_unknown' }
		);
		await unchanged();
	});

	it('an admin of B cannot revoke A\'s invitations', async () => {
		await expectValidation(revokeInvitation(t.db, b.admin.actor, { id: aInvitationId }), { id: 'error_invitation_not_open' });
		expect((await listInvitations(t.db, a.admin.actor)).find((i) => i.id === aInvitationId)!.state).toBe('open');
		await unchanged();
	});

	it('B\'s lists never show A\'s rows', async () => {
		const aIds = new Set([
			...before.memberships.map((row) => row.id),
			...before.memberships.map((row) => row.userId),
			...before.departments.map((row) => row.id),
			...before.tandems.map((row) => row.id),
			...before.invitations.map((row) => row.id)
		]);
		for (const actor of [b.admin.actor, bFocus.actor]) {
			const members = await listMembers(t.db, actor);
			const departments = await listDepartments(t.db, actor);
			const tandems = await listTandems(t.db, actor);
			expect(members.length).toBeGreaterThan(0);
			expect(departments.length).toBeGreaterThan(0);
			expect(tandems.length).toBeGreaterThan(0);
			for (const row of members) {
				expect(aIds.has(row.membershipId)).toBe(false);
				expect(aIds.has(row.userId)).toBe(false);
			}
			for (const row of departments) expect(aIds.has(row.id)).toBe(false);
			for (const row of tandems) {
				expect(aIds.has(row.id)).toBe(false);
				for (const p of row.people) expect(aIds.has(p.membershipId)).toBe(false);
			}
		}
		const invitations = await listInvitations(t.db, b.admin.actor);
		expect(invitations.map((i) => i.note)).toEqual(['B']);
		expect(await getMemberForAdmin(t.db, b.admin.actor, a.people.bildung!.membershipId)).toBeUndefined();
		// And A sees its own, none of B's.
		expect((await listTandems(t.db, aMember.actor)).map((row) => row.name)).toEqual(['Tandem A']);
		expect((await listDepartments(t.db, aMember.actor)).map((row) => row.name)).toEqual(['Bildung', 'Jugend']);
	});

	it('a department name of A stays free for B', async () => {
		await expect(createDepartment(t.db, b.admin.actor, { name: 'Jugend' })).resolves.toEqual(expect.any(String));
		await unchanged();
	});
});
