import { date, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { department, municipality } from './municipalities';
import { membership, user } from './people';
import type { AssessmentItem, Ratings } from '../../../shared/assessment';
import type { AgreementPart } from '../../../shared/agreement-doc';

/**
 * A baseline assessment (Ausgangssituation), projected from its Yjs document
 * (`assessment/<id>`). The stage is derived from the ratings when the document changes.
 * A draft (no `completedAt`) is live and counts for nothing; once completed, its row is the
 * record and never changes again (decision 0016).
 */
export const assessment = pgTable(
	'assessment',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		municipalityId: uuid('municipality_id')
			.notNull()
			.references(() => municipality.id, { onDelete: 'cascade' }),
		assessedOn: date('assessed_on', { mode: 'string' }).notNull(),
		ratings: jsonb('ratings').$type<Ratings>().notNull().default({}),
		notes: jsonb('notes').$type<Partial<Record<AssessmentItem, string>>>().notNull().default({}),
		links: jsonb('links').$type<Partial<Record<AssessmentItem, string[]>>>().notNull().default({}),
		summary: text('summary').notNull().default(''),
		/** A, B or C; see $lib/shared/assessment. */
		stage: text('stage').notNull().default('A'),
		createdBy: uuid('created_by').references(() => user.id, { onDelete: 'set null' }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		projectedAt: timestamp('projected_at', { withTimezone: true }),
		completedAt: timestamp('completed_at', { withTimezone: true }),
		completedBy: uuid('completed_by').references(() => user.id, { onDelete: 'set null' })
	},
	(t) => [index('assessment_municipality_idx').on(t.municipalityId, t.assessedOn)]
);

/**
 * An agreement between the integration office and a department (Verstetigung), projected from
 * its Yjs document (`agreement/<id>`).
 */
export const agreement = pgTable(
	'agreement',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		municipalityId: uuid('municipality_id')
			.notNull()
			.references(() => municipality.id, { onDelete: 'cascade' }),
		departmentId: uuid('department_id')
			.notNull()
			.references(() => department.id, { onDelete: 'restrict' }),
		title: text('title').notNull().default(''),
		parts: jsonb('parts').$type<Record<AgreementPart, string>>().notNull(),
		validFrom: date('valid_from', { mode: 'string' }),
		validUntil: date('valid_until', { mode: 'string' }),
		reviewOn: date('review_on', { mode: 'string' }),
		goalIds: uuid('goal_ids').array().notNull().default([]),
		/** SHA-256 over the substantive content; signatures cover this. */
		contentHash: text('content_hash').notNull().default(''),
		/** draft, signed or changed (since signing); see $lib/shared/agreement-doc. */
		status: text('status').notNull().default('draft'),
		/** When the current content got its second signature. */
		signedAt: timestamp('signed_at', { withTimezone: true }),
		createdBy: uuid('created_by').references(() => user.id, { onDelete: 'set null' }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		projectedAt: timestamp('projected_at', { withTimezone: true })
	},
	(t) => [index('agreement_municipality_idx').on(t.municipalityId, t.departmentId)]
);

/** One side's signature (focus or head) over the agreement content it saw. */
export const agreementSignoff = pgTable(
	'agreement_signoff',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		agreementId: uuid('agreement_id')
			.notNull()
			.references(() => agreement.id, { onDelete: 'cascade' }),
		userId: uuid('user_id')
			.notNull()
			.references(() => user.id, { onDelete: 'cascade' }),
		membershipId: uuid('membership_id').references(() => membership.id, { onDelete: 'set null' }),
		side: text('side').notNull(),
		contentHash: text('content_hash').notNull(),
		signedAt: timestamp('signed_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('agreement_signoff_agreement_idx').on(t.agreementId)]
);
