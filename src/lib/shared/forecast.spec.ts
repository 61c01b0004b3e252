import { describe, expect, it } from 'vitest';
import { clampedPercent, forecast, goalProgress, plannedValue, progressOf, trendLine, type Plan, type Point } from './forecast';

// Dates counted in days from 2025-01-01, so expected lines are easy to read.
const day = (n: number) => new Date(Date.UTC(2025, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);
const up: Plan = { baseline: { date: day(0), value: 0 }, target: { date: day(400), value: 100 } };
const down: Plan = { baseline: { date: day(0), value: 20 }, target: { date: day(400), value: 10 } };
const line = (slope: number, start: number, days: number[]): Point[] => days.map((d) => ({ date: day(d), value: start + slope * d }));

describe('forecast', () => {
	it.each([
		['only the baseline', up, [], day(50), 'noData', 'forecast_not_enough_data'],
		['values before the baseline do not count', up, [{ date: day(-10), value: 5 }], day(50), 'noData', 'forecast_not_enough_data'],
		['target equals baseline', { ...up, target: { date: day(400), value: 0 } }, line(0.1, 0, [100]), day(150), 'noData', 'forecast_no_change_planned'],
		['one value on a steep trend', up, line(0.3, 0, [100]), day(150), 'onTrack', 'forecast_on_track'],
		['on track (120 % by the date)', up, line(0.3, 0, [100, 200]), day(210), 'onTrack', 'forecast_on_track'],
		['at risk (80 %)', up, line(0.2, 0, [100, 200]), day(210), 'atRisk', 'forecast_at_risk'],
		['off track (40 %)', up, line(0.1, 0, [100, 200]), day(210), 'offTrack', 'forecast_off_track'],
		['the wrong way', up, line(-0.05, 0, [100, 200]), day(210), 'offTrack', 'forecast_wrong_way'],
		['a flat line', up, line(0, 0, [100, 200]), day(210), 'offTrack', 'forecast_flat'],
		['decreasing is better, on track', down, line(-0.03, 20, [100, 200]), day(210), 'onTrack', 'forecast_on_track'],
		['decreasing is better, at risk', down, line(-0.02, 20, [100, 200]), day(210), 'atRisk', 'forecast_at_risk'],
		['decreasing is better, the wrong way', down, line(0.01, 20, [100, 200]), day(210), 'offTrack', 'forecast_wrong_way'],
		['target already met', up, [{ date: day(100), value: 104 }], day(110), 'onTrack', 'forecast_target_met'],
		['deadline passed at 80 %', up, [{ date: day(390), value: 80 }], day(420), 'atRisk', 'forecast_deadline_passed'],
		['deadline passed at 50 %', up, [{ date: day(390), value: 50 }], day(420), 'offTrack', 'forecast_deadline_passed'],
		['deadline passed, target met', up, [{ date: day(390), value: 100 }], day(420), 'onTrack', 'forecast_target_met']
	] as [string, Plan, Point[], string, string, string][])('%s', (_, plan, values, today, status, reason) => {
		const result = forecast(plan, values, today);
		expect(result.status).toBe(status);
		expect(result.reason).toBe(reason);
	});

	it('states the numbers behind the sentence', () => {
		const result = forecast(up, line(0.1, 0, [100, 200, 300]), day(280));
		expect(result.params).toEqual({ progress: 30, time: 70, forecast: 40, reachYear: 2027 });
		expect(result.forecastValue).toBeCloseTo(40, 6);
		expect(result.reachDate).toBe(day(1000));
		expect(result.timeShare).toBeCloseTo(0.7, 6);
	});

	it('fits the trend through the baseline and the last five values only', () => {
		// Early values far off the later straight line must not bend it.
		const early = [{ date: day(10), value: 90 }, { date: day(20), value: 90 }, { date: day(30), value: 90 }];
		const late = line(0.25, 0, [200, 220, 240, 260, 280]);
		const result = forecast(up, [...early, ...late], day(290));
		expect(result.forecastValue).toBeCloseTo(100, 0);
		expect(result.status).toBe('onTrack');
	});
});

describe('progress', () => {
	it('is the share of the way, direction-aware, and may leave 0–100 %', () => {
		expect(progressOf(up, 25)).toBe(0.25);
		expect(progressOf(up, 130)).toBe(1.3);
		expect(progressOf(up, -10)).toBe(-0.1);
		expect(progressOf(down, 15)).toBe(0.5);
		expect(progressOf(down, 22)).toBeCloseTo(-0.2, 10);
		expect(progressOf({ ...up, target: { date: day(400), value: 0 } }, 5)).toBeNull();
		expect([clampedPercent(1.3), clampedPercent(-0.1), clampedPercent(0.425)]).toEqual([100, 0, 43]);
	});

	it('plans a straight line from baseline to target', () => {
		expect(plannedValue(up, day(100))).toBe(25);
		expect(plannedValue(down, day(200))).toBe(15);
		expect(plannedValue(up, day(500))).toBe(125);
	});

	it('combines a goal’s indicators with equal weights unless set', () => {
		expect(goalProgress([{ progress: 0.2 }, { progress: 0.6 }])).toBeCloseTo(0.4, 10);
		expect(goalProgress([{ progress: 0.2, weight: 3 }, { progress: 0.6, weight: 1 }])).toBeCloseTo(0.3, 10);
		expect(goalProgress([{ progress: null }, { progress: 0.5 }])).toBe(0.5);
		expect(goalProgress([{ progress: null }])).toBeNull();
	});

	it('needs two distinct dates for a trend', () => {
		expect(trendLine([{ date: day(1), value: 1 }])).toBeNull();
		expect(trendLine([{ date: day(1), value: 1 }, { date: day(1), value: 2 }])).toBeNull();
		expect(trendLine(line(2, 1, [0, 10]))).toEqual({ slope: 2, intercept: expect.any(Number) });
	});
});
