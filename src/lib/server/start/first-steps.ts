import { eq, sql } from 'drizzle-orm';
import type { Db } from '../db';
import { municipality } from '../db/schema';
import { can, home, requireCan } from '../access/rules';
import type { Actor } from '../auth/session';
import { FIRST_STEPS, type FirstStep } from '../../shared/first-steps';

/**
 * The guide's path for a new municipality as a checklist that ticks itself: each step is done
 * once its data exists (departments, an invitation or a second member, a completed baseline
 * assessment, a tandem, an agreed goal, a measurement, a check-in, a signed agreement). Each
 * step links to where it is done, only for a person who may do it there.
 */

export interface StepState {
	step: FirstStep;
	done: boolean;
	/** Where the step is done; null when this person may not do it. */
	href: string | null;
}

export async function firstSteps(db: Db, actor: Actor): Promise<StepState[]> {
	requireCan(actor, 'read', home(actor));
	const m = actor.municipalityId;
	const focus = actor.roles.includes('focus');
	// One round trip: every step is an exists() over the municipality's rows.
	const exists = (query: ReturnType<typeof sql>) => sql<boolean>`exists(${query})`;
	const [row] = await db
		.select({
			departments: exists(sql`select 1 from department where municipality_id = ${m}`),
			members: sql<boolean>`(exists(select 1 from invitation where municipality_id = ${m}) or (select count(*) from membership where municipality_id = ${m}) > 1)`,
			assessment: exists(sql`select 1 from assessment where municipality_id = ${m} and completed_at is not null`),
			tandem: exists(sql`select 1 from tandem where municipality_id = ${m}`),
			// Agreed: both sides signed the same content (the goal may have changed since).
			goal: exists(sql`select 1 from goal_signoff s join goal g on g.id = s.goal_id where g.municipality_id = ${m} group by s.goal_id, s.content_hash having count(distinct s.side) = 2`),
			measurement: exists(sql`select 1 from measurement where municipality_id = ${m}`),
			checkIn: exists(sql`select 1 from check_in where municipality_id = ${m}`),
			agreement: exists(sql`select 1 from agreement_signoff s join agreement a on a.id = s.agreement_id where a.municipality_id = ${m} group by s.agreement_id, s.content_hash having count(distinct s.side) = 2`),
			inTandem: exists(sql`select 1 from tandem_member where membership_id = ${actor.membershipId}`),
			// The goal this person would work on next: an open one they may write, agreed ones first.
			myGoal: sql<string | null>`(select g.id from goal g where g.municipality_id = ${m} and g.closed_at is null
				and (${focus} or g.tandem_id in (select tandem_id from tandem_member where membership_id = ${actor.membershipId}))
				order by (g.status = 'agreed') desc, g.created_at limit 1)`
		})
		.from(municipality)
		.where(eq(municipality.id, m));
	const admin = can(actor, 'manageDepartments', home(actor));
	const forms = can(actor, 'formTandem', home(actor));
	const goal = row?.myGoal ? `/goals/${row.myGoal}` : null;
	// Where each step is done, for this person; admin tasks for admins, the tandem's work for its writers.
	const href: Record<FirstStep, string | null> = {
		departments: admin ? '/departments' : null,
		members: admin ? '/invitations' : null,
		assessment: focus || admin ? '/assessments' : null,
		tandem: forms ? '/tandems/new' : null,
		goal: goal ?? (focus || row?.inTandem ? '/goals/new' : null),
		measurement: goal,
		checkIn: goal,
		agreement: focus || actor.roles.includes('head') ? '/agreements' : null
	};
	return FIRST_STEPS.map((step) => ({ step, done: row?.[step] === true, href: href[step] }));
}

/** Whether the municipality has gone the whole path. */
export const allDone = (steps: readonly StepState[]) => steps.every((s) => s.done);
