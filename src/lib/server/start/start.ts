import { and, asc, count, eq, gt, inArray, isNull, ne } from 'drizzle-orm';
import type { Db } from '../db';
import { department, goal, indicator, invitation, membership, tandem, tandemMember } from '../db/schema';
import { home, requireCan } from '../access/rules';
import type { Actor } from '../auth/session';
import { departmentView } from '../monitoring/monitoring';
import { latestCompletedAssessment } from '../assessments/assessments';
import { dueList } from '../measurements/due';
import { waitingForSignoff } from '../goals/goals';
import { firstSteps, type StepState } from './first-steps';
import { changesSince, recordVisit, seenOf, type GoalNow } from './visits';
import type { AssessmentStage } from '../../shared/assessment';
import type { TrackStatus } from '../../shared/forecast';
import type { GoalStatus } from '../../shared/goal-status';
import type { Role } from '../../shared/roles';

/**
 * The start page: one section per role a person holds, most pressing first: a head's
 * department, the integration office's municipality, a tandem member's goals, an admin's
 * set-up. The first steps of a new municipality stay on top for admins and the integration
 * office until the whole path is done.
 */

/** The order of the sections: what a person is accountable for before what they help with. */
export const SECTION_ORDER: readonly Role[] = ['head', 'focus', 'member', 'admin'];
const TRACK_ORDER: readonly TrackStatus[] = ['offTrack', 'atRisk', 'noData', 'onTrack'];

export interface TrafficLight {
	id: string;
	title: string;
	status: GoalStatus;
	trackStatus: TrackStatus;
	progress: number | null;
	deadline: string | null;
	tandemName: string;
	/** One sentence why: the forecast reason (a message key and its numbers) of the indicator that sets the status. */
	reason: { key: string; params: Record<string, string | number> };
}

/** Per goal, the reason of its first indicator whose status is the goal's (the one that decides it). */
async function reasons(db: Db, goals: readonly { id: string; trackStatus: TrackStatus }[]) {
	const result = new Map<string, TrafficLight['reason']>();
	if (goals.length === 0) return result;
	const rows = await db
		.select({ goalId: indicator.goalId, status: indicator.trackStatus, reason: indicator.trackReason, params: indicator.trackParams })
		.from(indicator)
		.where(and(inArray(indicator.goalId, goals.map((g) => g.id)), isNull(indicator.archivedAt)))
		.orderBy(asc(indicator.position));
	for (const g of goals) {
		const decisive = rows.find((r) => r.goalId === g.id && r.status === g.trackStatus);
		result.set(g.id, decisive ? { key: decisive.reason, params: decisive.params } : { key: 'forecast_no_indicator', params: {} });
	}
	return result;
}

const weakestFirst = (a: TrafficLight, b: TrafficLight) =>
	TRACK_ORDER.indexOf(a.trackStatus) - TRACK_ORDER.indexOf(b.trackStatus) || (a.deadline ?? '9999').localeCompare(b.deadline ?? '9999') || a.title.localeCompare(b.title, 'de');

/** A head's department: its open goals as traffic lights, what changed since the last visit, what is overdue. */
async function headSection(db: Db, actor: Actor, today: string, now: Date) {
	if (!actor.departmentId) return { department: null };
	const view = await departmentView(db, actor, actor.departmentId);
	const all: GoalNow[] = view.goals.map((g) => ({ id: g.id, title: g.title, trackStatus: g.trackStatus, status: g.status }));
	const open = view.goals.filter((g) => g.status !== 'closed');
	const why = await reasons(db, open);
	const goals: TrafficLight[] = open
		.map((g) => ({ id: g.id, title: g.title, status: g.status, trackStatus: g.trackStatus, progress: g.progress, deadline: g.deadline, tandemName: g.tandemName, reason: why.get(g.id)! }))
		.sort(weakestFirst);
	const baseline = await recordVisit(db, actor, seenOf(all), now);
	const [changes, due] = await Promise.all([changesSince(db, actor, all, actor.departmentId, baseline), dueList(db, actor, today)]);
	return {
		department: view.department,
		goals,
		since: baseline.since?.toISOString() ?? null,
		changes,
		overdue: due.overdue,
		overdueCheckIns: open.filter((g) => g.checkInDue !== null && g.checkInDue < today).map((g) => ({ id: g.id, title: g.title, due: g.checkInDue! })),
		agreements: due.agreements
	};
}

