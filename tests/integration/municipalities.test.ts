import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { membership, municipality, user } from '../../src/lib/server/db/schema';
import { createMunicipalityWithAdmin } from '../../src/lib/server/municipalities/municipalities';
import { signIn } from '../../src/lib/server/members/accounts';
import { validateSessionToken } from '../../src/lib/server/auth/session';
import { backends, createTown, PASSWORD, signInAs, useTestDatabase } from '../support/db';
import { expectValidation } from '../support/expect';

const LIMITS = { perAccount: 100, perAddress: 100, windowSeconds: 900 };
const slug = () => `ort-${randomBytes(3).toString('hex')}`;

describe.each(backends)('creating a municipality on %s', (backend) => {
	const t = useTestDatabase(backend);

	it('creates the municipality with a first admin who can sign in', async () => {
		const s = slug();
		const created = await createMunicipalityWithAdmin(t.db, {
			slug: s,
			name: '  Neustadt  ',
			adminEmail: ` Chefin@${s}.Example `,
			adminName: 'Chefin',
			adminPassword: PASSWORD
		});
		expect(created.createdUser).toBe(true);
		const [row] = await t.db.select().from(municipality).where(eq(municipality.id, created.municipalityId));
		expect(row).toMatchObject({ slug: s, name: 'Neustadt' });
		const result = await signIn(t.db, LIMITS, { email: `chefin@${s}.example`, password: PASSWORD, address: 'm' });
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		expect((await validateSessionToken(t.db, result.session.token))!.actor).toMatchObject({
			userId: created.userId,
			municipalityId: created.municipalityId,
			municipalitySlug: s,
			roles: ['admin'],
			departmentId: null
		});
	});

	it('makes an existing account the admin without touching its password', async () => {
		const first = await createTown(t.db);
		const [before] = await t.db.select().from(user).where(eq(user.id, first.admin.userId));
		const created = await createMunicipalityWithAdmin(t.db, {
			slug: slug(),
			name: 'Zweitstadt',
			adminEmail: first.admin.email.toUpperCase(),
			adminName: '',
			adminPassword: undefined
		});
		expect(created).toMatchObject({ userId: first.admin.userId, createdUser: false });
		const [after] = await t.db.select().from(user).where(eq(user.id, first.admin.userId));
		expect(after).toEqual(before);
		const memberships = await t.db.select().from(membership).where(eq(membership.userId, first.admin.userId));
		expect(memberships.map((m) => m.municipalityId).sort()).toEqual([first.municipalityId, created.municipalityId].sort());
		const there = await signInAs(t.db, { userId: first.admin.userId, municipalityId: created.municipalityId });
		expect(there.actor.roles).toEqual(['admin']);
	});

	it('checks every field and reports every problem at once', async () => {
		await expectValidation(
			createMunicipalityWithAdmin(t.db, { slug: 'Bad Slug', name: ' ', adminEmail: 'keine-adresse', adminName: ' ', adminPassword: 'kurz' }),
			{
				slug: 'error_slug_invalid',
				name: 'error_name_required',
				adminEmail: 'error_email_invalid',
				adminName: 'error_name_required',
				adminPassword: 'error_password_too_short'
			}
		);
		for (const bad of ['-ort', 'ort-', 'ört', 'a_b', 'x'.repeat(65), '']) {
			await expectValidation(
				createMunicipalityWithAdmin(t.db, { slug: bad, name: 'N', adminEmail: `a@${slug()}.example`, adminName: 'A', adminPassword: PASSWORD }),
				{ slug: 'error_slug_invalid' }
			);
		}
		await expectValidation(
			createMunicipalityWithAdmin(t.db, { slug: slug(), name: 'N', adminEmail: `a@${slug()}.example`, adminName: 'A' }),
			{ adminPassword: 'error_password_too_short' }
		);
	});

	it('refuses a slug that is taken, and creates nothing', async () => {
		const existing = await createTown(t.db);
		const email = `neu@${slug()}.example`;
		await expectValidation(
			createMunicipalityWithAdmin(t.db, { slug: existing.slug, name: 'N', adminEmail: email, adminName: 'A', adminPassword: PASSWORD }),
			{ slug: 'error_slug_taken' }
		);
		expect(await t.db.select().from(user).where(eq(user.email, email))).toEqual([]);
		expect(await t.db.select().from(municipality).where(eq(municipality.slug, existing.slug))).toHaveLength(1);
	});
});
