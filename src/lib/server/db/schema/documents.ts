import { bigserial, bigint, customType, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
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
		userId: uuid('user_id').references(() => user.id, { onDelete: 'set null' }),
		update: bytea('update').notNull(),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('doc_update_doc_idx').on(t.docName, t.id)]
);

/** The merged state of a document up to an update id, so loads do not replay the whole log. */
export const docCheckpoint = pgTable('doc_checkpoint', {
	docName: text('doc_name').primaryKey(),
	upToId: bigint('up_to_id', { mode: 'number' }).notNull(),
	state: bytea('state').notNull(),
	createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
});
