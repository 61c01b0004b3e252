import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { goal, goalStatusChange, statusQuarter, statusRecording } from '../../src/lib/server/db/schema';
import { createGoal } from '../../src/lib/server/goals/goals';
import { goalAsOfView } from '../../src/lib/server/goals/as-of-view';
import { refreshProgress } from '../../src/lib/server/goals/progress';
import { closeGoal, signOffGoal } from '../../src/lib/server/goals/signoff';
import { addMeasurement } from '../../src/lib/server/measurements/measurements';
import { quartersKept, statusHistory, type StatusHistory } from '../../src/lib/server/monitoring/status-history';
import { createTandem } from '../../src/lib/server/tandems/tandems';
import type { TrackStatus } from '../../src/lib/shared/forecast';
import { noStandings, type Standing } from '../../src/lib/shared/goal-standing';
import { addIndicator, goalRoot, goalText, replaceText, type IndicatorDef } from '../../src/lib/shared/goal-doc';
import { backends, createTown, person, signInAs, useTestDatabase, type SignedIn } from '../support/db';
import { backdateGoal, editGoal } from '../support/goals';
import { entry } from '../support/measurements';

const QUOTA: Partial<Omit<IndicatorDef, 'id'>> = {
	name: 'Abschlussquote',
	unit: '%',
	frequency: 'halfYearly',
	baselineValue: 10,
	baselineDate: '2024-12-31',
	targetValue: 20,
	targetDate: '2027-12-31'
};

const WRITTEN = new Date('2025-01-15T09:00:00Z');
/** Recording begins with the first look at the history, in the fourth quarter of 2025. */
const FIRST_LOOK = new Date('2025-11-20T10:00:00Z');
const LATER_LOOK = new Date('2026-04-20T10:00:00Z');

const quarter = (history: StatusHistory, key: string) => {
	const found = history.quarters.find((q) => q.key === key);
	if (!found) throw new Error(`no quarter ${key} in ${history.quarters.map((q) => q.key).join(', ')}`);
	return found;
};

