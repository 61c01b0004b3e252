import * as Y from 'yjs';
import { ITEMS, isRating, type AssessmentItem, type Ratings } from './assessment';
import { asDate, asString } from './doc-values';

/**
 * The shape of an assessment's Yjs document (`assessment/<id>`). The date and each rating are
 * plain values (last writer wins per item); the summary and each item's evidence note and links
 * are Y.Text, all created by the server so two clients never race to create one.
 */
export const ASSESSMENT_ROOT = 'assessment';
const RATINGS = 'ratings';
const NOTES = 'notes';
const LINKS = 'links';
export const MAX_LINKS = 20;

export interface AssessmentContent {
	assessedOn: string | null;
	summary: string;
	ratings: Ratings;
	notes: Partial<Record<AssessmentItem, string>>;
	/** The item's evidence links that are web addresses, in the order written. */
	links: Partial<Record<AssessmentItem, string[]>>;
}

export function assessmentRoot(doc: Y.Doc): Y.Map<unknown> {
	return doc.getMap(ASSESSMENT_ROOT);
}

function childMap(doc: Y.Doc, key: string): Y.Map<unknown> | undefined {
	const value = assessmentRoot(doc).get(key);
	return value instanceof Y.Map ? value : undefined;
}

/** Creates the fields of a new assessment (done once, by the server). */
export function initAssessmentDoc(doc: Y.Doc, initial: { assessedOn: string; ratings?: Ratings; notes?: Partial<Record<AssessmentItem, string>> }): void {
	doc.transact(() => {
		const root = assessmentRoot(doc);
		root.set('assessedOn', initial.assessedOn);
		root.set('summary', new Y.Text(''));
		const ratings = new Y.Map<unknown>();
		const notes = new Y.Map<unknown>();
		const links = new Y.Map<unknown>();
		for (const item of ITEMS) {
			ratings.set(item, initial.ratings?.[item] ?? null);
			notes.set(item, new Y.Text(initial.notes?.[item] ?? ''));
			links.set(item, new Y.Text(''));
		}
		root.set(RATINGS, ratings);
		root.set(NOTES, notes);
		root.set(LINKS, links);
	});
}

export function setRating(doc: Y.Doc, item: AssessmentItem, rating: number | null): void {
	childMap(doc, RATINGS)?.set(item, isRating(rating) ? rating : null);
}

/** The Y.Text of the summary, or of an item's note or links; undefined when the document lacks it. */
export function assessmentText(doc: Y.Doc, field: 'summary' | { note: AssessmentItem } | { links: AssessmentItem }): Y.Text | undefined {
	const value =
		field === 'summary' ? assessmentRoot(doc).get('summary') : 'note' in field ? childMap(doc, NOTES)?.get(field.note) : childMap(doc, LINKS)?.get(field.links);
	return value instanceof Y.Text ? value : undefined;
}

/** The web addresses among a links text (one per line) and the lines that are not. */
export function parseLinks(text: string): { links: string[]; invalidLines: number[] } {
	const links: string[] = [];
	const invalidLines: number[] = [];
	text.split('\n').forEach((raw, index) => {
		const line = raw.trim();
		if (!line) return;
		let url: URL | null;
		try {
			url = new URL(line);
		} catch {
			url = null;
		}
		if (url && (url.protocol === 'https:' || url.protocol === 'http:') && line.length <= 2000) {
			if (links.length < MAX_LINKS) links.push(url.href);
		} else invalidLines.push(index + 1);
	});
	return { links, invalidLines };
}

/** Everything in the document as plain values; tolerant of odd documents. */
export function readAssessmentContent(doc: Y.Doc): AssessmentContent {
	const root = assessmentRoot(doc);
	const ratings = childMap(doc, RATINGS);
	const content: AssessmentContent = {
		assessedOn: asDate(root.get('assessedOn')),
		summary: asString(root.get('summary'), 20_000),
		ratings: {},
		notes: {},
		links: {}
	};
	for (const item of ITEMS) {
		const rating = ratings?.get(item);
		content.ratings[item] = isRating(rating) ? rating : null;
		const note = asString(childMap(doc, NOTES)?.get(item), 10_000);
		if (note.trim()) content.notes[item] = note;
		const links = parseLinks(asString(childMap(doc, LINKS)?.get(item), 50_000)).links;
		if (links.length > 0) content.links[item] = links;
	}
	return content;
}
