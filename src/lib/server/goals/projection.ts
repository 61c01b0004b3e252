import { and, eq, isNull, sql } from 'drizzle-orm';
import * as Y from 'yjs';
import type { Db } from '../db';
import { goal, goalSignoff, indicator } from '../db/schema';
import { loadState } from '../documents/update-log';
import { refreshProgress } from './progress';
import { rateInContext } from './smart';
import { recordAdjustments, settleAdjustments } from './adjustments';
import { contentHash, substantiveContent } from '../../shared/content-hash';
import type { Substantive } from '../../shared/loop';
import { docName } from '../../shared/documents';
import { readGoalContent, type GoalContent } from '../../shared/goal-doc';
import { everAgreed, goalStatus, type GoalStatus } from '../../shared/goal-status';

/**
 * The goal document projected into rows: the goal's columns, its indicators, its status and
 * SMART rating, and the adjustments of agreed content. The rows are derived and can always be
 * rebuilt from the document.
 */

export const goalDocName = (id: string) => docName({ kind: 'goal', id });

/**
 * Writes the relational projection of a goal's content: title and texts, criterion, deadline,
 * SMART result, content hash, status, and the indicator rows (upserted by their stable ids;
 * indicators gone from the document are archived, never deleted). Returns the status.
 */
export async function projectContent(
	db: Db,
	goalId: string,
	content: GoalContent
): Promise<{ status: GoalStatus; changed: boolean; municipalityId: string } | undefined> {
	const [current] = await db
		.select({ municipalityId: goal.municipalityId, closedAt: goal.closedAt, status: goal.status, contentHash: goal.contentHash, smartScore: goal.smartScore, title: goal.title, deadline: goal.deadline, substantive: goal.substantive })
		.from(goal)
		.where(eq(goal.id, goalId));
	if (!current) return undefined;
	const hash = contentHash(content);
	const signoffs = await db.select({ side: goalSignoff.side, contentHash: goalSignoff.contentHash }).from(goalSignoff).where(eq(goalSignoff.goalId, goalId));
	const status = goalStatus({ closed: current.closedAt !== null, signoffs, contentHash: hash });
	const substantive = substantiveContent(content) as Substantive;
	// A goal once agreed is never changed silently (closed ones included): each substantive
	// change becomes an adjustment; a new agreement settles those so far.
	if (everAgreed(signoffs) && current.substantive && current.contentHash !== hash) {
		await recordAdjustments(db, goalId, current.municipalityId, current.substantive as Substantive, substantive);
	}
	if (status === 'agreed') await settleAdjustments(db, goalId);
	const smart = await rateInContext(db, goalId, content, { status, signoffs, hash });
	await db
		.update(goal)
		.set({
			title: content.title,
			forWhom: content.forWhom,
			resources: content.resources,
			criterion: content.criterion,
			deadline: content.deadline,
			contentHash: hash,
			substantive,
			smart,
			smartScore: smart.score,
			status,
			projectedAt: new Date()
		})
		.where(eq(goal.id, goalId));
	const ids = content.indicators.map((i) => i.id);
	for (const [position, i] of content.indicators.entries()) {
		const values = {
			goalId,
			municipalityId: current.municipalityId,
			position,
			name: i.name,
			unit: i.unit,
			direction: i.direction,
			baselineValue: i.baselineValue,
			baselineDate: i.baselineDate,
			targetValue: i.targetValue,
			targetDate: i.targetDate,
			templateKey: i.templateKey,
			frequency: i.frequency,
			source: i.source,
			breakdown: i.breakdown,
			groups: i.groups,
			targetGroup: i.targetGroup,
			gapGroup: i.gapGroup,
			weight: i.weight,
			archivedAt: null
		};
		// An id that belongs to another goal (a hand-crafted update) is not taken over.
		await db
			.insert(indicator)
			.values({ id: i.id, ...values })
			.onConflictDoUpdate({ target: indicator.id, set: values, where: eq(indicator.goalId, goalId) });
	}
	await db
		.update(indicator)
		.set({ archivedAt: new Date() })
		.where(
			and(
				eq(indicator.goalId, goalId),
				isNull(indicator.archivedAt),
				ids.length > 0 ? sql`${indicator.id} not in (${sql.join(ids.map((id) => sql`${id}`), sql`, `)})` : sql`true`
			)
		);
	// Baselines, targets and deadline move progress and forecast.
	const progress = await refreshProgress(db, { goalIds: [goalId] });
	const changed =
		current.status !== status ||
		current.contentHash !== hash ||
		current.smartScore !== smart.score ||
		current.title !== content.title ||
		current.deadline !== content.deadline ||
		progress.changedGoalIds.length > 0;
	// The caller announces the change once its transaction has committed (see announce()).
	return { status, changed, municipalityId: current.municipalityId };
}

/** Rebuilds a goal's rows from its stored document (the rows are derived and can always be rebuilt). */
export async function rebuildProjection(db: Db, goalId: string): Promise<void> {
	const { state } = await loadState(db, goalDocName(goalId));
	const doc = new Y.Doc();
	if (state) Y.applyUpdate(doc, state);
	await projectContent(db, goalId, readGoalContent(doc));
	doc.destroy();
}
