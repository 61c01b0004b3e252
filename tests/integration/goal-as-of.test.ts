import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { goal } from '../../src/lib/server/db/schema';
import { createGoal } from '../../src/lib/server/goals/goals';
import { goalAsOf } from '../../src/lib/server/goals/as-of';
import { goalAsOfView, type GoalAsOfView } from '../../src/lib/server/goals/as-of-view';
import { signOffGoal } from '../../src/lib/server/goals/signoff';
import { createTandem } from '../../src/lib/server/tandems/tandems';
import { addMeasurement } from '../../src/lib/server/measurements/measurements';
import { berlinToday } from '../../src/lib/shared/smart';
import { addIndicator, goalRoot, goalText, removeIndicator, replaceText, type IndicatorDef } from '../../src/lib/shared/goal-doc';
import { backends, createTown, person, signInAs, useTestDatabase, type SignedIn } from '../support/db';
import { expectHttpStatus } from '../support/expect';
import { backdateGoal, editGoal } from '../support/goals';
import { entry } from '../support/measurements';

const QUOTA: Partial<Omit<IndicatorDef, 'id'>> = {
	name: 'Abschlussquote',
	unit: '%',
	frequency: 'halfYearly',
	baselineValue: 30,
	baselineDate: '2024-06-30',
	targetValue: 50,
	targetDate: '2027-06-30'
};
const PLACES: Partial<Omit<IndicatorDef, 'id'>> = {
	name: 'Ausbildungsplätze',
	unit: 'Anzahl',
	frequency: 'yearly',
	baselineValue: 100,
	baselineDate: '2024-12-31',
	targetValue: 140,
	targetDate: '2028-07-31'
};

/** Written and agreed in February 2025; adjusted on 1 October 2025. */
const WRITTEN = new Date('2025-02-10T09:00:00Z');
const ADJUSTED = new Date('2025-10-01T08:00:00Z');

function shown(view: GoalAsOfView) {
	if (view.kind !== 'shown') throw new Error(`expected the goal to be shown, got ${view.kind}`);
	return view;
}

