import { pgTable, text, timestamp, uuid, unique } from 'drizzle-orm/pg-core';

/** A tenant: nothing of one municipality is ever visible to another. */
export const municipality = pgTable('municipality', {
	id: uuid('id').primaryKey().defaultRandom(),
	slug: text('slug').notNull().unique(),
	name: text('name').notNull(),
	createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
});
export type Municipality = typeof municipality.$inferSelect;

/** A department (Fachbereich) of one municipality. */
export const department = pgTable(
	'department',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		municipalityId: uuid('municipality_id')
			.notNull()
			.references(() => municipality.id, { onDelete: 'cascade' }),
		name: text('name').notNull(),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [unique('department_name_unique').on(t.municipalityId, t.name)]
);
export type Department = typeof department.$inferSelect;
