import { describe, expect, it } from 'vitest';
import { unitKind, withUnit } from './units';

describe('withUnit', () => {
	it.each([
		['63,5', 'Anzahl', '63,5'],
		['12', 'count', '12'],
		['12,5', '%', '12,5 %'],
		['12,5', 'Prozent', '12,5 %'],
		['3.2', 'percent', '3.2 %'],
		['3,2', 'Tage', '3,2 Tage'],
		['3,2', ' Euro ', '3,2 Euro'],
		['7', '', '7']
	])('%s with the unit %j reads %j', (number, unit, shown) => {
		expect(withUnit(number, unit)).toBe(shown);
	});

	it('tells counts and percentages from other units', () => {
		expect([unitKind(' Anzahl'), unitKind('PROZENT'), unitKind('Tage')]).toEqual(['count', 'percent', 'other']);
	});
});
