import { describe, expect, it } from 'vitest';
import { dateCodec, groupsCodec, numberCodec, textCodec } from './field-codecs';
import { observedDateRule, targetDateRule } from '$lib/shared/plausibility';

describe('numberCodec', () => {
	const de = numberCodec('de');
	const en = numberCodec('en');
	it.each([
		['12', 12],
		['12,5', 12.5],
		['-3,25', -3.25],
		['1.234,5', 1234.5],
		['', null],
		['  ', null]
	] as const)('de "%s" is %s', (text, value) => {
		expect(de.parse(text, false)).toEqual({ value });
	});
	it.each(['12,', '12.', '1.2.3', '-', 'abc', '1,2,3', '12,5 €'])('de "%s" is no number yet', (text) => {
		expect(de.parse(text, false)).toEqual({ error: { kind: 'number' } });
	});
	it('reads English as English', () => {
		expect(en.parse('12.5', false)).toEqual({ value: 12.5 });
		expect(en.parse('12,', false)).toEqual({ error: { kind: 'number' } });
	});
	it('names a number outside the range with the range', () => {
		const weight = numberCodec('de', { min: 0, max: 100 });
		expect(weight.parse('150', false)).toEqual({ error: { kind: 'range', min: 0, max: 100 } });
		expect(weight.parse('100', false)).toEqual({ value: 100 });
		expect(weight.parse('', false)).toEqual({ value: null });
	});
	it('shows values without grouping, with the locale’s decimal mark', () => {
		expect(de.format(1234.5)).toBe('1234,5');
		expect(en.format(1234.5)).toBe('1234.5');
		expect(de.format(null)).toBe('');
		expect(de.parse(de.format(0.123456), false)).toEqual({ value: 0.123456 });
	});
});

describe('dateCodec', () => {
	const optional = dateCodec();
	it('takes a complete date', () => {
		expect(optional.parse('2027-01-31', false)).toEqual({ value: '2027-01-31' });
	});
	it('takes an empty field as no date unless the browser holds half a date', () => {
		expect(optional.parse('', false)).toEqual({ value: null });
		expect(optional.parse('', true)).toEqual({ error: { kind: 'date' } });
	});
	it.each(['0002-01-31', '0202-01-31', '2027-02-30', '31.01.2027'])('"%s" is no date yet', (text) => {
		expect(optional.parse(text, false)).toEqual({ error: { kind: 'date' } });
	});
	it('keeps a date that breaks a plausibility rule with the person, naming the rule', () => {
		const baseline = dateCodec({ rule: (date) => observedDateRule(date, '2026-12-02') });
		expect(baseline.parse('1800-01-01', false)).toEqual({ error: { kind: 'rule', rule: 'date_too_early' } });
		expect(baseline.parse('2027-01-01', false)).toEqual({ error: { kind: 'rule', rule: 'date_future' } });
		expect(baseline.parse('2024-12-31', false)).toEqual({ value: '2024-12-31' });
		const target = dateCodec({ rule: (date) => targetDateRule(date, '2024-12-31') });
		expect(target.parse('2024-06-30', false)).toEqual({ error: { kind: 'rule', rule: 'target_before_baseline' } });
		expect(target.parse('2030-12-31', false)).toEqual({ value: '2030-12-31' });
	});

	it('refuses an empty required date', () => {
		expect(dateCodec({ required: true }).parse('', false)).toEqual({ error: { kind: 'date' } });
	});
});

describe('groupsCodec', () => {
	it('reads groups as the document keeps them', () => {
		expect(groupsCodec.parse('deutsch, nichtdeutsch; deutsch, ', false)).toEqual({ value: ['deutsch', 'nichtdeutsch'] });
		expect(groupsCodec.format(['deutsch', 'nichtdeutsch'])).toBe('deutsch, nichtdeutsch');
	});
	it('compares lists by their groups', () => {
		expect(groupsCodec.equal(['a', 'b'], ['a', 'b'])).toBe(true);
		expect(groupsCodec.equal(['a', 'b'], ['b', 'a'])).toBe(false);
		expect(groupsCodec.equal(['a'], ['a', 'b'])).toBe(false);
	});
});

describe('textCodec', () => {
	it('keeps text as typed, spaces included', () => {
		expect(textCodec.parse('Quote ', false)).toEqual({ value: 'Quote ' });
	});
});
