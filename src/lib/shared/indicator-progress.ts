import { forecast, type Forecast, type Plan, type Point, type TrackStatus } from './forecast';
import { nextDue } from './frequency';
import { targetDateOf } from './smart';
import type { IndicatorDef } from './goal-doc';

/**
 * From an indicator's measurements to its progress and forecast: which series the target refers
 * to (the ungrouped values, one group's, or the gap between two groups), its plan, and its rating.
 */

export interface SeriesValue {
	group: string;
	date: string;
	/** Null for a statistics symbol: left out, never counted as zero. */
	value: number | null;
}

export type TargetBasis = Pick<IndicatorDef, 'groups' | 'targetGroup' | 'gapGroup'>;

/** The usable points of the series the target refers to, by date. */
export function targetSeries(def: TargetBasis, values: readonly SeriesValue[]): Point[] {
	const usable = values.filter((v): v is SeriesValue & { value: number } => v.value !== null && Number.isFinite(v.value));
	if (def.gapGroup === null) {
		return usable
			.filter((v) => v.group === def.targetGroup)
			.map((v) => ({ date: v.date, value: v.value }))
			.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
	}
	// The gap exists only where both groups have a number at the same date.
	const other = new Map(usable.filter((v) => v.group === def.gapGroup).map((v) => [v.date, v.value]));
	return usable
		.filter((v) => v.group === def.targetGroup && other.has(v.date))
		.map((v) => ({ date: v.date, value: gap(v.value, other.get(v.date)!) }))
		.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

/** The gap between two groups: the distance, whichever group is ahead. */
export function gap(a: number, b: number): number {
	return Math.abs(a - b);
}

type PlanFields = Pick<IndicatorDef, 'baselineValue' | 'baselineDate' | 'targetValue' | 'targetDate'>;

/** Baseline and target as points; null while the definition lacks one of them. */
export function planOf(def: PlanFields, deadline: string | null): Plan | null {
	const targetDate = targetDateOf(def as IndicatorDef, deadline);
	if (def.baselineValue === null || def.baselineDate === null || def.targetValue === null || targetDate === null) return null;
	return { baseline: { date: def.baselineDate, value: def.baselineValue }, target: { date: targetDate, value: def.targetValue } };
}

export interface IndicatorRating {
	plan: Plan | null;
	points: Point[];
	forecast: Forecast;
	/** The latest reference date with any entry (a symbol counts: the figure was delivered). */
	latestDate: string | null;
	nextDue: string | null;
}

export type RatedIndicator = TargetBasis & PlanFields & Pick<IndicatorDef, 'frequency'>;

export function rateIndicator(def: RatedIndicator, deadline: string | null, values: readonly SeriesValue[], today: string): IndicatorRating {
	const points = targetSeries(def, values);
	const latestDate = values.reduce<string | null>((latest, v) => (latest === null || v.date > latest ? v.date : latest), null);
	const due = nextDue(def.frequency, latestDate ?? def.baselineDate);
	const plan = planOf(def, deadline);
	const result = plan
		? forecast(plan, points, today)
		: { status: 'noData' as TrackStatus, progress: null, forecastValue: null, reachDate: null, timeShare: 0, reason: 'forecast_no_plan', params: {} };
	return { plan, points, forecast: result, latestDate, nextDue: due };
}

const SEVERITY: readonly TrackStatus[] = ['offTrack', 'atRisk', 'onTrack'];

/** A goal is as far along as its weakest rated indicator; without any rated one there is no data. */
export function goalTrackStatus(statuses: readonly TrackStatus[]): TrackStatus {
	return SEVERITY.find((s) => statuses.includes(s)) ?? 'noData';
}
