import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from '../db';
import { goal, indicator, measurement } from '../db/schema';
import { goalTrackStatus, rateIndicator, targetSeries, type SeriesValue, type TargetBasis } from '../../shared/indicator-progress';
import { goalProgress, type Point, type TrackStatus } from '../../shared/forecast';
import type { Frequency } from '../../shared/indicator-templates';
import { berlinToday } from '../../shared/smart';

/**
 * Stored progress and forecast of indicators and goals, so lists and dashboards read columns
 * instead of computing. Refreshed when measurements or a goal's definition change, and daily
 * (time passing moves a forecast, too). One read of the definitions, one of the values, one
 * write for each table, however many goals; a goal whose status changed gets a row in
 * `goal_status_change` (decision 0022).
 */

export type Scope = { goalIds: readonly string[] } | { all: true };

export interface RefreshResult {
	/** Goals whose stored progress or status changed. */
	changedGoalIds: string[];
	indicators: number;
	goals: number;
}

export async function refreshProgress(db: Db, scope: Scope, today: string = berlinToday()): Promise<RefreshResult> {
	const goalIds = 'goalIds' in scope ? [...new Set(scope.goalIds)] : null;
	if (goalIds && goalIds.length === 0) return { changedGoalIds: [], indicators: 0, goals: 0 };
	const inScope = goalIds ? inArray(goal.id, goalIds) : undefined;
	const goals = await db
		.select({ id: goal.id, municipalityId: goal.municipalityId, deadline: goal.deadline, progress: goal.progress, trackStatus: goal.trackStatus })
		.from(goal)
		.where(inScope);
	const definitions = await db
		.select({
			id: indicator.id,
			goalId: indicator.goalId,
			baselineValue: indicator.baselineValue,
			baselineDate: indicator.baselineDate,
			targetValue: indicator.targetValue,
			targetDate: indicator.targetDate,
			frequency: indicator.frequency,
			groups: indicator.groups,
			targetGroup: indicator.targetGroup,
			gapGroup: indicator.gapGroup,
			weight: indicator.weight
		})
		.from(indicator)
		.innerJoin(goal, eq(goal.id, indicator.goalId))
		.where(and(isNull(indicator.archivedAt), inScope));
	const values = await db
		.select({ indicatorId: measurement.indicatorId, group: measurement.groupName, date: measurement.refDate, value: measurement.value })
		.from(measurement)
		.where(goalIds ? inArray(measurement.goalId, goalIds) : undefined);

	const byIndicator = new Map<string, SeriesValue[]>();
	for (const v of values) {
		const list = byIndicator.get(v.indicatorId);
		if (list) list.push(v);
		else byIndicator.set(v.indicatorId, [v]);
	}
	const deadlines = new Map(goals.map((g) => [g.id, g.deadline]));
	const perGoal = new Map<string, { progress: number | null; weight: number; status: TrackStatus }[]>();
	const indicatorRows = definitions.map((d) => {
		const rating = rateIndicator({ ...d, frequency: d.frequency as Frequency }, deadlines.get(d.goalId) ?? null, byIndicator.get(d.id) ?? [], today);
		const f = rating.forecast;
		const list = perGoal.get(d.goalId) ?? [];
		list.push({ progress: f.progress, weight: d.weight, status: f.status });
		perGoal.set(d.goalId, list);
		return { id: d.id, progress: finite(f.progress), status: f.status, reason: f.reason, params: f.params, latest_date: rating.latestDate, next_due: rating.nextDue };
	});
	const goalRows = goals.map((g) => {
		const rated = perGoal.get(g.id) ?? [];
		return { id: g.id, progress: finite(goalProgress(rated)), status: goalTrackStatus(rated.map((r) => r.status)) };
	});
	const before = new Map(goals.map((g) => [g.id, g]));
	const changedGoalIds = goalRows
		.filter((row) => before.get(row.id)?.progress !== row.progress || before.get(row.id)?.trackStatus !== row.status)
		.map((row) => row.id);

	// One statement per table whatever the count: the rows travel as one JSON parameter.
	if (indicatorRows.length > 0) {
		await db.execute(sql`
			update indicator i set progress = v.progress, track_status = v.status, track_reason = v.reason,
				track_params = v.params, latest_date = v.latest_date, next_due = v.next_due
			from jsonb_to_recordset(${JSON.stringify(indicatorRows)}::jsonb)
				as v(id uuid, progress double precision, status text, reason text, params jsonb, latest_date date, next_due date)
			where i.id = v.id`);
	}
	if (goalRows.length > 0) {
		await db.execute(sql`
			update goal g set progress = v.progress, track_status = v.status
			from jsonb_to_recordset(${JSON.stringify(goalRows)}::jsonb) as v(id uuid, progress double precision, status text)
			where g.id = v.id`);
	}
	// Every change of a status is recorded, so monitoring reads past quarters instead of recomputing them.
	const statusChanges = goalRows
		.filter((row) => before.get(row.id)?.trackStatus !== row.status)
		.map((row) => ({ goal_id: row.id, municipality_id: before.get(row.id)!.municipalityId, status: row.status }));
	if (statusChanges.length > 0) {
		await db.execute(sql`
			insert into goal_status_change (goal_id, municipality_id, track_status)
			select v.goal_id, v.municipality_id, v.status
			from jsonb_to_recordset(${JSON.stringify(statusChanges)}::jsonb) as v(goal_id uuid, municipality_id uuid, status text)`);
	}
	return { changedGoalIds, indicators: indicatorRows.length, goals: goalRows.length };
}

const finite = (value: number | null) => (value !== null && Number.isFinite(value) ? value : null);

/** Each indicator's usable history of its target series (for the SMART "realistic" check). */
export async function seriesHistory(
	db: Db,
	goalId: string,
	indicators: readonly (TargetBasis & { id: string })[]
): Promise<Record<string, Point[]>> {
	if (indicators.length === 0) return {};
	const values = await db
		.select({ indicatorId: measurement.indicatorId, group: measurement.groupName, date: measurement.refDate, value: measurement.value })
		.from(measurement)
		.where(eq(measurement.goalId, goalId));
	return Object.fromEntries(indicators.map((i) => [i.id, targetSeries(i, values.filter((v) => v.indicatorId === i.id))]));
}
