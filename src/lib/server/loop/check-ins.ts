import { desc, eq } from 'drizzle-orm';
import type { Db } from '../db';
import { checkIn, goal } from '../db/schema';
import type { Actor } from '../auth/session';
import { announce } from '../goals/announce';
import { requireTarget, type TargetRef } from '../access/targets';
import { Check } from '../validation';
import { asDate } from '../../shared/goal-doc';
import { CHECK_IN_OVERALL, type CheckInOverall } from '../../shared/loop';
import { berlinToday } from '../../shared/smart';
import { MAX_TEXT } from './experiments';

/** Check-ins (Monitoring-Gespräche): dated reviews by the tandem, and how often a goal wants one. */

export interface CheckInInput {
	date: string;
	overall: string;
	confidence: string;
	happened: string;
	decided: string;
	participants: string;
}

export async function addCheckIn(db: Db, actor: Actor, goalRef: TargetRef<'goal'>, input: CheckInInput, today = berlinToday()): Promise<string> {
	const goalId = (await requireTarget(db, actor, 'goal', goalRef, 'editGoal')).id;
	const check = new Check();
	const date = asDate(input.date.trim());
	check.when(date === null, 'date', input.date.trim() ? 'error_date_invalid' : 'error_check_in_date_required');
	check.when(date !== null && date > today, 'date', 'error_check_in_date_future');
	check.when(!(CHECK_IN_OVERALL as readonly string[]).includes(input.overall), 'overall', 'error_check_in_overall_required');
	const confidence = /^(10|\d)$/.test(input.confidence.trim()) ? Number(input.confidence.trim()) : null;
	check.when(confidence === null, 'confidence', 'error_confidence_invalid');
	const happened = input.happened.trim();
	const decided = input.decided.trim();
	const participants = input.participants.trim();
	check.when(happened === '' && decided === '', 'happened', 'error_check_in_empty');
	for (const [field, text] of [['happened', happened], ['decided', decided], ['participants', participants]] as const) {
		check.when(text.length > MAX_TEXT, field, 'error_text_too_long');
	}
	check.throwIfAny();
	const [row] = await db
		.insert(checkIn)
		.values({ municipalityId: actor.municipalityId, goalId, date: date!, overall: input.overall, confidence: confidence!, happened, decided, participants, createdBy: actor.userId })
		.returning({ id: checkIn.id });
	announce(actor.municipalityId, goalId);
	return row!.id;
}

export async function listCheckIns(db: Db, actor: Actor, goalRef: TargetRef<'goal'>) {
	const goalId = (await requireTarget(db, actor, 'goal', goalRef, 'read')).id;
	const rows = await db.select().from(checkIn).where(eq(checkIn.goalId, goalId)).orderBy(desc(checkIn.date), desc(checkIn.createdAt));
	return rows.map((r) => ({ ...r, overall: r.overall as CheckInOverall }));
}

/** How many months between check-ins this goal wants (1–24). */
export async function setCheckInInterval(db: Db, actor: Actor, goalRef: TargetRef<'goal'>, months: string): Promise<void> {
	const goalId = (await requireTarget(db, actor, 'goal', goalRef, 'editGoal')).id;
	const value = /^\d{1,2}$/.test(months.trim()) ? Number(months.trim()) : 0;
	new Check().when(value < 1 || value > 24, 'checkInMonths', 'error_check_in_interval_invalid').throwIfAny();
	await db.update(goal).set({ checkInMonths: value }).where(eq(goal.id, goalId));
	announce(actor.municipalityId, goalId);
}
