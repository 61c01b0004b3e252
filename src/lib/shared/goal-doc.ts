import * as Y from 'yjs';
import { isCriterion, type Criterion } from './criteria';
import { FREQUENCIES, type Frequency } from './indicator-templates';
import { asDate, asNumber, asString } from './doc-values';
import { isUuid } from './documents';

/**
 * The shape of a goal's Yjs document. Text fields are Y.Text (merged character by character);
 * the criterion, the deadline and each indicator field are plain values (last writer wins per
 * field). The server creates every Y.Text when the goal is created, so two clients never race
 * to create the same one (one of them would lose its text).
 */
export const ROOT = 'goal';
export const DESCRIPTION = 'description';
export const INDICATORS = 'indicators';
export const TEXT_FIELDS = ['title', 'forWhom', 'resources'] as const;
export type TextField = (typeof TEXT_FIELDS)[number];

export type Direction = 'up' | 'down';

export interface IndicatorDef {
	id: string;
	name: string;
	unit: string;
	direction: Direction;
	baselineValue: number | null;
	baselineDate: string | null;
	targetValue: number | null;
	targetDate: string | null;
	/** The catalogue entry it was made from, if any (`indicator-templates`). */
	templateKey: string | null;
	frequency: Frequency;
	source: string;
	/** The breakdown dimension (e.g. "Staatsangehörigkeit"); '' without breakdown. */
	breakdown: string;
	/** The groups measured separately; empty without breakdown. */
	groups: string[];
	/** The group whose series baseline and target refer to ('' without breakdown). */
	targetGroup: string;
	/** When set, baseline and target refer to the gap |targetGroup − gapGroup| instead. */
	gapGroup: string | null;
	/** Weight in the goal's progress (equal weights = 1). */
	weight: number;
}

/** What makes an item of the indicator list unreadable (a document may hold anything a client sent). */
export type EntryProblem = 'notAnEntry' | 'id' | 'duplicateId' | 'number' | 'date' | 'choice';

/** An item the reader skipped, by its position in the list, so the editor can point at it. */
export interface InvalidEntry {
	index: number;
	problem: EntryProblem;
}

export interface GoalContent {
	title: string;
	forWhom: string;
	resources: string;
	criterion: Criterion | null;
	deadline: string | null;
	indicators: IndicatorDef[];
	/** Items of the indicator list that were skipped; absent when the content was built in code. */
	invalid?: InvalidEntry[];
}

export const INDICATOR_KEYS = [
	'name',
	'unit',
	'direction',
	'baselineValue',
	'baselineDate',
	'targetValue',
	'targetDate',
	'templateKey',
	'frequency',
	'source',
	'breakdown',
	'groups',
	'targetGroup',
	'gapGroup',
	'weight'
] as const;
export type IndicatorKey = (typeof INDICATOR_KEYS)[number];

export { asDate };

export function goalRoot(doc: Y.Doc): Y.Map<unknown> {
	return doc.getMap(ROOT);
}

export function indicatorArray(doc: Y.Doc): Y.Array<Y.Map<unknown>> {
	return doc.getArray<Y.Map<unknown>>(INDICATORS);
}

/** The Y.Text of a text field, or undefined when the document lacks it (never created here). */
export function goalText(doc: Y.Doc, field: TextField): Y.Text | undefined {
	const value = goalRoot(doc).get(field);
	return value instanceof Y.Text ? value : undefined;
}

/** Creates the fields of a new goal document (done once, by the server). */
export function initGoalDoc(doc: Y.Doc, initial: { title?: string } = {}): void {
	doc.transact(() => {
		const root = goalRoot(doc);
		for (const field of TEXT_FIELDS) {
			if (!(root.get(field) instanceof Y.Text)) root.set(field, new Y.Text(field === 'title' ? (initial.title ?? '') : ''));
		}
		if (!root.has('criterion')) root.set('criterion', null);
		if (!root.has('deadline')) root.set('deadline', null);
	});
}

export const MAX_GROUPS = 12;

/** Group names: trimmed, non-empty, unique, at most MAX_GROUPS. */
export function normaliseGroups(value: unknown): string[] {
	if (!Array.isArray(value)) return [];
	const groups: string[] = [];
	for (const item of value) {
		const name = typeof item === 'string' ? item.trim().slice(0, 80) : '';
		if (name && !groups.includes(name)) groups.push(name);
	}
	return groups.slice(0, MAX_GROUPS);
}

/** The target series of a breakdown: the stored group if it still exists, else the total, else the first group. */
function pickTargetGroup(groups: string[], stored: unknown): string {
	if (groups.length === 0) return '';
	if (typeof stored === 'string' && groups.includes(stored)) return stored;
	return groups.find((g) => /^(insgesamt|gesamt|total)$/i.test(g)) ?? groups[0]!;
}

const present = (value: unknown) => value !== undefined && value !== null;

/**
 * Why an indicator entry cannot be taken over, or null when it can. Ids are database keys, so
 * they must be UUIDs; a number, date or choice that holds something else would otherwise be
 * read as "empty" and silently change the goal, so the whole entry is skipped instead.
 */
export function indicatorProblem(map: Y.Map<unknown>): EntryProblem | null {
	const id = map.get('id');
	if (!isUuid(id)) return 'id';
	for (const key of ['baselineValue', 'targetValue', 'weight'] as const) {
		if (present(map.get(key)) && asNumber(map.get(key)) === null) return 'number';
	}
	const weight = asNumber(map.get('weight'));
	if (weight !== null && (weight < 0 || weight > 100)) return 'number';
	for (const key of ['baselineDate', 'targetDate'] as const) {
		const value = map.get(key);
		if (present(value) && value !== '' && asDate(value) === null) return 'date';
	}
	const direction = map.get('direction');
	if (present(direction) && direction !== 'up' && direction !== 'down') return 'choice';
	const frequency = map.get('frequency');
	if (present(frequency) && !(FREQUENCIES as readonly unknown[]).includes(frequency)) return 'choice';
	return null;
}

