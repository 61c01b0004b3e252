import { jsonb, pgTable, timestamp, uuid } from 'drizzle-orm/pg-core';
import { membership } from './people';

/** What a person saw of their goals, per goal: its forecast status and its goal status. */
export type SeenGoals = Record<string, { track: string; status: string }>;

/**
 * A person's visits of the start page, per membership, for "what changed since your last visit".
 * `since*` is the visit before the current one (what the changes are counted from); `last*` the
 * latest render, which becomes `since*` when the next visit begins (decision 0021).
 */
export const startVisit = pgTable('start_visit', {
	membershipId: uuid('membership_id')
		.primaryKey()
		.references(() => membership.id, { onDelete: 'cascade' }),
	sinceAt: timestamp('since_at', { withTimezone: true }),
	sinceSeen: jsonb('since_seen').$type<SeenGoals>(),
	lastAt: timestamp('last_at', { withTimezone: true }).notNull(),
	lastSeen: jsonb('last_seen').$type<SeenGoals>().notNull()
});
