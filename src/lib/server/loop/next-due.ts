import { and, asc, eq, isNotNull, isNull, max } from 'drizzle-orm';
import type { Db } from '../db';
import { checkIn, indicator } from '../db/schema';
import type { Actor } from '../auth/session';
import { getGoal } from '../goals/goals';
import { requireTarget, type TargetRef } from '../access/targets';
import { checkInDue, checkInsSince } from '../../shared/loop';

export type GoalDue = { kind: 'measurement'; date: string; indicatorName: string } | { kind: 'checkIn'; date: string };

/**
 * What a goal needs next: the earliest measurement due (as the due list reads it) or the next
 * check-in, whichever comes first. A closed goal needs nothing.
 */
export async function nextDueOfGoal(db: Db, actor: Actor, goalRef: TargetRef<'goal'>, loaded?: Awaited<ReturnType<typeof getGoal>>): Promise<GoalDue | null> {
	const target = await requireTarget(db, actor, 'goal', goalRef, 'read');
	const view = loaded ?? (await getGoal(db, actor, target));
	if (!view || view.goal.closedAt !== null) return null;
	const [[measurement], [lastCheckIn]] = await Promise.all([
		db
			.select({ date: indicator.nextDue, indicatorName: indicator.name })
			.from(indicator)
			.where(and(eq(indicator.goalId, target.id), isNull(indicator.archivedAt), isNotNull(indicator.nextDue)))
			.orderBy(asc(indicator.nextDue))
			.limit(1),
		db.select({ date: max(checkIn.date) }).from(checkIn).where(eq(checkIn.goalId, target.id))
	]);
	const review: GoalDue = { kind: 'checkIn', date: checkInDue(lastCheckIn?.date ?? null, checkInsSince(view.signoffs, view.goal.createdAt), view.goal.checkInMonths) };
	if (!measurement?.date) return review;
	return measurement.date <= review.date ? { kind: 'measurement', date: measurement.date, indicatorName: measurement.indicatorName } : review;
}
