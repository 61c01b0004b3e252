import { date, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { municipality } from './municipalities';
import { user } from './people';
import { goal } from './goals';

/**
 * The experiment – monitor – cooperate loop of a goal (section C3): what the tandem tries,
 * its dated reviews, and every adjustment of an agreed goal with its reason.
 */

/** A Handlungsansatz: "if we …, then indicator X will …", over a span, with what was learned. */
export const experiment = pgTable(
	'experiment',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		municipalityId: uuid('municipality_id')
			.notNull()
			.references(() => municipality.id, { onDelete: 'cascade' }),
		goalId: uuid('goal_id')
			.notNull()
			.references(() => goal.id, { onDelete: 'cascade' }),
		title: text('title').notNull(),
		hypothesis: text('hypothesis').notNull().default(''),
		indicatorIds: jsonb('indicator_ids').$type<string[]>().notNull().default([]),
		startDate: date('start_date', { mode: 'string' }),
		endDate: date('end_date', { mode: 'string' }),
		/** planned, running, finished or stopped; see $lib/shared/loop. */
		status: text('status').notNull().default('planned'),
		learned: text('learned').notNull().default(''),
		/** keep, change or stop, once something was learned. */
		decision: text('decision'),
		createdBy: uuid('created_by').references(() => user.id, { onDelete: 'set null' }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		updatedBy: uuid('updated_by').references(() => user.id, { onDelete: 'set null' }),
		updatedAt: timestamp('updated_at', { withTimezone: true })
	},
	(t) => [index('experiment_goal_idx').on(t.goalId)]
);
export type Experiment = typeof experiment.$inferSelect;

/** A Monitoring-Gespräch: a dated review by the tandem. */
export const checkIn = pgTable(
	'check_in',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		municipalityId: uuid('municipality_id')
			.notNull()
			.references(() => municipality.id, { onDelete: 'cascade' }),
		goalId: uuid('goal_id')
			.notNull()
			.references(() => goal.id, { onDelete: 'cascade' }),
		date: date('date', { mode: 'string' }).notNull(),
		/** The tandem's own view: onTrack, atRisk or offTrack. */
		overall: text('overall').notNull(),
		confidence: integer('confidence').notNull(),
		happened: text('happened').notNull().default(''),
		decided: text('decided').notNull().default(''),
		participants: text('participants').notNull().default(''),
		createdBy: uuid('created_by').references(() => user.id, { onDelete: 'set null' }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('check_in_goal_idx').on(t.goalId, t.date)]
);
export type CheckIn = typeof checkIn.$inferSelect;

/**
 * A change of a substantive field of an agreed goal, recorded by the projection: the value
 * before (as agreed or last adjusted) and after. Edits of the same field follow one open
 * adjustment until someone gives the reason or both sides sign again; then the next change
 * opens a new one.
 */
export const adjustment = pgTable(
	'adjustment',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		municipalityId: uuid('municipality_id')
			.notNull()
			.references(() => municipality.id, { onDelete: 'cascade' }),
		goalId: uuid('goal_id')
			.notNull()
			.references(() => goal.id, { onDelete: 'cascade' }),
		/** Which field: `forWhom`, `deadline`, or `indicator:<id>` for an indicator's definition. */
		field: text('field').notNull(),
		label: text('label').notNull().default(''),
		before: jsonb('before'),
		after: jsonb('after'),
		detectedAt: timestamp('detected_at', { withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
		reason: text('reason'),
		reasonBy: uuid('reason_by').references(() => user.id, { onDelete: 'set null' }),
		reasonAt: timestamp('reason_at', { withTimezone: true }),
		/** When both sides signed again after it: it then belongs to that agreement and stays as it is. */
		settledAt: timestamp('settled_at', { withTimezone: true })
	},
	(t) => [index('adjustment_goal_idx').on(t.goalId, t.detectedAt)]
);
export type Adjustment = typeof adjustment.$inferSelect;