/** An entry's definition; call only for entries without a problem. */
function readIndicator(map: Y.Map<unknown>): IndicatorDef {
	const id = map.get('id') as string;
	const groups = normaliseGroups(map.get('groups'));
	const targetGroup = pickTargetGroup(groups, map.get('targetGroup'));
	const gapGroup = map.get('gapGroup');
	const frequency = map.get('frequency');
	const weight = asNumber(map.get('weight'));
	const templateKey = map.get('templateKey');
	return {
		id,
		name: asString(map.get('name'), 500),
		unit: asString(map.get('unit'), 50),
		direction: map.get('direction') === 'down' ? 'down' : 'up',
		baselineValue: asNumber(map.get('baselineValue')),
		baselineDate: asDate(map.get('baselineDate')),
		targetValue: asNumber(map.get('targetValue')),
		targetDate: asDate(map.get('targetDate')),
		templateKey: typeof templateKey === 'string' && templateKey ? templateKey.slice(0, 100) : null,
		frequency: (FREQUENCIES as readonly unknown[]).includes(frequency) ? (frequency as Frequency) : 'yearly',
		source: asString(map.get('source'), 500),
		breakdown: groups.length > 0 ? asString(map.get('breakdown'), 100) : '',
		groups,
		targetGroup,
		gapGroup: typeof gapGroup === 'string' && groups.includes(gapGroup) && gapGroup !== targetGroup ? gapGroup : null,
		weight: weight !== null && weight >= 0 && weight <= 100 ? weight : 1
	};
}

/** Everything but the rich-text description, as plain values; tolerant of odd documents. */
export function readGoalContent(doc: Y.Doc): GoalContent {
	const root = goalRoot(doc);
	const criterion = root.get('criterion');
	const seen = new Set<string>();
	const indicators: IndicatorDef[] = [];
	const invalid: InvalidEntry[] = [];
	for (const [index, item] of indicatorArray(doc).toArray().entries()) {
		const problem = item instanceof Y.Map ? indicatorProblem(item) : 'notAnEntry';
		if (problem) invalid.push({ index, problem });
		// Ids must stay unique: a duplicate (e.g. from a hand-crafted update) is skipped.
		else if (seen.has(item.get('id') as string)) invalid.push({ index, problem: 'duplicateId' });
		else {
			const def = readIndicator(item);
			seen.add(def.id);
			indicators.push(def);
		}
	}
	return {
		title: asString(root.get('title'), 500),
		forWhom: asString(root.get('forWhom')),
		resources: asString(root.get('resources')),
		criterion: isCriterion(criterion) ? criterion : null,
		deadline: asDate(root.get('deadline')),
		indicators,
		...(invalid.length > 0 ? { invalid } : {})
	};
}

/** A full definition from some fields; the rest take their defaults. */
export function indicatorFields(fields: Partial<Omit<IndicatorDef, 'id'>> = {}): Omit<IndicatorDef, 'id'> {
	return {
		name: '',
		unit: '',
		direction: 'up',
		baselineValue: null,
		baselineDate: null,
		targetValue: null,
		targetDate: null,
		templateKey: null,
		frequency: 'yearly',
		source: '',
		breakdown: '',
		groups: [],
		targetGroup: '',
		gapGroup: null,
		weight: 1,
		...fields
	};
}

/** Adds an indicator with a fresh stable id, all fields set in one transaction. */
export function addIndicator(doc: Y.Doc, fields: Partial<Omit<IndicatorDef, 'id'>> = {}, id: string = crypto.randomUUID()): string {
	doc.transact(() => {
		const map = new Y.Map<unknown>();
		map.set('id', id);
		for (const [key, value] of Object.entries(indicatorFields(fields))) map.set(key, value);
		indicatorArray(doc).push([map]);
	});
	return id;
}

export function findIndicator(doc: Y.Doc, id: string): Y.Map<unknown> | undefined {
	return indicatorArray(doc)
		.toArray()
		.find((map) => map instanceof Y.Map && map.get('id') === id);
}

/** Removes the list item at a position (an entry without a usable id can only be found so). */
export function removeEntryAt(doc: Y.Doc, index: number): void {
	const list = indicatorArray(doc);
	if (index >= 0 && index < list.length) list.delete(index, 1);
}

export function removeIndicator(doc: Y.Doc, id: string): void {
	const list = indicatorArray(doc);
	const index = list.toArray().findIndex((map) => map instanceof Y.Map && map.get('id') === id);
	if (index >= 0) list.delete(index, 1);
}

/** The change from one text to another as one splice: the common start and end are kept. */
export function textSplice(current: string, next: string): { start: number; remove: number; insert: string } {
	let start = 0;
	while (start < current.length && start < next.length && current[start] === next[start]) start++;
	let endCurrent = current.length;
	let endNext = next.length;
	while (endCurrent > start && endNext > start && current[endCurrent - 1] === next[endNext - 1]) {
		endCurrent--;
		endNext--;
	}
	return { start, remove: endCurrent - start, insert: next.slice(start, endNext) };
}

/** Replaces a Y.Text's content with the smallest edit (common prefix and suffix kept). */
export function replaceText(text: Y.Text, next: string): void {
	const current = text.toString();
	if (current === next) return;
	const { start, remove, insert } = textSplice(current, next);
	const apply = () => {
		if (remove > 0) text.delete(start, remove);
		if (insert) text.insert(start, insert);
	};
	if (text.doc) text.doc.transact(apply);
	else apply();
}
