import { and, asc, between, count, eq, gte, inArray, isNull, lt, lte, or, sql } from 'drizzle-orm';
import type { Db } from '../db';
import { adjustment, checkIn, department, experiment, goal, indicator, measurement, user } from '../db/schema';
import { home, requireCan } from '../access/rules';
import type { Actor } from '../auth/session';
import { goalRatingAsOf, goalsAsOf, type GoalAsOf } from '../goals/as-of';
import type { UnexplainedAdjustment } from '../goals/adjustments';
import { Check } from '../validation';
import type { TrackStatus } from '../../shared/forecast';
import type { GoalContent, IndicatorDef } from '../../shared/goal-doc';
import type { GoalStatus } from '../../shared/goal-status';
import { rateIndicator } from '../../shared/indicator-progress';
import type { CheckInOverall, ExperimentStatus } from '../../shared/loop';
import type { Flag, StatSymbol } from '../../shared/measurement-value';
import type { MessageKey } from '../../shared/messages';
import { dayBefore, lastEndedQuarter, periodOf, QUARTERS, type Period, type Quarter } from '../../shared/period';
import { berlinToday, endOfBerlinDay } from '../../shared/smart';

/**
 * The period evaluation (Quartals-/Jahresauswertung): for a quarter or a year and one department
 * or all, how far each goal and indicator moved between the period's start and its end, and what
 * happened in it: measurements dated in it, reviews held, adjustments with their reasons, changes
 * of status, approaches started or ended. Start and end are the goals as they stood at the end of
 * the day before the period and of its last day (decision 0019; a period still running ends
 * today), with the values dated up to then as recorded now.
 */

/** What the form sends, as strings from the URL; absent means the default. */
export interface EvaluationInput {
	year?: string | null;
	quarter?: string | null;
	department?: string | null;
	/** A goal whose measurements of the period to list. */
	goal?: string | null;
}

export const ALL_DEPARTMENTS = 'all';
const WHOLE_YEAR = 'year';
const FIRST_YEAR = 2000;

/** The state of a goal or an indicator at one end of the period. */
export interface Standing {
	trackStatus: TrackStatus;
	progress: number | null;
}

export interface EvaluatedIndicator {
	id: string;
	name: string;
	unit: string;
	/** Null when the goal did not have it then. */
	start: (Standing & { value: number | null; date: string | null }) | null;
	end: (Standing & { value: number | null; date: string | null }) | null;
	/** Entries (every group) dated in the period. */
	newValues: number;
}

export interface EvaluatedGoal {
	id: string;
	title: string;
	departmentName: string;
	/** Null when the goal was created during the period. */
	start: (Standing & { status: GoalStatus }) | null;
	end: Standing & { status: GoalStatus };
	indicators: EvaluatedIndicator[];
	newValues: number;
}

export interface EvaluatedCheckIn {
	id: string;
	goalId: string;
	goalTitle: string;
	date: string;
	overall: CheckInOverall;
	confidence: number;
	happened: string;
	decided: string;
}

export interface EvaluatedAdjustment extends UnexplainedAdjustment {
	reason: string | null;
}

export interface EvaluatedExperiment {
	id: string;
	goalId: string;
	goalTitle: string;
	title: string;
	startDate: string | null;
	endDate: string | null;
	status: ExperimentStatus;
	startedInPeriod: boolean;
	endedInPeriod: boolean;
}

export interface EvaluatedValue {
	indicatorName: string;
	unit: string;
	group: string;
	date: string;
	value: number | null;
	symbol: StatSymbol | null;
	flags: Flag[];
	enteredBy: string | null;
}

/** One department in the evaluation of all: its goals' standing at both ends and what happened in it. */
export interface DepartmentEvaluation {
	id: string;
	name: string;
	goals: number;
	/** Goals on track at the start (of those that existed then) and at the end. */
	onTrackStart: number;
	onTrackEnd: number;
	/** The mean change of progress, in points, of the goals with progress at both ends; null without any. */
	meanChange: number | null;
	newValues: number;
	checkIns: number;
	adjustments: number;
	unexplained: number;
	statusChanges: number;
}

