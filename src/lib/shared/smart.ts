import type { GoalContent, IndicatorDef } from './goal-doc';
import type { GoalSide, GoalStatus } from './goal-status';
import type { Point } from './forecast';
import { bestObservedRate, daysBetween, farBeyondHistory, MIN_RATE_DAYS, requiredRate } from './rates';
import { observedDateRule, targetDateRule } from './plausibility';

/**
 * Rates a goal on the five SMART criteria, each with a reason and a hint as message keys (the
 * UI translates them). One pure function: the editor runs it as people type, the server runs
 * it for the projection and the lists.
 */
export const SMART_CRITERIA = ['specific', 'measurable', 'acceptable', 'realistic', 'terminated'] as const;
export type SmartCriterion = (typeof SMART_CRITERIA)[number];

export interface SmartRating {
	ok: boolean;
	/** Message key of the short reason. */
	reason: string;
	/** Message key of what to do next; null when nothing is missing. */
	hint: string | null;
}

export interface SmartResult {
	ratings: Record<SmartCriterion, SmartRating>;
	/** How many of the five criteria hold. */
	score: number;
}

export interface SmartContext {
	/** Today as `yyyy-mm-dd` (the caller's calendar; passed in so the function stays pure). */
	today: string;
	status: GoalStatus;
	/** Sides that have signed the current content. */
	signedSides: readonly GoalSide[];
	/**
	 * Per indicator id, its usable measurements of the target series (baseline not included, in
	 * any order). With it, "realistic" also compares what a target asks for with the history.
	 */
	history?: Readonly<Record<string, readonly Point[]>>;
}

/** "What changes, for whom" needs at least a short sentence to be specific. */
export const MIN_FOR_WHOM_LENGTH = 20;

const ok = (reason: string): SmartRating => ({ ok: true, reason, hint: null });
const no = (reason: string, hint: string): SmartRating => ({ ok: false, reason, hint });

function hasBaseline(i: IndicatorDef): boolean {
	return i.baselineValue !== null && i.baselineDate !== null;
}
// A target needs a value; its date defaults to the goal's deadline.
function hasTarget(i: IndicatorDef): boolean {
	return i.targetValue !== null;
}

/** Indicators with a name, a baseline and a target: the ones that make a goal measurable. */
export function completeIndicators(content: GoalContent): IndicatorDef[] {
	return content.indicators.filter((i) => i.name.trim() !== '' && hasBaseline(i) && hasTarget(i));
}

/** The date a target is due: its own date, else the goal's deadline. */
export function targetDateOf(indicator: IndicatorDef, deadline: string | null): string | null {
	return indicator.targetDate ?? deadline;
}

function specific(content: GoalContent): SmartRating {
	if (content.title.trim().length < 3) return no('smart_specific_no_title', 'smart_specific_no_title_hint');
	const forWhom = content.forWhom.trim();
	if (forWhom.length === 0) return no('smart_specific_no_for_whom', 'smart_specific_no_for_whom_hint');
	if (forWhom.length < MIN_FOR_WHOM_LENGTH) return no('smart_specific_short', 'smart_specific_short_hint');
	return ok('smart_specific_ok');
}

function measurable(content: GoalContent): SmartRating {
	if (content.indicators.length === 0) return no('smart_measurable_none', 'smart_measurable_none_hint');
	const complete = completeIndicators(content);
	if (complete.length === 0) return no('smart_measurable_incomplete', 'smart_measurable_incomplete_hint');
	if (complete.every((i) => i.targetValue === i.baselineValue)) {
		return no('smart_measurable_no_change', 'smart_measurable_no_change_hint');
	}
	const wrongWay = complete.some((i) =>
		i.direction === 'up' ? i.targetValue! < i.baselineValue! : i.targetValue! > i.baselineValue!
	);
	if (wrongWay) return no('smart_measurable_direction', 'smart_measurable_direction_hint');
	return ok('smart_measurable_ok');
}

function acceptable(context: SmartContext): SmartRating {
	if (context.status === 'agreed' || context.status === 'closed') return ok('smart_acceptable_ok');
	if (context.status === 'changed') return no('smart_acceptable_changed', 'smart_acceptable_sign_again_hint');
	const focus = context.signedSides.includes('focus');
	const department = context.signedSides.includes('department');
	if (focus) return no('smart_acceptable_missing_department', 'smart_acceptable_sign_hint');
	if (department) return no('smart_acceptable_missing_focus', 'smart_acceptable_sign_hint');
	return no('smart_acceptable_missing_both', 'smart_acceptable_sign_hint');
}

