import { and, asc, eq, inArray, isNotNull, isNull, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../db';
import { inTransaction } from '../db';
import { comment, commentMention, goal, indicator, measurement, membership, user } from '../db/schema';
import type { Actor } from '../auth/session';
import { can, requireCan, type Subject, type TargetOf } from '../access/rules';
import { readableTarget, requireTarget, type Loaded, type TargetRef } from '../access/targets';
import { ConflictError, NotFoundError, ValidationError } from '../errors';
import { publish } from '../events';
import { Check, isUuid } from '../validation';
import { findMentions, MAX_COMMENT, suggestionsOf, type Suggestion } from '../../shared/mentions';
import type { MessageKey } from '../../shared/messages';

/**
 * Conversations on a goal and its measurements: threads, replies, mentions with "@", resolving.
 * Whoever may read the goal reads and writes them; nothing of them reaches council reports.
 */

/** A mention that names nobody, or more than one person: the field error names what was written. */
export class MentionError extends ValidationError {
	constructor(
		readonly key: MessageKey,
		readonly names: string[]
	) {
		super({ body: key }, { body: { names: names.join(', ') } });
	}
}

export interface CommentInput {
	body: string;
	/** The measurement a new thread is about; none for the goal itself. */
	measurementId?: string;
	/** The thread a reply belongs to. */
	threadId?: string;
}

/** The people who may read the goal and so can be mentioned: the municipality's active members. */
export async function mentionableMembers(db: Db, municipalityId: string) {
	return db
		.select({ id: membership.id, name: user.name, email: user.email })
		.from(membership)
		.innerJoin(user, eq(user.id, membership.userId))
		.where(and(eq(membership.municipalityId, municipalityId), eq(membership.active, true)))
		.orderBy(asc(user.name));
}

/**
 * Whom the comment form suggests after "@" on this goal: the same people a mention resolves to.
 * An e-mail address is only given out where two people share a name; 404 for unreadable goals.
 */
export async function mentionSuggestions(db: Db, actor: Actor, goalId: string): Promise<Suggestion[]> {
	const target = await readableTarget(db, actor, 'goal', goalId);
	if (!target) throw new NotFoundError();
	return suggestionsOf(await mentionableMembers(db, target.municipalityId));
}

async function resolveMentions(db: Db, municipalityId: string, body: string): Promise<string[]> {
	if (!body.includes('@')) return [];
	const found = findMentions(body, await mentionableMembers(db, municipalityId));
	if (found.unknown.length > 0) throw new MentionError('error_comment_mention_unknown', found.unknown);
	if (found.ambiguous.length > 0) throw new MentionError('error_comment_mention_ambiguous', found.ambiguous);
	return found.ids;
}

/** A thread's first comment, within the goal; else 404. */
async function threadRoot(db: Db, goalId: string, threadId: string) {
	if (!isUuid(threadId)) throw new NotFoundError();
	const [root] = await db.select().from(comment).where(and(eq(comment.id, threadId), eq(comment.goalId, goalId), isNull(comment.threadId)));
	if (!root) throw new NotFoundError();
	return root;
}

const threadTarget = (goalTarget: Loaded<'goal'>, authorId: string | null): TargetOf<'thread'> => ({
	kind: 'thread',
	municipalityId: goalTarget.municipalityId,
	authorId,
	goal: goalTarget
});

function announceComments(municipalityId: string, goalId: string): void {
	publish({ type: 'comments-changed', municipalityId, goalId });
}

/** Writes a comment (a new thread, or a reply); returns its thread's id. */
export async function addComment(db: Db, actor: Actor, goalRef: TargetRef<'goal'>, input: CommentInput): Promise<string> {
	const target = await requireTarget(db, actor, 'goal', goalRef, 'comment');
	const body = input.body.trim();
	new Check()
		.when(body === '', 'body', 'error_comment_body_required')
		.when(body.length > MAX_COMMENT, 'body', 'error_comment_body_too_long')
		.throwIfAny();
	const root = input.threadId ? await threadRoot(db, target.id, input.threadId) : undefined;
	if (root?.resolvedAt) throw new ConflictError(['error_comment_thread_resolved']);
	let measurementId: string | null = root ? root.measurementId : null;
	if (!root && input.measurementId) {
		if (!isUuid(input.measurementId)) throw new NotFoundError();
		const [row] = await db.select({ id: measurement.id }).from(measurement).where(and(eq(measurement.id, input.measurementId), eq(measurement.goalId, target.id)));
		if (!row) throw new NotFoundError();
		measurementId = row.id;
	}
	const mentioned = await resolveMentions(db, actor.municipalityId, body);
	const threadId = await inTransaction(db, async (tx) => {
		const [row] = await tx
			.insert(comment)
			.values({ municipalityId: actor.municipalityId, goalId: target.id, measurementId, threadId: root?.id ?? null, authorId: actor.membershipId, body })
			.returning({ id: comment.id });
		if (mentioned.length > 0) await tx.insert(commentMention).values(mentioned.map((membershipId) => ({ commentId: row!.id, membershipId })));
		return root?.id ?? row!.id;
	});
	announceComments(actor.municipalityId, target.id);
	return threadId;
}

/** Resolves a thread or opens it again; the change is an entry of the thread (and so of the history). */
export async function setThreadResolved(db: Db, actor: Actor, goalRef: TargetRef<'goal'>, threadId: string, resolved: boolean): Promise<void> {
	const target = await requireTarget(db, actor, 'goal', goalRef, 'read');
	const root = await threadRoot(db, target.id, threadId);
	requireCan(actor, 'resolveThread', threadTarget(target, root.authorId));
	if ((root.resolvedAt !== null) === resolved) return;
	await inTransaction(db, async (tx) => {
		await tx.update(comment).set({ resolvedAt: resolved ? new Date() : null }).where(eq(comment.id, root.id));
		await tx.insert(comment).values({ municipalityId: actor.municipalityId, goalId: target.id, measurementId: root.measurementId, threadId: root.id, authorId: actor.membershipId, kind: resolved ? 'resolved' : 'reopened' });
	});
	announceComments(actor.municipalityId, target.id);
}

const author = alias(user, 'comment_author');
const authorMembership = alias(membership, 'comment_author_membership');

/** Every entry of the goal's threads, oldest first, with who wrote it and what it is about. */
export async function goalEntries(db: Db, goalId: string, measurementId?: string) {
	return db
		.select({
			id: comment.id,
			threadId: comment.threadId,
			kind: comment.kind,
			body: comment.body,
			createdAt: comment.createdAt,
			resolvedAt: comment.resolvedAt,
			authorId: comment.authorId,
			authorName: author.name,
			measurementId: comment.measurementId,
			measurementDate: measurement.refDate,
			measurementGroup: measurement.groupName,
			indicatorName: indicator.name
		})
		.from(comment)
		.leftJoin(authorMembership, eq(authorMembership.id, comment.authorId))
		.leftJoin(author, eq(author.id, authorMembership.userId))
		.leftJoin(measurement, eq(measurement.id, comment.measurementId))
		.leftJoin(indicator, eq(indicator.id, measurement.indicatorId))
		.where(and(eq(comment.goalId, goalId), measurementId ? eq(comment.measurementId, measurementId) : undefined))
		.orderBy(asc(comment.createdAt), asc(comment.id));
}

export interface CommentView {
	id: string;
	kind: 'comment' | 'resolved' | 'reopened';
	authorName: string | null;
	body: string;
	createdAt: Date;
	/** The names (and addresses) of the people mentioned in it, to mark them in the text. */
	mentions: string[];
}

export interface ThreadView {
	id: string;
	measurement: { id: string; date: string; group: string; indicatorName: string } | null;
	resolvedAt: Date | null;
	canResolve: boolean;
	entries: CommentView[];
}

/**
 * The goal's threads for someone who may read it (only those about one measurement when
 * `measurementId` is given), newest thread first; undefined when they may not read the goal.
 */
export async function goalThreads(db: Db, actor: Actor, goalRef: TargetRef<'goal'>, measurementId?: string): Promise<ThreadView[] | undefined> {
	const target = await readableTarget(db, actor, 'goal', goalRef);
	if (!target || (measurementId !== undefined && !isUuid(measurementId))) return undefined;
	const rows = await goalEntries(db, target.id, measurementId);
	const mentionRows = rows.length === 0 ? [] : await db
		.select({ commentId: commentMention.commentId, name: user.name, email: user.email })
		.from(commentMention)
		.innerJoin(membership, eq(membership.id, commentMention.membershipId))
		.innerJoin(user, eq(user.id, membership.userId))
		.where(inArray(commentMention.commentId, rows.map((r) => r.id)));
	const threads = new Map<string, ThreadView>();
	for (const row of rows) {
		const entry: CommentView = {
			id: row.id,
			kind: row.kind,
			authorName: row.authorName,
			body: row.body,
			createdAt: row.createdAt,
			mentions: mentionRows.filter((m) => m.commentId === row.id).flatMap((m) => [m.name, m.email])
		};
		if (row.threadId === null) {
			threads.set(row.id, {
				id: row.id,
				measurement: row.measurementId && row.measurementDate ? { id: row.measurementId, date: row.measurementDate, group: row.measurementGroup ?? '', indicatorName: row.indicatorName ?? '' } : null,
				resolvedAt: row.resolvedAt,
				canResolve: can(actor, 'resolveThread', threadTarget(target, row.authorId)),
				entries: [entry]
			});
		} else {
			threads.get(row.threadId)?.entries.push(entry);
		}
	}
	return [...threads.values()].reverse();
}

/** The comments page: the goal's title and all its threads; 404 for goals the person may not read. */
export async function commentsOfGoal(db: Db, actor: Actor, goalId: string) {
	const target = await requireTarget(db, actor, 'goal', goalId, 'read');
	const [named] = await db.select({ title: goal.title }).from(goal).where(eq(goal.id, target.id));
	return { goal: { id: target.id, title: named?.title ?? '' }, threads: (await goalThreads(db, actor, target)) ?? [] };
}

export interface CommentHistoryEntry {
	id: string;
	threadId: string;
	kind: 'comment' | 'reply' | 'resolved' | 'reopened';
	userName: string | null;
	at: Date;
	/** The start of what was written (empty for resolving and reopening). */
	excerpt: string;
}

const EXCERPT = 80;
export const excerptOf = (body: string) => (body.length > EXCERPT ? `${body.slice(0, EXCERPT - 1)}…` : body);

/** The goal's conversation as history entries, newest first; undefined when the goal is not readable. */
export async function commentHistory(db: Db, actor: Actor, goalRef: TargetRef<'goal'>): Promise<CommentHistoryEntry[] | undefined> {
	const target = await readableTarget(db, actor, 'goal', goalRef);
	if (!target) return undefined;
	const rows = await goalEntries(db, target.id);
	return rows
		.map((row) => ({
			id: row.id,
			threadId: row.threadId ?? row.id,
			kind: row.kind === 'comment' ? (row.threadId ? ('reply' as const) : ('comment' as const)) : row.kind,
			userName: row.authorName,
			at: row.createdAt,
			excerpt: excerptOf(row.body)
		}))
		.reverse();
}

export interface WaitingThread {
	threadId: string;
	goalId: string;
	goalTitle: string;
	measurementId: string | null;
	/** Who wrote last, when, and the start of it. */
	authorName: string | null;
	at: Date;
	excerpt: string;
	/** Named with @ somewhere in the thread (else: taking part in it). */
	mentioned: boolean;
}

/**
 * Conversations waiting for this person: open threads they were mentioned in or wrote in, whose
 * latest comment is someone else's. Answering or resolving the thread takes it off the list
 * (decision 0027).
 */
export async function waitingThreads(db: Db, subject: Subject): Promise<WaitingThread[]> {
	const me = subject.membershipId;
	const thread = sql<string>`coalesce(${comment.threadId}, ${comment.id})`;
	const mine = await db
		.select({ threadId: thread, mentioned: sql<boolean>`bool_or(${commentMention.membershipId} is not null)` })
		.from(comment)
		.leftJoin(commentMention, and(eq(commentMention.commentId, comment.id), eq(commentMention.membershipId, me)))
		.where(and(eq(comment.municipalityId, subject.municipalityId), eq(comment.kind, 'comment'), or(eq(comment.authorId, me), isNotNull(commentMention.membershipId))))
		.groupBy(thread);
	if (mine.length === 0) return [];
	const root = alias(comment, 'thread_root');
	const rows = await db
		.select({
			threadId: root.id,
			goalId: goal.id,
			goalTitle: goal.title,
			measurementId: root.measurementId,
			authorId: comment.authorId,
			authorName: author.name,
			at: comment.createdAt,
			body: comment.body
		})
		.from(comment)
		.innerJoin(root, eq(root.id, thread))
		.innerJoin(goal, eq(goal.id, comment.goalId))
		.leftJoin(authorMembership, eq(authorMembership.id, comment.authorId))
		.leftJoin(author, eq(author.id, authorMembership.userId))
		.where(and(inArray(root.id, mine.map((m) => m.threadId)), isNull(root.resolvedAt), eq(comment.kind, 'comment'), eq(comment.municipalityId, subject.municipalityId)))
		.orderBy(asc(comment.createdAt), asc(comment.id));
	const latest = new Map<string, (typeof rows)[number]>();
	for (const row of rows) latest.set(row.threadId, row);
	const mentioned = new Map(mine.map((m) => [m.threadId, m.mentioned]));
	return [...latest.values()]
		.filter((row) => row.authorId !== me)
		.map((row) => ({
			threadId: row.threadId,
			goalId: row.goalId,
			goalTitle: row.goalTitle,
			measurementId: row.measurementId,
			authorName: row.authorName,
			at: row.at,
			excerpt: excerptOf(row.body),
			mentioned: mentioned.get(row.threadId) ?? false
		}))
		.sort((a, b) => b.at.getTime() - a.at.getTime());
}
