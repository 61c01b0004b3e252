import { and, asc, eq, gte, inArray, isNull, lt, lte, ne, or, type SQL } from 'drizzle-orm';
import type { Db } from '../db';
import { goal, indicator, tandemMember } from '../db/schema';
import { can, home, type Subject } from '../access/rules';
import { addMonths } from '../../shared/frequency';
import { dueAgreements } from '../agreements/agreements';
import { waitingThreads } from '../comments/comments';

/**
 * What needs a person's attention, for the due list and the calendar feed: measurements whose
 * due date has passed, goal deadlines soon, agreements to sign or review, and conversations
 * waiting for the person (mentions and replies, until answered or resolved). "Mine" are the goals of the tandems a person
 * belongs to, and for a department head the goals of their department.
 */

export const DEADLINE_DAYS = 30;

async function myGoals(db: Db, subject: Subject): Promise<SQL | undefined> {
	if (!can(subject, 'read', home(subject))) return undefined;
	const tandems = await db.select({ id: tandemMember.tandemId }).from(tandemMember).where(eq(tandemMember.membershipId, subject.membershipId));
	const parts: SQL[] = [];
	if (tandems.length > 0) parts.push(inArray(goal.tandemId, tandems.map((t) => t.id)));
	if (subject.roles.includes('head') && subject.departmentId) parts.push(eq(goal.departmentId, subject.departmentId));
	return parts.length > 0 ? or(...parts) : undefined;
}

export interface DueMeasurement {
	goalId: string;
	goalTitle: string;
	indicatorId: string;
	indicatorName: string;
	nextDue: string;
}

export interface DueDeadline {
	goalId: string;
	goalTitle: string;
	deadline: string;
}

/** Indicators of my open goals with a due date (`before`: only those due before that date). */
export async function dueMeasurements(db: Db, subject: Subject, before?: string): Promise<DueMeasurement[]> {
	const mine = await myGoals(db, subject);
	if (!mine) return [];
	return db
		.select({ goalId: goal.id, goalTitle: goal.title, indicatorId: indicator.id, indicatorName: indicator.name, nextDue: indicator.nextDue })
		.from(indicator)
		.innerJoin(goal, eq(goal.id, indicator.goalId))
		.where(and(mine, eq(goal.municipalityId, subject.municipalityId), isNull(goal.closedAt), isNull(indicator.archivedAt), before ? lt(indicator.nextDue, before) : undefined))
		.orderBy(asc(indicator.nextDue)) as Promise<DueMeasurement[]>;
}

/** Deadlines of my open goals between `from` and `to` (inclusive); all future ones without `to`. */
export async function dueDeadlines(db: Db, subject: Subject, from: string, to?: string): Promise<DueDeadline[]> {
	const mine = await myGoals(db, subject);
	if (!mine) return [];
	return db
		.select({ goalId: goal.id, goalTitle: goal.title, deadline: goal.deadline })
		.from(goal)
		.where(and(mine, eq(goal.municipalityId, subject.municipalityId), isNull(goal.closedAt), ne(goal.status, 'closed'), gte(goal.deadline, from), to ? lte(goal.deadline, to) : undefined))
		.orderBy(asc(goal.deadline)) as Promise<DueDeadline[]>;
}

/** The due list: overdue measurements, deadlines and agreement reviews in the next 30 days, signatures awaited, comments waiting. */
export async function dueList(db: Db, subject: Subject, today: string) {
	const soon = addDays(today, DEADLINE_DAYS);
	const [overdue, deadlines, agreements, comments] = await Promise.all([
		dueMeasurements(db, subject, today),
		dueDeadlines(db, subject, today, soon),
		dueAgreements(db, subject, soon),
		can(subject, 'read', home(subject)) ? waitingThreads(db, subject) : []
	]);
	return { overdue: overdue.filter((o) => o.nextDue !== null), deadlines, agreements, comments };
}

export function addDays(date: string, days: number): string {
	return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

// A year ahead is what a calendar subscription needs; older due dates stay visible as overdue.
export const FEED_MONTHS = 12;
export const feedUntil = (today: string) => addMonths(today, FEED_MONTHS);