function realistic(content: GoalContent, context: SmartContext): SmartRating {
	if (content.resources.trim().length === 0) return no('smart_realistic_no_resources', 'smart_realistic_no_resources_hint');
	const complete = completeIndicators(content);
	if (complete.length === 0) return no('smart_realistic_no_target', 'smart_realistic_no_target_hint');
	const open = context.status !== 'closed';
	// A document may hold what no form would take (a crafted or old one): the same rules apply.
	if (complete.some((i) => observedDateRule(i.baselineDate!, context.today))) return no('smart_realistic_baseline_implausible', 'smart_realistic_baseline_implausible_hint');
	for (const i of complete) {
		const due = targetDateOf(i, content.deadline);
		// Without any date the deadline check (terminated) speaks; nothing to compare here.
		if (!due) continue;
		if (targetDateRule(due, i.baselineDate)) return no('smart_realistic_target_before_baseline', 'smart_realistic_target_before_baseline_hint');
		if (open && due <= context.today) return no('smart_realistic_no_time', 'smart_realistic_no_time_hint');
	}
	for (const i of complete) {
		const history = context.history?.[i.id];
		const due = targetDateOf(i, content.deadline);
		if (!history || !due) continue;
		if (beyondHistory(i, history, due)) return no('smart_realistic_beyond_history', 'smart_realistic_beyond_history_hint');
	}
	return ok('smart_realistic_ok');
}

/** Whether the rest of the way to the target needs far more per year than the indicator ever managed. */
function beyondHistory(i: IndicatorDef, history: readonly Point[], due: string): boolean {
	// `yyyy-mm-dd` sorts as text.
	const usable = history.filter((p) => Number.isFinite(p.value));
	const series = [{ date: i.baselineDate!, value: i.baselineValue! }, ...usable].sort((a, b) => a.date.localeCompare(b.date));
	const first = series[0]!;
	const latest = series.at(-1)!;
	// Too short a history says nothing about the pace the indicator can keep.
	if (series.length < 2 || daysBetween(first.date, latest.date) < MIN_RATE_DAYS) return false;
	const target = i.targetValue!;
	const met = i.direction === 'up' ? latest.value >= target : latest.value <= target;
	if (met) return false;
	const required = requiredRate(latest, { date: due, value: target });
	return required !== null && farBeyondHistory(required, bestObservedRate(series, i.direction));
}

function terminated(content: GoalContent, context: SmartContext): SmartRating {
	if (!content.deadline) return no('smart_terminated_missing', 'smart_terminated_missing_hint');
	if (context.status !== 'closed' && content.deadline < context.today) {
		return no('smart_terminated_past', 'smart_terminated_past_hint');
	}
	const late = content.indicators.some((i) => i.targetDate !== null && i.targetDate > content.deadline!);
	if (late) return no('smart_terminated_target_after_deadline', 'smart_terminated_target_after_deadline_hint');
	return ok('smart_terminated_ok');
}

export function rateGoal(content: GoalContent, context: SmartContext): SmartResult {
	const ratings: Record<SmartCriterion, SmartRating> = {
		specific: specific(content),
		measurable: measurable(content),
		acceptable: acceptable(context),
		realistic: realistic(content, context),
		terminated: terminated(content, context)
	};
	return { ratings, score: SMART_CRITERIA.filter((c) => ratings[c].ok).length };
}

// Built once: constructing an Intl formatter costs far more than formatting (the history page asks per row).
const BERLIN_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin', year: 'numeric', month: '2-digit', day: '2-digit' });

/** Today in the municipality's calendar (Europe/Berlin), as `yyyy-mm-dd`. */
export function berlinToday(now: Date = new Date()): string {
	return BERLIN_DAY.format(now);
}

/** The first moment after `date` (yyyy-mm-dd) in Berlin: a link valid "until 31.12." works all that day, a report "as of 31.12." holds all of it. */
export function endOfBerlinDay(date: string): Date {
	const [y, m, d] = date.split('-').map(Number) as [number, number, number];
	const midnightUtc = Date.UTC(y, m - 1, d + 1);
	for (const offsetHours of [1, 2]) {
		const candidate = new Date(midnightUtc - offsetHours * 3_600_000);
		if (berlinToday(new Date(candidate.getTime() - 1)) === date && berlinToday(candidate) !== date) return candidate;
	}
	return new Date(midnightUtc);
}
