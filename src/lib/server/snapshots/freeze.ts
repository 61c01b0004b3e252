import { and, asc, eq, gt, inArray, lt, lte } from 'drizzle-orm';
import type { Db } from '../db';
import { adjustment, checkIn, department, goal, tandem } from '../db/schema';
import { goalAsOf, goalRatingAsOf, indicatorAsOf, valuesUpTo } from '../goals/as-of';
import { type RichNode } from '../../shared/rich-text';
import { endOfBerlinDay, rateGoal, SMART_CRITERIA } from '../../shared/smart';
import { SNAPSHOT_VERSION, type SnapshotContent, type SnapshotGoal, type SnapshotRef } from '../../shared/snapshot';
import type { CheckInOverall } from '../../shared/loop';

/**
 * Freezes goals into a snapshot's content as they stood at the end of the reference date
 * (Europe/Berlin): each goal's document rebuilt from its update log, the sign-offs and status of
 * then, values dated up to the reference date as recorded by the time of freezing, progress,
 * forecast and SMART computed for that date, adjustments and reviews up to it. Goals created
 * later are left out.
 */

export interface FreezeOptions {
	municipality: string;
	title: string;
	refDate: string;
	createdAt: Date;
	createdBy: string;
	commentary: string;
	goalCommentary: Readonly<Record<string, string>>;
	minCases: number | null;
	previous: SnapshotRef | null;
	locale: 'de' | 'en';
}

/** Paragraphs of plain text, separated by blank lines (lists as lines with a dash). */
function plainText(nodes: readonly RichNode[]): string {
	const text = (node: RichNode): string => (node.type === 'text' ? node.text : node.tag === 'br' ? '\n' : node.children.map(text).join(''));
	return nodes
		.flatMap((node) => (node.type === 'block' && (node.tag === 'ul' || node.tag === 'ol') ? node.children.map((li) => `– ${text(li)}`) : [text(node)]))
		.map((paragraph) => paragraph.trim())
		.filter(Boolean)
		.join('\n\n');
}

export async function freezeGoals(db: Db, municipalityId: string, goalIds: readonly string[], options: FreezeOptions): Promise<SnapshotContent> {
	const rows = await db
		.select({ g: goal, departmentName: department.name, tandemName: tandem.name })
		.from(goal)
		.innerJoin(department, eq(department.id, goal.departmentId))
		.innerJoin(tandem, eq(tandem.id, goal.tandemId))
		.where(and(eq(goal.municipalityId, municipalityId), inArray(goal.id, [...goalIds]), lt(goal.createdAt, endOfBerlinDay(options.refDate))))
		.orderBy(asc(department.name), asc(goal.id));
	const ids = rows.map((r) => r.g.id);
	// What happened by the end of the reference date, and nothing the freeze itself could not know yet.
	const until = new Date(Math.min(endOfBerlinDay(options.refDate).getTime(), options.createdAt.getTime() + 1));
	const values = await valuesUpTo(db, ids, options.refDate);
	// Reviews since the previous report (all of them for a first report), up to the reference date.
	const reviews = ids.length
		? await db
				.select()
				.from(checkIn)
				.where(and(inArray(checkIn.goalId, ids), lte(checkIn.date, options.refDate), options.previous ? gt(checkIn.date, options.previous.refDate) : undefined))
				.orderBy(asc(checkIn.date), asc(checkIn.createdAt))
		: [];
	const adjustments = ids.length
		? await db
				.select()
				.from(adjustment)
				.where(and(inArray(adjustment.goalId, ids), lt(adjustment.detectedAt, until)))
				.orderBy(asc(adjustment.detectedAt), asc(adjustment.field))
		: [];
	const goals: SnapshotGoal[] = [];
	for (const { g, departmentName, tandemName } of rows) {
		const then = await goalAsOf(db, g.id, options.refDate);
		if (!then) continue;
		// The indicators the goal had then (one removed since is still in; one added since is not).
		const indicators = then.content.indicators.map((def) => indicatorAsOf(def, then.content.deadline, values, options.refDate, options.minCases));
		const smart = rateGoal(then.content, {
			today: options.refDate,
			status: then.status,
			signedSides: then.signedSides,
			history: Object.fromEntries(indicators.map((i) => [i.id, i.history]))
		});
		goals.push({
			id: g.id,
			title: then.content.title,
			department: departmentName,
			tandem: tandemName,
			forWhom: then.content.forWhom,
			description: plainText(then.description),
			resources: then.content.resources,
			criterion: then.content.criterion,
			deadline: then.content.deadline,
			status: then.status,
			closed: then.closed ? { outcome: then.closed.outcome, comment: then.closed.comment } : null,
			smart: {
				score: smart.score,
				ok: Object.fromEntries(SMART_CRITERIA.map((c) => [c, smart.ratings[c].ok])) as SnapshotGoal['smart']['ok']
			},
			...goalRatingAsOf(indicators),
			commentary: options.goalCommentary[g.id]?.trim() ?? '',
			indicators: indicators.map(({ history: _history, ...indicator }) => indicator),
			checkIns: reviews
				.filter((c) => c.goalId === g.id)
				.map((c) => ({ date: c.date, overall: c.overall as CheckInOverall, confidence: c.confidence, happened: c.happened, decided: c.decided, participants: c.participants })),
			adjustments: adjustments
				.filter((a) => a.goalId === g.id)
				.map((a) => ({ field: a.field, label: a.label, before: a.before, after: a.after, detectedAt: a.detectedAt.toISOString(), reason: a.reason }))
		});
	}
	goals.sort((a, b) => a.department.localeCompare(b.department, 'de') || a.title.localeCompare(b.title, 'de') || (a.id < b.id ? -1 : 1));
	const content: SnapshotContent = {
		version: SNAPSHOT_VERSION,
		locale: options.locale,
		municipality: options.municipality,
		title: options.title,
		refDate: options.refDate,
		createdAt: options.createdAt.toISOString(),
		createdBy: options.createdBy,
		commentary: options.commentary.trim(),
		minCases: options.minCases,
		previous: options.previous,
		goals
	};
	// What is stored is JSON: non-finite numbers become null here already, so the hash holds.
	return JSON.parse(JSON.stringify(content)) as SnapshotContent;
}
