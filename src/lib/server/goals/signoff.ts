import { and, eq } from 'drizzle-orm';
import * as Y from 'yjs';
import { inTransaction, type Db } from '../db';
import { goal, goalSignoff } from '../db/schema';
import { goalSignSides } from '../access/rules';
import { requireTarget } from '../access/targets';
import type { Actor } from '../auth/session';
import { loadState } from '../documents/update-log';
import { Check } from '../validation';
import { announce } from './announce';
import { goalDocName, projectContent, rebuildProjection } from './projection';
import { contentHash } from '../../shared/content-hash';
import { readGoalContent } from '../../shared/goal-doc';
import { CLOSE_OUTCOMES, type GoalSide } from '../../shared/goal-status';

/**
 * "Ziel vereinbaren": signs the content the person saw. The hash they saw must be the hash of
 * the stored document; if someone changed it meanwhile they are asked to look again.
 */
export async function signOffGoal(db: Db, actor: Actor, input: { goalId: string; contentHash: string }): Promise<void> {
	const target = await requireTarget(db, actor, 'goal', input.goalId, 'signGoal');
	const [row] = await db.select({ closedAt: goal.closedAt }).from(goal).where(eq(goal.id, input.goalId));
	new Check().when(row?.closedAt != null, 'goalId', 'error_goal_closed').throwIfAny();
	const { state } = await loadState(db, goalDocName(input.goalId));
	const doc = new Y.Doc();
	if (state) Y.applyUpdate(doc, state);
	const content = readGoalContent(doc);
	doc.destroy();
	const hash = contentHash(content);
	new Check().when(hash !== input.contentHash, 'contentHash', 'error_signoff_outdated').throwIfAny();
	const sides = goalSignSides(actor, target.tandem).filter((s): s is GoalSide => s === 'focus' || s === 'department');
	await inTransaction(db, async (tx) => {
		const existing = await tx
			.select({ side: goalSignoff.side })
			.from(goalSignoff)
			.where(and(eq(goalSignoff.goalId, input.goalId), eq(goalSignoff.contentHash, hash)));
		const missing = sides.filter((side) => !existing.some((e) => e.side === side));
		if (missing.length > 0) {
			await tx.insert(goalSignoff).values(
				missing.map((side) => ({ goalId: input.goalId, userId: actor.userId, membershipId: actor.membershipId, side, contentHash: hash }))
			);
		}
		await projectContent(tx, input.goalId, content);
	});
	announce(actor.municipalityId, input.goalId);
}

/** Closes a goal as achieved, not achieved or dropped, with a comment. */
export async function closeGoal(db: Db, actor: Actor, input: { goalId: string; outcome: string; comment: string }): Promise<void> {
	await requireTarget(db, actor, 'goal', input.goalId, 'editGoal');
	const check = new Check();
	check.when(!(CLOSE_OUTCOMES as readonly string[]).includes(input.outcome), 'outcome', 'error_outcome_required');
	const comment = input.comment.trim();
	check.when(comment.length === 0, 'comment', 'error_comment_required');
	check.when(comment.length > 5000, 'comment', 'error_comment_too_long');
	check.throwIfAny();
	await db
		.update(goal)
		.set({ closedAt: new Date(), closedBy: actor.userId, closedOutcome: input.outcome, closingComment: comment, status: 'closed' })
		.where(eq(goal.id, input.goalId));
	announce(actor.municipalityId, input.goalId);
}

/** Reopens a closed goal; its status is derived from its signatures again. */
export async function reopenGoal(db: Db, actor: Actor, input: { goalId: string }): Promise<void> {
	await requireTarget(db, actor, 'goal', input.goalId, 'editGoal');
	await db.update(goal).set({ closedAt: null, closedBy: null, closedOutcome: null, closingComment: null }).where(eq(goal.id, input.goalId));
	await rebuildProjection(db, input.goalId);
	announce(actor.municipalityId, input.goalId);
}
