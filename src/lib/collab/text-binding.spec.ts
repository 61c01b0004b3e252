import { describe, expect, it } from 'vitest';
import { transformIndex } from './text-binding';

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
