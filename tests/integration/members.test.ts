import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { membership, session } from '../../src/lib/server/db/schema';
import { getMemberForAdmin, listMembers, setMemberActive, updateMember } from '../../src/lib/server/members/members';
import { signIn } from '../../src/lib/server/members/accounts';
import { createSession, validateSessionToken } from '../../src/lib/server/auth/session';
import { addPerson, backends, createTown, PASSWORD, signInAs, useTestDatabase, type Person, type Town } from '../support/db';
import { expectHttpStatus, expectValidation } from '../support/expect';

const LIMITS = { perAccount: 100, perAddress: 100, windowSeconds: 900 };

describe.each(backends)('members on %s', (backend) => {
	const t = useTestDatabase(backend);
	let town: Town;
	let elsewhere: Town;
	let n = 0;

	beforeAll(async () => {
		town = await createTown(t.db, {
			departments: ['Bildung', 'Jugend'],
			people: { focus: { roles: ['focus'] }, leitung: { roles: ['head'], department: 'Bildung' } }
		});
		elsewhere = await createTown(t.db, { departments: ['Bildung'] });
	});

	const fresh = (): Promise<Person> => addPerson(t.db, town, `person${++n}`, { roles: ['member'], department: 'Bildung' });
	const stored = async (membershipId: string) =>
		(await t.db.select().from(membership).where(eq(membership.id, membershipId)))[0]!;
	const update = (membershipId: string, roles: string[], department: string | null) =>
		updateMember(t.db, town.admin.actor, { membershipId, roles, departmentId: department ? town.departments[department]! : null });

	it('lists everyone of the municipality with roles and department, sorted by name', async () => {
		const someone = await fresh();
		const focus = await signInAs(t.db, town.people.focus!);
		const members = await listMembers(t.db, focus.actor);
		expect(members.map((m) => m.name)).toEqual(members.map((m) => m.name).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
		expect(members.find((m) => m.membershipId === someone.membershipId)).toEqual({
			membershipId: someone.membershipId,
			userId: someone.userId,
			name: someone.name,
			email: someone.email,
			roles: ['member'],
			departmentId: town.departments.Bildung,
			departmentName: 'Bildung',
			active: true
		});
		expect(members.find((m) => m.membershipId === town.admin.membershipId)).toMatchObject({ roles: ['admin'], departmentId: null, departmentName: null });
		expect(members.every((m) => !('passwordHash' in m))).toBe(true);
	});

	it('changes roles and department; the next request of that person sees them', async () => {
		const someone = await fresh();
		const { token } = await signInAs(t.db, someone);
		await update(someone.membershipId, ['head', 'focus'], 'Jugend');
		expect(await stored(someone.membershipId)).toMatchObject({ roles: ['focus', 'head'], departmentId: town.departments.Jugend });
		expect((await validateSessionToken(t.db, token))!.actor).toMatchObject({ roles: ['focus', 'head'], departmentId: town.departments.Jugend });
		await update(someone.membershipId, ['focus'], null);
		expect(await stored(someone.membershipId)).toMatchObject({ roles: ['focus'], departmentId: null });
	});

	it('requires at least one known role', async () => {
		const someone = await fresh();
		await expectValidation(update(someone.membershipId, [], 'Bildung'), { roles: 'error_roles_required' });
		await expectValidation(update(someone.membershipId, ['owner', 'superuser'], 'Bildung'), { roles: 'error_roles_required' });
		expect((await stored(someone.membershipId)).roles).toEqual(['member']);
	});

	it('requires a department of this municipality for department members and heads', async () => {
		const someone = await fresh();
		await expectValidation(update(someone.membershipId, ['member'], null), { departmentId: 'error_department_required' });
		await expectValidation(update(someone.membershipId, ['head'], null), { departmentId: 'error_department_required' });
		await expectValidation(
			updateMember(t.db, town.admin.actor, { membershipId: someone.membershipId, roles: ['member'], departmentId: elsewhere.departments.Bildung! }),
			{ departmentId: 'error_department_unknown' }
		);
		await expectValidation(
			updateMember(t.db, town.admin.actor, { membershipId: someone.membershipId, roles: ['member'], departmentId: randomUUID() }),
			{ departmentId: 'error_department_unknown' }
		);
		expect(await stored(someone.membershipId)).toMatchObject({ roles: ['member'], departmentId: town.departments.Bildung });
	});

	it('refuses an unknown member', async () => {
		await expectValidation(update(randomUUID(), ['focus'], null), { membershipId: 'error_member_unknown' });
	});

	it('does not let an admin drop their own admin role, but lets them add roles', async () => {
		const { actor } = town.admin;
		await expectValidation(updateMember(t.db, actor, { membershipId: actor.membershipId, roles: ['focus'], departmentId: null }), {
			roles: 'error_cannot_drop_own_admin'
		});
		expect((await stored(actor.membershipId)).roles).toEqual(['admin']);
		await updateMember(t.db, actor, { membershipId: actor.membershipId, roles: ['admin', 'focus'], departmentId: null });
		expect((await stored(actor.membershipId)).roles).toEqual(['admin', 'focus']);
		await updateMember(t.db, actor, { membershipId: actor.membershipId, roles: ['admin'], departmentId: null });
	});

	it('lets one admin remove the admin role of another', async () => {
		const other = await addPerson(t.db, town, `admin${++n}`, { roles: ['admin'] });
		await update(other.membershipId, ['focus'], null);
		expect((await stored(other.membershipId)).roles).toEqual(['focus']);
	});

	it('does not let an admin deactivate themselves', async () => {
		const { actor } = town.admin;
		await expectValidation(setMemberActive(t.db, actor, { membershipId: actor.membershipId, active: false }), {
			membershipId: 'error_cannot_deactivate_self'
		});
		expect((await stored(actor.membershipId)).active).toBe(true);
		expect(await validateSessionToken(t.db, town.admin.token)).not.toBeNull();
	});

	it('ends every session of a deactivated member at once, in this municipality only', async () => {
		const someone = await fresh();
		const other = await createTown(t.db);
		await addPerson(t.db, other, 'also', { roles: ['focus'], userId: someone.userId });
		const here = [(await signInAs(t.db, someone)).token, (await createSession(t.db, someone.userId, town.municipalityId)).token];
		const there = await signInAs(t.db, { userId: someone.userId, municipalityId: other.municipalityId });

		await setMemberActive(t.db, town.admin.actor, { membershipId: someone.membershipId, active: false });

		for (const token of here) expect(await validateSessionToken(t.db, token)).toBeNull();
		expect(
			await t.db
				.select()
				.from(session)
				.where(and(eq(session.userId, someone.userId), eq(session.municipalityId, town.municipalityId)))
		).toEqual([]);
		expect((await validateSessionToken(t.db, there.token))!.actor.municipalityId).toBe(other.municipalityId);
		expect((await stored(someone.membershipId)).active).toBe(false);
		expect((await listMembers(t.db, town.admin.actor)).find((m) => m.membershipId === someone.membershipId)!.active).toBe(false);
	});

	it('refuses a session of a member deactivated behind its back', async () => {
		const someone = await fresh();
		const { token } = await signInAs(t.db, someone);
		await t.db.update(membership).set({ active: false }).where(eq(membership.id, someone.membershipId));
		expect(await validateSessionToken(t.db, token)).toBeNull();
	});

	it('lets a reactivated member sign in again', async () => {
		const someone = await fresh();
		await setMemberActive(t.db, town.admin.actor, { membershipId: someone.membershipId, active: false });
		expect((await signIn(t.db, LIMITS, { email: someone.email, password: PASSWORD, address: 'm' })).ok).toBe(false);
		await setMemberActive(t.db, town.admin.actor, { membershipId: someone.membershipId, active: true });
		expect((await signIn(t.db, LIMITS, { email: someone.email, password: PASSWORD, address: 'm' })).ok).toBe(true);
	});

	it('shows one member to admins, and nothing of another municipality', async () => {
		const someone = await fresh();
		expect(await getMemberForAdmin(t.db, town.admin.actor, someone.membershipId)).toMatchObject({ userId: someone.userId });
		expect(await getMemberForAdmin(t.db, elsewhere.admin.actor, someone.membershipId)).toBeUndefined();
	});

	it('leaves member management to admins; focus and heads are refused with 403', async () => {
		const someone = await fresh();
		for (const key of ['focus', 'leitung']) {
			const { actor } = await signInAs(t.db, town.people[key]!);
			await expectHttpStatus(updateMember(t.db, actor, { membershipId: someone.membershipId, roles: ['admin'], departmentId: null }), 403);
			await expectHttpStatus(setMemberActive(t.db, actor, { membershipId: someone.membershipId, active: false }), 403);
			await expectHttpStatus(getMemberForAdmin(t.db, actor, someone.membershipId), 403);
			await expect(listMembers(t.db, actor)).resolves.not.toHaveLength(0);
		}
		expect(await stored(someone.membershipId)).toMatchObject({ roles: ['member'], active: true });
	});
});
