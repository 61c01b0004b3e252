import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { changeKind, compareAverages, compareLatest, formatChange } from './assessment-compare';
import type { Criterion } from './criteria';

/** Averages for criteria 1–6, in Table 1 order. */
const averages = (c1: number, c2: number, c3: number, c4: number, c5: number, c6: number): Record<Criterion, number> => ({
	agreements: c1,
	attention: c2,
	institutionalisation: c3,
	reach: c4,
	rights: c5,
	statePolicy: c6
});

describe('changeKind', () => {
	it.each([
		[1, 'improved'],
		[0.33, 'improved'],
		[0.05, 'improved'],
		[0.04, 'unchanged'],
		[0, 'unchanged'],
		[-0, 'unchanged'],
		[-0.04, 'unchanged'],
		[-0.05, 'worse'],
		[-2, 'worse']
	] as const)('%s → %s', (delta, kind) => {
		expect(changeKind(delta)).toBe(kind);
	});
});

describe('compareAverages', () => {
	it('gives latest minus previous per criterion, in Table 1 order, with its kind', () => {
		const result = compareAverages(averages(1, 2, 1.67, 0, 3, 2), averages(2, 2, 2, 1, 2.5, 2));
		expect(result.changes.map((c) => [c.criterion, c.previous, c.latest, c.delta, c.kind])).toEqual([
			['agreements', 1, 2, 1, 'improved'],
			['attention', 2, 2, 0, 'unchanged'],
			['institutionalisation', 1.67, 2, 0.33, 'improved'],
			['reach', 0, 1, 1, 'improved'],
			['rights', 3, 2.5, -0.5, 'worse'],
			['statePolicy', 2, 2, 0, 'unchanged']
		]);
	});

	it('lists what improved and what did not (unchanged and worse), each in Table 1 order', () => {
		const result = compareAverages(averages(1, 2, 1.67, 0, 3, 2), averages(2, 2, 2, 1, 2.5, 2));
		expect(result.improved).toEqual(['agreements', 'institutionalisation', 'reach']);
		expect(result.notImproved).toEqual(['attention', 'rights', 'statePolicy']);
		expect(result.unchanged).toEqual(['attention', 'statePolicy']);
		expect(result.worse).toEqual(['rights']);
	});

	it('rounds the difference to two decimals, so float noise is no change', () => {
		const result = compareAverages(averages(0.1 + 0.2, 0, 2.33, 0, 0, 0), averages(0.3, 0, 2.67, 0, 0, 0));
		expect(result.changes[0]).toMatchObject({ delta: 0, kind: 'unchanged' });
		expect(Object.is(result.changes[0]!.delta, -0)).toBe(false);
		expect(result.changes[2]).toMatchObject({ delta: 0.34, kind: 'improved' });
	});

	it('names nothing as improved when all stayed the same', () => {
		const same = averages(1, 1, 1, 1, 1, 1);
		const result = compareAverages(same, same);
		expect(result.improved).toEqual([]);
		expect(result.worse).toEqual([]);
		expect(result.notImproved).toHaveLength(6);
	});
});

describe('compareLatest', () => {
	const at = (value: number) => ({ averages: averages(value, value, value, value, value, value) });

	it('compares nothing with fewer than two assessments', () => {
		expect(compareLatest([])).toBeNull();
		expect(compareLatest([at(2)])).toBeNull();
	});

	it('compares the latest with the one before it, not with the first', () => {
		const result = compareLatest([at(0), at(3), at(2)]);
		expect(result?.changes.every((c) => c.previous === 3 && c.latest === 2 && c.kind === 'worse')).toBe(true);
	});
});

describe('formatChange', () => {
	it.each([
		[1, 'de', '+1,0'],
		[-0.5, 'de', '\u22120,5'],
		[0.33, 'de', '+0,3'],
		[0, 'de', '±0'],
		[0.04, 'de', '±0'],
		[1, 'en', '+1.0'],
		[-0.5, 'en', '\u22120.5']
	] as const)('%s in %s → %s', (delta, locale, text) => {
		expect(formatChange(delta, locale)).toBe(text);
	});
});

describe('assessment radar messages', () => {
	type Message = string | [{ match: Record<string, string> }];
	const messages = (locale: string) => JSON.parse(fs.readFileSync(fileURLToPath(new URL(`../../messages/assessments/${locale}.json`, import.meta.url)), 'utf8')) as Record<string, Message>;
	// A message with plural variants counts with all its wordings.
	const text = (message: Message) => (typeof message === 'string' ? message : Object.values(message[0].match).join('\n'));
	const radar = (locale: string) => Object.entries(messages(locale)).filter(([key]) => key.startsWith('assessment_radar_')).map(([key, message]) => [key, text(message)] as const);
	const params = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();

	it('has the same keys in German and English, none empty, with the same parameters', () => {
		const de = Object.fromEntries(radar('de'));
		const en = Object.fromEntries(radar('en'));
		expect(Object.keys(de).length).toBeGreaterThan(0);
		expect(Object.keys(en).sort()).toEqual(Object.keys(de).sort());
		for (const key of Object.keys(de)) {
			expect(de[key]!.trim(), key).not.toBe('');
			expect(params(en[key]!), key).toEqual(params(de[key]!));
		}
	});
});
