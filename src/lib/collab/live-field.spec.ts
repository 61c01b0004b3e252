import { describe, expect, it } from 'vitest';
import { numberCodec, textCodec } from './field-codecs';
import { LiveValue } from './live-field';

describe('LiveValue', () => {
	it('writes each text that reads as a new value, and keeps the others to the field', () => {
		const live = new LiveValue(numberCodec('de'), 10);
		expect(live.input('1')).toEqual({ value: 1, write: true });
		expect(live.input('12')).toEqual({ value: 12, write: true });
		expect(live.input('12,')).toEqual({ error: { kind: 'number' } });
		expect(live.input('12,0')).toEqual({ value: 12, write: false });
		expect(live.input('12,05')).toEqual({ value: 12.05, write: true });
	});

	it('leaves the typed text alone when the document reports what it says', () => {
		const live = new LiveValue(numberCodec('de'), null);
		live.input('12,50');
		// The field's own write comes back as 12.5, shown "12,5": the person's "12,50" stays.
		expect(live.report(12.5, '12,50')).toBeNull();
	});

	it('shows a partner’s value, also over text that is no value', () => {
		const live = new LiveValue(numberCodec('de'), 10);
		live.input('12,');
		expect(live.report(45, '12,')).toBe('45');
		expect(live.input('45')).toEqual({ value: 45, write: false });
	});

	it('changes nothing when the document reports the same value again', () => {
		// An indicator's breakdown reads '' until it has groups: the typed dimension must survive
		// the other fields' updates, which report '' again and again.
		const live = new LiveValue(textCodec, '');
		expect(live.input('Stadtteil')).toEqual({ value: 'Stadtteil', write: true });
		expect(live.report('', 'Stadtteil')).toBeNull();
		expect(live.report('Schule', 'Stadtteil')).toBe('Schule');
	});

	it('writes again after a partner’s value replaced its own', () => {
		const live = new LiveValue(textCodec, 'a');
		live.input('ab');
		live.report('ab', 'ab');
		live.report('x', 'ab');
		expect(live.input('ab')).toEqual({ value: 'ab', write: true });
	});
});