export interface Evaluation {
	period: Period;
	/** The days whose ends the comparison stands on: the day before the period, its last day (or today). */
	from: string;
	to: string;
	departmentName: string | null;
	goals: EvaluatedGoal[];
	/** How many goals, and their new values (the page of all departments lists no goals). */
	totals: { goals: number; newValues: number };
	/** With every department: one row each, to compare them; null for one department. */
	departments: DepartmentEvaluation[] | null;
	/** Goals whose status of agreement or forecast differ between start and end. */
	statusChanges: EvaluatedGoal[];
	checkIns: EvaluatedCheckIn[];
	adjustments: EvaluatedAdjustment[];
	experiments: EvaluatedExperiment[];
	/** The measurements of the period of the goal asked for, if any. */
	values: { goalId: string; goalTitle: string; list: EvaluatedValue[] } | null;
}

export interface EvaluationView {
	/** The form's values as asked (or the defaults), to show again. */
	form: { year: string; quarter: string; department: string };
	errors: Partial<Record<'year' | 'quarter' | 'department', MessageKey>>;
	departments: { id: string; name: string }[];
	evaluation: Evaluation | null;
}

/** The evaluation page: the form's values, their errors, or the evaluation. */
export async function periodEvaluation(db: Db, actor: Actor, input: EvaluationInput, today = berlinToday()): Promise<EvaluationView> {
	requireCan(actor, 'read', home(actor));
	const departments = await db
		.select({ id: department.id, name: department.name })
		.from(department)
		.where(eq(department.municipalityId, actor.municipalityId))
		.orderBy(asc(department.name));
	const fallback = lastEndedQuarter(today);
	// A head or member starts with their own department, the integration office with all.
	const ownDepartment = actor.departmentId && departments.some((d) => d.id === actor.departmentId) ? actor.departmentId : ALL_DEPARTMENTS;
	const form = {
		year: input.year?.trim() || String(fallback.year),
		quarter: input.quarter?.trim() || (input.year?.trim() ? WHOLE_YEAR : String(fallback.quarter)),
		department: input.department?.trim() || ownDepartment
	};
	const check = new Check();
	const year = /^\d{4}$/.test(form.year) ? Number(form.year) : null;
	const lastYear = Number(today.slice(0, 4));
	check.when(year === null || year < FIRST_YEAR || year > lastYear, 'year', year !== null && year > lastYear ? 'evaluation_error_future' : 'evaluation_error_year');
	const quarter = form.quarter === WHOLE_YEAR ? null : (QUARTERS as readonly number[]).includes(Number(form.quarter)) && /^\d$/.test(form.quarter) ? (Number(form.quarter) as Quarter) : undefined;
	check.when(quarter === undefined, 'quarter', 'evaluation_error_quarter');
	const chosen = form.department === ALL_DEPARTMENTS ? null : departments.find((d) => d.id === form.department);
	check.when(chosen === undefined, 'department', 'evaluation_error_department');
	const period = year !== null && quarter !== undefined ? periodOf(year, quarter) : null;
	check.when(period !== null && period.start > today && !check.errors.year, 'quarter', 'evaluation_error_future');
	if (!check.ok || !period || chosen === undefined) return { form, errors: check.errors, departments, evaluation: null };
	const evaluation = await evaluate(db, actor, period, chosen, departments, input.goal ?? null, today);
	return { form, errors: {}, departments, evaluation };
}

