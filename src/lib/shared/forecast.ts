/**
 * Progress and forecast of an indicator: how far it has come from baseline to target, where
 * its trend leads by the target date, and what that means (on track, at risk, off track, not
 * enough data), with the reason as a message key and its numbers. Pure; dates are `yyyy-mm-dd`.
 */

/** The forecast must cover at least this share of the way by the target date to be "at risk" rather than "off track". */
export const AT_RISK_SHARE = 0.75;
/** The trend is fitted through the baseline and at most this many of the latest usable values. */
export const TREND_POINTS = 5;

export type TrackStatus = 'onTrack' | 'atRisk' | 'offTrack' | 'noData';

export interface Point {
	date: string;
	value: number;
}

export interface Plan {
	baseline: Point;
	target: Point;
}

export interface Forecast {
	status: TrackStatus;
	/** Share of the way from baseline to target of the latest value (may be < 0 or > 1). */
	progress: number | null;
	/** The trend's value at the target date. */
	forecastValue: number | null;
	/** The date the trend reaches the target, if it ever does. */
	reachDate: string | null;
	/** Share of the time from baseline to target date that has passed (0…1, more after it). */
	timeShare: number;
	/** Message key of one sentence saying why, and the numbers it needs. */
	reason: string;
	params: Record<string, string | number>;
}

const DAY = 86_400_000;
// Days since 1970 of a yyyy-mm-dd date. Remembered: views rating thousands of indicators parse the
// same few hundred dates again and again.
const days = new Map<string, number>();
function toDay(date: string): number {
	let day = days.get(date);
	if (day === undefined) {
		if (days.size > 50_000) days.clear();
		days.set(date, (day = Date.parse(`${date}T00:00:00Z`) / DAY));
	}
	return day;
}
const fromDay = (day: number) => new Date(Math.round(day) * DAY).toISOString().slice(0, 10);

/** Share of the way from baseline to target; null when baseline and target are equal. */
export function progressOf(plan: Plan, value: number): number | null {
	const way = plan.target.value - plan.baseline.value;
	return way === 0 ? null : (value - plan.baseline.value) / way;
}

/** Progress as shown: clamped to 0–100 %, while the exact value is stated next to it. */
export function clampedPercent(progress: number): number {
	return Math.min(100, Math.max(0, Math.round(progress * 100)));
}

/** The planned path: the straight line from baseline to target, at a date. */
export function plannedValue(plan: Plan, date: string): number {
	const span = toDay(plan.target.date) - toDay(plan.baseline.date);
	if (span <= 0) return plan.target.value;
	const share = (toDay(date) - toDay(plan.baseline.date)) / span;
	return plan.baseline.value + share * (plan.target.value - plan.baseline.value);
}

/** Least-squares line through points (x in days); null with fewer than two distinct dates. */
export function trendLine(points: readonly Point[]): { slope: number; intercept: number } | null {
	if (points.length < 2) return null;
	const xs = points.map((p) => toDay(p.date));
	const meanX = xs.reduce((s, x) => s + x, 0) / xs.length;
	const meanY = points.reduce((s, p) => s + p.value, 0) / points.length;
	let sxx = 0;
	let sxy = 0;
	points.forEach((p, i) => {
		sxx += (xs[i]! - meanX) ** 2;
		sxy += (xs[i]! - meanX) * (p.value - meanY);
	});
	if (sxx === 0) return null;
	const slope = sxy / sxx;
	return { slope, intercept: meanY - slope * meanX };
}

/**
 * Rates an indicator against its plan. `values` are the usable measurements (flagged symbols
 * without a number are left out by the caller, never counted as zero), in any order.
 */
export function forecast(plan: Plan, values: readonly Point[], today: string): Forecast {
	const start = toDay(plan.baseline.date);
	const end = toDay(plan.target.date);
	const timeShare = end > start ? (toDay(today) - start) / (end - start) : 1;
	const usable = [...values].filter((p) => toDay(p.date) > start).sort((a, b) => toDay(a.date) - toDay(b.date));
	const latest = usable.at(-1);
	const progress = latest ? progressOf(plan, latest.value) : progressOf(plan, plan.baseline.value);
	const base = { progress, timeShare, forecastValue: null, reachDate: null };
	const percent = (share: number | null) => Math.round((share ?? 0) * 100);
	if (progressOf(plan, plan.target.value) === null) {
		return { ...base, status: 'noData', reason: 'forecast_no_change_planned', params: {} };
	}
	if (!latest) return { ...base, status: 'noData', reason: 'forecast_not_enough_data', params: {} };

	// Already there: whatever the trend, the target is met.
	if ((progress ?? 0) >= 1) {
		return { ...base, status: 'onTrack', reason: 'forecast_target_met', params: { progress: percent(progress) } };
	}
	// After the target date the latest value speaks, not the trend.
	if (toDay(today) > end) {
		const status: TrackStatus = (progress ?? 0) >= AT_RISK_SHARE ? 'atRisk' : 'offTrack';
		return { ...base, status, reason: 'forecast_deadline_passed', params: { progress: percent(progress) } };
	}
	const line = trendLine([plan.baseline, ...usable.slice(-TREND_POINTS)]);
	if (!line) return { ...base, status: 'noData', reason: 'forecast_not_enough_data', params: {} };
	const forecastValue = line.intercept + line.slope * end;
	const forecastShare = progressOf(plan, forecastValue) ?? 0;
	const towards = (plan.target.value - plan.baseline.value) * line.slope > 0;
	const reachDay = towards ? (plan.target.value - line.intercept) / line.slope : null;
	const reachDate = reachDay !== null ? fromDay(reachDay) : null;
	const params = {
		progress: percent(progress),
		time: percent(Math.min(1, Math.max(0, timeShare))),
		forecast: percent(forecastShare),
		reachYear: reachDate ? Number(reachDate.slice(0, 4)) : 0
	};
	const result = { ...base, forecastValue, reachDate };
	if (forecastShare >= 1) return { ...result, status: 'onTrack', reason: 'forecast_on_track', params };
	if (Math.abs(line.slope) < 1e-12) return { ...result, status: 'offTrack', reason: 'forecast_flat', params };
	if (!towards) return { ...result, status: 'offTrack', reason: 'forecast_wrong_way', params };
	if (forecastShare >= AT_RISK_SHARE) return { ...result, status: 'atRisk', reason: 'forecast_at_risk', params };
	return { ...result, status: 'offTrack', reason: 'forecast_off_track', params };
}

/** A goal's progress: the weighted mean of its indicators' progress (equal weights unless set). */
export function goalProgress(indicators: readonly { progress: number | null; weight?: number }[]): number | null {
	const rated = indicators.filter((i) => i.progress !== null && (i.weight ?? 1) > 0);
	const total = rated.reduce((s, i) => s + (i.weight ?? 1), 0);
	if (total === 0) return null;
	return rated.reduce((s, i) => s + i.progress! * (i.weight ?? 1), 0) / total;
}
