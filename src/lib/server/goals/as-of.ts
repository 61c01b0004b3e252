import { and, asc, eq, inArray, lt, lte, max } from 'drizzle-orm';
import * as Y from 'yjs';
import type { Db } from '../db';
import { docUpdate, goal, goalSignoff, measurement, type Measurement } from '../db/schema';
import { stateBefore } from '../documents/update-log';
import { goalDocName } from './projection';
import { contentHash } from '../../shared/content-hash';
import { chartModel } from '../../shared/chart-series';
import { goalProgress, type Point, type TrackStatus } from '../../shared/forecast';
import { DESCRIPTION, readGoalContent, type GoalContent, type IndicatorDef } from '../../shared/goal-doc';
import { goalStatus, signedSides, type CloseOutcome, type GoalSide, type GoalStatus, type SignoffRef } from '../../shared/goal-status';
import { goalTrackStatus, rateIndicator, targetSeries } from '../../shared/indicator-progress';
import type { Flag, StatSymbol } from '../../shared/measurement-value';
import { richTextNodes, type RichNode } from '../../shared/rich-text';
import { endOfBerlinDay } from '../../shared/smart';
import { isSuppressed, type SnapshotIndicator, type SnapshotValue } from '../../shared/snapshot';

/**
 * A goal as it stood at the end of a day (Europe/Berlin): its document rebuilt from the update
 * log up to then (the time of a change is when the server stored it), the sign-offs given by
 * then and the status they made, and whether it was closed. What a council report and the
 * "Stand am …" view show; the rows describe only the present.
 */
export interface GoalAsOf {
	date: string;
	content: GoalContent;
	description: RichNode[];
	status: GoalStatus;
	signedSides: GoalSide[];
	closed: { at: Date; outcome: CloseOutcome | null; comment: string } | null;
	/** The last change of the document stored by then. */
	lastChange: Date | null;
}

/** The goal at the end of `date`, or null when it was created later. */
export async function goalAsOf(db: Db, goalId: string, date: string): Promise<GoalAsOf | null> {
	const instant = endOfBerlinDay(date);
	const [row] = await db
		.select({ createdAt: goal.createdAt, closedAt: goal.closedAt, closedOutcome: goal.closedOutcome, closingComment: goal.closingComment })
		.from(goal)
		.where(eq(goal.id, goalId));
	if (!row || row.createdAt >= instant) return null;
	const name = goalDocName(goalId);
	const doc = await stateBefore(db, name, instant);
	const signoffs = await db
		.select({ side: goalSignoff.side, contentHash: goalSignoff.contentHash })
		.from(goalSignoff)
		.where(and(eq(goalSignoff.goalId, goalId), lt(goalSignoff.signedAt, instant)));
	const [last] = await db
		.select({ at: max(docUpdate.createdAt) })
		.from(docUpdate)
		.where(and(eq(docUpdate.docName, name), lt(docUpdate.createdAt, instant)));
	const then = asOf(date, instant, readDoc(doc), row, signoffs, last?.at ?? null);
	doc.destroy();
	return then;
}

type GoalRow = Pick<typeof goal.$inferSelect, 'createdAt' | 'closedAt' | 'closedOutcome' | 'closingComment'>;

/** A document read: its content and description, and the content's hash once asked for. */
interface DocRead {
	content: GoalContent;
	description: RichNode[];
	hash?: string;
}

const readDoc = (doc: Y.Doc): DocRead => ({ content: readGoalContent(doc), description: richTextNodes(doc.getXmlFragment(DESCRIPTION)) });

/** What a goal was at `instant`, from its document rebuilt up to then and the sign-offs given by then. */
function asOf(date: string, instant: Date, read: DocRead, row: GoalRow, signoffs: readonly SignoffRef[], lastChange: Date | null): GoalAsOf {
	const closed = row.closedAt && row.closedAt < instant ? { at: row.closedAt, outcome: row.closedOutcome as CloseOutcome | null, comment: row.closingComment ?? '' } : null;
	// Without any sign-off the content's hash decides nothing (a draft, signed by nobody).
	const hash = signoffs.length === 0 ? '' : (read.hash ??= contentHash(read.content));
	return {
		date,
		content: read.content,
		description: read.description,
		status: goalStatus({ closed: closed !== null, signoffs, contentHash: hash }),
		signedSides: signedSides(signoffs, hash),
		closed,
		lastChange
	};
}

/**
 * Many goals at several dates, by the same rule as `goalAsOf`, for views over hundreds of goals
 * (the period evaluation): one read of all their logs up to the last date, each log replayed once
 * and read at every date on the way. Replaying in steps gives the state `goalAsOf` gives, as Yjs
 * updates give the same document in any order. Per goal, one entry per date (in the order
 * given), null while the goal did not exist.
 */