/** The evaluation itself, for a valid period; `chosen` null means every department. */
async function evaluate(
	db: Db,
	actor: Actor,
	period: Period,
	chosen: { id: string; name: string } | null,
	departments: readonly { id: string; name: string }[],
	listGoal: string | null,
	today: string
): Promise<Evaluation> {
	const from = dayBefore(period.start);
	const to = period.end < today ? period.end : today;
	const startInstant = endOfBerlinDay(from);
	const endInstant = endOfBerlinDay(to);
	// The goals that existed by the end and were not closed before the start.
	const rows = await db
		.select({ id: goal.id, departmentId: department.id, departmentName: department.name })
		.from(goal)
		.innerJoin(department, eq(department.id, goal.departmentId))
		.where(
			and(
				eq(goal.municipalityId, actor.municipalityId),
				chosen ? eq(goal.departmentId, chosen.id) : undefined,
				lt(goal.createdAt, endInstant),
				or(isNull(goal.closedAt), gte(goal.closedAt, startInstant))
			)
		);
	const ids = rows.map((r) => r.id);
	const [states, valuesSeen, reviews, adjustments, experiments] = ids.length
		? await Promise.all([
				goalsAsOf(db, ids, [from, to]),
				valueFingerprints(db, ids, to),
				db
					.select()
					.from(checkIn)
					.where(and(inArray(checkIn.goalId, ids), between(checkIn.date, period.start, to)))
					.orderBy(asc(checkIn.date), asc(checkIn.createdAt)),
				db
					.select()
					.from(adjustment)
					.where(and(inArray(adjustment.goalId, ids), gte(adjustment.detectedAt, startInstant), lt(adjustment.detectedAt, endInstant)))
					.orderBy(asc(adjustment.detectedAt), asc(adjustment.field)),
				db
					.select()
					.from(experiment)
					.where(
						and(
							inArray(experiment.goalId, ids),
							or(between(experiment.startDate, period.start, to), between(experiment.endDate, period.start, to))
						)
					)
					.orderBy(asc(experiment.startDate), asc(experiment.title))
			])
		: [new Map<string, (GoalAsOf | null)[]>(), new Map<string, string>(), [], [], []];

	// Each goal's indicators at both ends, computed only where nothing is kept for these states and values.
	const standingKey = (goalId: string) => `${period.start}|${from}|${to}|${valuesSeen.get(goalId) ?? '0'}`;
	const known = new Map<string, IndicatorStandings>();
	for (const row of rows) {
		const [then, now] = states.get(row.id) ?? [];
		const kept = now && keptStandings.get(now.content)?.get(standingKey(row.id));
		if (kept && kept.start === (then?.content ?? null)) known.set(row.id, kept.indicators);
	}
	const missing = rows.filter((row) => states.get(row.id)?.[1] && !known.has(row.id)).map((row) => row.id);
	const values = missing.length
		? await db
				.select({ indicatorId: measurement.indicatorId, groupName: measurement.groupName, refDate: measurement.refDate, value: measurement.value })
				.from(measurement)
				.where(and(inArray(measurement.goalId, missing), lte(measurement.refDate, to)))
		: [];
	const byIndicator = new Map<string, typeof values>();
	for (const v of values) {
		const list = byIndicator.get(v.indicatorId);
		if (list) list.push(v);
		else byIndicator.set(v.indicatorId, [v]);
	}
	const goals: EvaluatedGoal[] = [];
	for (const row of rows) {
		const [then, now] = states.get(row.id) ?? [];
		if (!now) continue;
		let indicators = known.get(row.id);
		if (!indicators) {
			indicators = evaluateIndicators(then ?? null, now, byIndicator, period.start, from, to);
			const byPeriod = keptStandings.get(now.content) ?? new Map<string, { start: GoalContent | null; indicators: IndicatorStandings }>();
			byPeriod.set(standingKey(row.id), { start: then?.content ?? null, indicators });
			keptStandings.set(now.content, byPeriod);
		}
		const rate = (side: 'start' | 'end') => goalRatingAsOf(indicators.flatMap((i) => (i[side] ? [{ forecast: { progress: i[side].progress, status: i[side].trackStatus }, weight: i.weight }] : [])));
		goals.push({
			id: row.id,
			title: now.content.title,
			departmentName: row.departmentName,
			start: then ? { status: then.status, ...rate('start') } : null,
			end: { status: now.status, ...rate('end') },
			indicators: indicators.map(({ weight: _weight, ...i }) => i),
			newValues: indicators.reduce((sum, i) => sum + i.newValues, 0)
		});
	}
	goals.sort((a, b) => a.departmentName.localeCompare(b.departmentName, 'de') || a.title.localeCompare(b.title, 'de') || (a.id < b.id ? -1 : 1));
	const titles = new Map(goals.map((g) => [g.id, g.title]));
	const titleOf = (id: string) => titles.get(id) ?? '';
	const inView = (r: { goalId: string }) => titles.has(r.goalId);

	const statusChanges = goals.filter((g) => g.start === null || g.start.status !== g.end.status || g.start.trackStatus !== g.end.trackStatus);
	const checkIns = reviews.filter(inView);
	const changes = adjustments.filter(inView);
	const departmentOf = new Map(rows.map((r) => [r.id, r.departmentId]));
	return {
		period,
		from,
		to,
		departmentName: chosen?.name ?? null,
		goals,
		totals: { goals: goals.length, newValues: goals.reduce((sum, g) => sum + g.newValues, 0) },
		departments: chosen
			? null
			: departments.flatMap((d) => {
					const own = goals.filter((g) => departmentOf.get(g.id) === d.id);
					if (own.length === 0) return [];
					const moved = own.flatMap((g) => (g.start && g.start.progress !== null && g.end.progress !== null ? [(g.end.progress - g.start.progress) * 100] : []));
					const inDepartment = (r: { goalId: string }) => departmentOf.get(r.goalId) === d.id;
					const adjusted = changes.filter(inDepartment);
					return [
						{
							id: d.id,
							name: d.name,
							goals: own.length,
							onTrackStart: own.filter((g) => g.start?.trackStatus === 'onTrack').length,
							onTrackEnd: own.filter((g) => g.end.trackStatus === 'onTrack').length,
							meanChange: moved.length ? moved.reduce((sum, v) => sum + v, 0) / moved.length : null,
							newValues: own.reduce((sum, g) => sum + g.newValues, 0),
							checkIns: checkIns.filter(inDepartment).length,
							adjustments: adjusted.length,
							unexplained: adjusted.filter((a) => !a.reason?.trim()).length,
							statusChanges: statusChanges.filter((g) => departmentOf.get(g.id) === d.id).length
						}
					];
				}),
		statusChanges,
		checkIns: checkIns.map((c) => ({
			id: c.id,
			goalId: c.goalId,
			goalTitle: titleOf(c.goalId),
			date: c.date,
			overall: c.overall as CheckInOverall,
			confidence: c.confidence,
			happened: c.happened,
			decided: c.decided
		})),
		adjustments: changes.map((a) => ({
			id: a.id,
			goalId: a.goalId,
			goalTitle: titleOf(a.goalId),
			field: a.field,
			label: a.label,
			before: a.before,
			after: a.after,
			detectedAt: a.detectedAt,
			reason: a.reason
		})),
		experiments: experiments.filter(inView).map((e) => ({
			id: e.id,
			goalId: e.goalId,
			goalTitle: titleOf(e.goalId),
			title: e.title,
			startDate: e.startDate,
			endDate: e.endDate,
			status: e.status as ExperimentStatus,
			startedInPeriod: e.startDate !== null && e.startDate >= period.start && e.startDate <= to,
			endedInPeriod: e.endDate !== null && e.endDate >= period.start && e.endDate <= to
		})),
		values: listGoal && titles.has(listGoal) ? { goalId: listGoal, goalTitle: titleOf(listGoal), list: await valuesOfPeriod(db, listGoal, period.start, to) } : null
	};
}

