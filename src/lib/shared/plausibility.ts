/**
 * What a value must be to be believed: one rule set for forms, the CSV import, the projection
 * of documents and the API. Each rule answers with the name of what is wrong (or null); each
 * place words it in its own message (`plausible_<rule>` next to a field, `csv_<rule>` with
 * line and column), so the rules cannot drift apart between them.
 */

import { unitKind } from './units';

/** Local statistics of integration reach back to the 1950s at the earliest. */
export const EARLIEST_DATE = '1950-01-01';

export type PlausibilityRule =
	| 'date_too_early'
	| 'date_future'
	| 'count_not_whole'
	| 'count_negative'
	| 'percent_range'
	| 'target_before_baseline'
	| 'agreement_end_before_start'
	| 'report_before_first_goal';

/** A measured or baseline date: not before 1950, not after today (Europe/Berlin). */
export function observedDateRule(date: string, today: string): PlausibilityRule | null {
	if (date < EARLIEST_DATE) return 'date_too_early';
	if (date > today) return 'date_future';
	return null;
}

/** A number in the indicator's unit: counts whole and not negative, percentages 0–100. */
export function valueRule(value: number, unit: string): PlausibilityRule | null {
	const kind = unitKind(unit);
	if (kind === 'count') {
		if (value < 0) return 'count_negative';
		if (!Number.isInteger(value)) return 'count_not_whole';
	}
	if (kind === 'percent' && (value < 0 || value > 100)) return 'percent_range';
	return null;
}

/** The date a target is to be reached lies after the baseline's date. */
export function targetDateRule(targetDate: string, baselineDate: string | null): PlausibilityRule | null {
	return baselineDate !== null && targetDate <= baselineDate ? 'target_before_baseline' : null;
}

/** An agreement ends after it starts (either may be open). */
export function agreementPeriodRule(start: string | null, end: string | null): PlausibilityRule | null {
	return start && end && end < start ? 'agreement_end_before_start' : null;
}

/**
 * A report's reference date: not in the future, and not before the day the municipality's first
 * goal was created (a report as of then would hold nothing, since goals are shown as they stood).
 */
export function reportDateRule(refDate: string, today: string, firstGoalDay: string | null): PlausibilityRule | null {
	if (refDate > today) return 'date_future';
	if (firstGoalDay !== null && refDate < firstGoalDay) return 'report_before_first_goal';
	return null;
}

/** How many times the largest step of a series a new step may be before it is questioned. */
export const JUMP_FACTOR = 5;

interface Point {
	date: string;
	value: number;
}

const byDate = (a: Point, b: Point) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0);

/**
 * The new values that are possible but implausible: their step from the value before (by
 * date; for the earliest, the value after) is more than five times the largest step the stored series ever made. New values
 * replace stored ones of the same date. A series needs two values, a step that is not zero,
 * before anything counts as a jump.
 */
export function jumpsAmong<T extends Point>(stored: readonly Point[], incoming: readonly T[]): T[] {
	const replaced = new Set(incoming.map((point) => point.date));
	const base = stored.filter((point) => !replaced.has(point.date)).sort(byDate);
	let largest = 0;
	for (let i = 1; i < base.length; i++) largest = Math.max(largest, Math.abs(base[i]!.value - base[i - 1]!.value));
	// A flat series gives no measure of its steps; questioning every change would be noise.
	if (largest === 0) return [];
	const fresh = new Set<Point>(incoming);
	const merged = [...base, ...incoming].sort(byDate);
	const tooFar = (a: Point, b: Point | undefined) => b !== undefined && Math.abs(a.value - b.value) > JUMP_FACTOR * largest;
	// The step that matters is the one from the value before; the first value has only one after it.
	return merged.filter((point, i): point is T => fresh.has(point) && tooFar(point, i > 0 ? merged[i - 1] : merged[i + 1]));
}

/** Whether one new value is a jump in the stored series (see `jumpsAmong`). */
export function isJump(stored: readonly Point[], candidate: Point): boolean {
	return jumpsAmong(stored, [candidate]).length > 0;
}
