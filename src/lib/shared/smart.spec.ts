import { describe, expect, it } from 'vitest';
import { rateGoal, berlinToday, type SmartContext } from './smart';
import { indicatorFields, type GoalContent, type IndicatorDef } from './goal-doc';
import type { Point } from './forecast';

// The other fields (frequency, breakdown, weight, …) take their defaults; SMART ignores them.
const indicator = (over: Partial<IndicatorDef> = {}): IndicatorDef => ({
	id: 'i1',
	...indicatorFields({
		name: 'Eltern in Berufsorientierung',
		unit: 'Anzahl',
		direction: 'up',
		baselineValue: 45,
		baselineDate: '2025-07-31',
		targetValue: 120,
		targetDate: '2027-07-31'
	}),
	...over
});

const goal = (over: Partial<GoalContent> = {}): GoalContent => ({
	title: 'Eltern einbinden',
	forWhom: 'Eltern der Klassen 8–10 mit Migrationsgeschichte kennen die duale Ausbildung.',
	resources: 'Integrationsbeauftragte, zwei Elternlotsinnen',
	criterion: 'attention',
	deadline: '2027-07-31',
	indicators: [indicator()],
	...over
});

const context = (over: Partial<SmartContext> = {}): SmartContext => ({ today: '2026-11-25', status: 'agreed', signedSides: ['focus', 'department'], ...over });

