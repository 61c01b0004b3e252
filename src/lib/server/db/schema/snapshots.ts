import { date, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { municipality } from './municipalities';
import { user } from './people';
import { bytea } from './documents';

/**
 * Council snapshots (Monitoring-Berichte): frozen copies of what a report showed, never edited;
 * withdrawing keeps the row and ends its links.
 */
export const snapshot = pgTable(
	'snapshot',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		municipalityId: uuid('municipality_id')
			.notNull()
			.references(() => municipality.id, { onDelete: 'cascade' }),
		title: text('title').notNull(),
		refDate: date('ref_date', { mode: 'string' }).notNull(),
		/** The goals it covers (also inside the content), for finding the previous snapshot. */
		goalIds: uuid('goal_ids').array().notNull(),
		/** The snapshot compared with when it was made; the report's "changes since" part. */
		previousId: uuid('previous_id'),
		/**
		 * The frozen content as canonical JSON (sorted keys, no spaces): kept as text so the JSON
		 * export hands out exactly the bytes the hash was computed over.
		 */
		content: text('content').notNull(),
		/** SHA-256 (hex) of `content`, printed on the report. */
		contentHash: text('content_hash').notNull(),
		pdf: bytea('pdf').notNull(),
		/** SHA-256 (hex) of the PDF file, to hand it out byte for byte and let anyone check it. */
		pdfHash: text('pdf_hash').notNull(),
		createdBy: uuid('created_by').references(() => user.id, { onDelete: 'set null' }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
		withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
		withdrawnBy: uuid('withdrawn_by').references(() => user.id, { onDelete: 'set null' }),
		withdrawnReason: text('withdrawn_reason')
	},
	(t) => [index('snapshot_municipality_idx').on(t.municipalityId, t.createdAt)]
);
export type Snapshot = typeof snapshot.$inferSelect;

/** A read-only link to one snapshot: only the token's hash is stored. */
export const snapshotLink = pgTable(
	'snapshot_link',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		snapshotId: uuid('snapshot_id')
			.notNull()
			.references(() => snapshot.id, { onDelete: 'cascade' }),
		municipalityId: uuid('municipality_id')
			.notNull()
			.references(() => municipality.id, { onDelete: 'cascade' }),
		tokenHash: text('token_hash').notNull().unique(),
		label: text('label').notNull().default(''),
		expiresAt: timestamp('expires_at', { withTimezone: true }),
		revokedAt: timestamp('revoked_at', { withTimezone: true }),
		views: integer('views').notNull().default(0),
		lastViewedAt: timestamp('last_viewed_at', { withTimezone: true }),
		createdBy: uuid('created_by').references(() => user.id, { onDelete: 'set null' }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('snapshot_link_snapshot_idx').on(t.snapshotId)]
);
export type SnapshotLink = typeof snapshotLink.$inferSelect;
