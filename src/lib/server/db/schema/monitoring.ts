import { integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { municipality } from './municipalities';

/**
 * The share of goals on track per quarter (decision 0022): since when a municipality's status
 * changes are recorded (`goal_status_change` holds every goal's status at that moment), and the
 * counts of the quarters that ended before, computed once with the as-of rule and kept.
 */
export const statusRecording = pgTable('status_recording', {
	municipalityId: uuid('municipality_id')
		.primaryKey()
		.references(() => municipality.id, { onDelete: 'cascade' }),
	since: timestamp('since', { withTimezone: true }).notNull()
});

export const statusQuarter = pgTable(
	'status_quarter',
	{
		municipalityId: uuid('municipality_id')
			.notNull()
			.references(() => municipality.id, { onDelete: 'cascade' }),
		/** `2025-Q3` */
		quarter: text('quarter').notNull(),
		onTrack: integer('on_track').notNull(),
		atRisk: integer('at_risk').notNull(),
		offTrack: integer('off_track').notNull(),
		noData: integer('no_data').notNull(),
		closed: integer('closed').notNull(),
		computedAt: timestamp('computed_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [primaryKey({ columns: [t.municipalityId, t.quarter] })]
);
