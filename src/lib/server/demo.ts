import type { Db } from './db';
import { department, membership, municipality, tandem, tandemMember, user } from './db/schema';
import { hashPassword } from './auth/password';
import { isEmpty } from './municipalities';
import type { Role } from '../shared/roles';

/** The demo password of every demo account (README, PRODUCT.md). */
export const DEMO_PASSWORD = 'demo-passwort';

interface DemoPerson {
	local: string;
	name: string;
	roles: Role[];
	department?: string;
}

interface DemoMunicipality {
	slug: string;
	name: string;
	departments: string[];
	people: DemoPerson[];
}

/**
 * Three fictional municipalities telling the three stories of section B2 of the guide:
 * A raises attention through work with parents, B institutionalises a coordination office
 * with its council, C consolidates a network that already exists.
 */
const DEMO: DemoMunicipality[] = [
	{
		slug: 'stadt-a',
		name: 'Stadt Auental (Demo)',
		departments: ['Bildung', 'Jugend', 'Arbeitsmarkt'],
		people: [
			{ local: 'admin', name: 'Anja Albrecht', roles: ['admin'] },
			{ local: 'focus', name: 'Aylin Demir', roles: ['focus'] },
			{ local: 'bildung', name: 'Andreas Brandt', roles: ['member'], department: 'Bildung' },
			{ local: 'leitung', name: 'Astrid Lehmann', roles: ['head'], department: 'Bildung' }
		]
	},
	{
		slug: 'stadt-b',
		name: 'Stadt Brückenfeld (Demo)',
		departments: ['Bildung', 'Jugend', 'Arbeitsmarkt', 'Soziales'],
		people: [
			{ local: 'admin', name: 'Bernd Bauer', roles: ['admin'] },
			{ local: 'focus', name: 'Bahar Yılmaz', roles: ['focus'] },
			{ local: 'bildung', name: 'Birgit Schneider', roles: ['member'], department: 'Bildung' },
			{ local: 'leitung', name: 'Benedikt Vogel', roles: ['head'], department: 'Bildung' }
		]
	},
	{
		slug: 'stadt-c',
		name: 'Stadt Carlsfelde (Demo)',
		departments: ['Bildung', 'Jugend', 'Arbeitsmarkt', 'Soziales', 'Wirtschaftsförderung'],
		people: [
			{ local: 'admin', name: 'Carla Hoffmann', roles: ['admin'] },
			{ local: 'focus', name: 'Cem Aksoy', roles: ['focus'] },
			{ local: 'bildung', name: 'Christina Wolf', roles: ['member'], department: 'Bildung' },
			{ local: 'leitung', name: 'Clemens Richter', roles: ['head'], department: 'Bildung' }
		]
	}
];

/** Seeds the demo municipalities; does nothing when the database already holds data. */
export async function seedDemoData(db: Db): Promise<boolean> {
	if (!(await isEmpty(db))) return false;
	const passwordHash = await hashPassword(DEMO_PASSWORD);
	await db.transaction(async (tx) => {
		for (const demo of DEMO) {
			const [m] = await tx.insert(municipality).values({ slug: demo.slug, name: demo.name }).returning();
			const departments = await tx
				.insert(department)
				.values(demo.departments.map((name) => ({ municipalityId: m!.id, name })))
				.returning();
			const departmentId = (name?: string) => departments.find((d) => d.name === name)?.id ?? null;
			const memberships = new Map<string, string>();
			for (const person of demo.people) {
				const [u] = await tx
					.insert(user)
					.values({ email: `${person.local}@${demo.slug}.example`, name: person.name, passwordHash })
					.returning();
				const [ms] = await tx
					.insert(membership)
					.values({ userId: u!.id, municipalityId: m!.id, roles: person.roles, departmentId: departmentId(person.department) })
					.returning();
				memberships.set(person.local, ms!.id);
			}
			const [t] = await tx
				.insert(tandem)
				.values({ municipalityId: m!.id, departmentId: departmentId('Bildung')!, name: 'Tandem Bildung' })
				.returning();
			await tx.insert(tandemMember).values(
				['focus', 'bildung'].map((local) => ({ tandemId: t!.id, membershipId: memberships.get(local)! }))
			);
		}
	});
	return true;
}