export async function goalsAsOf(db: Db, goalIds: readonly string[], dates: readonly string[]): Promise<Map<string, (GoalAsOf | null)[]>> {
	const result = new Map<string, (GoalAsOf | null)[]>();
	if (goalIds.length === 0 || dates.length === 0) return result;
	const steps = dates.map((date, index) => ({ date, index, instant: endOfBerlinDay(date) })).sort((a, b) => a.instant.getTime() - b.instant.getTime());
	const until = steps.at(-1)!.instant;
	const names = goalIds.map(goalDocName);
	const [rows, updates, signoffs] = await Promise.all([
		db
			.select({ id: goal.id, createdAt: goal.createdAt, closedAt: goal.closedAt, closedOutcome: goal.closedOutcome, closingComment: goal.closingComment })
			.from(goal)
			.where(inArray(goal.id, [...goalIds])),
		db
			.select({ docName: docUpdate.docName, update: docUpdate.update, createdAt: docUpdate.createdAt })
			.from(docUpdate)
			.where(and(inArray(docUpdate.docName, names), lt(docUpdate.createdAt, until)))
			.orderBy(asc(docUpdate.docName), asc(docUpdate.id)),
		db
			.select({ goalId: goalSignoff.goalId, side: goalSignoff.side, contentHash: goalSignoff.contentHash, signedAt: goalSignoff.signedAt })
			.from(goalSignoff)
			.where(and(inArray(goalSignoff.goalId, [...goalIds]), lt(goalSignoff.signedAt, until)))
	]);
	const logs = groupBy(updates, (u) => u.docName);
	const signed = groupBy(signoffs, (s) => s.goalId);
	for (const row of rows) {
		const log = logs.get(goalDocName(row.id)) ?? [];
		const own = signed.get(row.id) ?? [];
		const doc = new Y.Doc();
		const applied = new Set<number>();
		const entries: (GoalAsOf | null)[] = dates.map(() => null);
		let lastChange: Date | null = null;
		let read: DocRead | null = null;
		for (const step of steps) {
			if (row.createdAt >= step.instant) continue;
			// The updates stored before this instant and not applied yet, in log order.
			const before = applied.size;
			doc.transact(() => {
				log.forEach((u, k) => {
					if (applied.has(k) || u.createdAt >= step.instant) return;
					Y.applyUpdate(doc, u.update);
					applied.add(k);
					if (lastChange === null || u.createdAt > lastChange) lastChange = u.createdAt;
				});
			});
			// A goal nobody edited between two dates reads as it did.
			if (read === null || applied.size > before) read = readDoc(doc);
			entries[step.index] = asOf(step.date, step.instant, read, row, own.filter((s) => s.signedAt < step.instant), lastChange);
		}
		doc.destroy();
		result.set(row.id, entries);
	}
	return result;
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
	const groups = new Map<string, T[]>();
	for (const item of items) {
		const list = groups.get(key(item));
		if (list) list.push(item);
		else groups.set(key(item), [item]);
	}
	return groups;
}

/**
 * Values of the goals' indicators with a reference date up to `date`, as recorded now (later
 * corrections included), in date order.
 */
export async function valuesUpTo(db: Db, goalIds: readonly string[], date: string): Promise<Measurement[]> {
	if (goalIds.length === 0) return [];
	return db
		.select()
		.from(measurement)
		.where(and(inArray(measurement.goalId, [...goalIds]), lte(measurement.refDate, date)))
		.orderBy(asc(measurement.refDate), asc(measurement.groupName));
}

/** An indicator as defined at a date, with its values up to then and its rating of then. */
export interface IndicatorAsOf extends SnapshotIndicator {
	/** The series its target refers to, for the SMART check's look at past progress. */
	history: Point[];
}

type ValueRow = Pick<Measurement, 'indicatorId' | 'groupName' | 'refDate' | 'value' | 'symbol' | 'flags' | 'cases'>;

/**
 * One indicator as the goal defined it at `date`: its values among `values` (from `valuesUpTo`),
 * progress, forecast and chart computed for that date. Values with fewer cases than `minCases`
 * are suppressed and left out of the computation too, so nothing shown reveals them.
 */
export function indicatorAsOf(def: IndicatorDef, deadline: string | null, values: readonly ValueRow[], date: string, minCases: number | null): IndicatorAsOf {
	const own: SnapshotValue[] = values
		.filter((v) => v.indicatorId === def.id)
		.map((v) => {
			const suppressed = isSuppressed(v.cases, minCases);
			return {
				group: v.groupName,
				date: v.refDate,
				value: suppressed ? null : v.value,
				symbol: (v.symbol as StatSymbol | null) ?? null,
				flags: v.flags as Flag[],
				cases: suppressed ? null : v.cases,
				suppressed
			};
		});
	const series = own.map((v) => ({ group: v.group, date: v.date, value: v.value, symbol: v.symbol, flags: v.flags }));
	const rating = rateIndicator(def, deadline, series, date);
	return {
		id: def.id,
		name: def.name,
		unit: def.unit,
		direction: def.direction,
		frequency: def.frequency,
		source: def.source,
		breakdown: def.breakdown,
		groups: def.groups,
		targetGroup: def.targetGroup,
		gapGroup: def.gapGroup,
		weight: def.weight,
		values: own,
		forecast: rating.forecast,
		chart: chartModel(def.groups, def.gapGroup !== null, series, rating),
		history: targetSeries(def, series)
	};
}

/** A goal's progress and status from its indicators as of a date (weighted, as stored ones are). */
export function goalRatingAsOf(indicators: readonly { forecast: Pick<IndicatorAsOf['forecast'], 'progress' | 'status'>; weight: number }[]): { progress: number | null; trackStatus: TrackStatus } {
	const rated = indicators.map((i) => ({ progress: i.forecast.progress, weight: i.weight, status: i.forecast.status }));
	return { progress: goalProgress(rated), trackStatus: goalTrackStatus(rated.map((r) => r.status)) };
}