/**
 * What the page shows of an evaluation: with every department, the departments compared instead
 * of every goal and indicator (hundreds of tables nobody reads on one screen; the CSV has them),
 * and the status changes without their indicators.
 */
export function evaluationPage(e: Evaluation): Evaluation {
	if (!e.departments) return e;
	return { ...e, goals: [], statusChanges: e.statusChanges.map((g) => ({ ...g, indicators: [] })) };
}

type ValueRow = { indicatorId: string; groupName: string; refDate: string; value: number | null };
type IndicatorStandings = ReturnType<typeof evaluateIndicators>;

/**
 * Indicator standings already computed, by the goal's content at the period's end (and at its
 * start) as `goalsAsOf` keeps them for past dates, then by period and the goal's values. A
 * re-read state is a new object, so an entry goes with the state it was computed from; changed
 * values change the fingerprint. Rating thousands of indicators took most of an evaluation.
 */
const keptStandings = new WeakMap<GoalContent, Map<string, { start: GoalContent | null; indicators: IndicatorStandings }>>();

/**
 * Per goal, what its values dated up to `date` are, in a few characters: how many, and when the
 * latest was entered or corrected. Equal fingerprints, equal values for the evaluation.
 */
async function valueFingerprints(db: Db, goalIds: readonly string[], date: string): Promise<Map<string, string>> {
	const rows = await db
		.select({
			goalId: measurement.goalId,
			n: count(),
			changed: sql<string>`max(greatest(${measurement.enteredAt}, coalesce(${measurement.updatedAt}, ${measurement.enteredAt})))::text`
		})
		.from(measurement)
		.where(and(inArray(measurement.goalId, [...goalIds]), lte(measurement.refDate, date)))
		.groupBy(measurement.goalId);
	return new Map(rows.map((r) => [r.goalId, `${r.n}:${r.changed}`]));
}

