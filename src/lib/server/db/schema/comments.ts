import { index, pgTable, primaryKey, text, timestamp, uuid, type AnyPgColumn } from 'drizzle-orm/pg-core';
import { municipality } from './municipalities';
import { membership } from './people';
import { goal } from './goals';
import { measurement } from './measurements';

/**
 * A conversation on a goal or one of its measurements. A thread is its first comment (no
 * `threadId`); replies point to it. Resolving and reopening are entries of the thread too
 * (`kind`), so the goal's history keeps them; the first comment holds the thread's present state.
 */
export const comment = pgTable(
	'comment',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		municipalityId: uuid('municipality_id')
			.notNull()
			.references(() => municipality.id, { onDelete: 'cascade' }),
		goalId: uuid('goal_id')
			.notNull()
			.references(() => goal.id, { onDelete: 'cascade' }),
		/** A deleted measurement leaves its conversation on the goal. */
		measurementId: uuid('measurement_id').references(() => measurement.id, { onDelete: 'set null' }),
		threadId: uuid('thread_id').references((): AnyPgColumn => comment.id, { onDelete: 'cascade' }),
		/** comment, resolved or reopened. */
		kind: text('kind').$type<'comment' | 'resolved' | 'reopened'>().notNull().default('comment'),
		authorId: uuid('author_id').references(() => membership.id, { onDelete: 'set null' }),
		body: text('body').notNull().default(''),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		/** On a thread's first comment: when it was resolved (null while open). */
		resolvedAt: timestamp('resolved_at', { withTimezone: true })
	},
	(t) => [index('comment_goal_idx').on(t.goalId, t.createdAt), index('comment_thread_idx').on(t.threadId)]
);
export type Comment = typeof comment.$inferSelect;

/** A colleague named with @ in a comment. */
export const commentMention = pgTable(
	'comment_mention',
	{
		commentId: uuid('comment_id')
			.notNull()
			.references(() => comment.id, { onDelete: 'cascade' }),
		membershipId: uuid('membership_id')
			.notNull()
			.references(() => membership.id, { onDelete: 'cascade' })
	},
	(t) => [primaryKey({ columns: [t.commentId, t.membershipId] }), index('comment_mention_membership_idx').on(t.membershipId)]
);
