import { describe, expect, it } from 'vitest';
import { chartLayout, niceTicks, seriesStyle, yearTicks } from './chart-geometry';

describe('niceTicks', () => {
	it.each([
		[0, 10, [0, 2, 4, 6, 8, 10]],
		[3.2, 11.8, [2, 4, 6, 8, 10, 12]],
		[32, 54, [30, 35, 40, 45, 50, 55]],
		[0.12, 0.31, [0.1, 0.15, 0.2, 0.25, 0.3, 0.35]],
		[-4, 3, [-4, -2, 0, 2, 4]]
	])('covers %s to %s with round steps', (min, max, ticks) => {
		expect(niceTicks(min, max)).toEqual(ticks);
	});

	it('spreads a single value and refuses what is no number', () => {
		expect(niceTicks(40, 40).length).toBeGreaterThanOrEqual(2);
		expect(niceTicks(40, 40)[0]).toBeLessThan(40);
		expect(niceTicks(Number.NaN, 1)).toEqual([]);
	});
});

describe('yearTicks', () => {
	it('marks each new year inside the span, fewer for long spans', () => {
		expect(yearTicks('2021-12-31', '2024-06-30')).toEqual(['2022-01-01', '2023-01-01', '2024-01-01']);
		expect(yearTicks('2020-01-01', '2021-03-01')).toEqual(['2020-01-01', '2021-01-01']);
		expect(yearTicks('2000-06-30', '2015-06-30')).toEqual(['2001-01-01', '2003-01-01', '2005-01-01', '2007-01-01', '2009-01-01', '2011-01-01', '2013-01-01', '2015-01-01']);
	});
});

describe('chartLayout', () => {
	const frame = { left: 10, top: 5, width: 200, height: 100 };
	it('maps the first date to the left edge and the lowest tick to the bottom', () => {
		const layout = chartLayout(
			{
				series: [{ kind: 'measured', group: '', points: [{ date: '2022-12-31', value: 32, flagged: false }, { date: '2025-12-31', value: 40, flagged: false }] }],
				baseline: { date: '2021-12-31', value: 30 },
				target: { date: '2029-12-31', value: 50 }
			},
			frame
		)!;
		expect(layout.x('2021-12-31')).toBe(10);
		expect(layout.x('2029-12-31')).toBe(210);
		expect(layout.y(layout.yTicks[0]!)).toBe(105);
		expect(layout.y(layout.yTicks.at(-1)!)).toBe(5);
		expect(layout.yTicks[0]).toBeLessThanOrEqual(30);
		expect(layout.yTicks.at(-1)).toBeGreaterThanOrEqual(50);
	});

	it('has nothing to draw without points', () => {
		expect(chartLayout({ series: [], baseline: null, target: null }, frame)).toBeNull();
	});

	it('styles groups apart by colour and marker, plan and forecast by dashes', () => {
		expect(seriesStyle('measured', 0).marker).not.toBe(seriesStyle('measured', 1).marker);
		expect(seriesStyle('planned', 0).dash).not.toEqual(seriesStyle('forecast', 0).dash);
	});
});
