import { eq, sql } from 'drizzle-orm';
import { inTransaction, type Db } from '../db';
import { agreement, checkIn, experiment, goal, goalSignoff, measurement, snapshot } from '../db/schema';
import { requireTarget, type Loaded, type TargetRef } from '../access/targets';
import type { Actor } from '../auth/session';
import { deleteDocument } from '../documents/update-log';
import { ConflictError, NotFoundError } from '../errors';
import { publish } from '../events';
import { announce } from './announce';
import { goalDocName } from './projection';
import { everAgreed } from '../../shared/goal-status';
import type { MessageKey } from '../../shared/messages';

/**
 * Deleting a draft started by mistake (decision 0017). Only a goal without a history may go:
 * never agreed, nothing measured, tried or reviewed, in no council report and no agreement.
 * Everything else is closed, so what was agreed, reported or learned stays on record.
 */

/** Why the goal cannot be deleted, as message keys; empty when it can. */
export async function deletionBlockers(db: Db, target: Loaded<'goal'>): Promise<MessageKey[]> {
	// drizzle writes the columns of these subqueries unqualified, so the goal is passed as a value.
	const [row] = await db
		.select({
			measurements: sql<boolean>`exists (select 1 from ${measurement} where ${measurement.goalId} = ${target.id})`,
			experiments: sql<boolean>`exists (select 1 from ${experiment} where ${experiment.goalId} = ${target.id})`,
			checkIns: sql<boolean>`exists (select 1 from ${checkIn} where ${checkIn.goalId} = ${target.id})`,
			// Reports and agreements hold goal ids in arrays, without a foreign key that would refuse.
			snapshots: sql<boolean>`exists (select 1 from ${snapshot} where ${snapshot.municipalityId} = ${target.municipalityId} and ${target.id} = any(${snapshot.goalIds}))`,
			agreements: sql<boolean>`exists (select 1 from ${agreement} where ${agreement.municipalityId} = ${target.municipalityId} and ${target.id} = any(${agreement.goalIds}))`
		})
		.from(goal)
		.where(eq(goal.id, target.id));
	if (!row) return [];
	const signoffs = await db.select({ side: goalSignoff.side, contentHash: goalSignoff.contentHash }).from(goalSignoff).where(eq(goalSignoff.goalId, target.id));
	const reasons: [boolean, MessageKey][] = [
		[everAgreed(signoffs), 'error_goal_delete_agreed'],
		[row.measurements, 'error_goal_delete_measurements'],
		[row.experiments, 'error_goal_delete_experiments'],
		[row.checkIns, 'error_goal_delete_check_ins'],
		[row.snapshots, 'error_goal_delete_snapshots'],
		[row.agreements, 'error_goal_delete_agreements']
	];
	return reasons.filter(([blocks]) => blocks).map(([, reason]) => reason);
}

/**
 * Deletes a draft goal with everything that hangs on it: indicators (with their import records
 * and the audit of measurements deleted earlier), one-sided sign-offs, and its document's log.
 * Open sockets on the document are closed, open pages reload.
 */
export async function deleteDraftGoal(db: Db, actor: Actor, goalRef: TargetRef<'goal'>): Promise<void> {
	const target = await requireTarget(db, actor, 'goal', goalRef, 'deleteGoal');
	await inTransaction(db, async (tx) => {
		// The row lock first: a measurement or sign-off written meanwhile waits for it (its foreign
		// key), or has committed and is seen below; none is deleted unseen with the goal.
		const [locked] = await tx.select({ id: goal.id }).from(goal).where(eq(goal.id, target.id)).for('update');
		if (!locked) throw new NotFoundError();
		const reasons = await deletionBlockers(tx, target);
		if (reasons.length > 0) throw new ConflictError(reasons);
		await tx.delete(goal).where(eq(goal.id, target.id));
		await deleteDocument(tx, goalDocName(target.id));
	});
	// No one has access to a document that is gone: the sync server re-checks and closes its sockets.
	publish({ type: 'access-changed', userIds: [], municipalityId: target.municipalityId });
	announce(target.municipalityId, target.id);
}
