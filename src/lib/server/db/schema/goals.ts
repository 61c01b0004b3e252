import { bigint, date, doublePrecision, index, integer, jsonb, numeric, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { department, municipality } from './municipalities';
import { membership, user } from './people';
import { tandem } from './tandems';
import type { SmartResult } from '../../../shared/smart';
import type { TrackStatus } from '../../../shared/forecast';

/**
 * A goal as rows, projected from its Yjs document (`goal/<id>`), which is the source of truth
 * for title, texts, criterion, deadline and indicators. Lists and queries read these rows.
 */
export const goal = pgTable(
	'goal',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		municipalityId: uuid('municipality_id')
			.notNull()
			.references(() => municipality.id, { onDelete: 'cascade' }),
		departmentId: uuid('department_id')
			.notNull()
			.references(() => department.id, { onDelete: 'restrict' }),
		tandemId: uuid('tandem_id')
			.notNull()
			.references(() => tandem.id, { onDelete: 'restrict' }),
		title: text('title').notNull().default(''),
		forWhom: text('for_whom').notNull().default(''),
		criterion: text('criterion'),
		resources: text('resources').notNull().default(''),
		deadline: date('deadline', { mode: 'string' }),
		/** SHA-256 over the canonical substantive fields; sign-offs cover this. */
		contentHash: text('content_hash').notNull().default(''),
		smart: jsonb('smart').$type<SmartResult>(),
		smartScore: integer('smart_score').notNull().default(0),
		/** draft, agreed, changed (since agreement) or closed; see $lib/shared/goal-status. */
		status: text('status').notNull().default('draft'),
		closedOutcome: text('closed_outcome'),
		closingComment: text('closing_comment'),
		closedAt: timestamp('closed_at', { withTimezone: true }),
		closedBy: uuid('closed_by').references(() => user.id, { onDelete: 'set null' }),
		createdBy: uuid('created_by').references(() => user.id, { onDelete: 'set null' }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		projectedAt: timestamp('projected_at', { withTimezone: true }),
		/** Derived from the indicators' measurements (see $lib/server/progress); refreshed when data changes. */
		progress: doublePrecision('progress'),
		trackStatus: text('track_status').$type<TrackStatus>().notNull().default('noData'),
		/** The substantive fields as last projected: what an adjustment compares against. */
		substantive: jsonb('substantive'),
		/** Months between check-ins; a goal asks for one when the last is older. */
		checkInMonths: integer('check_in_months').notNull().default(3)
	},
	(t) => [index('goal_municipality_idx').on(t.municipalityId), index('goal_tandem_idx').on(t.tandemId)]
);
export type Goal = typeof goal.$inferSelect;

/** An indicator definition; its id is created in the document and never changes. */
export const indicator = pgTable(
	'indicator',
	{
		id: uuid('id').primaryKey(),
		goalId: uuid('goal_id')
			.notNull()
			.references(() => goal.id, { onDelete: 'cascade' }),
		municipalityId: uuid('municipality_id')
			.notNull()
			.references(() => municipality.id, { onDelete: 'cascade' }),
		position: integer('position').notNull().default(0),
		name: text('name').notNull().default(''),
		unit: text('unit').notNull().default(''),
		direction: text('direction').notNull().default('up'),
		baselineValue: numeric('baseline_value', { mode: 'number' }),
		baselineDate: date('baseline_date', { mode: 'string' }),
		targetValue: numeric('target_value', { mode: 'number' }),
		targetDate: date('target_date', { mode: 'string' }),
		templateKey: text('template_key'),
		frequency: text('frequency').notNull().default('yearly'),
		source: text('source').notNull().default(''),
		breakdown: text('breakdown').notNull().default(''),
		groups: jsonb('groups').$type<string[]>().notNull().default([]),
		targetGroup: text('target_group').notNull().default(''),
		gapGroup: text('gap_group'),
		weight: doublePrecision('weight').notNull().default(1),
		/** Removed from the document: kept, so measurements pointing to it survive. */
		archivedAt: timestamp('archived_at', { withTimezone: true }),
		// Derived from measurements and refreshed when they or the definition change.
		progress: doublePrecision('progress'),
		trackStatus: text('track_status').$type<TrackStatus>().notNull().default('noData'),
		trackReason: text('track_reason').notNull().default('forecast_not_enough_data'),
		trackParams: jsonb('track_params').$type<Record<string, string | number>>().notNull().default({}),
		latestDate: date('latest_date', { mode: 'string' }),
		nextDue: date('next_due', { mode: 'string' })
	},
	(t) => [index('indicator_goal_idx').on(t.goalId)]
);
export type Indicator = typeof indicator.$inferSelect;

/** "Ziel vereinbaren": one side's signature over the content it saw (its hash). */
export const goalSignoff = pgTable(
	'goal_signoff',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		goalId: uuid('goal_id')
			.notNull()
			.references(() => goal.id, { onDelete: 'cascade' }),
		userId: uuid('user_id')
			.notNull()
			.references(() => user.id, { onDelete: 'cascade' }),
		membershipId: uuid('membership_id').references(() => membership.id, { onDelete: 'set null' }),
		side: text('side').notNull(),
		contentHash: text('content_hash').notNull(),
		signedAt: timestamp('signed_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('goal_signoff_goal_idx').on(t.goalId)]
);
export type GoalSignoff = typeof goalSignoff.$inferSelect;

/**
 * Each change of a goal's stored track status, as the progress refresh wrote it: what
 * monitoring reads for the quarters since the municipality began recording (decision 0022).
 */
export const goalStatusChange = pgTable(
	'goal_status_change',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		goalId: uuid('goal_id')
			.notNull()
			.references(() => goal.id, { onDelete: 'cascade' }),
		municipalityId: uuid('municipality_id')
			.notNull()
			.references(() => municipality.id, { onDelete: 'cascade' }),
		trackStatus: text('track_status').$type<TrackStatus>().notNull(),
		changedAt: timestamp('changed_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('goal_status_change_goal_idx').on(t.goalId, t.changedAt)]
);

/**
 * A named state of a goal ("Stand Ausschuss März"): the goal document as it was after update
 * `upToId` of its log, which is never shortened, so the name always finds its content.
 */
export const goalVersion = pgTable(
	'goal_version',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		goalId: uuid('goal_id')
			.notNull()
			.references(() => goal.id, { onDelete: 'cascade' }),
		name: text('name').notNull(),
		upToId: bigint('up_to_id', { mode: 'number' }).notNull(),
		/** When the named state was stored: the time of update `upToId`. */
		stateAt: timestamp('state_at', { withTimezone: true }).notNull(),
		createdBy: uuid('created_by').references(() => user.id, { onDelete: 'set null' }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [unique('goal_version_name_unique').on(t.goalId, t.name)]
);
