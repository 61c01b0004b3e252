import { eq } from 'drizzle-orm';
import type { Db } from '../db';
import { membership, municipality, user } from '../db/schema';
import { hashPassword } from '../auth/password';
import { checkNewPassword } from '../members/accounts';
import { Check, isEmail, normaliseEmail } from '../validation';

const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;

/**
 * Creates a municipality with its first admin (from the command line; there is no sign-up).
 * An existing account (same email) becomes the admin without a new password.
 */
export async function createMunicipalityWithAdmin(
	db: Db,
	input: { slug: string; name: string; adminEmail: string; adminName: string; adminPassword?: string }
): Promise<{ municipalityId: string; userId: string; createdUser: boolean }> {
	const check = new Check();
	const slug = input.slug.trim();
	const email = normaliseEmail(input.adminEmail);
	check.when(!SLUG.test(slug), 'slug', 'error_slug_invalid');
	check.when(input.name.trim().length === 0, 'name', 'error_name_required');
	check.when(!isEmail(email), 'adminEmail', 'error_email_invalid');
	const [taken] = await db.select({ id: municipality.id }).from(municipality).where(eq(municipality.slug, slug));
	check.when(Boolean(taken), 'slug', 'error_slug_taken');
	const [existing] = await db.select({ id: user.id }).from(user).where(eq(user.email, email));
	if (!existing) {
		check.when(input.adminName.trim().length === 0, 'adminName', 'error_name_required');
		checkNewPassword(check, input.adminPassword ?? '', input.adminPassword ?? '', 'adminPassword');
	}
	check.throwIfAny();
	const passwordHash = existing ? undefined : await hashPassword(input.adminPassword!);
	return db.transaction(async (tx) => {
		const [m] = await tx.insert(municipality).values({ slug, name: input.name.trim() }).returning({ id: municipality.id });
		const userId =
			existing?.id ??
			(await tx.insert(user).values({ email, name: input.adminName.trim(), passwordHash: passwordHash! }).returning({ id: user.id }))[0]!.id;
		await tx.insert(membership).values({ userId, municipalityId: m!.id, roles: ['admin'] });
		return { municipalityId: m!.id, userId, createdUser: !existing };
	});
}

/** True when the database holds no municipality yet (demo data may be seeded). */
export async function isEmpty(db: Db): Promise<boolean> {
	const rows = await db.select({ id: municipality.id }).from(municipality).limit(1);
	return rows.length === 0;
}
