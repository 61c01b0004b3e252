import { trendLine, TREND_POINTS, type Point } from './forecast';
import type { IndicatorRating, SeriesValue } from './indicator-progress';
import type { Flag, StatSymbol } from './measurement-value';

/**
 * What an indicator chart and its data table show, as plain data: the measured series (one per
 * group), the gap when the target is on it, baseline and target, the planned path and the
 * forecast. Labels are left to the page (they are translated there).
 */

export interface ChartValue extends SeriesValue {
	symbol: StatSymbol | null;
	flags: readonly Flag[];
}

export interface ChartPoint {
	date: string;
	value: number;
	/** Flagged (provisional, revised, estimated, uncertain): drawn differently and named in the table. */
	flagged: boolean;
}

export type SeriesKind = 'measured' | 'gap' | 'planned' | 'forecast';

export interface ChartSeries {
	kind: SeriesKind;
	/** The group for measured series ('' without breakdown). */
	group: string;
	points: ChartPoint[];
}

export interface ChartModel {
	series: ChartSeries[];
	baseline: Point | null;
	target: Point | null;
}

const byDate = (a: { date: string }, b: { date: string }) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0);
const DAY = 86_400_000;
const toDay = (date: string) => Date.parse(`${date}T00:00:00Z`) / DAY;

export function chartModel(groups: readonly string[], gapOn: boolean, values: readonly ChartValue[], rating: IndicatorRating): ChartModel {
	const names = groups.length > 0 ? groups : [''];
	const series: ChartSeries[] = names.map((group) => ({
		kind: 'measured',
		group,
		points: values
			.filter((v): v is ChartValue & { value: number } => v.group === group && v.value !== null)
			.map((v) => ({ date: v.date, value: v.value, flagged: v.flags.length > 0 }))
			.sort(byDate)
	}));
	if (gapOn) series.push({ kind: 'gap', group: '', points: rating.points.map((p) => ({ ...p, flagged: false })) });
	const plan = rating.plan;
	if (plan) {
		series.push({ kind: 'planned', group: '', points: [plan.baseline, plan.target].map((p) => ({ ...p, flagged: false })) });
		// The same line the forecast was computed from, drawn from the latest value to the target date.
		const fitted = rating.points.filter((p) => toDay(p.date) > toDay(plan.baseline.date));
		const line = trendLine([plan.baseline, ...fitted.slice(-TREND_POINTS)]);
		const latest = fitted.at(-1);
		if (line && latest && latest.date < plan.target.date) {
			const at = (date: string) => line.intercept + line.slope * toDay(date);
			series.push({
				kind: 'forecast',
				group: '',
				points: [latest.date, plan.target.date].map((date) => ({ date, value: at(date), flagged: false }))
			});
		}
	}
	return { series, baseline: plan?.baseline ?? null, target: plan?.target ?? null };
}
