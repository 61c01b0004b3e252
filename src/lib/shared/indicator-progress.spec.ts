import { describe, expect, it } from 'vitest';
import { gap, goalTrackStatus, planOf, rateIndicator, targetSeries, type SeriesValue } from './indicator-progress';
import { indicatorFields } from './goal-doc';
import { addMonths, isOverdue, nextDue } from './frequency';
import type { TrackStatus } from './forecast';

const v = (group: string, date: string, value: number | null): SeriesValue => ({ group, date, value });
const groups = ['deutsch', 'nichtdeutsch', 'insgesamt'];

describe('targetSeries', () => {
	const values = [
		v('nichtdeutsch', '2024-12-31', 14),
		v('deutsch', '2024-12-31', 5),
		v('nichtdeutsch', '2023-12-31', 16),
		v('deutsch', '2023-12-31', 5.5),
		v('nichtdeutsch', '2022-12-31', null),
		v('deutsch', '2022-12-31', 6),
		v('insgesamt', '2024-12-31', 7)
	];

	it.each([
		['the ungrouped series', { groups: [], targetGroup: '', gapGroup: null }, [v('', '2024-01-01', 3), v('', '2023-01-01', 2)], [['2023-01-01', 2], ['2024-01-01', 3]]],
		['one group, by date', { groups, targetGroup: 'nichtdeutsch', gapGroup: null }, values, [['2023-12-31', 16], ['2024-12-31', 14]]],
		['the gap where both groups have numbers', { groups, targetGroup: 'nichtdeutsch', gapGroup: 'deutsch' }, values, [['2023-12-31', 10.5], ['2024-12-31', 9]]],
		['the gap is a distance whichever group leads', { groups, targetGroup: 'deutsch', gapGroup: 'nichtdeutsch' }, values, [['2023-12-31', 10.5], ['2024-12-31', 9]]]
	] as const)('%s', (_, def, input, expected) => {
		expect(targetSeries({ ...def, groups: [...def.groups] }, input).map((p) => [p.date, p.value])).toEqual(expected);
	});

	it('never turns a symbol into zero', () => {
		expect(targetSeries({ groups: [], targetGroup: '', gapGroup: null }, [v('', '2024-01-01', null)])).toEqual([]);
		expect(gap(3, 7)).toBe(4);
	});
});

describe('planOf', () => {
	const def = indicatorFields({ baselineValue: 10, baselineDate: '2024-01-01', targetValue: 5 });
	it.each([
		['target date from the deadline', def, '2027-07-31', '2027-07-31'],
		['its own target date first', { ...def, targetDate: '2026-12-31' }, '2027-07-31', '2026-12-31'],
		['no date at all', def, null, null],
		['no baseline', { ...def, baselineValue: null }, '2027-07-31', null]
	] as const)('%s', (_, d, deadline, expected) => {
		expect(planOf(d, deadline)?.target.date ?? null).toBe(expected);
	});
});

describe('rateIndicator', () => {
	const def = indicatorFields({ baselineValue: 20, baselineDate: '2023-12-31', targetValue: 10, targetDate: '2027-12-31', direction: 'down', groups, targetGroup: 'nichtdeutsch', gapGroup: 'deutsch' });

	it('rates the gap: halving it ahead of schedule is on track', () => {
		const values = [v('nichtdeutsch', '2024-12-31', 24), v('deutsch', '2024-12-31', 7), v('nichtdeutsch', '2025-12-31', 21), v('deutsch', '2025-12-31', 7)];
		const rating = rateIndicator(def, null, values, '2026-01-15');
		expect(rating.points.map((p) => p.value)).toEqual([17, 14]);
		expect(rating.forecast.status).toBe('onTrack');
		expect(rating.forecast.progress).toBeCloseTo(0.6);
		expect(rating.latestDate).toBe('2025-12-31');
		expect(rating.nextDue).toBe('2026-12-31');
	});

	it('uses flagged numbers (provisional, estimated) like any other value', () => {
		const flagged = [
			{ ...v('nichtdeutsch', '2024-12-31', 24), flags: ['provisional'] },
			v('deutsch', '2024-12-31', 7),
			{ ...v('nichtdeutsch', '2025-12-31', 21), flags: ['estimated'] },
			v('deutsch', '2025-12-31', 7)
		];
		expect(rateIndicator(def, null, flagged, '2026-01-15').points.map((p) => p.value)).toEqual([17, 14]);
	});

	it('counts a delivered symbol as measured, but not as a value', () => {
		const rating = rateIndicator(def, null, [v('nichtdeutsch', '2024-12-31', null), v('deutsch', '2024-12-31', 7)], '2025-03-01');
		expect(rating.forecast.status).toBe('noData');
		expect(rating.latestDate).toBe('2024-12-31');
	});

	it('without a plan says why', () => {
		const rating = rateIndicator({ ...def, targetValue: null }, null, [], '2025-03-01');
		expect(rating.forecast).toMatchObject({ status: 'noData', reason: 'forecast_no_plan' });
		expect(rating.nextDue).toBe('2024-12-31');
	});
});

describe('frequency', () => {
	it.each([
		['monthly', '2025-01-31', '2025-02-28'],
		['monthly', '2024-01-31', '2024-02-29'],
		['quarterly', '2025-03-31', '2025-06-30'],
		['halfYearly', '2025-06-30', '2025-12-30'],
		['yearly', '2024-02-29', '2025-02-28'],
		['yearly', '2025-12-31', '2026-12-31']
	] as const)('%s after %s is due %s', (frequency, latest, due) => {
		expect(nextDue(frequency, latest)).toBe(due);
	});

	it('is overdue only after the due date', () => {
		expect(isOverdue('2025-12-31', '2025-12-31')).toBe(false);
		expect(isOverdue('2025-12-31', '2026-01-01')).toBe(true);
		expect(isOverdue(null, '2026-01-01')).toBe(false);
		expect(nextDue('yearly', null)).toBeNull();
		expect(addMonths('2025-11-30', 3)).toBe('2026-02-28');
	});
});

describe('goalTrackStatus', () => {
	it.each([
		[[], 'noData'],
		[['noData', 'noData'], 'noData'],
		[['onTrack', 'noData'], 'onTrack'],
		[['onTrack', 'atRisk'], 'atRisk'],
		[['atRisk', 'offTrack', 'onTrack'], 'offTrack']
	] as [TrackStatus[], TrackStatus][])('%j → %s', (statuses, expected) => {
		expect(goalTrackStatus(statuses)).toBe(expected);
	});
});