/**
 * The indicators of the goal at either end (one removed in the period has no end, one added no
 * start), each rated at that end with its values dated up to then, as the goal defined it then.
 */
function evaluateIndicators(then: GoalAsOf | null, now: GoalAsOf, values: Map<string, ValueRow[]>, start: string, from: string, to: string) {
	const standing = (def: IndicatorDef, deadline: string | null, date: string) => {
		const series = (values.get(def.id) ?? []).filter((v) => v.refDate <= date).map((v) => ({ group: v.groupName, date: v.refDate, value: v.value }));
		const rating = rateIndicator(def, deadline, series, date);
		const latest = rating.points.at(-1);
		return { trackStatus: rating.forecast.status, progress: rating.forecast.progress, value: latest?.value ?? null, date: latest?.date ?? null };
	};
	const defs = new Map<string, IndicatorDef>();
	for (const def of [...now.content.indicators, ...(then?.content.indicators ?? [])]) if (!defs.has(def.id)) defs.set(def.id, def);
	return [...defs.values()].map((def) => {
		const before = then?.content.indicators.find((i) => i.id === def.id);
		const after = now.content.indicators.find((i) => i.id === def.id);
		return {
			id: def.id,
			name: def.name,
			unit: def.unit,
			weight: (after ?? def).weight,
			start: before ? standing(before, then!.content.deadline, from) : null,
			end: after ? standing(after, now.content.deadline, to) : null,
			newValues: (values.get(def.id) ?? []).filter((v) => v.refDate >= start && v.refDate <= to).length
		};
	});
}

async function valuesOfPeriod(db: Db, goalId: string, start: string, end: string): Promise<EvaluatedValue[]> {
	const rows = await db
		.select({ m: measurement, indicatorName: indicator.name, unit: indicator.unit, enteredBy: user.name })
		.from(measurement)
		.innerJoin(indicator, eq(indicator.id, measurement.indicatorId))
		.leftJoin(user, eq(user.id, measurement.enteredBy))
		.where(and(eq(measurement.goalId, goalId), gte(measurement.refDate, start), lte(measurement.refDate, end)))
		.orderBy(asc(measurement.refDate), asc(indicator.position), asc(measurement.groupName));
	return rows.map(({ m, indicatorName, unit, enteredBy }) => ({
		indicatorName,
		unit,
		group: m.groupName,
		date: m.refDate,
		value: m.value,
		symbol: (m.symbol as StatSymbol | null) ?? null,
		flags: m.flags as Flag[],
		enteredBy
	}));
}
