import { describe, expect, it } from 'vitest';
import { bestObservedRate, DAYS_PER_YEAR, farBeyondHistory, FAR_BEYOND_FACTOR, requiredRate } from './rates';
import type { Direction } from './goal-doc';
import type { Point } from './forecast';

// Dates counted in days from 2025-01-01. A rate is per year of DAYS_PER_YEAR days, so a change
// over YEAR (365 whole days) is slightly more per year: `perYear` says how much.
const day = (n: number) => new Date(Date.UTC(2025, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);
const at = (days: number, value: number): Point => ({ date: day(days), value });
const YEAR = 365;
const perYear = (changePerYEAR: number) => (changePerYEAR * DAYS_PER_YEAR) / YEAR;

describe('bestObservedRate', () => {
	it.each([
		['no data', [], 'up', null],
		['one point', [at(0, 10)], 'up', null],
		['two points too close (27 days)', [at(0, 10), at(27, 50)], 'up', null],
		['two points on the same day', [at(0, 10), at(0, 50)], 'up', null],
		['two points just far enough (28 days)', [at(0, 10), at(28, 38)], 'up', 365.25],
		['rising, up is better', [at(0, 10), at(YEAR, 14)], 'up', perYear(4)],
		['rising, down is better', [at(0, 10), at(YEAR, 14)], 'down', perYear(-4)],
		['falling, down is better', [at(0, 10), at(YEAR, 8)], 'down', perYear(2)],
		['falling, up is better', [at(0, 10), at(YEAR, 8)], 'up', perYear(-2)],
		['never improved (flat)', [at(0, 10), at(YEAR, 10), at(2 * YEAR, 10)], 'up', 0],
		['never improved (only worse)', [at(0, 10), at(YEAR, 9), at(2 * YEAR, 7)], 'up', perYear(-1)],
		['best of several intervals', [at(0, 0), at(YEAR, 2), at(2 * YEAR, 8), at(3 * YEAR, 9)], 'up', perYear(6)],
		// 3 down in 182 days beats 1 in a year and the rise after it.
		['best of several intervals, down', [at(0, 30), at(YEAR, 29), at(YEAR + 182, 26), at(3 * YEAR, 27)], 'down', (3 * DAYS_PER_YEAR) / 182],
		['unsorted input', [at(2 * YEAR, 8), at(0, 0), at(YEAR, 2)], 'up', perYear(6)],
		['a close pair is skipped, not the others', [at(0, 0), at(10, 100), at(10 + YEAR, 103)], 'up', perYear(3)]
	] as [string, Point[], Direction, number | null][])('%s', (_, points, direction, expected) => {
		const rate = bestObservedRate(points, direction);
		if (expected === null) expect(rate).toBeNull();
		else expect(rate).toBeCloseTo(expected, 9);
	});

	it('does not reorder the caller’s array', () => {
		const points = [at(YEAR, 2), at(0, 0)];
		bestObservedRate(points, 'up');
		expect(points.map((p) => p.value)).toEqual([2, 0]);
	});
});

describe('requiredRate', () => {
	it.each([
		['up, one year ahead', at(0, 10), at(YEAR, 16), perYear(6)],
		['down, four years (1461 days) ahead', at(0, 10), at(1461, 7), 0.75],
		['down, two years ahead', at(0, 10), at(2 * YEAR, 7), perYear(1.5)],
		['already there', at(0, 10), at(YEAR, 10), 0],
		['target on the same day', at(0, 10), at(0, 16), null],
		['target in the past', at(YEAR, 10), at(0, 16), null]
	] as [string, Point, Point, number | null][])('%s', (_, from, target, expected) => {
		const rate = requiredRate(from, target);
		if (expected === null) expect(rate).toBeNull();
		else expect(rate).toBeCloseTo(expected, 9);
	});
});

describe('farBeyondHistory', () => {
	it.each([
		['no observed rate', 10, null, false],
		['nothing required', 0, 0, false],
		['never improved, something required', 1, 0, true],
		['got worse, something required', 1, -3, true],
		['exactly the factor', FAR_BEYOND_FACTOR * 5, 5, false],
		['just above the factor', FAR_BEYOND_FACTOR * 5 + 0.01, 5, true],
		['1.5 times', 7.5, 5, false],
		['3 times', 15, 5, true]
	] as [string, number, number | null, boolean][])('%s', (_, required, best, expected) => {
		expect(farBeyondHistory(required, best)).toBe(expected);
	});
});
