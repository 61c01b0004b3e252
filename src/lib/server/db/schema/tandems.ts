import { pgTable, primaryKey, text, timestamp, uuid, index } from 'drizzle-orm/pg-core';
import { department, municipality } from './municipalities';
import { membership } from './people';

/** A tandem: the integration office and a department working together. */
export const tandem = pgTable(
	'tandem',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		municipalityId: uuid('municipality_id')
			.notNull()
			.references(() => municipality.id, { onDelete: 'cascade' }),
		departmentId: uuid('department_id')
			.notNull()
			.references(() => department.id, { onDelete: 'restrict' }),
		name: text('name').notNull(),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('tandem_municipality_idx').on(t.municipalityId)]
);
export type Tandem = typeof tandem.$inferSelect;

export const tandemMember = pgTable(
	'tandem_member',
	{
		tandemId: uuid('tandem_id')
			.notNull()
			.references(() => tandem.id, { onDelete: 'cascade' }),
		membershipId: uuid('membership_id')
			.notNull()
			.references(() => membership.id, { onDelete: 'cascade' })
	},
	(t) => [primaryKey({ columns: [t.tandemId, t.membershipId] })]
);
