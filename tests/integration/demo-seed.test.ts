import { count, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { department, goal, indicator, measurement, membership, municipality, tandem, tandemMember, user } from '../../src/lib/server/db/schema';
import { observedDateRule, targetDateRule, valueRule } from '../../src/lib/shared/plausibility';
import { berlinToday } from '../../src/lib/shared/smart';
import { seedDemoData } from '../../src/lib/server/demo/seed';
import { DEMO_PASSWORD } from '../../src/lib/server/demo/towns';
import { isEmpty } from '../../src/lib/server/municipalities/municipalities';
import { signIn } from '../../src/lib/server/members/accounts';
import { validateSessionToken } from '../../src/lib/server/auth/session';
import { listDepartments } from '../../src/lib/server/departments/departments';
import { listTandems } from '../../src/lib/server/tandems/tandems';
import { municipalityView } from '../../src/lib/server/monitoring/monitoring';
import { changesSince, getSnapshot, listSnapshots } from '../../src/lib/server/snapshots/snapshots';
import { goalAsOf } from '../../src/lib/server/goals/as-of';
import { can, goalSignSides } from '../../src/lib/server/access/rules';
import { listAssessments } from '../../src/lib/server/assessments/assessments';
import { getAgreement, listAgreements } from '../../src/lib/server/agreements/agreements';
import { criterionAverages } from '../../src/lib/shared/assessment';
import { CRITERIA } from '../../src/lib/shared/criteria';
import type { Db } from '../../src/lib/server/db';
import { backends, createTown, useTestDatabase } from '../support/db';

const LIMITS = { perAccount: 100, perAddress: 1000, windowSeconds: 900 };
const SLUGS = ['stadt-a', 'stadt-b', 'stadt-c'];

async function counts(db: Db) {
	const n = async (table: Parameters<ReturnType<Db['select']>['from']>[0]) => (await db.select({ n: count() }).from(table))[0]!.n;
	return {
		municipalities: await n(municipality),
		departments: await n(department),
		users: await n(user),
		memberships: await n(membership),
		tandems: await n(tandem),
		tandemMembers: await n(tandemMember)
	};
}

describe.each(backends)('demo data on %s', (backend) => {
	const t = useTestDatabase(backend);

	const signInDemo = async (email: string) => {
		const result = await signIn(t.db, LIMITS, { email, password: DEMO_PASSWORD, address: 'demo' });
		expect(result.ok, `${email} signs in with the demo password`).toBe(true);
		if (!result.ok) throw new Error(`${email} could not sign in`);
		return (await validateSessionToken(t.db, result.session.token))!.actor;
	};

	it('seeds an empty database', async () => {
		expect(await isEmpty(t.db)).toBe(true);
		expect(await seedDemoData(t.db)).toBe(true);
		expect(await isEmpty(t.db)).toBe(false);
		const slugs = (await t.db.select({ slug: municipality.slug }).from(municipality)).map((row) => row.slug).sort();
		expect(slugs).toEqual(SLUGS);
	});

	it.each(SLUGS)('%s has its departments and the four demo accounts with their roles', async (slug) => {
		const admin = await signInDemo(`admin@${slug}.example`);
		const focus = await signInDemo(`focus@${slug}.example`);
		const bildung = await signInDemo(`bildung@${slug}.example`);
		const leitung = await signInDemo(`leitung@${slug}.example`);
		for (const actor of [admin, focus, bildung, leitung]) expect(actor.municipalitySlug).toBe(slug);

		const departments = await listDepartments(t.db, admin);
		expect(departments.map((d) => d.name)).toEqual(expect.arrayContaining(['Bildung', 'Jugend', 'Arbeitsmarkt']));
		const bildungId = departments.find((d) => d.name === 'Bildung')!.id;

		expect(admin).toMatchObject({ roles: ['admin'], departmentId: null });
		expect(focus).toMatchObject({ roles: ['focus'], departmentId: null });
		expect(bildung).toMatchObject({ roles: ['member'], departmentId: bildungId });
		expect(leitung).toMatchObject({ roles: ['head'], departmentId: bildungId });
		expect(can(admin, 'manageMembers', { kind: 'municipality', municipalityId: admin.municipalityId })).toBe(true);
	});

	it.each(SLUGS)('%s has the Bildung tandem of focus@ and bildung@, able to sign goals together', async (slug) => {
		const focus = await signInDemo(`focus@${slug}.example`);
		const bildung = await signInDemo(`bildung@${slug}.example`);
		const leitung = await signInDemo(`leitung@${slug}.example`);
		const tandems = (await listTandems(t.db, leitung)).filter((tandem) => tandem.departmentName === 'Bildung');
		expect(tandems).toHaveLength(1);
		const [bildungTandem] = tandems;
		expect(bildungTandem).toMatchObject({ name: 'Tandem Bildung', departmentId: bildung.departmentId });
		expect(bildungTandem!.people.map((p) => p.membershipId).sort()).toEqual([focus.membershipId, bildung.membershipId].sort());

		const ref = { departmentId: bildungTandem!.departmentId, membershipIds: bildungTandem!.people.map((p) => p.membershipId) };
		expect(goalSignSides(focus, ref)).toEqual(['focus']);
		expect(goalSignSides(bildung, ref)).toEqual(['department']);
		expect(can(leitung, 'editGoal', { kind: 'goal', municipalityId: leitung.municipalityId, tandem: ref })).toBe(false);
	});

	// The demo's present: the stages depend on how recent the reviews and values are.
	const DEMO_TODAY = '2026-11-25';
	it.each([
		['stadt-a', { Arbeitsmarkt: 'nothing', Bildung: 'monitoring', Jugend: 'nothing' }],
		['stadt-b', { Arbeitsmarkt: 'tandem', Bildung: 'monitoring', Jugend: 'agreed', Soziales: 'nothing' }],
		['stadt-c', { Arbeitsmarkt: 'monitoring', Bildung: 'agreement', Jugend: 'agreement', Soziales: 'agreed', Wirtschaftsförderung: 'tandem' }]
	])('%s tells its story in the honeycomb', async (slug, stages) => {
		const focus = await signInDemo(`focus@${slug}.example`);
		const view = await municipalityView(t.db, focus, DEMO_TODAY);
		expect(Object.fromEntries(view.departments.map((d) => [d.name, d.stage]))).toEqual(stages);
	});

	it('shows stadt-c’s network: two integration office people across five departments, one review overdue', async () => {
		const focus = await signInDemo('focus@stadt-c.example');
		const view = await municipalityView(t.db, focus, DEMO_TODAY);
		expect(view.people.map((p) => p.name)).toEqual(['Canan Öztürk', 'Cem Aksoy']);
		const name = (id: string) => view.departments.find((d) => d.id === id)!.name;
		const works = view.matrix.flatMap((row) => row.cells.filter((c) => c.tandems > 0).map((c) => `${name(row.departmentId)}: ${view.people.find((p) => p.id === c.membershipId)!.name}`));
		expect(works.sort()).toEqual(['Arbeitsmarkt: Cem Aksoy', 'Bildung: Cem Aksoy', 'Jugend: Canan Öztürk', 'Soziales: Canan Öztürk', 'Wirtschaftsförderung: Cem Aksoy']);
		expect(view.departments.find((d) => d.name === 'Soziales')).toMatchObject({ overdueCheckIns: 1 });
		expect(view.criteria.filter((c) => c.goals.length === 0).map((c) => c.criterion)).toEqual(['attention', 'institutionalisation']);
	});

	it.each([
		['stadt-a', ['A completed', 'A completed'], []],
		['stadt-b', ['B completed', 'B completed', 'C draft'], ['Bildung: draft']],
		['stadt-c', ['C completed', 'C completed'], ['Arbeitsmarkt: draft', 'Bildung: signed', 'Jugend: signed']]
	])('%s has assessments matching its story and its agreements', async (slug, stages, agreements) => {
		const reader = await signInDemo(`bildung@${slug}.example`);
		const assessments = await listAssessments(t.db, reader);
		expect(assessments.map((a) => `${a.stage} ${a.completedAt ? 'completed' : 'draft'}`)).toEqual(stages);
		// The later completed assessment improves on the earlier one somewhere (the radar's story).
		const [earlier, later] = assessments.filter((a) => a.completedAt).map((a) => criterionAverages(a.ratings));
		expect(CRITERIA.some((c) => later![c] > earlier![c])).toBe(true);
		// A draft never sets the stage: the municipality stands where its latest completed assessment put it.
		expect((await municipalityView(t.db, reader, DEMO_TODAY)).assessment?.stage).toBe(stages.filter((s) => s.endsWith('completed')).at(-1)![0]);
		const listed = await listAgreements(t.db, reader, DEMO_TODAY);
		expect(listed.map((a) => `${a.departmentName}: ${a.status}`).sort()).toEqual(agreements);
		for (const a of listed.filter((a) => a.status === 'signed')) {
			expect(a.phase).toBe('running');
			expect(a.goalCount).toBeGreaterThan(0);
			const detail = await getAgreement(t.db, reader, a.id);
			expect(detail.signoffs.filter((s) => s.contentHash === detail.agreement.contentHash).map((s) => s.side).sort()).toEqual(['focus', 'head']);
		}
	});

	it('has council reports: one in stadt-a, two in stadt-c, the later compared with the earlier', async () => {
		const a = await signInDemo('leitung@stadt-a.example');
		expect((await listSnapshots(t.db, a)).map((s) => s.title)).toEqual(['Elternarbeit im Übergang Schule–Beruf – Bericht an den Schulausschuss']);
		const c = await signInDemo('leitung@stadt-c.example');
		const [later, earlier] = await listSnapshots(t.db, c);
		expect([later!.title, earlier!.title]).toEqual(['Monitoring 1. Halbjahr 2026', 'Monitoring 2025']);
		const report = await getSnapshot(t.db, c, later!.id);
		expect(report.content.previous).toMatchObject({ id: earlier!.id, title: 'Monitoring 2025' });
		expect(report.content.goals.map((g) => g.department).sort()).toEqual(['Arbeitsmarkt', 'Bildung', 'Bildung', 'Jugend', 'Soziales']);
		const changes = (await changesSince(t.db, c, later!.id, null))!;
		expect(changes.newValues.length).toBeGreaterThan(0);
		// Both say where the town stood; the later one adds the Jugend agreement signed in between.
		expect(report.content.assessment).toMatchObject({ stage: 'C', assessedOn: '2025-10-01' });
		expect(report.content.agreements?.map((a) => a.department)).toEqual(['Bildung', 'Jugend']);
		expect(changes.agreements).toEqual([expect.objectContaining({ department: 'Jugend', before: null, after: 'signed' })]);
	});

	it('dates each goal like real history: written, agreed, adjusted and agreed again, and the reports show it so', async () => {
		const [row] = await t.db.select({ id: goal.id, createdAt: goal.createdAt }).from(goal).where(eq(goal.title, 'Abstand bei Schulabschlüssen verringern'));
		expect(row!.createdAt.toISOString()).toBe('2025-01-20T09:00:00.000Z');
		expect(await goalAsOf(t.db, row!.id, '2025-01-19')).toBeNull();
		// Agreed in February with the deadline of 2027; the programme's extension moved it on 1 October; signed again two weeks later.
		expect(await goalAsOf(t.db, row!.id, '2025-09-30')).toMatchObject({ status: 'agreed', content: { deadline: '2027-07-31' } });
		expect(await goalAsOf(t.db, row!.id, '2025-10-05')).toMatchObject({ status: 'changed', content: { deadline: '2028-07-31' } });
		expect(await goalAsOf(t.db, row!.id, '2025-12-31')).toMatchObject({ status: 'agreed', content: { deadline: '2028-07-31' } });
		const c = await signInDemo('leitung@stadt-c.example');
		const earlier = (await listSnapshots(t.db, c)).find((s) => s.title === 'Monitoring 2025')!;
		const frozen = (await getSnapshot(t.db, c, earlier.id)).content.goals.find((g) => g.id === row!.id)!;
		expect(frozen).toMatchObject({ deadline: '2028-07-31', status: 'agreed' });
		expect(frozen.adjustments.map((a) => [a.field, a.before, a.after])).toEqual([['deadline', '2027-07-31', '2028-07-31']]);
	});

	it('passes the plausibility rules the forms and the import apply', async () => {
		const today = berlinToday();
		const indicators = await t.db.select().from(indicator);
		const units = new Map(indicators.map((i) => [i.id, i.unit]));
		const values = await t.db.select().from(measurement);
		expect(values.length).toBeGreaterThan(0);
		for (const v of values) {
			const where = `${v.refDate} of ${v.indicatorId}`;
			expect(observedDateRule(v.refDate, today), where).toBeNull();
			if (v.value !== null) expect(valueRule(v.value, units.get(v.indicatorId)!), where).toBeNull();
		}
		for (const i of indicators) {
			if (i.baselineDate) expect(observedDateRule(i.baselineDate, today), i.name).toBeNull();
			if (i.baselineValue !== null) expect(valueRule(i.baselineValue, i.unit), i.name).toBeNull();
			if (i.targetValue !== null) expect(valueRule(i.targetValue, i.unit), i.name).toBeNull();
			if (i.targetDate) expect(targetDateRule(i.targetDate, i.baselineDate), i.name).toBeNull();
		}
	});

	it('keeps the demo municipalities apart', async () => {
		const a = await signInDemo('admin@stadt-a.example');
		const b = await signInDemo('admin@stadt-b.example');
		expect(a.municipalityId).not.toBe(b.municipalityId);
		const aDepartments = new Set((await listDepartments(t.db, a)).map((d) => d.id));
		for (const d of await listDepartments(t.db, b)) expect(aDepartments.has(d.id)).toBe(false);
	});

	it('seeds nothing a second time', async () => {
		const before = await counts(t.db);
		expect(before).toMatchObject({ municipalities: 3, users: 20, memberships: 20, tandems: 9, tandemMembers: 18 });
		expect(await seedDemoData(t.db)).toBe(false);
		expect(await counts(t.db)).toEqual(before);
	});
});

describe.each(backends)('demo data next to real data on %s', (backend) => {
	const t = useTestDatabase(backend);

	it('is not seeded into a database that already holds a municipality', async () => {
		await createTown(t.db);
		const before = await counts(t.db);
		expect(await seedDemoData(t.db)).toBe(false);
		expect(await counts(t.db)).toEqual(before);
		expect((await t.db.select().from(municipality)).map((row) => row.slug)).not.toContain('stadt-a');
	});
});
