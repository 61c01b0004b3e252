import { describe, expect, it } from 'vitest';
import { chartModel, type ChartValue } from './chart-series';
import { rateIndicator } from './indicator-progress';
import { indicatorFields } from './goal-doc';

const value = (group: string, date: string, v: number | null, flags: ChartValue['flags'] = []): ChartValue => ({
	group,
	date,
	value: v,
	symbol: v === null ? '.' : null,
	flags
});

describe('chartModel', () => {
	const def = indicatorFields({ baselineValue: 10, baselineDate: '2024-01-01', targetValue: 20, targetDate: '2028-01-01' });

	it('draws measured values, the planned path and the forecast from the latest value to the target date', () => {
		const values = [value('', '2025-01-01', 12.5), value('', '2026-01-01', 15, ['provisional']), value('', '2025-07-01', null)];
		const model = chartModel([], false, values, rateIndicator(def, null, values, '2026-02-01'));
		expect(model.series.map((s) => s.kind)).toEqual(['measured', 'planned', 'forecast']);
		const measured = model.series[0]!;
		// The symbol is left out, never drawn as zero; the flagged value is marked.
		expect(measured.points).toEqual([
			{ date: '2025-01-01', value: 12.5, flagged: false },
			{ date: '2026-01-01', value: 15, flagged: true }
		]);
		expect(model.series[1]!.points.map((p) => [p.date, p.value])).toEqual([['2024-01-01', 10], ['2028-01-01', 20]]);
		const forecast = model.series[2]!.points;
		expect(forecast[0]!.date).toBe('2026-01-01');
		expect(forecast[1]!.date).toBe('2028-01-01');
		expect(forecast[1]!.value).toBeGreaterThan(19);
		expect(model.baseline).toEqual({ date: '2024-01-01', value: 10 });
	});

	it('draws one series per group and the gap when the target is on it', () => {
		const grouped = { ...def, groups: ['a', 'b'], targetGroup: 'a', gapGroup: 'b', baselineValue: 6, targetValue: 3 };
		const values = [value('a', '2025-01-01', 11), value('b', '2025-01-01', 6), value('a', '2026-01-01', 10)];
		const model = chartModel(grouped.groups, true, values, rateIndicator(grouped, null, values, '2026-02-01'));
		expect(model.series.map((s) => [s.kind, s.group, s.points.length])).toEqual([
			['measured', 'a', 2],
			['measured', 'b', 1],
			['gap', '', 1],
			['planned', '', 2],
			['forecast', '', 2]
		]);
	});

	it('has no plan lines without a complete definition', () => {
		const model = chartModel([], false, [value('', '2025-01-01', 3)], rateIndicator({ ...def, targetValue: null }, null, [value('', '2025-01-01', 3)], '2026-01-01'));
		expect(model.series.map((s) => s.kind)).toEqual(['measured']);
		expect(model.target).toBeNull();
	});
});
