import { describe, expect, it } from 'vitest';
import { findMentions, mentionSegments } from './mentions';

const people = [
	{ id: 'b', name: 'Birgit Schneider' },
	{ id: 'bs', name: 'Birgit Schneider-Lang' },
	{ id: 'y', name: 'Bahar Yılmaz' },
	{ id: 'k1', name: 'Kai Klein', email: 'kai.klein@stadt.de' },
	{ id: 'k2', name: 'Kai Klein', email: 'k.klein@stadt.de' }
];

describe('findMentions', () => {
	it('finds full names after @, case-insensitive, once each', () => {
		expect(findMentions('@birgit schneider bitte prüfen, @Bahar Yılmaz und @Birgit Schneider.', people)).toEqual({ ids: ['b', 'y'], unknown: [], ambiguous: [] });
	});

	it('prefers the longest name', () => {
		expect(findMentions('Hallo @Birgit Schneider-Lang!', people).ids).toEqual(['bs']);
	});

	it('reports a name nobody carries, and one two people carry', () => {
		const result = findMentions('@Birgit Sch und @Kai Klein', people);
		expect(result.unknown).toEqual(['@Birgit Sch']);
		expect(result.ambiguous).toEqual(['@Kai Klein']);
	});

	it('takes an e-mail address for people who share a name', () => {
		expect(findMentions('@k.klein@stadt.de, bitte.', people)).toEqual({ ids: ['k2'], unknown: [], ambiguous: [] });
	});

	it('does not take an e-mail address, a lone @ or the start of a longer word for a mention', () => {
		expect(findMentions('mail an info@stadt.de @ 10 Uhr', people)).toEqual({ ids: [], unknown: [], ambiguous: [] });
		expect(findMentions('@Bahar Yılmazer', people).unknown).toEqual(['@Bahar Yılmazer']);
	});
});

describe('mentionSegments', () => {
	it('marks the mentions of the given names', () => {
		expect(mentionSegments('@Bahar Yılmaz bitte prüfen', ['Bahar Yılmaz'])).toEqual([
			{ text: '@Bahar Yılmaz', mention: true },
			{ text: ' bitte prüfen', mention: false }
		]);
		expect(mentionSegments('kein @Name hier', ['Bahar Yılmaz'])).toEqual([{ text: 'kein @Name hier', mention: false }]);
	});
});
