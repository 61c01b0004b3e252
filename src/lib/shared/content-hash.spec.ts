import { describe, expect, it } from 'vitest';
import { canonicalJson, contentHash } from './content-hash';
import { indicatorFields, type GoalContent } from './goal-doc';

const base: GoalContent = {
	title: 'Titel',
	forWhom: 'Eltern der Klassen 8 bis 10',
	resources: 'Zeit',
	criterion: 'attention',
	deadline: '2027-07-31',
	indicators: [
		{ id: 'b', ...indicatorFields({ name: 'Zwei', unit: '%', direction: 'down', baselineValue: 10, baselineDate: '2025-01-01', targetValue: 8 }) },
		{ id: 'a', ...indicatorFields({ name: 'Eins', unit: 'Anzahl', baselineValue: 1, baselineDate: '2025-01-01', targetValue: 4, targetDate: '2027-01-01' }) }
	]
};

// contentHash(base) computed by the code before breakdowns and weights existed.
const LEGACY_HASH = 'cc311281350918295c5866e77b57c44993405b2b7856244633f542563eddd420';
const grouped = { ...base.indicators[0]!, breakdown: 'Staatsangehörigkeit', groups: ['deutsch', 'nichtdeutsch'], targetGroup: 'nichtdeutsch' };

describe('contentHash', () => {
	it('is the same as before breakdowns and weights existed while they are unused', () => {
		// The hash of `base` as computed before these fields were added: old sign-offs stay valid.
		expect(contentHash(base)).toBe(LEGACY_HASH);
	});

	it('ignores how and where an indicator is measured: frequency, source, template', () => {
		const other = base.indicators.map((i) => ({ ...i, frequency: 'monthly' as const, source: 'Amt', templateKey: 'x' }));
		expect(contentHash({ ...base, indicators: other })).toBe(contentHash(base));
	});

	it('is a SHA-256 in hex', () => {
		expect(contentHash(base)).toMatch(/^[0-9a-f]{64}$/);
	});

	it('ignores what is not substantive: title, resources, criterion, indicator order, spacing', () => {
		const same = contentHash(base);
		expect(contentHash({ ...base, title: 'Anderer Titel', resources: 'Mehr Zeit', criterion: 'reach' })).toBe(same);
		expect(contentHash({ ...base, indicators: [...base.indicators].reverse() })).toBe(same);
		expect(contentHash({ ...base, forWhom: '  Eltern der  Klassen 8 bis\n10 ' })).toBe(same);
		expect(contentHash({ ...base, indicators: base.indicators.map((i) => (i.id === 'a' ? { ...i, targetValue: 4.0 } : i)) })).toBe(same);
	});

	it.each([
		['for whom', { forWhom: 'Eltern der Klassen 7 bis 10' }],
		['deadline', { deadline: '2027-08-31' }],
		['an indicator name', { indicators: [{ ...base.indicators[0]!, name: 'Drei' }, base.indicators[1]!] }],
		['a unit', { indicators: [{ ...base.indicators[0]!, unit: 'Anzahl' }, base.indicators[1]!] }],
		['a direction', { indicators: [{ ...base.indicators[0]!, direction: 'up' }, base.indicators[1]!] }],
		['a baseline value', { indicators: [{ ...base.indicators[0]!, baselineValue: 11 }, base.indicators[1]!] }],
		['a baseline date', { indicators: [{ ...base.indicators[0]!, baselineDate: '2025-02-01' }, base.indicators[1]!] }],
		['a target value', { indicators: [{ ...base.indicators[0]!, targetValue: 7 }, base.indicators[1]!] }],
		['a target date', { indicators: [{ ...base.indicators[0]!, targetDate: '2027-07-31' }, base.indicators[1]!] }],
		['an indicator removed', { indicators: [base.indicators[1]!] }],
		['a weight', { indicators: [{ ...base.indicators[0]!, weight: 2 }, base.indicators[1]!] }],
		['a breakdown', { indicators: [grouped, base.indicators[1]!] }],
		['the target group', { indicators: [{ ...grouped, targetGroup: 'deutsch' }, base.indicators[1]!] }],
		['a target on the gap', { indicators: [{ ...grouped, gapGroup: 'deutsch' }, base.indicators[1]!] }]
	] as [string, Partial<GoalContent>][])('changes with %s', (_, change) => {
		expect(contentHash({ ...base, ...change })).not.toBe(contentHash(base));
	});
});

describe('canonicalJson', () => {
	it('sorts keys at every level and drops undefined', () => {
		expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: null }], c: undefined } })).toBe('{"a":{"d":[2,{"y":null,"z":1}]},"b":1}');
	});
});
