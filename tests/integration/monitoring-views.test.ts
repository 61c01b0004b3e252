import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { goal, goalSignoff } from '../../src/lib/server/db/schema';
import type { Db } from '../../src/lib/server/db';
import { closeGoal, signOffGoal } from '../../src/lib/server/goals/signoff';
import { createGoal } from '../../src/lib/server/goals/goals';
import { addCheckIn, setCheckInInterval, type CheckInInput } from '../../src/lib/server/loop/check-ins';
import { addMeasurement } from '../../src/lib/server/measurements/measurements';
import { departmentView, municipalityView } from '../../src/lib/server/monitoring/monitoring';
import { createTandem } from '../../src/lib/server/tandems/tandems';
import { CRITERIA, type Criterion } from '../../src/lib/shared/criteria';
import { addMonths } from '../../src/lib/shared/frequency';
import type { TrackStatus } from '../../src/lib/shared/forecast';
import { addIndicator, goalRoot, goalText, replaceText, type IndicatorDef } from '../../src/lib/shared/goal-doc';
import { berlinToday } from '../../src/lib/shared/smart';
import { backends, createTown, person, signInAs, useTestDatabase, type SignedIn, type Town } from '../support/db';
import { expectHttpStatus } from '../support/expect';
import { editGoal } from '../support/goals';
import { entry } from '../support/measurements';

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

type IndicatorFields = Partial<Omit<IndicatorDef, 'id'>>;

/** Goals are signed now, so "first agreed" is today; later days are passed to the views explicitly. */
const TODAY = berlinToday();
const ONE_MONTH_AGO = addMonths(TODAY, -1);
const dayAfter = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

const checkInInput = (fields: Partial<CheckInInput> = {}): CheckInInput => ({
	date: ONE_MONTH_AGO,
	overall: 'onTrack',
	confidence: '7',
	happened: 'Arbeitstreffen durchgeführt.',
	decided: '',
	participants: '',
	...fields
});

/** Yearly, baseline end of 2024: the next measurement was due at the end of 2025 (overdue). */
const YEARLY_OVERDUE: IndicatorFields = { name: 'Jährlich fällig', unit: '%', frequency: 'yearly', baselineValue: 10, baselineDate: '2024-12-31', targetValue: 20, targetDate: '2029-12-31' };
const FALLING: IndicatorFields = {
	name: 'Schulabbruchquote',
	unit: '%',
	direction: 'down',
	baselineValue: 20,
	baselineDate: '2024-12-31',
	targetValue: 10,
	targetDate: '2029-12-31',
	frequency: 'yearly'
};

const storedGoal = async (db: Db, id: string) => (await db.select().from(goal).where(eq(goal.id, id)))[0]!;

interface GoalSpec {
	title: string;
	criterion?: Criterion;
	deadline?: string;
	indicators?: IndicatorFields[];
	/** Both sides sign the content. */
	agree?: boolean;
}

// ---------------------------------------------------------------------------------------------

