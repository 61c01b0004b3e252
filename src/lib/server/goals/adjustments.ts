import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import type { Db } from '../db';
import { adjustment, goal, user } from '../db/schema';
import type { Actor } from '../auth/session';
import { requireTarget, type TargetRef } from '../access/targets';
import { announce } from './announce';
import { Check, isUuid } from '../validation';
import { canonicalJson } from '../../shared/content-hash';
import { substantiveChanges, type Substantive } from '../../shared/loop';
import { NotFoundError } from '../errors';

/**
 * Adjustments (Anpassungen) of agreed goals: the projection records each changed substantive
 * field with its value before and after; people add the reason. Nothing is rewritten silently.
 */

export const MAX_REASON = 2000;

/**
 * Called by the projection with the substantive fields before and after a change of a goal that
 * was agreed. Further edits of a field whose adjustment has no reason yet (and was not signed
 * since) move its "after", and drop it when the field is back where it was, so typing makes one
 * adjustment, not hundreds.
 */
export async function recordAdjustments(db: Db, goalId: string, municipalityId: string, before: Substantive, after: Substantive): Promise<number> {
	const changes = substantiveChanges(before, after);
	if (changes.length === 0) return 0;
	const open = await db.select().from(adjustment).where(and(eq(adjustment.goalId, goalId), isNull(adjustment.reason), isNull(adjustment.settledAt)));
	const now = new Date();
	for (const change of changes) {
		const pending = open.find((a) => a.field === change.field);
		if (!pending) {
			await db.insert(adjustment).values({ municipalityId, goalId, field: change.field, label: change.label, before: change.before, after: change.after, detectedAt: now, updatedAt: now });
		} else if (canonicalJson(pending.before) === canonicalJson(change.after)) {
			await db.delete(adjustment).where(eq(adjustment.id, pending.id));
		} else {
			await db.update(adjustment).set({ after: change.after, label: change.label, updatedAt: now }).where(eq(adjustment.id, pending.id));
		}
	}
	return changes.length;
}

/** Both sides signed again: the adjustments so far belong to that agreement and are no longer followed. */
export async function settleAdjustments(db: Db, goalId: string): Promise<void> {
	await db.update(adjustment).set({ settledAt: new Date() }).where(and(eq(adjustment.goalId, goalId), isNull(adjustment.settledAt)));
}

export interface AdjustmentView {
	id: string;
	field: string;
	label: string;
	before: unknown;
	after: unknown;
	detectedAt: Date;
	reason: string | null;
	reasonBy: string | null;
	reasonAt: Date | null;
}

export async function listAdjustments(db: Db, actor: Actor, goalRef: TargetRef<'goal'>): Promise<AdjustmentView[]> {
	const goalId = (await requireTarget(db, actor, 'goal', goalRef, 'read')).id;
	const rows = await db
		.select({ a: adjustment, reasonBy: user.name })
		.from(adjustment)
		.leftJoin(user, eq(user.id, adjustment.reasonBy))
		.where(eq(adjustment.goalId, goalId))
		.orderBy(asc(adjustment.detectedAt), asc(adjustment.field));
	return rows.map(({ a, reasonBy }) => ({ id: a.id, field: a.field, label: a.label, before: a.before, after: a.after, detectedAt: a.detectedAt, reason: a.reason, reasonBy, reasonAt: a.reasonAt }));
}

export interface UnexplainedAdjustment {
	id: string;
	goalId: string;
	goalTitle: string;
	field: string;
	label: string;
	before: unknown;
	after: unknown;
	detectedAt: Date;
}

/**
 * The adjustments without a reason in goals about to be reported on (ids the caller checked):
 * a report prints them "ohne Begründung", so the form lists them first with a way to add one.
 */
export async function unexplainedAdjustments(db: Db, municipalityId: string, goalIds: readonly string[]): Promise<UnexplainedAdjustment[]> {
	if (goalIds.length === 0) return [];
	const rows = await db
		.select({ a: adjustment, goalTitle: goal.title })
		.from(adjustment)
		.innerJoin(goal, eq(goal.id, adjustment.goalId))
		.where(and(eq(adjustment.municipalityId, municipalityId), inArray(adjustment.goalId, [...goalIds]), isNull(adjustment.reason)))
		.orderBy(asc(goal.title), asc(adjustment.detectedAt), asc(adjustment.field));
	return rows.map(({ a, goalTitle }) => ({ id: a.id, goalId: a.goalId, goalTitle, field: a.field, label: a.label, before: a.before, after: a.after, detectedAt: a.detectedAt }));
}

/** Gives (or corrects) the reason of an adjustment; the goal's write right is needed. */
export async function explainAdjustment(db: Db, actor: Actor, goalRef: TargetRef<'goal'>, input: { adjustmentId: string; reason: string }): Promise<void> {
	const goalId = (await requireTarget(db, actor, 'goal', goalRef, 'editGoal')).id;
	if (!isUuid(input.adjustmentId)) throw new NotFoundError();
	const [row] = await db.select({ id: adjustment.id }).from(adjustment).where(and(eq(adjustment.id, input.adjustmentId), eq(adjustment.goalId, goalId)));
	if (!row) throw new NotFoundError();
	const reason = input.reason.trim();
	new Check().when(reason.length === 0, 'reason', 'error_reason_required').when(reason.length > MAX_REASON, 'reason', 'error_reason_too_long').throwIfAny();
	await db.update(adjustment).set({ reason, reasonBy: actor.userId, reasonAt: new Date() }).where(eq(adjustment.id, input.adjustmentId));
	announce(actor.municipalityId, goalId);
}
