import { describe, expect, it } from 'vitest';
import { findMentions, insertMention, matchSuggestions, mentionAtCaret, mentionSegments, suggestionsOf } from './mentions';

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

describe('suggestions while typing', () => {
	const all = suggestionsOf(people);

	it('writes shared names as e-mail addresses, others as names', () => {
		expect(all.map((s) => s.handle)).toEqual(['Birgit Schneider', 'Birgit Schneider-Lang', 'Bahar Yılmaz', 'kai.klein@stadt.de', 'k.klein@stadt.de']);
	});

	it('finds the mention at the caret, and none inside an e-mail address, after a line break or a lone @', () => {
		expect(mentionAtCaret('Bitte @Bir', 10)).toEqual({ start: 6, query: 'Bir' });
		expect(mentionAtCaret('@Birgit Sch', 11)).toEqual({ start: 0, query: 'Birgit Sch' });
		expect(mentionAtCaret('@', 1)).toEqual({ start: 0, query: '' });
		expect(mentionAtCaret('mail@stadt', 10)).toBeNull();
		expect(mentionAtCaret('@Birgit\nDanke', 13)).toBeNull();
		expect(mentionAtCaret('@ Birgit', 8)).toBeNull();
		expect(mentionAtCaret('@Bir und', 4)).toEqual({ start: 0, query: 'Bir' });
	});

	it('matches the start of any word of the name, case-insensitive', () => {
		expect(matchSuggestions(all, 'schn').map((s) => s.name)).toEqual(['Birgit Schneider', 'Birgit Schneider-Lang']);
		expect(matchSuggestions(all, 'yıl').map((s) => s.name)).toEqual(['Bahar Yılmaz']);
		expect(matchSuggestions(all, 'k.kl').map((s) => s.handle)).toEqual(['k.klein@stadt.de']);
		expect(matchSuggestions(all, 'xyz')).toEqual([]);
		expect(matchSuggestions(all, '', 2)).toHaveLength(2);
	});

	it('replaces what was typed after @ by the handle and one space', () => {
		expect(insertMention('Bitte @Bir prüfen', 6, 10, 'Birgit Schneider')).toEqual({ text: 'Bitte @Birgit Schneider prüfen', caret: 24 });
		expect(insertMention('@k', 0, 2, 'k.klein@stadt.de')).toEqual({ text: '@k.klein@stadt.de ', caret: 18 });
	});

	it('a chosen suggestion is found as that person by the server rule', () => {
		for (const s of all) {
			const { text } = insertMention('@', 0, 1, s.handle);
			expect(findMentions(text, people).ids).toHaveLength(1);
		}
	});
});
