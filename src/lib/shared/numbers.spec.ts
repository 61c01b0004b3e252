import { describe, expect, it } from 'vitest';
import { parseDecimal } from './numbers';

describe('parseDecimal', () => {
	it.each([
		['12,5', 'de', 12.5],
		['-3,25', 'de', -3.25],
		['1.234', 'de', 1234],
		['1.234.567,8', 'de', 1234567.8],
		['12.5', 'de', 12.5],
		['0,5', 'de', 0.5],
		[' 7 ', 'de', 7],
		['12.5', 'en', 12.5],
		['1,234', 'en', 1234],
		['1,234.5', 'en', 1234.5],
		['', 'de', null],
		['   ', 'en', null],
		['abc', 'de', undefined],
		['12,5', 'en', undefined],
		['1,2,3', 'de', undefined],
		['--1', 'de', undefined]
	] as const)('%s (%s) → %s', (raw, locale, expected) => {
		expect(parseDecimal(raw, locale)).toBe(expected);
	});
});