describe.each(backends)('a goal as it stood at a date on %s', (backend) => {
	const t = useTestDatabase(backend);
	let focus: SignedIn, member: SignedIn, reader: SignedIn, outsider: SignedIn;
	let goalId: string, quota: string, places: string;

	beforeAll(async () => {
		const town = await createTown(t.db, {
			departments: ['Bildung', 'Jugend'],
			people: { focus: { roles: ['focus'] }, member: { roles: ['member'], department: 'Bildung' }, reader: { roles: ['member'], department: 'Jugend' } }
		});
		const other = await createTown(t.db, { people: { focus: { roles: ['focus'] } } });
		focus = await signInAs(t.db, person(town, 'focus'));
		member = await signInAs(t.db, person(town, 'member'));
		reader = await signInAs(t.db, person(town, 'reader'));
		outsider = await signInAs(t.db, person(other, 'focus'));
		const tandemId = await createTandem(t.db, focus.actor, {
			name: 'Tandem Bildung',
			departmentId: town.departments.Bildung!,
			membershipIds: [person(town, 'focus').membershipId, person(town, 'member').membershipId]
		});

		goalId = await createGoal(t.db, member.actor, { tandemId, title: 'Abstand verringern' });
		const hash = await editGoal(t.db, goalId, member, (doc) => {
			replaceText(goalText(doc, 'forWhom')!, 'Jugendliche ohne deutsche Staatsangehörigkeit schließen die Schule häufiger ab.');
			replaceText(goalText(doc, 'resources')!, 'Lernpaten, eine halbe Stelle.');
			goalRoot(doc).set('deadline', '2027-07-31');
			goalRoot(doc).set('criterion', 'reach');
			quota = addIndicator(doc, QUOTA);
		});
		await signOffGoal(t.db, focus.actor, { goalId, contentHash: hash });
		await signOffGoal(t.db, member.actor, { goalId, contentHash: hash });
		await backdateGoal(t.db, goalId, WRITTEN);
		for (const [date, value] of [
			['2024-12-31', '32'],
			['2025-06-30', '35'],
			['2025-12-31', '38']
		] as const) {
			await addMeasurement(t.db, member.actor, quota, entry({ date, value }), 'de');
		}

		// Later: a new title and deadline, one indicator removed and another added, and its first value.
		await editGoal(
			t.db,
			goalId,
			member,
			(doc) => {
				replaceText(goalText(doc, 'title')!, 'Abstand bei Schulabschlüssen verringern');
				goalRoot(doc).set('deadline', '2028-07-31');
				removeIndicator(doc, quota);
				places = addIndicator(doc, PLACES);
			},
			ADJUSTED
		);
		await addMeasurement(t.db, member.actor, places, entry({ date: '2025-12-31', value: '110' }), 'de');
	});

	it('shows the goal as agreed before the change: old title, deadline and indicator, values up to that day', async () => {
		const view = shown(await goalAsOfView(t.db, member.actor, goalId, '2025-09-30'));
		expect(view.title).toBe('Abstand bei Schulabschlüssen verringern');
		expect(view.then.content).toMatchObject({ title: 'Abstand verringern', deadline: '2027-07-31', criterion: 'reach', resources: 'Lernpaten, eine halbe Stelle.' });
		expect(view.then.status).toBe('agreed');
		expect(view.then.signedSides).toEqual(['focus', 'department']);
		expect(view.then.closed).toBeNull();
		expect(view.then.lastChange).toEqual(WRITTEN);
		expect(view.indicators.map((i) => i.name)).toEqual(['Abschlussquote']);
		const [indicator] = view.indicators;
		expect(indicator!.values.map((v) => [v.date, v.value])).toEqual([
			['2024-12-31', 32],
			['2025-06-30', 35]
		]);
		// Rated at that date: (35 − 30) / (50 − 30) of the way.
		expect(indicator!.forecast.progress).toBeCloseTo(0.25);
		expect(view.progress).toBeCloseTo(0.25);
		expect(indicator!.chart.series.length).toBeGreaterThan(0);
	});

	it('shows the changed goal later: new title, deadline and indicator, and that the agreement no longer covers it', async () => {
		const view = shown(await goalAsOfView(t.db, member.actor, goalId, '2025-12-31'));
		expect(view.then.content).toMatchObject({ title: 'Abstand bei Schulabschlüssen verringern', deadline: '2028-07-31' });
		expect(view.then.status).toBe('changed');
		expect(view.then.signedSides).toEqual([]);
		expect(view.then.lastChange).toEqual(ADJUSTED);
		expect(view.indicators.map((i) => [i.name, i.values.map((v) => v.value)])).toEqual([['Ausbildungsplätze', [110]]]);
		expect(view.indicators[0]!.forecast.progress).toBeCloseTo(0.25);
	});

	it('says the goal did not exist yet before it was created', async () => {
		expect(await goalAsOfView(t.db, member.actor, goalId, '2025-02-09')).toEqual({ title: 'Abstand bei Schulabschlüssen verringern', kind: 'notYet', date: '2025-02-09', createdOn: '2025-02-10' });
		expect(await goalAsOf(t.db, goalId, '2025-02-09')).toBeNull();
		expect(shown(await goalAsOfView(t.db, member.actor, goalId, '2025-02-10')).then.content.title).toBe('Abstand verringern');
	});

	it('answers an invalid or future date with a field error, and no date with today', async () => {
		const title = 'Abstand bei Schulabschlüssen verringern';
		expect(await goalAsOfView(t.db, member.actor, goalId, 'gestern')).toEqual({ title, kind: 'invalid', input: 'gestern', error: 'error_date_invalid' });
		expect(await goalAsOfView(t.db, member.actor, goalId, '2025-02-30')).toMatchObject({ kind: 'invalid', error: 'error_date_invalid' });
		expect(await goalAsOfView(t.db, member.actor, goalId, '2025-12-31', '2025-12-30')).toMatchObject({ kind: 'invalid', error: 'goal_as_of_future' });
		const today = shown(await goalAsOfView(t.db, member.actor, goalId, null));
		expect(today.date).toBe(berlinToday());
		expect(today.then.content.title).toBe(title);
	});

	it('is there for everyone of the municipality who reads the goal, and unknown elsewhere', async () => {
		expect(shown(await goalAsOfView(t.db, reader.actor, goalId, '2025-09-30')).then.content.deadline).toBe('2027-07-31');
		await expectHttpStatus(goalAsOfView(t.db, outsider.actor, goalId, '2025-09-30'), 404);
		await expectHttpStatus(goalAsOfView(t.db, member.actor, crypto.randomUUID(), '2025-09-30'), 404);
	});

	it('shows a goal closed by then with its outcome, and open before', async () => {
		const [row] = await t.db.select({ closedAt: goal.closedAt }).from(goal).where(eq(goal.id, goalId));
		expect(row!.closedAt).toBeNull();
		await t.db.update(goal).set({ closedAt: new Date('2026-01-15T10:00:00Z'), closedOutcome: 'achieved', closingComment: 'Geschafft.' }).where(eq(goal.id, goalId));
		try {
			expect(shown(await goalAsOfView(t.db, member.actor, goalId, '2026-01-15')).then).toMatchObject({ status: 'closed', closed: { outcome: 'achieved', comment: 'Geschafft.' } });
			expect(shown(await goalAsOfView(t.db, member.actor, goalId, '2026-01-14')).then.closed).toBeNull();
		} finally {
			await t.db.update(goal).set({ closedAt: null, closedOutcome: null, closingComment: null }).where(eq(goal.id, goalId));
		}
	});
});
