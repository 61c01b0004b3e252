import { boolean, pgTable, text, timestamp, uuid, unique, index } from 'drizzle-orm/pg-core';
import { department, municipality } from './municipalities';

/** A person; one account may belong to several municipalities through memberships. */
export const user = pgTable('user', {
	id: uuid('id').primaryKey().defaultRandom(),
	/** Stored lower-cased so sign-in is case-insensitive. */
	email: text('email').notNull().unique(),
	name: text('name').notNull(),
	passwordHash: text('password_hash').notNull(),
	passwordChangedAt: timestamp('password_changed_at', { withTimezone: true }).notNull().defaultNow(),
	createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
});
export type User = typeof user.$inferSelect;

/** A user's place in one municipality: a set of roles and, for department staff and heads, their department. */
export const membership = pgTable(
	'membership',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		userId: uuid('user_id')
			.notNull()
			.references(() => user.id, { onDelete: 'cascade' }),
		municipalityId: uuid('municipality_id')
			.notNull()
			.references(() => municipality.id, { onDelete: 'cascade' }),
		roles: text('roles').array().notNull(),
		departmentId: uuid('department_id').references(() => department.id, { onDelete: 'set null' }),
		active: boolean('active').notNull().default(true),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		unique('membership_user_municipality_unique').on(t.userId, t.municipalityId),
		index('membership_municipality_idx').on(t.municipalityId)
	]
);
export type Membership = typeof membership.$inferSelect;
