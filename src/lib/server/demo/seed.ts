import { and, eq, inArray, lte } from 'drizzle-orm';
import * as Y from 'yjs';
import { inTransaction, type Db, type DbHandle } from '../db';
import { BOOT_WORK } from '../db/exclusive';
import { adjustment, agreement, checkIn, department, experiment, goal, goalSignoff, measurement, measurementAudit, membership, municipality, tandem, tandemMember, user } from '../db/schema';
import { hashPassword } from '../auth/password';
import { isEmpty } from '../municipalities/municipalities';
import { appendUpdates } from '../documents/update-log';
import { goalDocName, projectContent } from '../goals/projection';
import { addIndicator, DESCRIPTION, goalRoot, goalText, initGoalDoc, readGoalContent, replaceText } from '../../shared/goal-doc';
import { contentHash } from '../../shared/content-hash';
import { valuesOf } from '../measurements/measurements';
import { refreshProgress } from '../goals/progress';
import { createSnapshot } from '../snapshots/snapshots';
import { DEMO_CONSOLIDATION, seedConsolidation } from './consolidation';
import { DEMO, DEMO_PASSWORD, type DemoGoal, type DemoValue } from './towns';
import type { Actor } from '../auth/session';


/** Seeds the demo municipalities; does nothing when the database already holds data. */
/**
 * Seeds under the boot lock, so that of several processes starting together on one empty
 * database exactly one seeds (each asks whether it is empty only once it holds the lock).
 */
export async function seedDemoOnce(handle: DbHandle): Promise<boolean> {
	let seeded = false;
	await handle.exclusive(BOOT_WORK, async () => void (seeded = await seedDemoData(handle.db)), { wait: true });
	return seeded;
}

export async function seedDemoData(db: Db): Promise<boolean> {
	if (!(await isEmpty(db))) return false;
	const passwordHash = await hashPassword(DEMO_PASSWORD);
	await inTransaction(db, async (tx) => {
		for (const demo of DEMO) {
			const [m] = await tx.insert(municipality).values({ slug: demo.slug, name: demo.name }).returning();
			const departments = await tx
				.insert(department)
				.values(demo.departments.map((name) => ({ municipalityId: m!.id, name })))
				.returning();
			const departmentId = (name?: string) => departments.find((d) => d.name === name)?.id ?? null;
			const memberships = new Map<string, string>();
			const users = new Map<string, string>();
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
				users.set(person.local, u!.id);
			}
			const person = (local: string) => ({ userId: users.get(local)!, membershipId: memberships.get(local)! });
			for (const demoTandem of demo.tandems) {
				const [t] = await tx
					.insert(tandem)
					.values({ municipalityId: m!.id, departmentId: departmentId(demoTandem.department)!, name: `Tandem ${demoTandem.department}` })
					.returning();
				await tx.insert(tandemMember).values([demoTandem.focus, demoTandem.partner].map((local) => ({ tandemId: t!.id, membershipId: memberships.get(local)! })));
				const people = { focus: person(demoTandem.focus), partner: person(demoTandem.partner) };
				for (const demoGoal of demoTandem.goals) {
					await seedGoal(tx, { municipalityId: m!.id, departmentId: t!.departmentId, tandemId: t!.id, people }, demoGoal);
				}
			}
			const consolidation = DEMO_CONSOLIDATION[demo.slug];
			if (consolidation) await seedConsolidation(tx, { municipalityId: m!.id, departmentId: (name) => departmentId(name)!, person }, consolidation, 'focus');
			const focus = demo.people.find((p) => p.local === 'focus')!;
			const author: Actor = {
				...person('focus'),
				name: focus.name,
				email: `focus@${demo.slug}.example`,
				sessionId: '',
				municipalityId: m!.id,
				municipalityName: m!.name,
				municipalitySlug: m!.slug,
				roles: focus.roles,
				departmentId: null
			};
			// Made one after the other, so each later report is compared with the one before.
			const start = Date.now() - (demo.reports?.length ?? 0) * 1000;
			for (const [i, report] of (demo.reports ?? []).entries()) {
				const departmentIds = report.departments.map((name) => departmentId(name)!);
				// The signed agreements of its departments, as far as signed by the reference date.
				const agreementIds = report.consolidation
					? (await tx.select({ id: agreement.id }).from(agreement).where(and(eq(agreement.municipalityId, m!.id), eq(agreement.status, 'signed'), lte(agreement.signedAt, new Date(`${report.refDate}T23:59:59Z`)), inArray(agreement.departmentId, departmentIds)))).map((a) => a.id)
					: [];
				await createSnapshot(
					tx,
					author,
					{
						title: report.title,
						refDate: report.refDate,
						goalIds: [],
						departmentIds,
						commentary: report.commentary,
						goalCommentary: {},
						minCases: '',
						previousId: '',
						locale: 'de',
						includeAssessment: report.consolidation,
						agreementIds
					},
					new Date(start + i * 1000)
				);
			}
		}
	});
	return true;
}

/** When demo goals were written and agreed, unless a goal says otherwise: before every demo report. */
const WRITTEN = '2025-01-20';
const AGREED = '2025-02-14';
/** A working morning of a day, as the time a person did something. */
const morningOf = (date: string) => new Date(`${date}T09:00:00Z`);
const DAY_MS = 86_400_000;

/**
 * A goal as the tandem would have written it, dated like real history: the document written on
 * its day by the focus side (with the values its adjustments later changed), signed by both
 * sides, each adjustment a later document change, signed again two weeks after. Reports and the
 * "Stand am …" view rebuild the goal at a date from exactly these times.
 */
