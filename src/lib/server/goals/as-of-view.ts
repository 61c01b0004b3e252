import { eq } from 'drizzle-orm';
import type { Db } from '../db';
import { goal } from '../db/schema';
import { requireTarget, type TargetRef } from '../access/targets';
import type { Actor } from '../auth/session';
import { goalAsOf, goalRatingAsOf, indicatorAsOf, valuesUpTo, type GoalAsOf } from './as-of';
import { asDate } from '../../shared/doc-values';
import type { TrackStatus } from '../../shared/forecast';
import type { MessageKey } from '../../shared/messages';
import { berlinToday, endOfBerlinDay } from '../../shared/smart';
import type { SnapshotIndicator } from '../../shared/snapshot';

/**
 * The "Stand am …" page: any goal, read-only, as it stood at the end of a day in Berlin, with
 * its indicators as defined then, their values dated up to that day and the forecast of then.
 * A bad date is a field error of the page's form, not a failed page.
 */
export type GoalAsOfView = { title: string } & (
	| { kind: 'invalid'; input: string; error: MessageKey }
	| { kind: 'notYet'; date: string; createdOn: string }
	| { kind: 'shown'; date: string; then: GoalAsOf; indicators: SnapshotIndicator[]; progress: number | null; trackStatus: TrackStatus }
);

/** `input` is the date asked for (`yyyy-mm-dd`); none means today. `title` is the goal's title now. */
export async function goalAsOfView(db: Db, actor: Actor, ref: TargetRef<'goal'>, input: string | null, today = berlinToday()): Promise<GoalAsOfView> {
	const target = await requireTarget(db, actor, 'goal', ref, 'read');
	const [row] = await db.select({ title: goal.title, createdAt: goal.createdAt }).from(goal).where(eq(goal.id, target.id));
	const { title, createdAt } = row!;
	const asked = input?.trim() || today;
	const date = asDate(asked);
	if (date === null) return { title, kind: 'invalid', input: asked, error: 'error_date_invalid' };
	if (date > today) return { title, kind: 'invalid', input: asked, error: 'goal_as_of_future' };
	if (createdAt >= endOfBerlinDay(date)) return { title, kind: 'notYet', date, createdOn: berlinToday(createdAt) };
	const [then, values] = await Promise.all([goalAsOf(db, target.id, date), valuesUpTo(db, [target.id], date)]);
	// Members see every value, as on the goal page: no suppression of small case counts.
	const indicators = then!.content.indicators.map((def) => indicatorAsOf(def, then!.content.deadline, values, date, null));
	return {
		title,
		kind: 'shown',
		date,
		then: then!,
		indicators: indicators.map(({ history: _history, ...indicator }) => indicator),
		...goalRatingAsOf(indicators)
	};
}
