import { INDICATOR_KEYS, type GoalContent, type IndicatorDef, type IndicatorKey } from './goal-doc';
import { richPlainText, type RichNode } from './rich-text';

/**
 * What changed in a goal between two of its states, field by field: the history names the
 * fields of each editing session, the comparison of two versions shows their old and new values.
 */

/** A goal as the history compares it: its content and its description as plain text. */
export interface GoalState {
	content: GoalContent;
	description: string;
}

export const GOAL_FIELDS = ['title', 'forWhom', 'description', 'resources', 'deadline', 'criterion'] as const;
export type GoalField = (typeof GOAL_FIELDS)[number];

/** Which field changed: one of the goal's own, or one field of an indicator (or the whole indicator, added or removed). */
export type ChangedField =
	| { field: GoalField }
	| { field: 'indicator'; indicatorId: string; name: string; key: IndicatorKey | 'added' | 'removed' };

export type FieldValue = string | number | string[] | null;

export interface FieldChange {
	ref: ChangedField;
	/** How the values read: texts get a word diff, the rest is shown plainly. */
	kind: 'text' | 'date' | 'number' | 'other';
	before: FieldValue;
	after: FieldValue;
}

const TEXT_KEYS: readonly IndicatorKey[] = ['name', 'unit', 'source', 'breakdown'];
const DATE_KEYS: readonly IndicatorKey[] = ['baselineDate', 'targetDate'];
const NUMBER_KEYS: readonly IndicatorKey[] = ['baselineValue', 'targetValue', 'weight'];

const same = (a: FieldValue, b: FieldValue) => (Array.isArray(a) && Array.isArray(b) ? a.join('\u0000') === b.join('\u0000') : a === b);

export function goalState(content: GoalContent, description: readonly RichNode[]): GoalState {
	return { content, description: richPlainText(description) };
}

/** Every field whose value differs between `before` and `after`, in the order of the goal's form. */
export function goalChanges(before: GoalState, after: GoalState): FieldChange[] {
	const changes: FieldChange[] = [];
	for (const field of GOAL_FIELDS) {
		const a = field === 'description' ? before.description : before.content[field];
		const b = field === 'description' ? after.description : after.content[field];
		if (!same(a, b)) changes.push({ ref: { field }, kind: field === 'deadline' ? 'date' : field === 'criterion' ? 'other' : 'text', before: a, after: b });
	}
	const old = new Map(before.content.indicators.map((i) => [i.id, i]));
	const now = new Set(after.content.indicators.map((i) => i.id));
	for (const indicator of after.content.indicators) {
		const previous = old.get(indicator.id);
		if (!previous) {
			changes.push({ ref: indicatorRef(indicator, 'added'), kind: 'text', before: null, after: indicator.name });
			continue;
		}
		for (const key of INDICATOR_KEYS) {
			if (same(previous[key], indicator[key])) continue;
			const kind = TEXT_KEYS.includes(key) ? 'text' : DATE_KEYS.includes(key) ? 'date' : NUMBER_KEYS.includes(key) ? 'number' : 'other';
			changes.push({ ref: indicatorRef(indicator, key), kind, before: previous[key], after: indicator[key] });
		}
	}
	for (const indicator of before.content.indicators) {
		if (!now.has(indicator.id)) changes.push({ ref: indicatorRef(indicator, 'removed'), kind: 'text', before: indicator.name, after: null });
	}
	return changes;
}

function indicatorRef(indicator: IndicatorDef, key: IndicatorKey | 'added' | 'removed'): ChangedField {
	return { field: 'indicator', indicatorId: indicator.id, name: indicator.name, key };
}
