import { describe, expect, it } from 'vitest';
import { formatMeasurementValue, isUsable, normaliseFlags, type Flag, type StatSymbol } from './measurement-value';

describe('formatMeasurementValue', () => {
	it.each([
		[12.5, null, [], 'de', '12,5'],
		[12.5, null, [], 'en', '12.5'],
		[1234.5, null, [], 'de', '1.234,5'],
		[12.5, null, ['uncertain'], 'de', '(12,5)'],
		[12.5, null, ['provisional'], 'de', '12,5 p'],
		[12.5, null, ['uncertain', 'revised', 'estimated'], 'de', '(12,5) rs'],
		[null, '.', [], 'de', '.'],
		[null, '...', ['provisional'], 'de', '... p']
	] as [number | null, StatSymbol | null, Flag[], string, string][])('%s %s %j (%s) → %s', (value, symbol, flags, locale, expected) => {
		expect(formatMeasurementValue({ value, symbol, flags }, locale)).toBe(expected);
	});
});

describe('measurement values', () => {
	it('orders flags and drops repeats and unknown ones', () => {
		expect(normaliseFlags(['estimated', 'uncertain', 'estimated', 'final'])).toEqual(['uncertain', 'estimated']);
	});

	it('counts only numbers as usable, never a symbol as zero', () => {
		expect(isUsable({ value: 0 })).toBe(true);
		expect(isUsable({ value: null })).toBe(false);
	});
});
