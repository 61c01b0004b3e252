import { and, asc, eq, inArray, lt, lte, min, sql } from 'drizzle-orm';
import { inTransaction, type Db } from '../db';
import { goal, measurement, statusQuarter, statusRecording, type Measurement } from '../db/schema';
import { home, requireCan } from '../access/rules';
import type { Actor } from '../auth/session';
import { goalAsOf, goalRatingAsOf, indicatorAsOf, type GoalAsOf } from '../goals/as-of';
import { publish } from '../events';
import { logger } from '../log';
import type { TrackStatus } from '../../shared/forecast';
import { countStandings, noStandings, onTrackShare, quarterOf, quartersBetween, standingOf, type Quarter, type Standing, type StandingCounts } from '../../shared/goal-standing';
import { berlinToday, endOfBerlinDay } from '../../shared/smart';

/**
 * The share of goals on track per calendar quarter (decision 0022). A quarter is counted at its
 * last day's end (Europe/Berlin):
 * - quarters that ended before the municipality began recording status changes: every goal
 *   rebuilt as of then (the as-of rule of council reports), computed once and kept;
 * - later quarters: each goal's latest recorded status change before the quarter's end;
 * - the running quarter: the stored statuses now (what the status chart shows).
 * Recording begins the first time the view is asked for, with every goal's status of then. The
 * quarters before are computed in the background meanwhile (for hundreds of goals that takes a
 * while); until they are kept they show as pending.
 */

/** The chart shows at most the latest two years. */
export const QUARTERS_SHOWN = 8;

export type QuarterBasis = 'computed' | 'pending' | 'recorded' | 'running';

export interface QuarterShare extends Quarter {
	/** All zero while pending. */
	counts: StandingCounts;
	/** On track among open goals, 0–1; null without open goals. */
	share: number | null;
	basis: QuarterBasis;
}

export interface StatusHistory {
	quarters: QuarterShare[];
	/** The day recording began (Europe/Berlin). */
	recordedSince: string;
}

export async function statusHistory(db: Db, actor: Actor, now: Date = new Date()): Promise<StatusHistory> {
	requireCan(actor, 'read', home(actor));
	const municipalityId = actor.municipalityId;
	const since = await recordingSince(db, municipalityId, now);
	const [first] = await db.select({ at: min(goal.createdAt) }).from(goal).where(eq(goal.municipalityId, municipalityId));
	const today = berlinToday(now);
	const recordedSince = berlinToday(since);
	if (!first?.at) return { quarters: [], recordedSince };
	const quarters = quartersBetween(berlinToday(first.at), today, QUARTERS_SHOWN);
	const running = quarterOf(today).key;
	const before = quarters.filter((q) => q.key !== running && endOfBerlinDay(q.end) <= since);
	const kept = await keptQuarters(db, municipalityId, before);
	const missing = before.filter((q) => !kept.has(q.key));
	if (missing.length > 0) startKeeping(db, municipalityId, missing);
	const result: QuarterShare[] = [];
	for (const q of quarters) {
		const [counts, basis]: [StandingCounts, QuarterBasis] =
			q.key === running
				? [await countsAt(db, municipalityId, null), 'running']
				: endOfBerlinDay(q.end) > since
					? [await countsAt(db, municipalityId, endOfBerlinDay(q.end)), 'recorded']
					: kept.has(q.key)
						? [kept.get(q.key)!, 'computed']
						: [noStandings(), 'pending'];
		result.push({ ...q, counts, share: basis === 'pending' ? null : onTrackShare(counts), basis });
	}
	return { quarters: result, recordedSince };
}

/** Per municipality, the computation of its quarters before recording under way in this process. */
const keeping = new Map<string, Promise<void>>();

function startKeeping(db: Db, municipalityId: string, quarters: readonly Quarter[]): void {
	if (keeping.has(municipalityId)) return;
	const work = (async () => {
		for (const q of quarters) {
			const counts = await countAsOf(db, municipalityId, q.end);
			await db.insert(statusQuarter).values({ municipalityId, quarter: q.key, ...counts }).onConflictDoNothing();
		}
		// Open monitoring pages reload and show them.
		publish({ type: 'monitoring-changed', municipalityId });
	})()
		.catch((error: unknown) => logger.error({ err: error, municipalityId }, 'computing the quarters before status recording failed'))
		.finally(() => keeping.delete(municipalityId));
	keeping.set(municipalityId, work);
}

/** Resolves when the quarters before recording that are being computed for the municipality are kept. */
export async function quartersKept(municipalityId: string): Promise<void> {
	await keeping.get(municipalityId);
}

