import { describe, expect, it } from 'vitest';
import { textDelta, transformIndex } from './text-binding';

describe('transformIndex', () => {
	it.each([
		['insert before the caret moves it', 5, [{ insert: 'abc' }], 8],
		['insert after the caret keeps it', 2, [{ retain: 4 }, { insert: 'abc' }], 2],
		['insert at the caret moves it behind', 4, [{ retain: 4 }, { insert: 'x' }], 5],
		['delete before the caret pulls it', 6, [{ retain: 1 }, { delete: 3 }], 3],
		['delete across the caret lands at the cut', 3, [{ retain: 1 }, { delete: 5 }], 1],
		['delete after the caret keeps it', 1, [{ retain: 2 }, { delete: 2 }], 1]
	] as const)('%s', (_, index, delta, expected) => {
		expect(transformIndex(index, [...delta])).toBe(expected);
	});
});

describe('textDelta', () => {
	const caret = (before: string, after: string, index: number) => transformIndex(index, textDelta(before, after));
	it('keeps the caret behind the same letters when a partner changes text before it', () => {
		expect(caret('Quote', 'Die Quote', 5)).toBe(9);
		expect(caret('12,5 %', '112,5 %', 4)).toBe(5);
	});
	it('keeps the caret when the change is after it', () => {
		expect(caret('Anzahl', 'Anzahl der', 3)).toBe(3);
	});
	it('puts a caret inside replaced text behind the replacement', () => {
		expect(caret('45', '50', 1)).toBe(2);
		expect(caret('Anzahl Schüler', 'Anzahl Personen', 9)).toBe(15);
	});
	it('is one splice', () => {
		expect(textDelta('abcdef', 'abXYef')).toEqual([{ retain: 2 }, { delete: 2 }, { insert: 'XY' }]);
		expect(textDelta('same', 'same')).toEqual([{ retain: 4 }]);
	});
});
