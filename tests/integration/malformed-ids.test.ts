import { beforeAll, describe, expect, it } from 'vitest';
import { createPasswordResetLink, getMemberForAdmin, setMemberActive, updateMember } from '../../src/lib/server/members/members';
import { deleteDepartment, renameDepartment } from '../../src/lib/server/departments/departments';
import { createTandem, deleteTandem, updateTandem } from '../../src/lib/server/tandems/tandems';
import { createInvitation, listInvitations, revokeInvitation } from '../../src/lib/server/members/invitations';
import { backends, createTown, useTestDatabase, type Town } from '../support/db';
import { expectValidation } from '../support/expect';

// Ids come from forms and URLs as text; anything that is not a uuid must read as "unknown"
// (a 400 with a field error), never reach PostgreSQL as a cast error (a 500).
const BAD = ['abc', '', "1' or '1'='1", '00000000-0000-0000-0000-00000000000g'];

describe.each(backends)('malformed ids on %s', (backend) => {
	const t = useTestDatabase(backend);
	let town: Town;

	beforeAll(async () => {
		town = await createTown(t.db, {
			departments: ['Bildung'],
			people: { focus: { roles: ['focus'] }, bildung: { roles: ['member'], department: 'Bildung' } }
		});
		await createInvitation(t.db, town.admin.actor, { roles: ['focus'], departmentId: null, note: '' });
	});

	it.each(BAD)('members: %j is an unknown member or department', async (bad) => {
		const { actor } = town.admin;
		await expectValidation(updateMember(t.db, actor, { membershipId: bad, roles: ['focus'], departmentId: null }), {
			membershipId: 'error_member_unknown'
		});
		if (bad) {
			await expectValidation(
				updateMember(t.db, actor, { membershipId: town.people.bildung!.membershipId, roles: ['member'], departmentId: bad }),
				{ departmentId: 'error_department_unknown' }
			);
		}
		await expectValidation(setMemberActive(t.db, actor, { membershipId: bad, active: false }), { membershipId: 'error_member_unknown' });
		await expectValidation(createPasswordResetLink(t.db, actor, { membershipId: bad }), { membershipId: 'error_member_unknown' });
		expect(await getMemberForAdmin(t.db, actor, bad)).toBeUndefined();
	});

	it.each(BAD)('departments: %j is an unknown department', async (bad) => {
		await expectValidation(renameDepartment(t.db, town.admin.actor, { id: bad, name: 'Neu' }), { id: 'error_department_unknown' });
		await expectValidation(deleteDepartment(t.db, town.admin.actor, { id: bad }), { id: 'error_department_unknown' });
	});

	it.each(BAD)('tandems: %j is an unknown tandem, department or person', async (bad) => {
		const { actor } = town.admin;
		const people = [town.people.focus!.membershipId, town.people.bildung!.membershipId];
		await expectValidation(createTandem(t.db, actor, { name: 'T', departmentId: bad, membershipIds: people }), {
			departmentId: 'error_department_unknown',
			membershipIds: 'error_tandem_needs_department_member'
		});
		await expectValidation(createTandem(t.db, actor, { name: 'T', departmentId: town.departments.Bildung!, membershipIds: [...people, bad] }), {
			membershipIds: 'error_member_unknown'
		});
		await expectValidation(updateTandem(t.db, actor, { id: bad, name: 'T', departmentId: town.departments.Bildung!, membershipIds: people }), {
			id: 'error_tandem_unknown'
		});
		await expectValidation(deleteTandem(t.db, actor, { id: bad }), { id: 'error_tandem_unknown' });
	});

	it.each(BAD)('invitations: %j is an unknown invitation or department', async (bad) => {
		const { actor } = town.admin;
		await expectValidation(revokeInvitation(t.db, actor, { id: bad }), { id: 'error_invitation_not_open' });
		expect((await listInvitations(t.db, actor)).map((i) => i.state)).toEqual(['open']);
		if (bad) {
			await expectValidation(createInvitation(t.db, actor, { roles: ['member'], departmentId: bad, note: '' }), {
				departmentId: 'error_department_unknown'
			});
		}
	});
});
