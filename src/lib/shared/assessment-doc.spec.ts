import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { assessmentRoot, assessmentText, initAssessmentDoc, MAX_LINKS, parseLinks, readAssessmentContent, setRating } from './assessment-doc';
import { ITEMS } from './assessment';

describe('the assessment document', () => {
	it('starts with every item unrated, or with the ratings and notes carried over', () => {
		const doc = new Y.Doc();
		initAssessmentDoc(doc, { assessedOn: '2026-03-01', ratings: { agreements: 2 }, notes: { agreements: 'Ratsbeschluss' } });
		const content = readAssessmentContent(doc);
		expect(content.assessedOn).toBe('2026-03-01');
		expect(Object.keys(content.ratings)).toEqual([...ITEMS]);
		expect(content.ratings).toMatchObject({ agreements: 2, attention: null });
		expect(content.notes).toEqual({ agreements: 'Ratsbeschluss' });
		for (const item of ITEMS) expect(assessmentText(doc, { note: item })).toBeInstanceOf(Y.Text);
	});

	it('keeps only ratings 0–3 and valid dates', () => {
		const doc = new Y.Doc();
		initAssessmentDoc(doc, { assessedOn: '2026-03-01' });
		setRating(doc, 'attention', 3);
		setRating(doc, 'reach', 4);
		(assessmentRoot(doc).get('ratings') as Y.Map<unknown>).set('rights', '2');
		assessmentRoot(doc).set('assessedOn', 'gestern');
		expect(readAssessmentContent(doc)).toMatchObject({ assessedOn: null, ratings: { attention: 3, reach: null, rights: null } });
		expect(readAssessmentContent(new Y.Doc()).ratings.attention).toBeNull();
	});

	it('merges two people rating different items at once', () => {
		const a = new Y.Doc();
		initAssessmentDoc(a, { assessedOn: '2026-03-01' });
		const b = new Y.Doc();
		Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
		setRating(a, 'attention', 2);
		setRating(b, 'funding', 1);
		assessmentText(b, { note: 'funding' })!.insert(0, 'Projektmittel bis 2027');
		Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
		expect(readAssessmentContent(a)).toMatchObject({ ratings: { attention: 2, funding: 1 }, notes: { funding: 'Projektmittel bis 2027' } });
	});
});

describe('evidence links', () => {
	it('keeps web addresses and names the lines that are not', () => {
		expect(parseLinks('https://example.org/rat\n\n  http://example.org/a b \nmailto:x@example.org\nkein link\n')).toEqual({
			links: ['https://example.org/rat', 'http://example.org/a%20b'],
			invalidLines: [4, 5]
		});
		expect(parseLinks('javascript:alert(1)').links).toEqual([]);
		expect(parseLinks(Array.from({ length: 30 }, (_, i) => `https://example.org/${i}`).join('\n')).links).toHaveLength(MAX_LINKS);
	});
});
