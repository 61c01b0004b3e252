import { bigserial, bigint, customType, index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { user } from './people';

/** Binary Yjs updates are stored as they are, never as JSON. */
export const bytea = customType<{ data: Uint8Array; driverData: Uint8Array | Buffer }>({
	dataType: () => 'bytea',
	toDriver: (value) => value,
	fromDriver: (value) => new Uint8Array(value.buffer, value.byteOffset, value.byteLength)
});

/**
 * The append-only log of a collaborative document's updates, each with the user whose socket
 * sent it (the server knows; nothing the client claims). History is read from here.
 */
export const docUpdate = pgTable(
	'doc_update',
	{
		id: bigserial('id', { mode: 'number' }).primaryKey(),
		docName: text('doc_name').notNull(),
		/**
		 * The row's position in its document: 1, 2, 3 … in commit order, set by a trigger from
		 * doc_head (decision 0032), so whatever is visible of a document is a gapless prefix. The
		 * 0 sent on insert is only a placeholder the trigger replaces.
		 */
		seq: bigint('seq', { mode: 'number' })
			.notNull()
			.$defaultFn(() => 0),
		userId: uuid('user_id').references(() => user.id, { onDelete: 'set null' }),
		update: bytea('update').notNull(),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('doc_update_doc_idx').on(t.docName, t.id), uniqueIndex('doc_update_doc_seq_idx').on(t.docName, t.seq)]
);

/**
 * Each document's last position. The trigger on doc_update raises it in the inserting
 * transaction, whose row lock on it makes the next writer of that document wait for the commit.
 */
export const docHead = pgTable('doc_head', {
	docName: text('doc_name').primaryKey(),
	seq: bigint('seq', { mode: 'number' }).notNull()
});

/** The merged state of a document up to an update id, so loads do not replay the whole log. */
export const docCheckpoint = pgTable('doc_checkpoint', {
	docName: text('doc_name').primaryKey(),
	upToId: bigint('up_to_id', { mode: 'number' }).notNull(),
	/** The position up to which `state` holds the log (null only on checkpoints from before positions). */
	upToSeq: bigint('up_to_seq', { mode: 'number' }),
	state: bytea('state').notNull(),
	createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
});
