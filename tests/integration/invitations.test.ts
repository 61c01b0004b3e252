import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { invitation, membership, user } from '../../src/lib/server/db/schema';
import {
	acceptInvitation,
	createInvitation,
	findOpenInvitation,
	listInvitations,
	revokeInvitation
} from '../../src/lib/server/members/invitations';
import { validateSessionToken } from '../../src/lib/server/auth/session';
import { backends, createTown, PASSWORD, signInAs, useTestDatabase, type SignedIn, type Town } from '../support/db';
import { expectHttpStatus, expectValidation } from '../support/expect';

const NEW = 'mein-neues-passwort';
const sha256 = (token: string) => createHash('sha256').update(token).digest('hex');

describe.each(backends)('invitations on %s', (backend) => {
	const t = useTestDatabase(backend);
	let town: Town;
	let elsewhere: Town;
	let focus: SignedIn;
	let n = 0;

	beforeAll(async () => {
		town = await createTown(t.db, { departments: ['Bildung', 'Jugend'], people: { focus: { roles: ['focus'] } } });
		elsewhere = await createTown(t.db, { departments: ['Bildung'], people: { known: { roles: ['focus'] } } });
		focus = await signInAs(t.db, town.people.focus!);
	});

	const invite = (roles: string[] = ['member'], department: string | null = 'Bildung', note = '') =>
		createInvitation(t.db, town.admin.actor, { roles, departmentId: department ? town.departments[department]! : null, note });
	const newcomer = () => {
		n++;
		return { name: `Neue Person ${n}`, email: `neu${n}@example.test`, password: NEW, passwordRepeat: NEW };
	};
	const stateOf = async (token: string) => {
		const [row] = await t.db.select({ id: invitation.id }).from(invitation).where(eq(invitation.tokenHash, sha256(token)));
		return (await listInvitations(t.db, town.admin.actor)).find((i) => i.id === row!.id)?.state;
	};

	it('creates an account with the invited roles and department, and signs it in', async () => {
		const before = Date.now();
		const link = await invite(['member', 'focus'], 'Bildung', 'Frau Beispiel, Schulamt');
		expect(link.expiresAt.getTime() - before).toBeGreaterThanOrEqual(7 * 24 * 3600_000 - 1000);
		const [stored] = await t.db.select().from(invitation).where(eq(invitation.tokenHash, sha256(link.token)));
		expect(JSON.stringify(stored)).not.toContain(link.token);
		const listed = (await listInvitations(t.db, town.admin.actor)).find((i) => i.id === stored!.id);
		expect(listed).toMatchObject({ state: 'open', roles: ['focus', 'member'], departmentName: 'Bildung', note: 'Frau Beispiel, Schulamt' });

		const input = newcomer();
		const session = await acceptInvitation(t.db, link.token, { ...input, email: `  ${input.email.toUpperCase()} ` });
		expect(session).toBeDefined();
		const resolved = await validateSessionToken(t.db, session!.token);
		expect(resolved!.actor).toMatchObject({
			email: input.email,
			name: input.name,
			municipalityId: town.municipalityId,
			roles: ['focus', 'member'],
			departmentId: town.departments.Bildung
		});
		const [account] = await t.db.select().from(user).where(eq(user.email, input.email));
		expect(account!.passwordHash).toMatch(/^\$argon2id\$/);
		expect(await stateOf(link.token)).toBe('used');
		const [used] = await t.db.select().from(invitation).where(eq(invitation.id, stored!.id));
		expect(used!.usedBy).toBe(account!.id);
	});

	it('works only once', async () => {
		const link = await invite();
		expect(await acceptInvitation(t.db, link.token, newcomer())).toBeDefined();
		expect(await findOpenInvitation(t.db, link.token)).toBeUndefined();
		const second = newcomer();
		expect(await acceptInvitation(t.db, link.token, second)).toBeUndefined();
		expect(await t.db.select().from(user).where(eq(user.email, second.email))).toEqual([]);
	});

	it('refuses an expired invitation', async () => {
		const link = await invite();
		await t.db.update(invitation).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(invitation.tokenHash, sha256(link.token)));
		const input = newcomer();
		expect(await acceptInvitation(t.db, link.token, input)).toBeUndefined();
		expect(await t.db.select().from(user).where(eq(user.email, input.email))).toEqual([]);
		expect(await stateOf(link.token)).toBe('expired');
	});

	it('refuses a revoked invitation', async () => {
		const link = await invite();
		const [row] = await t.db.select({ id: invitation.id }).from(invitation).where(eq(invitation.tokenHash, sha256(link.token)));
		await revokeInvitation(t.db, town.admin.actor, { id: row!.id });
		expect(await stateOf(link.token)).toBe('revoked');
		const input = newcomer();
		expect(await acceptInvitation(t.db, link.token, input)).toBeUndefined();
		expect(await t.db.select().from(user).where(eq(user.email, input.email))).toEqual([]);
	});

	it('does not turn a used invitation into a revoked one', async () => {
		const link = await invite();
		await acceptInvitation(t.db, link.token, newcomer());
		const [row] = await t.db.select({ id: invitation.id }).from(invitation).where(eq(invitation.tokenHash, sha256(link.token)));
		await expectValidation(revokeInvitation(t.db, town.admin.actor, { id: row!.id }), { id: 'error_invitation_not_open' });
		expect(await stateOf(link.token)).toBe('used');
	});

	it('lets an existing account join only with its correct password, keeping that password', async () => {
		const known = elsewhere.people.known!;
		const [before] = await t.db.select().from(user).where(eq(user.id, known.userId));
		const link = await invite(['head'], 'Jugend');
		await expectValidation(
			acceptInvitation(t.db, link.token, { name: '', email: known.email, password: 'falsches-passwort', passwordRepeat: '' }),
			{ password: 'error_join_existing_password' }
		);
		expect(await findOpenInvitation(t.db, link.token)).toBeDefined();
		expect(
			await t.db
				.select()
				.from(membership)
				.where(and(eq(membership.userId, known.userId), eq(membership.municipalityId, town.municipalityId)))
		).toEqual([]);

		const session = await acceptInvitation(t.db, link.token, { name: '', email: known.email, password: PASSWORD, passwordRepeat: '' });
		const resolved = await validateSessionToken(t.db, session!.token);
		expect(resolved!.actor).toMatchObject({
			userId: known.userId,
			municipalityId: town.municipalityId,
			roles: ['head'],
			departmentId: town.departments.Jugend
		});
		const [after] = await t.db.select().from(user).where(eq(user.id, known.userId));
		expect(after!.passwordHash).toBe(before!.passwordHash);
		expect(after!.name).toBe(before!.name);
	});

	it('refuses someone who is already a member', async () => {
		const link = await invite(['focus'], null);
		await expectValidation(
			acceptInvitation(t.db, link.token, { name: '', email: town.admin.email, password: PASSWORD, passwordRepeat: '' }),
			{ email: 'error_join_already_member' }
		);
		expect(await findOpenInvitation(t.db, link.token)).toBeDefined();
	});

	it('checks a new account and leaves the invitation open when the input is wrong', async () => {
		const link = await invite();
		await expectValidation(acceptInvitation(t.db, link.token, { name: 'X', email: 'keine-adresse', password: NEW, passwordRepeat: NEW }), {
			email: 'error_email_invalid'
		});
		await expectValidation(
			acceptInvitation(t.db, link.token, { name: '   ', email: `leer${n}@example.test`, password: 'kurz', passwordRepeat: 'anders' }),
			{ name: 'error_name_required', password: 'error_password_too_short', passwordRepeat: 'error_password_mismatch' }
		);
		await expectValidation(
			acceptInvitation(t.db, link.token, { name: 'x'.repeat(121), email: `lang${n}@example.test`, password: NEW, passwordRepeat: NEW }),
			{ name: 'error_name_too_long' }
		);
		expect(await findOpenInvitation(t.db, link.token)).toBeDefined();
	});

	it('checks roles, department and note when creating', async () => {
		await expectValidation(invite([], null), { roles: 'error_roles_required' });
		await expectValidation(invite(['owner'], null), { roles: 'error_roles_required' });
		await expectValidation(invite(['member'], null), { departmentId: 'error_department_required' });
		await expectValidation(invite(['head'], null), { departmentId: 'error_department_required' });
		await expectValidation(
			createInvitation(t.db, town.admin.actor, { roles: ['member'], departmentId: elsewhere.departments.Bildung!, note: '' }),
			{ departmentId: 'error_department_unknown' }
		);
		await expectValidation(invite(['focus'], null, 'x'.repeat(201)), { note: 'error_note_too_long' });
		await expect(invite(['focus'], null, 'x'.repeat(200))).resolves.toMatchObject({ token: expect.any(String) });
	});

	it('may be created, listed and revoked by admins only', async () => {
		const link = await invite();
		const [row] = await t.db.select({ id: invitation.id }).from(invitation).where(eq(invitation.tokenHash, sha256(link.token)));
		await expectHttpStatus(createInvitation(t.db, focus.actor, { roles: ['focus'], departmentId: null, note: '' }), 403);
		await expectHttpStatus(listInvitations(t.db, focus.actor), 403);
		await expectHttpStatus(revokeInvitation(t.db, focus.actor, { id: row!.id }), 403);
		expect(await stateOf(link.token)).toBe('open');
	});
});