describe('rateGoal', () => {
	it('rates a complete, agreed goal 5 of 5', () => {
		const result = rateGoal(goal(), context());
		expect(result.score).toBe(5);
		expect(Object.values(result.ratings).every((r) => r.ok && r.hint === null)).toBe(true);
	});

	it.each([
		['no title', goal({ title: ' ' }), 'specific', 'smart_specific_no_title'],
		['no for-whom', goal({ forWhom: '' }), 'specific', 'smart_specific_no_for_whom'],
		['short for-whom', goal({ forWhom: 'Eltern' }), 'specific', 'smart_specific_short'],
		['no indicator', goal({ indicators: [] }), 'measurable', 'smart_measurable_none'],
		['no target', goal({ indicators: [indicator({ targetValue: null })] }), 'measurable', 'smart_measurable_incomplete'],
		['no baseline date', goal({ indicators: [indicator({ baselineDate: null })] }), 'measurable', 'smart_measurable_incomplete'],
		['unnamed indicator', goal({ indicators: [indicator({ name: '' })] }), 'measurable', 'smart_measurable_incomplete'],
		['target equals baseline', goal({ indicators: [indicator({ targetValue: 45 })] }), 'measurable', 'smart_measurable_no_change'],
		['target the wrong way (up)', goal({ indicators: [indicator({ targetValue: 30 })] }), 'measurable', 'smart_measurable_direction'],
		['target the wrong way (down)', goal({ indicators: [indicator({ direction: 'down' })] }), 'measurable', 'smart_measurable_direction'],
		['no resources', goal({ resources: '  ' }), 'realistic', 'smart_realistic_no_resources'],
		['target before baseline', goal({ indicators: [indicator({ targetDate: '2025-01-01' })] }), 'realistic', 'smart_realistic_target_before_baseline'],
		['baseline dated 1800', goal({ indicators: [indicator({ baselineDate: '1800-12-31' })] }), 'realistic', 'smart_realistic_baseline_implausible'],
		['no deadline', goal({ deadline: null, indicators: [indicator({ targetDate: null })] }), 'terminated', 'smart_terminated_missing'],
		['target after deadline', goal({ deadline: '2027-01-31' }), 'terminated', 'smart_terminated_target_after_deadline']
	] as const)('%s', (_, content, criterion, reason) => {
		const result = rateGoal(content, context());
		expect(result.ratings[criterion]).toMatchObject({ ok: false, reason });
		expect(result.ratings[criterion].hint).toMatch(/_hint$/);
		expect(result.score).toBeLessThan(5);
	});

	it('treats a target date as due at the deadline when it has none', () => {
		const result = rateGoal(goal({ indicators: [indicator({ targetDate: null })] }), context());
		expect(result.ratings.measurable.ok).toBe(true);
		expect(result.ratings.realistic.ok).toBe(true);
	});

	it('says time is up when the target date has passed on an open goal', () => {
		const result = rateGoal(goal(), context({ today: '2027-08-01' }));
		expect(result.ratings.realistic.reason).toBe('smart_realistic_no_time');
		expect(result.ratings.terminated.reason).toBe('smart_terminated_past');
	});

	it('does not blame a closed goal for its passed deadline', () => {
		const result = rateGoal(goal(), context({ today: '2027-08-01', status: 'closed' }));
		expect(result.ratings.realistic.ok).toBe(true);
		expect(result.ratings.terminated.ok).toBe(true);
	});

	describe('realistic compared with the history', () => {
		// Baseline 45 on 2025-07-31, target 120 on 2027-07-31: with a value v a year after the
		// baseline, the best observed rate is v − 45 and the rest needs 120 − v in another year
		// (both 365 days), so the ratio is exact: 63.75 needs 3×, 75 needs 1.5×.
		const down = indicator({ direction: 'down', baselineValue: 20, targetValue: 10 });
		it.each([
			['no history', indicator(), undefined, true],
			['no history for this indicator', indicator(), { other: [{ date: '2026-07-31', value: 46 }] }, true],
			['an empty history', indicator(), { i1: [] }, true],
			['3× the best rate', indicator(), { i1: [{ date: '2026-07-31', value: 63.75 }] }, false],
			['1.5× the best rate', indicator(), { i1: [{ date: '2026-07-31', value: 75 }] }, true],
			['3× the best rate, down is better', down, { i1: [{ date: '2026-07-31', value: 17.5 }] }, false],
			['1.5× the best rate, down is better', down, { i1: [{ date: '2026-07-31', value: 16 }] }, true],
			['never improved', indicator(), { i1: [{ date: '2026-07-31', value: 40 }] }, false],
			['target already met', indicator(), { i1: [{ date: '2026-07-31', value: 125 }] }, true],
			['target met exactly, down is better', down, { i1: [{ date: '2026-07-31', value: 10 }] }, true],
			['history shorter than 28 days', indicator(), { i1: [{ date: '2025-08-20', value: 46 }] }, true],
			// Measurements from before the baseline are history too: 30 a year then makes 56.25 a year plausible.
			['faster progress before the baseline', indicator(), { i1: [{ date: '2024-07-31', value: 15 }, { date: '2026-07-31', value: 63.75 }] }, true],
			// Unordered: sorted, 46 → 63.75 in half a year is 35.8 a year, and 56.25 a year is needed
			// from the latest value; taken in the listed order it would look like 2.6×.
			['unordered history', indicator(), { i1: [{ date: '2026-07-31', value: 63.75 }, { date: '2026-01-31', value: 46 }] }, true]
		] as [string, IndicatorDef, Record<string, Point[]> | undefined, boolean][])('%s', (_, i, history, expected) => {
			const rating = rateGoal(goal({ indicators: [i] }), context({ history })).ratings.realistic;
			expect(rating).toEqual(
				expected
					? { ok: true, reason: 'smart_realistic_ok', hint: null }
					: { ok: false, reason: 'smart_realistic_beyond_history', hint: 'smart_realistic_beyond_history_hint' }
			);
		});

		it('flags the goal when any one indicator is far beyond its history', () => {
			const second = indicator({ id: 'i2', name: 'Zweiter Indikator' });
			const history = { i1: [{ date: '2026-07-31', value: 75 }], i2: [{ date: '2026-07-31', value: 63.75 }] };
			expect(rateGoal(goal({ indicators: [indicator(), second] }), context({ history })).ratings.realistic.reason).toBe('smart_realistic_beyond_history');
		});

		it('lets the earlier checks speak first', () => {
			const history = { i1: [{ date: '2026-07-31', value: 63.75 }] };
			expect(rateGoal(goal({ resources: '' }), context({ history })).ratings.realistic.reason).toBe('smart_realistic_no_resources');
			expect(rateGoal(goal(), context({ history, today: '2027-08-01' })).ratings.realistic.reason).toBe('smart_realistic_no_time');
		});
	});

	it.each([
		['draft without signatures', 'draft', [], 'smart_acceptable_missing_both'],
		['focus signed only', 'draft', ['focus'], 'smart_acceptable_missing_department'],
		['department signed only', 'draft', ['department'], 'smart_acceptable_missing_focus'],
		['changed since agreement', 'changed', [], 'smart_acceptable_changed']
	] as const)('acceptable: %s', (_, status, signedSides, reason) => {
		expect(rateGoal(goal(), context({ status, signedSides })).ratings.acceptable).toMatchObject({ ok: false, reason });
	});
});

describe('berlinToday', () => {
	it('uses the Berlin calendar, not UTC', () => {
		expect(berlinToday(new Date('2026-12-31T23:30:00Z'))).toBe('2027-01-01');
		expect(berlinToday(new Date('2026-07-01T21:59:00Z'))).toBe('2026-07-01');
		expect(berlinToday(new Date('2026-07-01T22:00:00Z'))).toBe('2026-07-02');
	});
});
