import { pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/** When work that runs once for all processes (housekeeping) last completed. */
export const jobRun = pgTable('job_run', {
	name: text('name').primaryKey(),
	finishedAt: timestamp('finished_at', { withTimezone: true }).notNull()
});
