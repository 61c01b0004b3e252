import { eq } from 'drizzle-orm';
import type { Db } from '../db';
import { goal, goalSignoff, measurement } from '../db/schema';
import type { Actor } from '../auth/session';
import { requireTarget, type TargetRef } from '../access/targets';
import { projectedIndicators } from './indicators';
import { seriesHistory } from './progress';
import type { GoalContent } from '../../shared/goal-doc';
import { signedSides, type GoalStatus } from '../../shared/goal-status';
import { isCriterion } from '../../shared/criteria';
import { canonicalJson } from '../../shared/content-hash';
import { berlinToday, rateGoal, type SmartResult } from '../../shared/smart';

type Signoff = { side: string; contentHash: string };

/** Rates a goal's content in its context: its status, the sides that signed it, each series' history. */
export async function rateInContext(db: Db, goalId: string, content: GoalContent, context: { status: GoalStatus; signoffs: Signoff[]; hash: string }): Promise<SmartResult> {
	const history = await seriesHistory(db, goalId, content.indicators);
	return rateGoal(content, { today: berlinToday(), status: context.status, signedSides: signedSides(context.signoffs, context.hash), history });
}

/**
 * After a measurement change, in its transaction: the stored SMART result again, from the goal's
 * projected rows. Not from the stored document: the sync server may hold newer content than the
 * log, and that content projects (and rates) itself when it is stored.
 */
export async function refreshSmart(db: Db, goalId: string): Promise<void> {
	const [row] = await db
		.select({ title: goal.title, forWhom: goal.forWhom, resources: goal.resources, criterion: goal.criterion, deadline: goal.deadline, status: goal.status, contentHash: goal.contentHash, smart: goal.smart })
		.from(goal)
		.where(eq(goal.id, goalId));
	if (!row) return;
	const content: GoalContent = {
		title: row.title,
		forWhom: row.forWhom,
		resources: row.resources,
		criterion: isCriterion(row.criterion) ? row.criterion : null,
		deadline: row.deadline,
		indicators: await projectedIndicators(db, goalId)
	};
	const signoffs = await db.select({ side: goalSignoff.side, contentHash: goalSignoff.contentHash }).from(goalSignoff).where(eq(goalSignoff.goalId, goalId));
	const smart = await rateInContext(db, goalId, content, { status: row.status as GoalStatus, signoffs, hash: row.contentHash });
	if (canonicalJson(smart) !== canonicalJson(row.smart)) await db.update(goal).set({ smart, smartScore: smart.score }).where(eq(goal.id, goalId));
}

/**
 * The goal's measured values as the SMART check reads them, for a page that rates the live
 * content (whose indicators may group and target differently from the stored ones).
 */
export async function goalSeriesValues(db: Db, actor: Actor, goalRef: TargetRef<'goal'>) {
	const goalId = (await requireTarget(db, actor, 'goal', goalRef, 'read')).id;
	return db
		.select({ indicatorId: measurement.indicatorId, group: measurement.groupName, date: measurement.refDate, value: measurement.value })
		.from(measurement)
		.where(eq(measurement.goalId, goalId));
}