/** When recording began; begins it now (every goal's stored status as of now) if it has not. */
async function recordingSince(db: Db, municipalityId: string, now: Date): Promise<Date> {
	const [found] = await db.select({ since: statusRecording.since }).from(statusRecording).where(eq(statusRecording.municipalityId, municipalityId));
	if (found) return found.since;
	return inTransaction(db, async (tx) => {
		const [started] = await tx.insert(statusRecording).values({ municipalityId, since: now }).onConflictDoNothing().returning({ since: statusRecording.since });
		if (!started) {
			// Someone else began a moment ago.
			const [other] = await tx.select({ since: statusRecording.since }).from(statusRecording).where(eq(statusRecording.municipalityId, municipalityId));
			return other!.since;
		}
		await tx.execute(sql`
			insert into goal_status_change (goal_id, municipality_id, track_status, changed_at)
			select id, municipality_id, track_status, ${now.toISOString()}::timestamptz from goal where municipality_id = ${municipalityId}`);
		return started.since;
	});
}

/** Counts from the stored statuses (`at` null: now), or from the latest recorded change before `at`. */
async function countsAt(db: Db, municipalityId: string, at: Date | null): Promise<StandingCounts> {
	const instant = at?.toISOString();
	// `goal.id` spelled out: drizzle leaves a single table's columns unqualified, which the subquery would read as its own.
	const rows = await db
		.select({
			status: instant
				? sql<TrackStatus>`coalesce((select c.track_status from goal_status_change c where c.goal_id = goal.id and c.changed_at < ${instant}::timestamptz order by c.changed_at desc limit 1), 'noData')`
				: goal.trackStatus,
			closed: instant ? sql<boolean>`coalesce(${goal.closedAt} < ${instant}::timestamptz, false)` : sql<boolean>`${goal.closedAt} is not null`,
			count: sql<number>`count(*)::int`
		})
		.from(goal)
		.where(and(eq(goal.municipalityId, municipalityId), at ? lt(goal.createdAt, at) : undefined))
		.groupBy(sql`1`, sql`2`);
	const counts = noStandings();
	for (const row of rows) counts[standingOf(row.status, row.closed)] += row.count;
	return counts;
}

/** The kept counts of quarters before recording. */
async function keptQuarters(db: Db, municipalityId: string, quarters: readonly Quarter[]): Promise<Map<string, StandingCounts>> {
	const kept = new Map<string, StandingCounts>();
	if (quarters.length === 0) return kept;
	const rows = await db
		.select()
		.from(statusQuarter)
		.where(and(eq(statusQuarter.municipalityId, municipalityId), inArray(statusQuarter.quarter, quarters.map((q) => q.key))));
	for (const r of rows) kept.set(r.quarter, { onTrack: r.onTrack, atRisk: r.atRisk, offTrack: r.offTrack, noData: r.noData, closed: r.closed });
	return kept;
}

/** Every goal of the municipality as it stood at the end of `date`, rated for that date. */
async function countAsOf(db: Db, municipalityId: string, date: string): Promise<StandingCounts> {
	const ids = (
		await db
			.select({ id: goal.id })
			.from(goal)
			.where(and(eq(goal.municipalityId, municipalityId), lt(goal.createdAt, endOfBerlinDay(date))))
			.orderBy(asc(goal.id))
	).map((g) => g.id);
	const goals: GoalAsOf[] = [];
	for (const id of ids) {
		const then = await goalAsOf(db, id, date);
		if (then) goals.push(then);
	}
	// Only the values of indicators the goals had then, dated up to then.
	const indicatorIds = goals.flatMap((g) => (g.closed ? [] : g.content.indicators.map((i) => i.id)));
	const byIndicator = new Map<string, Measurement[]>();
	const values = indicatorIds.length
		? await db
				.select()
				.from(measurement)
				.where(and(inArray(measurement.indicatorId, indicatorIds), lte(measurement.refDate, date)))
				.orderBy(asc(measurement.refDate), asc(measurement.groupName))
		: [];
	for (const v of values) {
		const list = byIndicator.get(v.indicatorId);
		if (list) list.push(v);
		else byIndicator.set(v.indicatorId, [v]);
	}
	const standings: Standing[] = goals.map((then) => {
		if (then.closed) return 'closed';
		const indicators = then.content.indicators.map((def) => indicatorAsOf(def, then.content.deadline, byIndicator.get(def.id) ?? [], date, null));
		return standingOf(goalRatingAsOf(indicators).trackStatus, false);
	});
	return countStandings(standings);
}
