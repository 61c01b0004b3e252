import { check, date, doublePrecision, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { municipality } from './municipalities';
import { user } from './people';
import { goal, indicator } from './goals';
import type { ColumnMapping } from '../../../shared/csv/import';

/**
 * One value of an indicator (for one group of its breakdown, '' without) at a reference date.
 * A statistics symbol stands in place of a missing number; never both, never neither.
 */
export const measurement = pgTable(
	'measurement',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		municipalityId: uuid('municipality_id')
			.notNull()
			.references(() => municipality.id, { onDelete: 'cascade' }),
		goalId: uuid('goal_id')
			.notNull()
			.references(() => goal.id, { onDelete: 'cascade' }),
		indicatorId: uuid('indicator_id')
			.notNull()
			.references(() => indicator.id, { onDelete: 'cascade' }),
		groupName: text('group_name').notNull().default(''),
		refDate: date('ref_date', { mode: 'string' }).notNull(),
		value: doublePrecision('value'),
		symbol: text('symbol'),
		flags: text('flags').array().notNull().default(sql`'{}'::text[]`),
		cases: integer('cases'),
		note: text('note').notNull().default(''),
		source: text('source').notNull().default(''),
		importId: uuid('import_id'),
		enteredBy: uuid('entered_by').references(() => user.id, { onDelete: 'set null' }),
		enteredAt: timestamp('entered_at', { withTimezone: true }).notNull().defaultNow(),
		updatedBy: uuid('updated_by').references(() => user.id, { onDelete: 'set null' }),
		updatedAt: timestamp('updated_at', { withTimezone: true })
	},
	(t) => [
		uniqueIndex('measurement_series_date_idx').on(t.indicatorId, t.groupName, t.refDate),
		index('measurement_goal_idx').on(t.goalId),
		check('measurement_value_or_symbol', sql`(${t.value} is null) <> (${t.symbol} is null)`),
		check('measurement_cases_positive', sql`${t.cases} is null or ${t.cases} >= 0`)
	]
);
export type Measurement = typeof measurement.$inferSelect;

/**
 * Every change to a measurement, with the row before and after (deletions keep the last
 * state). Not linked by a foreign key to the measurement, so it outlives it.
 */
export const measurementAudit = pgTable(
	'measurement_audit',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		municipalityId: uuid('municipality_id')
			.notNull()
			.references(() => municipality.id, { onDelete: 'cascade' }),
		indicatorId: uuid('indicator_id')
			.notNull()
			.references(() => indicator.id, { onDelete: 'cascade' }),
		measurementId: uuid('measurement_id').notNull(),
		action: text('action').$type<'create' | 'update' | 'delete'>().notNull(),
		before: jsonb('before'),
		after: jsonb('after'),
		importId: uuid('import_id'),
		userId: uuid('user_id').references(() => user.id, { onDelete: 'set null' }),
		at: timestamp('at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('measurement_audit_indicator_idx').on(t.indicatorId, t.at)]
);

/** An uploaded CSV between preview and confirmation, kept afterwards as the record of what was imported. */
export const measurementImport = pgTable('measurement_import', {
	id: uuid('id').primaryKey().defaultRandom(),
	municipalityId: uuid('municipality_id')
		.notNull()
		.references(() => municipality.id, { onDelete: 'cascade' }),
	indicatorId: uuid('indicator_id')
		.notNull()
		.references(() => indicator.id, { onDelete: 'cascade' }),
	userId: uuid('user_id').references(() => user.id, { onDelete: 'set null' }),
	fileName: text('file_name').notNull(),
	encoding: text('encoding').notNull(),
	content: text('content').notNull(),
	/** Counts of the confirmed import; null while it is only a preview. */
	result: jsonb('result').$type<{ added: number; changed: number; unchanged: number }>(),
	createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
	importedAt: timestamp('imported_at', { withTimezone: true })
});

/** The column choice of the last import of an indicator, offered again next time. */
export const importSettings = pgTable('import_settings', {
	indicatorId: uuid('indicator_id')
		.primaryKey()
		.references(() => indicator.id, { onDelete: 'cascade' }),
	mapping: jsonb('mapping').$type<ColumnMapping>().notNull(),
	header: jsonb('header').$type<string[] | null>(),
	separator: text('separator').notNull(),
	decimalMark: text('decimal_mark').notNull(),
	updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
});

/** A personal calendar subscription: the token's SHA-256 in the URL's place, revocable. */
export const calendarFeed = pgTable(
	'calendar_feed',
	{
		tokenHash: text('token_hash').primaryKey(),
		userId: uuid('user_id')
			.notNull()
			.references(() => user.id, { onDelete: 'cascade' }),
		municipalityId: uuid('municipality_id')
			.notNull()
			.references(() => municipality.id, { onDelete: 'cascade' }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		lastUsedAt: timestamp('last_used_at', { withTimezone: true })
	},
	(t) => [uniqueIndex('calendar_feed_user_idx').on(t.userId, t.municipalityId)]
);