describe.each(backends)('the share of goals on track per quarter on %s', (backend) => {
	const t = useTestDatabase(backend);
	let focus: SignedIn, member: SignedIn, outsider: SignedIn;
	let tandemId: string;
	/** Goal key → id. */
	const goals: Record<string, string> = {};
	let first: StatusHistory;

	async function makeGoal(key: string, title: string, at: Date, value?: string) {
		const id = await createGoal(t.db, member.actor, { tandemId, title });
		let indicatorId = '';
		const hash = await editGoal(t.db, id, member, (doc) => {
			replaceText(goalText(doc, 'forWhom')!, 'Jugendliche ohne deutsche Staatsangehörigkeit');
			replaceText(goalText(doc, 'resources')!, 'Eine halbe Stelle');
			goalRoot(doc).set('deadline', '2027-12-31');
			if (value !== undefined) indicatorId = addIndicator(doc, QUOTA);
		});
		await signOffGoal(t.db, focus.actor, { goalId: id, contentHash: hash });
		await signOffGoal(t.db, member.actor, { goalId: id, contentHash: hash });
		await backdateGoal(t.db, id, at);
		if (value !== undefined) await addMeasurement(t.db, member.actor, indicatorId, entry({ date: '2025-06-30', value }), 'de');
		goals[key] = id;
		return id;
	}
	const setTrack = (key: string, trackStatus: TrackStatus) => t.db.update(goal).set({ trackStatus }).where(eq(goal.id, goals[key]!));

	beforeAll(async () => {
		const town = await createTown(t.db, {
			departments: ['Bildung'],
			people: { focus: { roles: ['focus'] }, member: { roles: ['member'], department: 'Bildung' } }
		});
		const other = await createTown(t.db, { departments: ['Bildung'], people: { focus: { roles: ['focus'] }, member: { roles: ['member'], department: 'Bildung' } } });
		focus = await signInAs(t.db, person(town, 'focus'));
		member = await signInAs(t.db, person(town, 'member'));
		outsider = await signInAs(t.db, person(other, 'focus'));
		tandemId = await createTandem(t.db, focus.actor, {
			name: 'Tandem Bildung',
			departmentId: town.departments.Bildung!,
			membershipIds: [person(town, 'focus').membershipId, person(town, 'member').membershipId]
		});
		// Written in January 2025; measured at the end of June: one ahead of plan, one far behind.
		await makeGoal('ahead', 'Vorne', WRITTEN, '13');
		await makeGoal('behind', 'Hinten', WRITTEN, '10,1');
		// Written in August 2025, without indicators.
		await makeGoal('late', 'Später', new Date('2025-08-01T09:00:00Z'));
		// Written in January, closed in October 2025.
		await makeGoal('closed', 'Erledigt', WRITTEN);
		await closeGoal(t.db, focus.actor, { goalId: goals.closed!, outcome: 'achieved', comment: 'Geschafft.' });
		await t.db.update(goal).set({ closedAt: new Date('2025-10-15T09:00:00Z') }).where(eq(goal.id, goals.closed!));

		// Another town's goal of the same time counts nowhere here.
		const otherMember = await signInAs(t.db, person(other, 'member'));
		const otherTandem = await createTandem(t.db, outsider.actor, {
			name: 'Tandem anderswo',
			departmentId: other.departments.Bildung!,
			membershipIds: [person(other, 'focus').membershipId, person(other, 'member').membershipId]
		});
		const foreign = await createGoal(t.db, otherMember.actor, { tandemId: otherTandem, title: 'Fremd' });
		await backdateGoal(t.db, foreign, WRITTEN);

		// The stored statuses when recording begins (the real ones depend on the day the test runs).
		await setTrack('ahead', 'onTrack');
		await setTrack('behind', 'offTrack');
		await setTrack('late', 'noData');
		// The first look begins recording and computes the quarters before it in the background.
		const pending = await statusHistory(t.db, focus.actor, FIRST_LOOK);
		expect(pending.quarters.map((q) => [q.key, q.basis, q.share])).toEqual([
			['2025-Q1', 'pending', null],
			['2025-Q2', 'pending', null],
			['2025-Q3', 'pending', null],
			['2025-Q4', 'running', 1 / 3]
		]);
		await quartersKept(focus.actor.municipalityId);
		first = await statusHistory(t.db, focus.actor, FIRST_LOOK);
	});

	it('lists the quarters from the first goal to the running one', () => {
		expect(first.quarters.map((q) => [q.key, q.basis])).toEqual([
			['2025-Q1', 'computed'],
			['2025-Q2', 'computed'],
			['2025-Q3', 'computed'],
			['2025-Q4', 'running']
		]);
		expect(first.recordedSince).toBe('2025-11-20');
		expect(quarter(first, '2025-Q3')).toMatchObject({ start: '2025-07-01', end: '2025-09-30' });
	});

	it('computes the quarters before recording with the as-of rule: each goal as it stood at the quarter\'s end', async () => {
		for (const key of ['2025-Q1', '2025-Q2', '2025-Q3']) {
			const q = quarter(first, key);
			const expected = noStandings();
			for (const id of Object.values(goals)) {
				const then = await goalAsOfView(t.db, focus.actor, id, q.end);
				if (then.kind !== 'shown') continue;
				expected[(then.then.closed ? 'closed' : then.trackStatus) as Standing]++;
			}
			expect(q.counts, key).toEqual(expected);
		}
		// Before the values of June, three goals without a judgement; then one ahead, one behind.
		expect(quarter(first, '2025-Q1').counts).toMatchObject({ onTrack: 0, closed: 0 });
		expect(quarter(first, '2025-Q1').counts.noData + quarter(first, '2025-Q1').counts.atRisk + quarter(first, '2025-Q1').counts.offTrack).toBe(3);
		expect(quarter(first, '2025-Q2').counts).toMatchObject({ onTrack: 1, noData: 1, closed: 0 });
		// The goal written in August counts from the third quarter on.
		expect(quarter(first, '2025-Q3').counts).toMatchObject({ onTrack: 1, noData: 2, closed: 0 });
		expect(quarter(first, '2025-Q3').share).toBeCloseTo(1 / 4);
	});

	it('counts the running quarter from the stored statuses, closed goals apart', () => {
		expect(quarter(first, '2025-Q4').counts).toEqual({ onTrack: 1, atRisk: 0, offTrack: 1, noData: 1, closed: 1 });
		expect(quarter(first, '2025-Q4').share).toBeCloseTo(1 / 3);
	});

	it('keeps the computed quarters instead of computing them again', async () => {
		const kept = await t.db.select().from(statusQuarter).where(eq(statusQuarter.municipalityId, focus.actor.municipalityId));
		expect(kept.map((k) => k.quarter).sort()).toEqual(['2025-Q1', '2025-Q2', '2025-Q3']);
		const where = and(eq(statusQuarter.municipalityId, focus.actor.municipalityId), eq(statusQuarter.quarter, '2025-Q2'));
		await t.db.update(statusQuarter).set({ onTrack: 99 }).where(where);
		try {
			expect(quarter(await statusHistory(t.db, focus.actor, FIRST_LOOK), '2025-Q2').counts.onTrack).toBe(99);
		} finally {
			await t.db.update(statusQuarter).set({ onTrack: 1 }).where(where);
		}
	});

	it('begins recording once, with every goal\'s stored status of then', async () => {
		const [recording] = await t.db.select().from(statusRecording).where(eq(statusRecording.municipalityId, focus.actor.municipalityId));
		expect(recording!.since).toEqual(FIRST_LOOK);
		const baseline = await t.db.select().from(goalStatusChange).where(eq(goalStatusChange.changedAt, FIRST_LOOK));
		expect(Object.fromEntries(baseline.filter((r) => r.goalId !== goals.closed).map((r) => [r.goalId, r.trackStatus]))).toEqual({
			[goals.ahead!]: 'onTrack',
			[goals.behind!]: 'offTrack',
			[goals.late!]: 'noData'
		});
		await statusHistory(t.db, focus.actor, LATER_LOOK);
		expect(await t.db.select().from(goalStatusChange).where(eq(goalStatusChange.changedAt, FIRST_LOOK))).toHaveLength(baseline.length);
	});

	it('records a change of the stored status when progress is refreshed', async () => {
		await setTrack('late', 'atRisk');
		const started = new Date();
		await refreshProgress(t.db, { goalIds: [goals.late!] });
		const rows = await t.db.select().from(goalStatusChange).where(eq(goalStatusChange.goalId, goals.late!));
		const latest = rows.sort((a, b) => a.changedAt.getTime() - b.changedAt.getTime()).at(-1)!;
		// The goal has no indicators: refreshed, it has no data.
		expect(latest.trackStatus).toBe('noData');
		expect(latest.changedAt.getTime()).toBeGreaterThanOrEqual(started.getTime() - 1000);
		// Refreshed again without a change, nothing is added.
		await refreshProgress(t.db, { goalIds: [goals.late!] });
		expect(await t.db.select().from(goalStatusChange).where(eq(goalStatusChange.goalId, goals.late!))).toHaveLength(rows.length);
		await t.db.delete(goalStatusChange).where(eq(goalStatusChange.id, latest.id));
	});

	it('reads the quarters since recording began from the recorded changes', async () => {
		// December 2025: "behind" improves; February 2026: "late" is on track; a goal written in
		// January 2026 has no change recorded, so it stands as a new goal stands, without data.
		await t.db.insert(goalStatusChange).values([
			{ goalId: goals.behind!, municipalityId: focus.actor.municipalityId, trackStatus: 'atRisk', changedAt: new Date('2025-12-05T12:00:00Z') },
			{ goalId: goals.late!, municipalityId: focus.actor.municipalityId, trackStatus: 'onTrack', changedAt: new Date('2026-02-01T12:00:00Z') }
		]);
		const fresh = await createGoal(t.db, member.actor, { tandemId, title: 'Neu im Januar' });
		await t.db.update(goal).set({ createdAt: new Date('2026-01-10T09:00:00Z') }).where(eq(goal.id, fresh));

		const later = await statusHistory(t.db, focus.actor, LATER_LOOK);
		expect(later.quarters.map((q) => [q.key, q.basis])).toEqual([
			['2025-Q1', 'computed'],
			['2025-Q2', 'computed'],
			['2025-Q3', 'computed'],
			['2025-Q4', 'recorded'],
			['2026-Q1', 'recorded'],
			['2026-Q2', 'running']
		]);
		expect(later.recordedSince).toBe('2025-11-20');
		expect(quarter(later, '2025-Q3').counts).toEqual(quarter(first, '2025-Q3').counts);
		expect(quarter(later, '2025-Q4').counts).toEqual({ onTrack: 1, atRisk: 1, offTrack: 0, noData: 1, closed: 1 });
		expect(quarter(later, '2025-Q4').share).toBeCloseTo(1 / 3);
		expect(quarter(later, '2026-Q1').counts).toEqual({ onTrack: 2, atRisk: 1, offTrack: 0, noData: 1, closed: 1 });
		expect(quarter(later, '2026-Q1').share).toBeCloseTo(2 / 4);
	});

	it('shows another town only its own goals', async () => {
		await statusHistory(t.db, outsider.actor, FIRST_LOOK);
		await quartersKept(outsider.actor.municipalityId);
		const theirs = await statusHistory(t.db, outsider.actor, FIRST_LOOK);
		expect(theirs.quarters.map((q) => q.key)).toEqual(['2025-Q1', '2025-Q2', '2025-Q3', '2025-Q4']);
		for (const q of theirs.quarters) expect(q.counts).toEqual({ ...noStandings(), noData: 1 });
	});
});