/** The integration office: the municipality's goals per status, its stage, and its own due items. */
async function focusSection(db: Db, actor: Actor, today: string) {
	const [byTrack, assessment, due, waiting] = await Promise.all([
		db
			.select({ trackStatus: goal.trackStatus, n: count() })
			.from(goal)
			.where(and(eq(goal.municipalityId, actor.municipalityId), isNull(goal.closedAt)))
			.groupBy(goal.trackStatus),
		latestCompletedAssessment(db, actor.municipalityId, today),
		dueList(db, actor, today),
		waitingForSignoff(db, actor)
	]);
	const counts = Object.fromEntries(TRACK_ORDER.map((t) => [t, byTrack.find((r) => r.trackStatus === t)?.n ?? 0])) as Record<TrackStatus, number>;
	return {
		goalsByTrack: counts,
		openGoals: TRACK_ORDER.reduce((sum, t) => sum + counts[t], 0),
		stage: assessment ? { stage: assessment.stage as AssessmentStage, assessedOn: assessment.assessedOn } : null,
		due,
		waiting
	};
}

/** A tandem member: the goals of their tandems with status, their due items, goals waiting for their signature. */
async function memberSection(db: Db, actor: Actor, today: string) {
	const mine = db.select({ id: tandemMember.tandemId }).from(tandemMember).where(eq(tandemMember.membershipId, actor.membershipId));
	const [tandems, rows, due, waiting] = await Promise.all([
		db.select({ id: tandem.id, name: tandem.name }).from(tandem).where(inArray(tandem.id, mine)).orderBy(asc(tandem.name)),
		db
			.select({ id: goal.id, title: goal.title, status: goal.status, trackStatus: goal.trackStatus, progress: goal.progress, deadline: goal.deadline, tandemName: tandem.name })
			.from(goal)
			.innerJoin(tandem, eq(tandem.id, goal.tandemId))
			.where(and(eq(goal.municipalityId, actor.municipalityId), inArray(goal.tandemId, mine), ne(goal.status, 'closed'))),
		dueList(db, actor, today),
		waitingForSignoff(db, actor)
	]);
	const why = await reasons(db, rows);
	const goals: TrafficLight[] = rows.map((g) => ({ ...g, status: g.status as GoalStatus, reason: why.get(g.id)! })).sort(weakestFirst);
	return { tandems, goals, due, waiting };
}

/** An admin: departments, members and open invitations at a glance. */
async function adminSection(db: Db, actor: Actor, now: Date) {
	const m = actor.municipalityId;
	const [[departments], [members], [invitations]] = await Promise.all([
		db.select({ n: count() }).from(department).where(eq(department.municipalityId, m)),
		db.select({ n: count() }).from(membership).where(and(eq(membership.municipalityId, m), eq(membership.active, true))),
		db
			.select({ n: count() })
			.from(invitation)
			.where(and(eq(invitation.municipalityId, m), isNull(invitation.usedAt), isNull(invitation.revokedAt), gt(invitation.expiresAt, now)))
	]);
	return { departments: departments?.n ?? 0, members: members?.n ?? 0, openInvitations: invitations?.n ?? 0 };
}

export interface StartPage {
	sections: Role[];
	firstSteps: StepState[] | null;
	head: Awaited<ReturnType<typeof headSection>> | null;
	focus: Awaited<ReturnType<typeof focusSection>> | null;
	member: Awaited<ReturnType<typeof memberSection>> | null;
	admin: Awaited<ReturnType<typeof adminSection>> | null;
}

/** Everything the start page shows this person. Rendering it counts as a visit (for a head's "changed since"). */
export async function startPage(db: Db, actor: Actor, today: string, now = new Date()): Promise<StartPage> {
	requireCan(actor, 'read', home(actor));
	const has = (role: Role) => actor.roles.includes(role);
	const guides = has('admin') || has('focus');
	const [steps, head, focus, member, admin] = await Promise.all([
		guides ? firstSteps(db, actor) : null,
		has('head') ? headSection(db, actor, today, now) : null,
		has('focus') ? focusSection(db, actor, today) : null,
		has('member') ? memberSection(db, actor, today) : null,
		has('admin') ? adminSection(db, actor, now) : null
	]);
	return {
		sections: SECTION_ORDER.filter(has),
		// Shown until the whole path is done; /help shows it always.
		firstSteps: steps && steps.some((s) => !s.done) ? steps : null,
		head,
		focus,
		member,
		admin
	};
}