describe.each(backends)('monitoring views on %s', (backend) => {
	const t = useTestDatabase(backend);
	let town: Town;
	let other: Town;
	let anna: SignedIn, bert: SignedIn, outsider: SignedIn;
	const members: Record<string, SignedIn> = {};
	const dept = (name: string) => town.departments[name]!;
	/** Tandem name → id. */
	const tandems: Record<string, string> = {};
	/** Goal title → id. */
	const goals: Record<string, string> = {};
	const indicators: Record<string, string[]> = {};
	const otherGoalIds: string[] = [];

	async function makeTandem(name: string, department: string, focus: 'anna' | 'bert', db = t.db) {
		const id = await createTandem(db, (focus === 'anna' ? anna : bert).actor, {
			name,
			departmentId: dept(department),
			membershipIds: [person(town, focus).membershipId, person(town, `m${department[0]}`).membershipId]
		});
		tandems[name] = id;
		return id;
	}

	/** A goal of the tandem; `agree` makes both sides (focus person, department member) sign it. */
	async function makeGoal(tandemName: string, department: string, focus: SignedIn, spec: GoalSpec) {
		const member = members[department]!;
		const goalId = await createGoal(t.db, member.actor, { tandemId: tandems[tandemName]!, title: spec.title });
		const ids: string[] = [];
		await editGoal(t.db, goalId, member, (doc) => {
			replaceText(goalText(doc, 'forWhom')!, 'Neu zugewanderte Familien');
			replaceText(goalText(doc, 'resources')!, 'Eine halbe Stelle');
			goalRoot(doc).set('deadline', spec.deadline ?? '2029-12-31');
			if (spec.criterion) goalRoot(doc).set('criterion', spec.criterion);
			for (const fields of spec.indicators ?? []) ids.push(addIndicator(doc, fields));
		});
		if (spec.agree) {
			const { contentHash } = await storedGoal(t.db, goalId);
			await signOffGoal(t.db, focus.actor, { goalId, contentHash });
			await signOffGoal(t.db, member.actor, { goalId, contentHash });
			expect((await storedGoal(t.db, goalId)).status).toBe('agreed');
		}
		goals[spec.title] = goalId;
		indicators[spec.title] = ids;
		return goalId;
	}

	const setTrack = (title: string, trackStatus: TrackStatus) => t.db.update(goal).set({ trackStatus }).where(eq(goal.id, goals[title]!));

	beforeAll(async () => {
		// Departments are listed by name; the first letter keys the department member (mB, mC, …).
		town = await createTown(t.db, {
			departments: ['A Leer', 'B Tandem', 'C Vereinbart', 'D Rückblick', 'F Messung', 'G Entwurf', 'H Halbjahr', 'V Ansicht'],
			people: {
				anna: { roles: ['focus'] },
				bert: { roles: ['focus'] },
				mB: { roles: ['member'], department: 'B Tandem' },
				mC: { roles: ['member'], department: 'C Vereinbart' },
				mD: { roles: ['member'], department: 'D Rückblick' },
				mF: { roles: ['member'], department: 'F Messung' },
				mG: { roles: ['member'], department: 'G Entwurf' },
				mH: { roles: ['member'], department: 'H Halbjahr' },
				mV: { roles: ['member'], department: 'V Ansicht' }
			}
		});
		other = await createTown(t.db, {
			departments: ['C Vereinbart'],
			people: { anna: { roles: ['focus'] }, mC: { roles: ['member'], department: 'C Vereinbart' } }
		});
		anna = await signInAs(t.db, person(town, 'anna'));
		bert = await signInAs(t.db, person(town, 'bert'));
		outsider = await signInAs(t.db, person(other, 'anna'));
		for (const key of ['B', 'C', 'D', 'F', 'G', 'H', 'V']) {
			const name = Object.keys(town.departments).find((d) => d.startsWith(key))!;
			members[name] = await signInAs(t.db, person(town, `m${key}`));
		}

		// B: a tandem only.
		await makeTandem('Tandem B', 'B Tandem', 'anna');
		// C: agreed goals without activity; one changed after agreement; two closed.
		await makeTandem('Tandem C', 'C Vereinbart', 'anna');
		await makeGoal('Tandem C', 'C Vereinbart', anna, { title: 'C vereinbart', criterion: 'rights', agree: true });
		const changed = await makeGoal('Tandem C', 'C Vereinbart', anna, { title: 'C geändert', agree: true });
		await editGoal(t.db, changed, members['C Vereinbart']!, (doc) => replaceText(goalText(doc, 'forWhom')!, 'Alle Familien'));
		await makeGoal('Tandem C', 'C Vereinbart', anna, { title: 'C erreicht', criterion: 'statePolicy', agree: true });
		await closeGoal(t.db, anna.actor, { goalId: goals['C erreicht']!, outcome: 'achieved', comment: 'Geschafft.' });
		await makeGoal('Tandem C', 'C Vereinbart', anna, { title: 'C verworfen', criterion: 'statePolicy', indicators: [YEARLY_OVERDUE] });
		await closeGoal(t.db, anna.actor, { goalId: goals['C verworfen']!, outcome: 'dropped', comment: 'Nicht mehr nötig.' });
		// D: an agreed goal with a check-in a month ago; a second tandem with bert.
		await makeTandem('Tandem D', 'D Rückblick', 'anna');
		await makeTandem('Tandem D2', 'D Rückblick', 'bert');
		await makeGoal('Tandem D', 'D Rückblick', anna, { title: 'D mit Check-in', agree: true });
		await addCheckIn(t.db, members['D Rückblick']!.actor, goals['D mit Check-in']!, checkInInput());
		await makeGoal('Tandem D2', 'D Rückblick', bert, { title: 'D zweites Tandem' });
		// F: an agreed goal with a measurement of recent reference date, and an overdue indicator.
		await makeTandem('Tandem F', 'F Messung', 'anna');
		await makeGoal('Tandem F', 'F Messung', anna, {
			title: 'F gemessen',
			agree: true,
			indicators: [{ name: 'Quote', unit: '%', frequency: 'yearly', baselineValue: 5, baselineDate: '2024-06-30', targetValue: 9, targetDate: '2029-12-31' }, YEARLY_OVERDUE]
		});
		await addMeasurement(t.db, members['F Messung']!.actor, indicators['F gemessen']![0]!, entry({ date: ONE_MONTH_AGO, value: '6' }), 'de');
		// G: a draft goal with a check-in.
		await makeTandem('Tandem G', 'G Entwurf', 'anna');
		await makeGoal('Tandem G', 'G Entwurf', anna, { title: 'G Entwurf' });
		await addCheckIn(t.db, members['G Entwurf']!.actor, goals['G Entwurf']!, checkInInput());
		// H: an agreed goal checked in every six months, last a month ago.
		await makeTandem('Tandem H', 'H Halbjahr', 'bert');
		await makeGoal('Tandem H', 'H Halbjahr', bert, { title: 'H halbjährlich', agree: true });
		await setCheckInInterval(t.db, members['H Halbjahr']!.actor, goals['H halbjährlich']!, '6');
		await addCheckIn(t.db, members['H Halbjahr']!.actor, goals['H halbjährlich']!, checkInInput());

		// V: the department view.
		await makeTandem('Tandem V1', 'V Ansicht', 'anna');
		await makeTandem('Tandem V2', 'V Ansicht', 'bert');
		await makeGoal('Tandem V1', 'V Ansicht', anna, {
			title: 'Alpha',
			criterion: 'reach',
			deadline: '2029-12-31',
			indicators: [FALLING, { name: 'Beratene', unit: 'Personen', frequency: 'quarterly', baselineValue: 80, baselineDate: '2025-07-31', targetValue: 120 }],
			agree: true
		});
		const [falling, counted] = indicators.Alpha as [string, string];
		const mV = members['V Ansicht']!.actor;
		// Entered out of order; a symbol ("no value") is left out of the sparkline.
		await addMeasurement(t.db, mV, falling, entry({ date: '2025-12-31', value: '17' }), 'de');
		await addMeasurement(t.db, mV, falling, entry({ date: '2025-06-30', value: '18,5' }), 'de');
		await addMeasurement(t.db, mV, falling, entry({ date: '2025-09-30', symbol: '.' }), 'de');
		await addMeasurement(t.db, mV, counted, entry({ date: '2025-10-31', value: '90' }), 'de');
		await addCheckIn(t.db, mV, goals.Alpha!, checkInInput({ date: '2026-01-15' }));
		await addCheckIn(t.db, mV, goals.Alpha!, checkInInput({ date: ONE_MONTH_AGO }));
		await addCheckIn(t.db, mV, goals.Alpha!, checkInInput({ date: '2026-03-01' }));
		await makeGoal('Tandem V2', 'V Ansicht', bert, { title: 'Beta', criterion: 'attention', deadline: '2028-06-30' });
		await makeGoal('Tandem V1', 'V Ansicht', anna, { title: 'Gamma', deadline: '2027-12-31', indicators: [{ ...YEARLY_OVERDUE, name: 'Gamma-Quote', baselineDate: '2025-01-31' }] });
		await makeGoal('Tandem V2', 'V Ansicht', bert, { title: 'Delta', criterion: 'reach', deadline: '2030-06-30', agree: true });
		await makeGoal('Tandem V2', 'V Ansicht', bert, { title: 'Epsilon', criterion: 'reach', deadline: '2028-01-31', agree: true });
		await makeGoal('Tandem V1', 'V Ansicht', anna, { title: 'Zeta', criterion: 'reach', deadline: '2028-01-31' });
		// The track status is derived from forecasts against the real date; fixed here so the
		// order does not depend on the day the test runs.
		await setTrack('Alpha', 'offTrack');
		await setTrack('Beta', 'atRisk');
		await setTrack('Gamma', 'noData');
		await setTrack('Delta', 'onTrack');
		await setTrack('Epsilon', 'onTrack');
		await setTrack('Zeta', 'onTrack');

		// The other town: a department with the same name, goals with every criterion, overdue work.
		const otherTandem = await createTandem(t.db, outsider.actor, {
			name: 'Tandem anderswo',
			departmentId: other.departments['C Vereinbart']!,
			membershipIds: [person(other, 'anna').membershipId, person(other, 'mC').membershipId]
		});
		const otherMember = await signInAs(t.db, person(other, 'mC'));
		for (const criterion of CRITERIA) {
			const id = await createGoal(t.db, otherMember.actor, { tandemId: otherTandem, title: `Fremd ${criterion}` });
			await editGoal(t.db, id, otherMember, (doc) => {
				goalRoot(doc).set('criterion', criterion);
				addIndicator(doc, YEARLY_OVERDUE);
			});
			const { contentHash } = await storedGoal(t.db, id);
			await signOffGoal(t.db, outsider.actor, { goalId: id, contentHash });
			await signOffGoal(t.db, otherMember.actor, { goalId: id, contentHash });
			await addCheckIn(t.db, otherMember.actor, id, checkInInput());
			otherGoalIds.push(id);
		}
	});

	const view = (today: string = TODAY, actor: SignedIn = anna) => municipalityView(t.db, actor.actor, today);
	const summary = async (name: string, today: string = TODAY) => (await view(today)).departments.find((d) => d.name === name)!;

	// -----------------------------------------------------------------------------------------
	describe('honeycomb', () => {
		it('lists every department of the town by name with its stage', async () => {
			const { departments } = await view();
			expect(departments.map((d) => [d.name, d.stage])).toEqual([
				['A Leer', 'nothing'],
				['B Tandem', 'tandem'],
				['C Vereinbart', 'agreed'],
				['D Rückblick', 'monitoring'],
				['F Messung', 'monitoring'],
				['G Entwurf', 'tandem'],
				['H Halbjahr', 'monitoring'],
				['V Ansicht', 'monitoring']
			]);
			expect(departments.map((d) => d.id)).toEqual(departments.map((d) => dept(d.name)));
		});

		it('counts tandems per department', async () => {
			const { departments } = await view();
			expect(Object.fromEntries(departments.map((d) => [d.name, d.tandems]))).toEqual({
				'A Leer': 0,
				'B Tandem': 1,
				'C Vereinbart': 1,
				'D Rückblick': 2,
				'F Messung': 1,
				'G Entwurf': 1,
				'H Halbjahr': 1,
				'V Ansicht': 2
			});
		});

		it('keeps "monitoring" up to two check-in intervals after the last check-in, then falls back to "agreed"', async () => {
			const limit = addMonths(ONE_MONTH_AGO, 6);
			expect((await summary('D Rückblick', limit)).stage).toBe('monitoring');
			expect((await summary('D Rückblick', dayAfter(limit))).stage).toBe('agreed');
		});

		it('counts a measurement by its reference date like a check-in', async () => {
			const limit = addMonths(ONE_MONTH_AGO, 6);
			expect((await summary('F Messung', limit)).stage).toBe('monitoring');
			expect((await summary('F Messung', dayAfter(limit))).stage).toBe('agreed');
		});

		it('leaves a department with only a draft goal at "tandem", check-in or not', async () => {
			expect((await summary('G Entwurf')).stage).toBe('tandem');
			expect((await summary('G Entwurf', addMonths(TODAY, 60))).stage).toBe('tandem');
		});

		it('stays "agreed" without activity, however much time passes', async () => {
			expect((await summary('C Vereinbart', addMonths(TODAY, 60))).stage).toBe('agreed');
		});

		it('measures "two intervals" with the goal\'s own interval (six months → twelve)', async () => {
			// The goal is checked in every six months; a month after its last check-in plus eight
			// months is well inside two intervals (twelve months).
			expect((await summary('H Halbjahr', addMonths(ONE_MONTH_AGO, 8))).stage).toBe('monitoring');
			expect((await summary('H Halbjahr', addMonths(ONE_MONTH_AGO, 12))).stage).toBe('monitoring');
			expect((await summary('H Halbjahr', dayAfter(addMonths(ONE_MONTH_AGO, 12)))).stage).toBe('agreed');
		});
	});

	// -----------------------------------------------------------------------------------------
	describe('counts per department', () => {
		it('counts open goals per track status, closed goals apart, and goals per goal status', async () => {
			const byName = Object.fromEntries((await view()).departments.map((d) => [d.name, d]));
			expect(byName['V Ansicht']!.standings).toEqual({ onTrack: 3, atRisk: 1, offTrack: 1, noData: 1, closed: 0 });
			// Two goals without indicators; the achieved and the dropped goal count as closed, whatever their forecast.
			expect(byName['C Vereinbart']!.standings).toEqual({ onTrack: 0, atRisk: 0, offTrack: 0, noData: 2, closed: 2 });
			expect(byName['V Ansicht']!.goalsByStatus).toEqual({ draft: 3, agreed: 3, changed: 0, closed: 0 });
			expect(byName['C Vereinbart']!.goalsByStatus).toEqual({ draft: 0, agreed: 1, changed: 1, closed: 2 });
			expect(byName['D Rückblick']!.goalsByStatus).toEqual({ draft: 1, agreed: 1, changed: 0, closed: 0 });
			expect(byName['A Leer']!.standings).toEqual({ onTrack: 0, atRisk: 0, offTrack: 0, noData: 0, closed: 0 });
			expect(byName['A Leer']!.goalsByStatus).toEqual({ draft: 0, agreed: 0, changed: 0, closed: 0 });
			expect(byName['B Tandem']!.goalsByStatus).toEqual({ draft: 0, agreed: 0, changed: 0, closed: 0 });
		});

		it('gives each department the weakest status of its open goals, none without open goals', async () => {
			const { 'F Messung': measured, ...weakest } = Object.fromEntries((await view()).departments.map((d) => [d.name, d.weakest]));
			expect(weakest).toEqual({
				'A Leer': null,
				'B Tandem': null,
				'C Vereinbart': 'noData',
				'D Rückblick': 'noData',
				'G Entwurf': 'noData',
				'H Halbjahr': 'noData',
				'V Ansicht': 'offTrack'
			});
			// F's status follows its real forecast (a value a month ago); whichever, it is one.
			expect(['onTrack', 'atRisk', 'offTrack', 'noData']).toContain(measured);
		});

		it('counts overdue measurements of open goals (next due before today), closed goals left out', async () => {
			const counts = Object.fromEntries((await view()).departments.map((d) => [d.name, d.overdueMeasurements]));
			// F: the yearly indicator without values; V: Alpha's quarterly count and Gamma's yearly one.
			expect(counts).toEqual({ 'A Leer': 0, 'B Tandem': 0, 'C Vereinbart': 0, 'D Rückblick': 0, 'F Messung': 1, 'G Entwurf': 0, 'H Halbjahr': 0, 'V Ansicht': 2 });
		});

		it('judges overdue measurements against the given day', async () => {
			const counts = Object.fromEntries((await view('2025-11-01')).departments.map((d) => [d.name, d.overdueMeasurements]));
			// Everything overdue today fell due between 2025-12-31 and 2026-01-31.
			expect(counts['V Ansicht']).toBe(0);
			expect(counts['F Messung']).toBe(0);
		});

		it('has no overdue check-ins right after the agreement', async () => {
			const counts = Object.fromEntries((await view()).departments.map((d) => [d.name, d.overdueCheckIns]));
			expect(counts).toEqual({ 'A Leer': 0, 'B Tandem': 0, 'C Vereinbart': 0, 'D Rückblick': 0, 'F Messung': 0, 'G Entwurf': 0, 'H Halbjahr': 0, 'V Ansicht': 0 });
		});

		it('counts agreed open goals whose check-in is overdue (one interval after the last check-in or the first agreement)', async () => {
			// Three months after agreeing: goals without check-in are not yet overdue (due that day).
			const due = addMonths(TODAY, 3);
			const atDue = Object.fromEntries((await view(due)).departments.map((d) => [d.name, d.overdueCheckIns]));
			// D and V's Alpha: checked in a month ago → due two months from now, overdue.
			expect(atDue).toEqual({ 'A Leer': 0, 'B Tandem': 0, 'C Vereinbart': 0, 'D Rückblick': 1, 'F Messung': 0, 'G Entwurf': 0, 'H Halbjahr': 0, 'V Ansicht': 1 });
			const after = Object.fromEntries((await view(dayAfter(due))).departments.map((d) => [d.name, d.overdueCheckIns]));
			// C: the agreed and the changed goal (the closed ones never); F: its goal; V: Delta and
			// Epsilon besides Alpha; H: six-month interval, not yet.
			expect(after).toEqual({ 'A Leer': 0, 'B Tandem': 0, 'C Vereinbart': 2, 'D Rückblick': 1, 'F Messung': 1, 'G Entwurf': 0, 'H Halbjahr': 0, 'V Ansicht': 3 });
			const late = Object.fromEntries((await view(addMonths(TODAY, 7))).departments.map((d) => [d.name, d.overdueCheckIns]));
			expect(late['H Halbjahr']).toBe(1);
			expect(late['G Entwurf']).toBe(0);
		});
	});

	// -----------------------------------------------------------------------------------------
	describe('criteria coverage', () => {
		it('lists every criterion in order with its goals, uncovered ones empty, dropped goals left out', async () => {
			const { criteria } = await view();
			expect(criteria.map((c) => c.criterion)).toEqual([...CRITERIA]);
			const titles = Object.fromEntries(criteria.map((c) => [c.criterion, c.goals.map((g) => g.title).sort()]));
			expect(titles).toEqual({
				agreements: [],
				attention: ['Beta'],
				institutionalisation: [],
				reach: ['Alpha', 'Delta', 'Epsilon', 'Zeta'],
				rights: ['C vereinbart'],
				statePolicy: ['C erreicht']
			});
			const reach = criteria.find((c) => c.criterion === 'reach')!;
			expect(reach.goals.find((g) => g.title === 'Alpha')).toEqual({ id: goals.Alpha, title: 'Alpha' });
		});
	});

	// -----------------------------------------------------------------------------------------
	describe('cooperation matrix', () => {
		it('has the focus people of the town as columns, sorted by name', async () => {
			const { people } = await view();
			expect(people).toEqual([
				{ id: person(town, 'anna').membershipId, name: person(town, 'anna').name },
				{ id: person(town, 'bert').membershipId, name: person(town, 'bert').name }
			]);
		});

		it('counts per department the tandems and goals of each focus person', async () => {
			const { matrix, people } = await view();
			expect(matrix.map((r) => r.departmentId)).toEqual(Object.keys(town.departments).sort().map(dept));
			const cells = Object.fromEntries(
				matrix.map((row) => [
					Object.keys(town.departments).find((n) => dept(n) === row.departmentId)!,
					row.cells.map((c) => {
						expect(c.membershipId).toBe(people[row.cells.indexOf(c)]!.id);
						return [c.tandems, c.goals];
					})
				])
			);
			expect(cells).toEqual({
				'A Leer': [[0, 0], [0, 0]],
				'B Tandem': [[1, 0], [0, 0]],
				'C Vereinbart': [[1, 4], [0, 0]],
				'D Rückblick': [[1, 1], [1, 1]],
				'F Messung': [[1, 1], [0, 0]],
				'G Entwurf': [[1, 1], [0, 0]],
				'H Halbjahr': [[0, 0], [1, 1]],
				'V Ansicht': [[1, 3], [1, 3]]
			});
		});
	});

	// -----------------------------------------------------------------------------------------
	describe('departmentView', () => {
		const open = (filters = {}, id = dept('V Ansicht'), actor: SignedIn = anna) => departmentView(t.db, actor.actor, id, filters);

		it('shows only that department, its tandems by name and its goals weakest first', async () => {
			const result = await open();
			expect(result.department).toEqual({ id: dept('V Ansicht'), name: 'V Ansicht' });
			expect(result.tandems).toEqual([
				{ id: tandems['Tandem V1'], name: 'Tandem V1' },
				{ id: tandems['Tandem V2'], name: 'Tandem V2' }
			]);
			// offTrack, atRisk, noData, onTrack; equal status by deadline, then by title.
			expect(result.goals.map((g) => [g.title, g.trackStatus])).toEqual([
				['Alpha', 'offTrack'],
				['Beta', 'atRisk'],
				['Gamma', 'noData'],
				['Epsilon', 'onTrack'],
				['Zeta', 'onTrack'],
				['Delta', 'onTrack']
			]);
		});

		it('gives each goal its status, criterion, tandem, deadline, last check-in and check-in due', async () => {
			const byTitle = Object.fromEntries((await open()).goals.map((g) => [g.title, g]));
			expect(byTitle.Alpha).toMatchObject({
				id: goals.Alpha,
				status: 'agreed',
				criterion: 'reach',
				tandemName: 'Tandem V1',
				deadline: '2029-12-31',
				// The latest of its three check-ins, though not the last one entered.
				lastCheckIn: ONE_MONTH_AGO,
				checkInDue: addMonths(ONE_MONTH_AGO, 3)
			});
			expect(byTitle.Alpha!.smart).not.toBeNull();
			// Agreed, never checked in: due one interval after the first agreement.
			expect(byTitle.Delta).toMatchObject({ status: 'agreed', tandemName: 'Tandem V2', lastCheckIn: null, checkInDue: addMonths(TODAY, 3) });
			// Drafts have no check-in due.
			expect(byTitle.Beta).toMatchObject({ status: 'draft', criterion: 'attention', lastCheckIn: null, checkInDue: null });
			expect(byTitle.Gamma).toMatchObject({ status: 'draft', criterion: null, checkInDue: null });
		});

		it('counts the day of agreement in Berlin: signed at 00:30 there (23:30 UTC the day before) is that day', async () => {
			const signed = await t.db.select({ side: goalSignoff.side, signedAt: goalSignoff.signedAt }).from(goalSignoff).where(eq(goalSignoff.goalId, goals.Delta!));
			await t.db.update(goalSignoff).set({ signedAt: new Date('2026-03-14T23:30:00Z') }).where(eq(goalSignoff.goalId, goals.Delta!));
			try {
				const byTitle = Object.fromEntries((await open()).goals.map((g) => [g.title, g]));
				expect(byTitle.Delta!.checkInDue).toBe(addMonths('2026-03-15', 3));
			} finally {
				for (const { side, signedAt } of signed) {
					await t.db.update(goalSignoff).set({ signedAt }).where(and(eq(goalSignoff.goalId, goals.Delta!), eq(goalSignoff.side, side)));
				}
			}
		});

		it('draws the sparkline from the first indicator, sorted by date, symbols left out', async () => {
			const byTitle = Object.fromEntries((await open()).goals.map((g) => [g.title, g]));
			expect(byTitle.Alpha!.spark).toEqual({
				name: 'Schulabbruchquote',
				unit: '%',
				points: [
					{ date: '2025-06-30', value: 18.5 },
					{ date: '2025-12-31', value: 17 }
				],
				target: 10
			});
			expect(byTitle.Gamma!.spark).toEqual({ name: 'Gamma-Quote', unit: '%', points: [], target: 20 });
			expect(byTitle.Delta!.spark).toEqual({ name: '', unit: '', points: [], target: null });
		});

		it('filters by tandem, criterion and track status, alone and together', async () => {
			const titles = async (filters: object) => (await open(filters)).goals.map((g) => g.title);
			expect(await titles({ tandemId: tandems['Tandem V1'] })).toEqual(['Alpha', 'Gamma', 'Zeta']);
			expect(await titles({ criterion: 'reach' })).toEqual(['Alpha', 'Epsilon', 'Zeta', 'Delta']);
			expect(await titles({ trackStatus: 'onTrack' })).toEqual(['Epsilon', 'Zeta', 'Delta']);
			expect(await titles({ tandemId: tandems['Tandem V2'], criterion: 'reach', trackStatus: 'onTrack' })).toEqual(['Epsilon', 'Delta']);
			expect(await titles({ criterion: 'agreements' })).toEqual([]);
			// Another department's tandem matches nothing here.
			expect(await titles({ tandemId: tandems['Tandem D'] })).toEqual([]);
		});

		it('ignores malformed filter values', async () => {
			const all = (await open()).goals.map((g) => g.id);
			expect((await open({ tandemId: 'kein-tandem', criterion: 'unbekannt', trackStatus: 'great' })).goals.map((g) => g.id)).toEqual(all);
		});

		it('shows an empty department with an empty list', async () => {
			expect(await open({}, dept('A Leer'))).toEqual({ department: { id: dept('A Leer'), name: 'A Leer' }, tandems: [], goals: [] });
		});

		it('answers 404 for another town\'s department, unknown and malformed ids', async () => {
			await expectHttpStatus(open({}, other.departments['C Vereinbart']!), 404);
			await expectHttpStatus(open({}, dept('V Ansicht'), outsider), 404);
			await expectHttpStatus(open({}, UNKNOWN_ID), 404);
			await expectHttpStatus(open({}, 'keine-abteilung'), 404);
			await expectHttpStatus(open({}, `${dept('V Ansicht')}'`), 404);
			await expectHttpStatus(open({}, ''), 404);
		});
	});

	// -----------------------------------------------------------------------------------------
	describe('municipalities apart', () => {
		it('never shows another town\'s departments, goals or people', async () => {
			const result = await view();
			const ownDepartments = new Set(Object.values(town.departments));
			expect(result.departments.every((d) => ownDepartments.has(d.id))).toBe(true);
			const listed = result.criteria.flatMap((c) => c.goals.map((g) => g.id));
			for (const id of otherGoalIds) expect(listed).not.toContain(id);
			expect(result.people.map((p) => p.id)).not.toContain(person(other, 'anna').membershipId);
			expect(result.matrix.map((r) => r.departmentId).every((id) => ownDepartments.has(id))).toBe(true);
			// The other town's department of the same name adds nothing to ours.
			expect((await summary('C Vereinbart', addMonths(TODAY, 3))).overdueCheckIns).toBe(0);
		});

		it('shows the other town only its own', async () => {
			const result = await view(TODAY, outsider);
			expect(result.departments).toHaveLength(1);
			expect(result.departments[0]).toMatchObject({
				id: other.departments['C Vereinbart'],
				name: 'C Vereinbart',
				stage: 'monitoring',
				tandems: 1,
				goalsByStatus: { draft: 0, agreed: CRITERIA.length, changed: 0, closed: 0 },
				overdueMeasurements: CRITERIA.length
			});
			expect(result.criteria.every((c) => c.goals.length === 1 && otherGoalIds.includes(c.goals[0]!.id))).toBe(true);
			expect(result.people).toEqual([{ id: person(other, 'anna').membershipId, name: person(other, 'anna').name }]);
			expect(result.matrix).toEqual([{ departmentId: other.departments['C Vereinbart'], cells: [{ membershipId: person(other, 'anna').membershipId, tandems: 1, goals: CRITERIA.length }] }]);
			const dv = await departmentView(t.db, outsider.actor, other.departments['C Vereinbart']!);
			expect(dv.goals.map((g) => g.id).sort()).toEqual([...otherGoalIds].sort());
		});
	});
});
