import { describe, expect, it } from 'vitest';
import { agreementPeriodRule, isJump, jumpsAmong, observedDateRule, targetDateRule, valueRule } from './plausibility';

const TODAY = '2026-12-02';

describe('observedDateRule', () => {
	it.each([
		['1800-01-01', 'date_too_early'],
		['1949-12-31', 'date_too_early'],
		['1950-01-01', null],
		['2026-12-02', null],
		['2026-12-03', 'date_future']
	])('%s → %s', (date, rule) => {
		expect(observedDateRule(date, TODAY)).toBe(rule);
	});
});

describe('valueRule', () => {
	it.each([
		[-5, 'Anzahl', 'count_negative'],
		[2.5, 'Anzahl', 'count_not_whole'],
		[0, ' anzahl ', null],
		[1200, 'Count', null],
		[-0.1, '%', 'percent_range'],
		[100.1, 'Prozent', 'percent_range'],
		[0, '%', null],
		[100, '%', null],
		[-75, 'Euro', null],
		[2.5, '', null]
	])('%d %j → %s', (value, unit, rule) => {
		expect(valueRule(value, unit)).toBe(rule);
	});
});

describe('targetDateRule, agreementPeriodRule', () => {
	it('wants the target after the baseline', () => {
		expect(targetDateRule('2025-07-31', '2025-07-31')).toBe('target_before_baseline');
		expect(targetDateRule('2024-01-01', '2025-07-31')).toBe('target_before_baseline');
		expect(targetDateRule('2028-07-31', '2025-07-31')).toBeNull();
		expect(targetDateRule('2028-07-31', null)).toBeNull();
	});

	it('wants an agreement to end after it starts', () => {
		expect(agreementPeriodRule('2027-01-01', '2026-01-01')).toBe('agreement_end_before_start');
		expect(agreementPeriodRule('2026-01-01', '2027-01-01')).toBeNull();
		expect(agreementPeriodRule('2026-01-01', null)).toBeNull();
		expect(agreementPeriodRule(null, '2026-01-01')).toBeNull();
	});
});

describe('isJump', () => {
	const series = [
		{ date: '2022-12-31', value: 10 },
		{ date: '2023-12-31', value: 12 },
		{ date: '2024-12-31', value: 11 }
	];
	it.each([
		// The largest step is 2: a step of 10 is within five times it, 10.5 is not.
		[{ date: '2025-12-31', value: 21 }, false],
		[{ date: '2025-12-31', value: 21.5 }, true],
		[{ date: '2025-12-31', value: 0.5 }, true],
		// Between two values, the step from the one before counts.
		[{ date: '2023-06-30', value: 20 }, false],
		[{ date: '2023-06-30', value: 21 }, true],
		// A correction of an existing date is compared without its old value.
		[{ date: '2024-12-31', value: 30 }, true],
		[{ date: '2021-12-31', value: 10 }, false]
	])('%j → %s', (candidate, jump) => {
		expect(isJump(series, candidate)).toBe(jump);
	});

	it('needs a step to compare with', () => {
		expect(isJump([], { date: '2025-12-31', value: 1e9 })).toBe(false);
		expect(isJump([{ date: '2024-12-31', value: 1 }], { date: '2025-12-31', value: 1e9 })).toBe(false);
		expect(isJump([{ date: '2023-12-31', value: 4 }, { date: '2024-12-31', value: 4 }], { date: '2025-12-31', value: 400 })).toBe(false);
	});
});

describe('jumpsAmong', () => {
	it('questions each new value against the stored series, new values replacing stored ones of their date', () => {
		const stored = [
			{ date: '2022-12-31', value: 10 },
			{ date: '2023-12-31', value: 12 },
			{ date: '2024-12-31', value: 500 }
		];
		// The stored 500 is replaced, so the largest step is 2; 120 is a jump, 14 is not.
		const incoming = [
			{ date: '2024-12-31', value: 13, line: 2 },
			{ date: '2025-12-31', value: 14, line: 3 },
			{ date: '2026-06-30', value: 120, line: 4 }
		];
		expect(jumpsAmong(stored, incoming).map((p) => p.line)).toEqual([4]);
	});
});
