import { and, asc, count, eq, inArray, lt, lte, max, sql } from 'drizzle-orm';
import * as Y from 'yjs';
import type { Db } from '../db';
import { docUpdate, goal, goalSignoff, measurement, type Measurement } from '../db/schema';
import { applyAll, logDoc, stateBefore } from '../documents/update-log';
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
 * Goal documents as read at past instants, by goal and instant, kept in this process: a period
 * evaluation asks the same few dates again and again, and rebuilding 500 documents takes most of
 * a second. Each entry carries the fingerprint of the log before its instant (how many updates,
 * the sum of their ids) and is used only while the log still has that fingerprint, so a log
 * written after the fact (demo data, tests) or by another process is never read stale. Cached
 * reads are shared: callers do not change them.
 */
const pastReads = new Map<string, { fingerprint: string; read: DocRead; lastChange: Date | null }>();
const PAST_READS = 5_000;
/** An instant counts as past once the updates stored before it have surely committed. */
const SETTLED_MS = 60_000;

function rememberRead(key: string, entry: { fingerprint: string; read: DocRead; lastChange: Date | null }): void {
	pastReads.delete(key);
	pastReads.set(key, entry);
	if (pastReads.size > PAST_READS) pastReads.delete(pastReads.keys().next().value!);
}

/** Per document, the fingerprint of its log before `instant`. */
async function logFingerprints(db: Db, names: readonly string[], instant: Date) {
	const rows = await db
		.select({ docName: docUpdate.docName, n: count(), ids: sql<string>`sum(${docUpdate.id})::text` })
		.from(docUpdate)
		.where(and(inArray(docUpdate.docName, [...names]), lt(docUpdate.createdAt, instant)))
		.groupBy(docUpdate.docName);
	return new Map(rows.map((r) => [r.docName, { fingerprint: `${r.n}:${r.ids}` }]));
}

/**
 * Many goals at several dates, by the same rule as `goalAsOf`, for views over hundreds of goals
 * (the period evaluation): reads of past instants come from `pastReads`; the other goals' logs
 * are read in one query up to the last date, each replayed once and read at every date on the
 * way. Replaying in steps gives the state `goalAsOf` gives, as Yjs updates give the same document
 * in any order. Per goal, one entry per date (in the order given), null while the goal did not
 * exist.
 */
export async function goalsAsOf(db: Db, goalIds: readonly string[], dates: readonly string[], now = new Date()): Promise<Map<string, (GoalAsOf | null)[]>> {
	const result = new Map<string, (GoalAsOf | null)[]>();
	if (goalIds.length === 0 || dates.length === 0) return result;
	const steps = dates
		.map((date, index) => {
			const instant = endOfBerlinDay(date);
			return { date, index, instant, past: instant.getTime() < now.getTime() - SETTLED_MS };
		})
		.sort((a, b) => a.instant.getTime() - b.instant.getTime());
	const until = steps.at(-1)!.instant;
	const names = goalIds.map(goalDocName);
	const [rows, signoffs, fingerprints] = await Promise.all([
		db
			.select({ id: goal.id, createdAt: goal.createdAt, closedAt: goal.closedAt, closedOutcome: goal.closedOutcome, closingComment: goal.closingComment })
			.from(goal)
			.where(inArray(goal.id, [...goalIds])),
		db
			.select({ goalId: goalSignoff.goalId, side: goalSignoff.side, contentHash: goalSignoff.contentHash, signedAt: goalSignoff.signedAt })
			.from(goalSignoff)
			.where(and(inArray(goalSignoff.goalId, [...goalIds]), lt(goalSignoff.signedAt, until))),
		Promise.all(steps.map((step) => (step.past ? logFingerprints(db, names, step.instant) : null)))
	]);
	const signed = groupBy(signoffs, (s) => s.goalId);
	const keyOf = (goalId: string, instant: Date) => `${goalId}|${instant.toISOString()}`;
	const fingerprintOf = (goalId: string, k: number) => fingerprints[k]?.get(goalDocName(goalId))?.fingerprint ?? '0:';
	const exists = (row: { createdAt: Date }, instant: Date) => row.createdAt < instant;
	// Goals with a read missing for some date: their logs are replayed.
	const missing = rows.filter((row) =>
		steps.some((step, k) => exists(row, step.instant) && (!step.past || pastReads.get(keyOf(row.id, step.instant))?.fingerprint !== fingerprintOf(row.id, k)))
	);
	const updates = missing.length
		? await db
				.select({ docName: docUpdate.docName, update: docUpdate.update, createdAt: docUpdate.createdAt })
				.from(docUpdate)
				.where(and(inArray(docUpdate.docName, missing.map((row) => goalDocName(row.id))), lt(docUpdate.createdAt, until)))
				.orderBy(asc(docUpdate.docName), asc(docUpdate.id))
		: [];
	const logs = groupBy(updates, (u) => u.docName);
	const replayed = new Map(missing.map((row) => [row.id, replaySteps(row.id, logs.get(goalDocName(row.id)) ?? [], steps, row.createdAt)]));
	for (const row of rows) {
		const own = signed.get(row.id) ?? [];
		const entries: (GoalAsOf | null)[] = dates.map(() => null);
		steps.forEach((step, k) => {
			if (!exists(row, step.instant)) return;
			const key = keyOf(row.id, step.instant);
			let entry = replayed.get(row.id)?.[k];
			if (entry && step.past) rememberRead(key, { fingerprint: fingerprintOf(row.id, k), ...entry });
			entry ??= pastReads.get(key)!;
			entries[step.index] = asOf(step.date, step.instant, entry.read, row, own.filter((s) => s.signedAt < step.instant), entry.lastChange);
		});
		result.set(row.id, entries);
	}
	return result;
}

/** One goal's log replayed once, read at each step's instant (null before the goal existed). */
function replaySteps(goalId: string, log: readonly { update: Uint8Array; createdAt: Date }[], steps: readonly { instant: Date }[], createdAt: Date) {
	const doc = logDoc(goalDocName(goalId));
	const applied = new Set<number>();
	let lastChange: Date | null = null;
	let read: DocRead | null = null;
	const reads = steps.map((step) => {
		if (createdAt >= step.instant) return null;
		// The updates stored before this instant and not applied yet, in log order.
		const before = applied.size;
		const batch: Uint8Array[] = [];
		log.forEach((u, k) => {
			if (applied.has(k) || u.createdAt >= step.instant) return;
			batch.push(u.update);
			applied.add(k);
			if (lastChange === null || u.createdAt > lastChange) lastChange = u.createdAt;
		});
		applyAll(doc, batch);
		// A goal nobody edited between two dates reads as it did.
		if (read === null || applied.size > before) read = readDoc(doc);
		return { read, lastChange };
	});
	doc.destroy();
	return reads;
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
