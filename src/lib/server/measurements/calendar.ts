import { and, eq } from 'drizzle-orm';
import type { Db } from '../db';
import { calendarFeed, membership } from '../db/schema';
import type { Actor } from '../auth/session';
import { generateToken, hashToken } from '../auth/tokens';
import { dueDeadlines, dueMeasurements, feedUntil } from './due';
import { dueAgreements } from '../agreements/agreements';
import { waitingThreads } from '../comments/comments';
import { calendarFeed as renderFeed, type CalendarEvent } from '../../shared/ical';
import { berlinToday } from '../../shared/smart';
import type { Role } from '../../shared/roles';

/**
 * A personal calendar subscription (iCal): a secret URL per person and municipality, only its
 * hash stored, revocable; making a new one ends the old one. Calendar apps cannot sign in, so
 * the token is the credential — and the membership must still be active each time.
 */

export async function feedState(db: Db, actor: Actor): Promise<{ createdAt: Date; lastUsedAt: Date | null } | null> {
	const [row] = await db
		.select({ createdAt: calendarFeed.createdAt, lastUsedAt: calendarFeed.lastUsedAt })
		.from(calendarFeed)
		.where(and(eq(calendarFeed.userId, actor.userId), eq(calendarFeed.municipalityId, actor.municipalityId)));
	return row ?? null;
}

/** A new secret URL token (replacing any earlier one); shown once. */
export async function createFeed(db: Db, actor: Actor): Promise<string> {
	const token = generateToken();
	await db.transaction(async (tx) => {
		await tx.delete(calendarFeed).where(and(eq(calendarFeed.userId, actor.userId), eq(calendarFeed.municipalityId, actor.municipalityId)));
		await tx.insert(calendarFeed).values({ tokenHash: hashToken(token), userId: actor.userId, municipalityId: actor.municipalityId });
	});
	return token;
}

export async function revokeFeed(db: Db, actor: Actor): Promise<void> {
	await db.delete(calendarFeed).where(and(eq(calendarFeed.userId, actor.userId), eq(calendarFeed.municipalityId, actor.municipalityId)));
}

export interface FeedTexts {
	name: string;
	deadline: (title: string) => string;
	measurement: (indicator: string, goal: string) => string;
	review: (agreement: string) => string;
	/** A conversation waiting for the person: a mention, or a reply in a thread they take part in. */
	comment: (author: string, goal: string, mentioned: boolean) => string;
}

/** The calendar for a token, or null when the token is unknown or the membership has ended. */
export async function feedFor(db: Db, token: string, origin: string, texts: FeedTexts, now = new Date()): Promise<string | null> {
	if (!/^[a-z2-7]{32}$/.test(token)) return null;
	const [row] = await db
		.select({ userId: calendarFeed.userId, municipalityId: calendarFeed.municipalityId, tokenHash: calendarFeed.tokenHash, membershipId: membership.id, roles: membership.roles, departmentId: membership.departmentId, active: membership.active })
		.from(calendarFeed)
		.innerJoin(membership, and(eq(membership.userId, calendarFeed.userId), eq(membership.municipalityId, calendarFeed.municipalityId)))
		.where(eq(calendarFeed.tokenHash, hashToken(token)));
	if (!row || !row.active) return null;
	const subject = { municipalityId: row.municipalityId, membershipId: row.membershipId, roles: row.roles as Role[], departmentId: row.departmentId };
	const today = berlinToday(now);
	const until = feedUntil(today);
	const [measurements, deadlines, agreements, comments] = await Promise.all([dueMeasurements(db, subject), dueDeadlines(db, subject, today, until), dueAgreements(db, subject, until), waitingThreads(db, subject)]);
	const events: CalendarEvent[] = [
		...deadlines.map((d) => ({ uid: `deadline-${d.goalId}`, date: d.deadline, summary: texts.deadline(d.goalTitle), url: `${origin}/goals/${d.goalId}` })),
		...measurements
			.filter((i) => i.nextDue !== null && i.nextDue <= until)
			.map((i) => ({ uid: `due-${i.indicatorId}-${i.nextDue}`, date: i.nextDue, summary: texts.measurement(i.indicatorName, i.goalTitle), url: `${origin}/goals/${i.goalId}/indicators` })),
		...agreements
			.filter((a) => a.reviewOn !== null)
			.map((a) => ({ uid: `review-${a.id}-${a.reviewOn}`, date: a.reviewOn!, summary: texts.review(a.title), url: `${origin}/agreements/${a.id}` })),
		// On the day of the latest comment, until answered or resolved; a newer comment is a new event.
		...comments.map((c) => ({ uid: `comment-${c.threadId}-${c.at.getTime()}`, date: berlinToday(c.at), summary: texts.comment(c.authorName ?? '', c.goalTitle, c.mentioned), url: `${origin}/goals/${c.goalId}#thread-${c.threadId}` }))
	];
	await db.update(calendarFeed).set({ lastUsedAt: now }).where(eq(calendarFeed.tokenHash, row.tokenHash));
	return renderFeed({ name: texts.name, events, now });
}