async function seedGoal(
	db: Db,
	where: { municipalityId: string; departmentId: string; tandemId: string; people: Record<'focus' | 'partner', { userId: string; membershipId: string }> },
	demo: DemoGoal
): Promise<void> {
	const written = morningOf(demo.written ?? WRITTEN);
	const [row] = await db
		.insert(goal)
		.values({ municipalityId: where.municipalityId, departmentId: where.departmentId, tandemId: where.tandemId, title: demo.title, createdBy: where.people.focus.userId, createdAt: written })
		.returning({ id: goal.id });
	const docName = goalDocName(row!.id);
	const adjustments = [...(demo.adjustments ?? [])].sort((a, b) => a.at.localeCompare(b.at));
	const doc = new Y.Doc();
	const ids: { id: string; values: DemoValue[] }[] = [];
	initGoalDoc(doc, { title: demo.title });
	doc.transact(() => {
		replaceText(goalText(doc, 'forWhom')!, demo.forWhom);
		replaceText(goalText(doc, 'resources')!, demo.resources);
		goalRoot(doc).set('criterion', demo.criterion);
		goalRoot(doc).set('deadline', demo.deadline);
		for (const a of adjustments.toReversed()) setField(doc, a.field, a.before);
		const paragraph = new Y.XmlElement('paragraph');
		paragraph.insert(0, [new Y.XmlText(demo.description)]);
		doc.getXmlFragment(DESCRIPTION).insert(0, [paragraph]);
		for (const { values, ...indicator } of demo.indicators) ids.push({ id: addIndicator(doc, indicator), values: values ?? [] });
	});
	await appendUpdates(db, docName, [{ userId: where.people.focus.userId, update: Y.encodeStateAsUpdate(doc), createdAt: written }]);
	const signBoth = async (at: Date) => {
		const hash = contentHash(readGoalContent(doc));
		await db.insert(goalSignoff).values([
			{ goalId: row!.id, userId: where.people.focus.userId, membershipId: where.people.focus.membershipId, side: 'focus', contentHash: hash, signedAt: at },
			{ goalId: row!.id, userId: where.people.partner.userId, membershipId: where.people.partner.membershipId, side: 'department', contentHash: hash, signedAt: new Date(at.getTime() + 3_600_000) }
		]);
	};
	if (demo.agreed) await signBoth(morningOf(demo.agreedOn ?? AGREED));
	for (const a of adjustments) {
		const before = Y.encodeStateVector(doc);
		setField(doc, a.field, a.after);
		await appendUpdates(db, docName, [{ userId: where.people.focus.userId, update: Y.encodeStateAsUpdate(doc, before), createdAt: new Date(a.at) }]);
		if (demo.agreed) await signBoth(new Date(Date.parse(a.at) + 14 * DAY_MS));
	}
	await projectContent(db, row!.id, readGoalContent(doc));
	doc.destroy();
	const firstIndicator = ids[0]?.id;
	if (demo.experiments?.length) {
		await db.insert(experiment).values(
			demo.experiments.map((e) => ({
				municipalityId: where.municipalityId,
				goalId: row!.id,
				title: e.title,
				hypothesis: e.hypothesis,
				indicatorIds: e.linked && firstIndicator ? [firstIndicator] : [],
				startDate: e.startDate,
				endDate: e.endDate ?? null,
				status: e.status,
				learned: e.learned ?? '',
				decision: e.decision ?? null,
				createdBy: where.people.focus.userId
			}))
		);
	}
	if (demo.checkIns?.length) {
		await db.insert(checkIn).values(demo.checkIns.map((c) => ({ ...c, municipalityId: where.municipalityId, goalId: row!.id, createdBy: where.people.partner.userId })));
	}
	if (demo.adjustments?.length) {
		await db.insert(adjustment).values(
			demo.adjustments.map((a) => ({
				municipalityId: where.municipalityId,
				goalId: row!.id,
				field: a.field,
				before: a.before,
				after: a.after,
				detectedAt: new Date(a.at),
				updatedAt: new Date(a.at),
				reason: a.reason,
				reasonBy: where.people.focus.userId,
				reasonAt: new Date(Date.parse(a.at) + DAY_MS)
			}))
		);
	}
	const rows = ids.flatMap(({ id, values }) =>
		values.map((v) => ({
			municipalityId: where.municipalityId,
			goalId: row!.id,
			indicatorId: id,
			groupName: v.group ?? '',
			refDate: v.date,
			value: v.value ?? null,
			symbol: v.symbol ?? null,
			flags: v.flags ?? [],
			cases: v.cases ?? null,
			note: v.note ?? '',
			source: '',
			enteredBy: where.people.partner.userId
		}))
	);
	if (rows.length === 0) return;
	const inserted = await db.insert(measurement).values(rows).returning();
	await db.insert(measurementAudit).values(
		inserted.map((m) => ({ municipalityId: m.municipalityId, indicatorId: m.indicatorId, measurementId: m.id, action: 'create' as const, after: valuesOf(m), userId: m.enteredBy }))
	);
	await refreshProgress(db, { goalIds: [row!.id] });
}

/** Sets a field an adjustment changes: a text by the smallest edit, a date as the plain value. */
function setField(doc: Y.Doc, field: 'deadline' | 'forWhom', value: string): void {
	if (field === 'forWhom') replaceText(goalText(doc, 'forWhom')!, value);
	else goalRoot(doc).set('deadline', value);
}
