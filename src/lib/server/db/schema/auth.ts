import { integer, pgTable, text, timestamp, uuid, index } from 'drizzle-orm/pg-core';
import { department, municipality } from './municipalities';
import { user } from './people';

/** Lucia-style session: the id is the SHA-256 of the token in the cookie, never the token itself. */
export const session = pgTable(
	'session',
	{
		id: text('id').primaryKey(),
		userId: uuid('user_id')
			.notNull()
			.references(() => user.id, { onDelete: 'cascade' }),
		municipalityId: uuid('municipality_id')
			.notNull()
			.references(() => municipality.id, { onDelete: 'cascade' }),
		expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		/** Names the session on the account page and in its forms (the id must stay unknown to pages). */
		publicId: uuid('public_id').notNull().unique().defaultRandom(),
		/** Touched at most once a minute; the idle timeout counts from here. */
		lastUsedAt: timestamp('last_used_at', { withTimezone: true }).notNull().defaultNow(),
		/** The browser's User-Agent at sign-in, to tell devices apart on the account page. */
		userAgent: text('user_agent'),
		/** How the person signed in. */
		method: text('method', { enum: ['password'] }).notNull().default('password')
	},
	(t) => [index('session_user_idx').on(t.userId)]
);
export type Session = typeof session.$inferSelect;

/** Failed sign-ins counted per key ("account:<email>" or "address:<ip>") within a window. */
export const loginAttempt = pgTable('login_attempt', {
	key: text('key').primaryKey(),
	failures: integer('failures').notNull(),
	windowStart: timestamp('window_start', { withTimezone: true }).notNull()
});

/** An invitation link: single use, expiring, carries municipality, roles and department. */
export const invitation = pgTable(
	'invitation',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		tokenHash: text('token_hash').notNull().unique(),
		municipalityId: uuid('municipality_id')
			.notNull()
			.references(() => municipality.id, { onDelete: 'cascade' }),
		roles: text('roles').array().notNull(),
		departmentId: uuid('department_id').references(() => department.id, { onDelete: 'set null' }),
		note: text('note').notNull().default(''),
		createdBy: uuid('created_by').references(() => user.id, { onDelete: 'set null' }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
		usedAt: timestamp('used_at', { withTimezone: true }),
		usedBy: uuid('used_by').references(() => user.id, { onDelete: 'set null' }),
		revokedAt: timestamp('revoked_at', { withTimezone: true })
	},
	(t) => [index('invitation_municipality_idx').on(t.municipalityId)]
);
export type Invitation = typeof invitation.$inferSelect;

/** A password reset link issued by an admin: single use, expiring. */
export const passwordReset = pgTable('password_reset', {
	id: uuid('id').primaryKey().defaultRandom(),
	tokenHash: text('token_hash').notNull().unique(),
	userId: uuid('user_id')
		.notNull()
		.references(() => user.id, { onDelete: 'cascade' }),
	municipalityId: uuid('municipality_id')
		.notNull()
		.references(() => municipality.id, { onDelete: 'cascade' }),
	createdBy: uuid('created_by').references(() => user.id, { onDelete: 'set null' }),
	createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
	expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
	usedAt: timestamp('used_at', { withTimezone: true })
});
