import { canonicalJson } from './content-hash';
import { addMonths } from './frequency';
import { berlinToday } from './smart';

/**
 * The experiment – monitor – cooperate loop: the states of experiments and check-ins, when a
 * check-in is due, and which substantive fields an adjustment of an agreed goal touched.
 */

export const EXPERIMENT_STATUSES = ['planned', 'running', 'finished', 'stopped'] as const;
export type ExperimentStatus = (typeof EXPERIMENT_STATUSES)[number];

export const DECISIONS = ['keep', 'change', 'stop'] as const;
export type Decision = (typeof DECISIONS)[number];

/** The tandem's own view in a check-in. */
export const CHECK_IN_OVERALL = ['onTrack', 'atRisk', 'offTrack'] as const;
export type CheckInOverall = (typeof CHECK_IN_OVERALL)[number];

export const DEFAULT_CHECK_IN_MONTHS = 3;

/**
 * The date the next check-in is due: one interval after the last one, or after the goal was
 * agreed (or created) when there was none yet.
 */
export function checkInDue(last: string | null, since: string, months: number): string {
	return addMonths(last ?? since, months);
}

/** The day check-ins are due from: the first sign-off's (Berlin) day, or the goal's creation while a draft. */
export function checkInsSince(signoffs: readonly { signedAt: Date | string }[], createdAt: Date | string): string {
	return signoffs.map((s) => berlinToday(new Date(s.signedAt))).sort()[0] ?? berlinToday(new Date(createdAt));
}

export interface SubstantiveIndicator {
	id: string;
	name: string;
	[key: string]: unknown;
}

/** The canonical substantive fields (see content-hash `substantiveContent`). */
export interface Substantive {
	deadline: string | null;
	forWhom: string;
	indicators: SubstantiveIndicator[];
}

export interface FieldChange {
	/** `forWhom`, `deadline` or `indicator:<id>`. */
	field: string;
	/** The indicator's name, for people. */
	label: string;
	before: unknown;
	after: unknown;
}

/** Which substantive fields differ between two versions, field by field (an indicator as a whole). */
export function substantiveChanges(before: Substantive, after: Substantive): FieldChange[] {
	const changes: FieldChange[] = [];
	if (before.forWhom !== after.forWhom) changes.push({ field: 'forWhom', label: '', before: before.forWhom, after: after.forWhom });
	if (before.deadline !== after.deadline) changes.push({ field: 'deadline', label: '', before: before.deadline, after: after.deadline });
	const old = new Map(before.indicators.map((i) => [i.id, i]));
	const now = new Map(after.indicators.map((i) => [i.id, i]));
	for (const id of new Set([...old.keys(), ...now.keys()])) {
		const a = old.get(id) ?? null;
		const b = now.get(id) ?? null;
		if (canonicalJson(a) !== canonicalJson(b)) changes.push({ field: `indicator:${id}`, label: (b ?? a)!.name, before: a, after: b });
	}
	return changes;
}
