import { CRITERIA, type Criterion } from './criteria';
import { formatNumber } from './format';

/**
 * Comparing baseline assessments over time: per criterion the latest average minus the
 * previous one, and whether that is better, the same or worse. Averages are 0–3 per
 * criterion (see `criterionAverages`). Pure.
 */

export const CHANGE_KINDS = ['improved', 'unchanged', 'worse'] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

export interface CriterionChange {
	criterion: Criterion;
	previous: number;
	latest: number;
	/** Latest minus previous, to two decimals. */
	delta: number;
	kind: ChangeKind;
}

export interface AssessmentComparison {
	/** One per criterion, in Table 1 order. */
	changes: CriterionChange[];
	improved: Criterion[];
	/** Unchanged and worse together, in Table 1 order. */
	notImproved: Criterion[];
	unchanged: Criterion[];
	worse: Criterion[];
}

/**
 * Changes shown with one decimal: what would show as 0.0 counts as none. Real changes are far
 * bigger (criterion 3 moves in thirds, the others in whole steps).
 */
export const CHANGE_TOLERANCE = 0.05;

const round = (n: number) => Math.round(n * 100) / 100 || 0;

export function changeKind(delta: number): ChangeKind {
	if (Math.abs(delta) < CHANGE_TOLERANCE) return 'unchanged';
	return delta > 0 ? 'improved' : 'worse';
}

export function compareAverages(previous: Readonly<Record<Criterion, number>>, latest: Readonly<Record<Criterion, number>>): AssessmentComparison {
	const changes = CRITERIA.map((criterion): CriterionChange => {
		const delta = round(latest[criterion] - previous[criterion]);
		return { criterion, previous: previous[criterion], latest: latest[criterion], delta, kind: changeKind(delta) };
	});
	const having = (kind: ChangeKind) => changes.filter((c) => c.kind === kind).map((c) => c.criterion);
	return {
		changes,
		improved: having('improved'),
		notImproved: changes.filter((c) => c.kind !== 'improved').map((c) => c.criterion),
		unchanged: having('unchanged'),
		worse: having('worse')
	};
}

/** The latest assessment against the one before it (series oldest first); null with fewer than two. */
export function compareLatest(series: readonly { averages: Readonly<Record<Criterion, number>> }[]): AssessmentComparison | null {
	if (series.length < 2) return null;
	return compareAverages(series.at(-2)!.averages, series.at(-1)!.averages);
}

/** A change with its sign and one decimal: "+1,0", "−0,5" (a real minus sign), "±0". */
export function formatChange(delta: number, locale: string): string {
	if (changeKind(delta) === 'unchanged') return '±0';
	const size = formatNumber(Math.abs(delta), locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
	return `${delta > 0 ? '+' : '\u2212'}${size}`;
}
