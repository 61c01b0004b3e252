import { describe, expect, it } from 'vitest';
import { checkInDue, substantiveChanges, type Substantive } from './loop';

const base: Substantive = {
	deadline: '2027-12-31',
	forWhom: 'Eltern der Klassen 8 bis 10',
	indicators: [
		{ id: 'a', name: 'Quote', targetValue: 45 },
		{ id: 'b', name: 'Anzahl', targetValue: 120 }
	]
};

describe('substantiveChanges', () => {
	it.each([
		['nothing', base, []],
		['for whom', { ...base, forWhom: 'Eltern der Klassen 7 bis 10' }, ['forWhom']],
		['the deadline', { ...base, deadline: '2028-06-30' }, ['deadline']],
		['one indicator', { ...base, indicators: [{ id: 'a', name: 'Quote', targetValue: 40 }, base.indicators[1]!] }, ['indicator:a']],
		['an indicator removed', { ...base, indicators: [base.indicators[0]!] }, ['indicator:b']],
		['an indicator added', { ...base, indicators: [...base.indicators, { id: 'c', name: 'Neu' }] }, ['indicator:c']],
		['indicator order alone', { ...base, indicators: [...base.indicators].reverse() }, []]
	] as [string, Substantive, string[]][])('%s', (_, after, fields) => {
		expect(substantiveChanges(base, after).map((c) => c.field)).toEqual(fields);
	});

	it('keeps before and after, and names an indicator even when it is gone', () => {
		const [change] = substantiveChanges(base, { ...base, indicators: [base.indicators[0]!] });
		expect(change).toEqual({ field: 'indicator:b', label: 'Anzahl', before: base.indicators[1], after: null });
	});
});

describe('checkInDue', () => {
	it.each([
		[null, '2026-01-15', 3, '2026-04-15'],
		['2026-03-31', '2026-01-15', 3, '2026-06-30'],
		['2026-03-31', '2026-01-15', 6, '2026-09-30']
	])('last %s, since %s, every %i months → %s', (last, since, months, due) => {
		expect(checkInDue(last, since, months)).toBe(due);
	});
});
