import { describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { bindText, textDelta, transformIndex } from './text-binding';

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

describe('bindText', () => {
	/** Just enough of an input for the binding: a value, a caret and input events. */
	function field() {
		return Object.assign(new EventTarget(), { value: '', selectionStart: 0, selectionEnd: 0, setSelectionRange() {} }) as unknown as HTMLInputElement;
	}
	const observers = (text: Y.Text) => (text as unknown as { _eH: { l: unknown[] } })._eH.l.length;

	it('binds to a text that is already there, switches and lets go without Yjs complaining', () => {
		const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
		try {
			const doc = new Y.Doc();
			const first = doc.getText('first');
			first.insert(0, 'Quote');
			const second = doc.getText('second');
			const node = field();
			const binding = bindText(node, first);
			expect(node.value).toBe('Quote');
			expect(observers(first)).toBe(1);
			node.value = 'Quote 2026';
			node.dispatchEvent(new Event('input'));
			expect(first.toString()).toBe('Quote 2026');
			binding.update(second);
			expect([observers(first), observers(second)]).toEqual([0, 1]);
			binding.destroy();
			expect(observers(second)).toBe(0);
			expect(errors).not.toHaveBeenCalled();
		} finally {
			errors.mockRestore();
		}
	});
});
