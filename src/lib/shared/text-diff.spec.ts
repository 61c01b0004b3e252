import { describe, expect, it } from 'vitest';
import { wordDiff } from './text-diff';

const render = (before: string, after: string) => wordDiff(before, after).map((p) => (p.op === 'same' ? p.text : p.op === 'del' ? `[-${p.text}]` : `{+${p.text}}`)).join('');

describe('wordDiff', () => {
	it('marks a replaced word as removed, then inserted, and keeps the rest', () => {
		expect(render('Mehr Eltern erreichen', 'Mehr Familien erreichen')).toBe('Mehr [-Eltern]{+Familien} erreichen');
	});

	it('marks words added at the end and removed from the start', () => {
		expect(render('Eltern erreichen', 'Eltern erreichen und beraten')).toBe('Eltern erreichen{+ und beraten}');
		expect(render('Alle Eltern erreichen', 'Eltern erreichen')).toBe('[-Alle ]Eltern erreichen');
	});

	it('shows texts that differ completely as removed and inserted, and equal texts unmarked', () => {
		expect(render('', 'neu')).toBe('{+neu}');
		expect(render('alt', '')).toBe('[-alt]');
		expect(render('gleich bleibt', 'gleich bleibt')).toBe('gleich bleibt');
	});

	it('keeps every word of both texts, also beyond the size it compares word by word', () => {
		const before = Array.from({ length: 1500 }, (_, i) => `w${i}`).join(' ');
		const after = Array.from({ length: 1500 }, (_, i) => `v${i}`).join(' ');
		const parts = wordDiff(before, after);
		expect(parts.filter((p) => p.op !== 'ins').map((p) => p.text).join('')).toBe(before);
		expect(parts.filter((p) => p.op !== 'del').map((p) => p.text).join('')).toBe(after);
	});
});
