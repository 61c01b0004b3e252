import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from '../db';
import { checkIn, department, goal, goalSignoff, indicator, measurement, membership, tandem, tandemMember, user } from '../db/schema';
import { home, requireCan } from '../access/rules';
import type { Actor } from '../auth/session';
import { isUuid } from '../validation';
import { listAgreements } from '../agreements/agreements';
import { agreementCommitted } from '../../shared/agreement-doc';
import { latestCompletedAssessment } from '../assessments/assessments';
import type { AssessmentStage } from '../../shared/assessment';
import { CRITERIA, isCriterion, type Criterion } from '../../shared/criteria';
import type { TrackStatus } from '../../shared/forecast';
import type { GoalStatus } from '../../shared/goal-status';
import { countStandings, standingOf, weakestStatus, type StandingCounts } from '../../shared/goal-standing';
import { honeycombStage, type Stage } from '../../shared/honeycomb';
import { targetSeries } from '../../shared/indicator-progress';
import { checkInDue, DEFAULT_CHECK_IN_MONTHS } from '../../shared/loop';
import { berlinToday, type SmartResult } from '../../shared/smart';
import { NotFoundError } from '../errors';

/**
 * The monitoring views: a department's goals at a glance, and the municipality's overview for
 * the integration office (goals per status, criteria covered, overdue work, who works with
 * whom, the honeycomb). Everything comes from stored rows and a few aggregates; the share on
 * track per quarter is in `status-history.ts`.
 */

const TRACK_ORDER: readonly TrackStatus[] = ['offTrack', 'atRisk', 'noData', 'onTrack'];

/** Per goal: the latest check-in, the latest measured reference date, the first agreement. */
async function goalActivity(db: Db, goalIds: readonly string[]) {
	if (goalIds.length === 0) return { lastCheckIn: new Map<string, string>(), lastMeasured: new Map<string, string>(), agreedSince: new Map<string, string>() };
	const [checkIns, measured, agreed] = await Promise.all([
		db.select({ goalId: checkIn.goalId, last: sql<string>`max(${checkIn.date})::text` }).from(checkIn).where(inArray(checkIn.goalId, goalIds)).groupBy(checkIn.goalId),
		db.select({ goalId: measurement.goalId, last: sql<string>`max(${measurement.refDate})::text` }).from(measurement).where(inArray(measurement.goalId, goalIds)).groupBy(measurement.goalId),
		// The first moment both sides had signed the same content.
		db
			.select({ goalId: goalSignoff.goalId, since: sql<Date>`min(${goalSignoff.signedAt})`.mapWith(goalSignoff.signedAt) })
			.from(goalSignoff)
			.where(
				and(
					inArray(goalSignoff.goalId, goalIds),
					sql`(${goalSignoff.goalId}, ${goalSignoff.contentHash}) in (select goal_id, content_hash from goal_signoff group by goal_id, content_hash having count(distinct side) = 2)`
				)
			)
			.groupBy(goalSignoff.goalId)
	]);
	return {
		lastCheckIn: new Map(checkIns.map((r) => [r.goalId, r.last])),
		lastMeasured: new Map(measured.map((r) => [r.goalId, r.last])),
		// The day in Berlin: a goal agreed at 00:30 there was agreed that day, not the day before (UTC).
		agreedSince: new Map(agreed.map((r) => [r.goalId, berlinToday(r.since)]))
	};
}

export interface DepartmentFilters {
	tandemId?: string;
	criterion?: string;
	trackStatus?: string;
}

export interface DepartmentGoal {
	id: string;
	title: string;
	status: GoalStatus;
	trackStatus: TrackStatus;
	progress: number | null;
	deadline: string | null;
	criterion: Criterion | null;
	tandemName: string;
	smart: SmartResult | null;
	lastCheckIn: string | null;
	checkInDue: string | null;
	/** The first indicator's series (its target group or gap), for a sparkline. */
	spark: { name: string; unit: string; points: { date: string; value: number }[]; target: number | null };
}

/** A department's goals, weakest first: what a head looks at. */
export async function departmentView(db: Db, actor: Actor, departmentId: string, filters: DepartmentFilters = {}) {
	requireCan(actor, 'read', home(actor));
	if (!isUuid(departmentId)) throw new NotFoundError();
	const [dept] = await db.select({ id: department.id, name: department.name }).from(department).where(and(eq(department.id, departmentId), eq(department.municipalityId, actor.municipalityId)));
	if (!dept) throw new NotFoundError();
	const tandems = await db.select({ id: tandem.id, name: tandem.name }).from(tandem).where(eq(tandem.departmentId, departmentId)).orderBy(asc(tandem.name));
	const rows = await db
		.select({
			id: goal.id,
			title: goal.title,
			status: goal.status,
			trackStatus: goal.trackStatus,
			progress: goal.progress,
			deadline: goal.deadline,
			criterion: goal.criterion,
			tandemId: goal.tandemId,
			smart: goal.smart,
			checkInMonths: goal.checkInMonths,
			closedAt: goal.closedAt
		})
		.from(goal)
		.where(
			and(
				eq(goal.departmentId, departmentId),
				filters.tandemId && isUuid(filters.tandemId) ? eq(goal.tandemId, filters.tandemId) : undefined,
				filters.criterion && isCriterion(filters.criterion) ? eq(goal.criterion, filters.criterion) : undefined,
				filters.trackStatus && (TRACK_ORDER as readonly string[]).includes(filters.trackStatus) ? eq(goal.trackStatus, filters.trackStatus as TrackStatus) : undefined
			)
		);
	const ids = rows.map((r) => r.id);
	const activity = await goalActivity(db, ids);
	const sparks = await firstIndicatorSeries(db, ids);
	const goals: DepartmentGoal[] = rows.map((r) => {
		const since = activity.agreedSince.get(r.id) ?? null;
		const last = activity.lastCheckIn.get(r.id) ?? null;
		return {
			id: r.id,
			title: r.title,
			status: r.status as GoalStatus,
			trackStatus: r.trackStatus,
			progress: r.progress,
			deadline: r.deadline,
			criterion: isCriterion(r.criterion) ? r.criterion : null,
			tandemName: tandems.find((t) => t.id === r.tandemId)?.name ?? '',
			smart: r.smart,
			lastCheckIn: last,
			checkInDue: since && r.closedAt === null ? checkInDue(last, since, r.checkInMonths) : null,
			spark: sparks.get(r.id) ?? { name: '', unit: '', points: [], target: null }
		};
	});
	goals.sort(
		(a, b) =>
			TRACK_ORDER.indexOf(a.trackStatus) - TRACK_ORDER.indexOf(b.trackStatus) ||
			(a.deadline ?? '9999').localeCompare(b.deadline ?? '9999') ||
			a.title.localeCompare(b.title, 'de')
	);
	return { department: dept, tandems, goals };
}

/** The first (by position) live indicator of each goal with its target series. */
async function firstIndicatorSeries(db: Db, goalIds: readonly string[]) {
	const result = new Map<string, DepartmentGoal['spark']>();
	if (goalIds.length === 0) return result;
	const firsts = await db
		.selectDistinctOn([indicator.goalId], {
			id: indicator.id,
			goalId: indicator.goalId,
			name: indicator.name,
			unit: indicator.unit,
			groups: indicator.groups,
			targetGroup: indicator.targetGroup,
			gapGroup: indicator.gapGroup,
			targetValue: indicator.targetValue
		})
		.from(indicator)
		.where(and(inArray(indicator.goalId, goalIds), isNull(indicator.archivedAt)))
		.orderBy(indicator.goalId, asc(indicator.position));
	if (firsts.length === 0) return result;
	const values = await db
		.select({ indicatorId: measurement.indicatorId, group: measurement.groupName, date: measurement.refDate, value: measurement.value })
		.from(measurement)
		.where(inArray(measurement.indicatorId, firsts.map((f) => f.id)));
	const byIndicator = new Map<string, typeof values>();
	for (const v of values) {
		const list = byIndicator.get(v.indicatorId);
		if (list) list.push(v);
		else byIndicator.set(v.indicatorId, [v]);
	}
	for (const f of firsts) {
		result.set(f.goalId, { name: f.name, unit: f.unit, points: targetSeries(f, byIndicator.get(f.id) ?? []), target: f.targetValue });
	}
	return result;
}

export interface DepartmentSummary {
	id: string;
	name: string;
	stage: Stage;
	tandems: number;
	/** Open goals by track status, closed ones apart. */
	standings: StandingCounts;
	/** The weakest status of its open goals: the ring of its honeycomb cell. */
	weakest: TrackStatus | null;
	goalsByStatus: Record<GoalStatus, number>;
	overdueMeasurements: number;
	overdueCheckIns: number;
}

/** The municipality at a glance for the integration office. */
export async function municipalityView(db: Db, actor: Actor, today: string) {
	requireCan(actor, 'read', home(actor));
	const departments = await db.select({ id: department.id, name: department.name }).from(department).where(eq(department.municipalityId, actor.municipalityId)).orderBy(asc(department.name));
	const tandems = await db.select({ id: tandem.id, name: tandem.name, departmentId: tandem.departmentId }).from(tandem).where(eq(tandem.municipalityId, actor.municipalityId));
	const goals = await db
		.select({ id: goal.id, title: goal.title, departmentId: goal.departmentId, tandemId: goal.tandemId, status: goal.status, trackStatus: goal.trackStatus, criterion: goal.criterion, checkInMonths: goal.checkInMonths, closedAt: goal.closedAt, closedOutcome: goal.closedOutcome })
		.from(goal)
		.where(eq(goal.municipalityId, actor.municipalityId));
	const activity = await goalActivity(db, goals.map((g) => g.id));
	const [assessment, agreements] = await Promise.all([latestCompletedAssessment(db, actor.municipalityId, today), listAgreements(db, actor, today)]);
	const overdue = await db
		.select({ departmentId: goal.departmentId, count: sql<number>`count(*)::int` })
		.from(indicator)
		.innerJoin(goal, eq(goal.id, indicator.goalId))
		.where(and(eq(goal.municipalityId, actor.municipalityId), isNull(goal.closedAt), isNull(indicator.archivedAt), sql`${indicator.nextDue} < ${today}`))
		.groupBy(goal.departmentId);
	// Who of the integration office works in which department's tandems.
	const focusPeople = await db
		.select({ tandemId: tandemMember.tandemId, membershipId: membership.id, name: user.name })
		.from(tandemMember)
		.innerJoin(membership, eq(membership.id, tandemMember.membershipId))
		.innerJoin(user, eq(user.id, membership.userId))
		.where(and(eq(membership.municipalityId, actor.municipalityId), sql`'focus' = any(${membership.roles})`));

	const summaries: DepartmentSummary[] = departments.map((d) => {
		const own = goals.filter((g) => g.departmentId === d.id);
		const agreed = own.filter((g) => activity.agreedSince.has(g.id));
		const lastActivity = agreed.flatMap((g) => [activity.lastCheckIn.get(g.id), activity.lastMeasured.get(g.id)]).filter((x): x is string => Boolean(x)).sort().at(-1) ?? null;
		const overdueCheckIns = agreed.filter((g) => g.closedAt === null && checkInDue(activity.lastCheckIn.get(g.id) ?? null, activity.agreedSince.get(g.id)!, g.checkInMonths) < today).length;
		const count = <K extends string>(keys: readonly K[], of: (g: (typeof own)[number]) => string) =>
			Object.fromEntries(keys.map((k) => [k, own.filter((g) => of(g) === k).length])) as Record<K, number>;
		const standings = countStandings(own.map((g) => standingOf(g.trackStatus, g.closedAt !== null)));
		return {
			id: d.id,
			name: d.name,
			stage: honeycombStage(
				{
					tandems: tandems.filter((t) => t.departmentId === d.id).length,
					agreedGoals: agreed.length,
					lastActivity,
					checkInMonths: agreed.length > 0 ? Math.min(...agreed.map((g) => g.checkInMonths)) : DEFAULT_CHECK_IN_MONTHS,
					signedAgreements: agreements.filter((a) => a.departmentId === d.id && agreementCommitted(a, today)).length
				},
				today
			),
			tandems: tandems.filter((t) => t.departmentId === d.id).length,
			standings,
			weakest: weakestStatus(standings),
			goalsByStatus: count(['draft', 'agreed', 'changed', 'closed'] as const, (g) => g.status),
			overdueMeasurements: overdue.find((o) => o.departmentId === d.id)?.count ?? 0,
			overdueCheckIns
		};
	});
	const open = goals.filter((g) => g.closedAt === null || g.closedOutcome !== 'dropped');
	const criteria = CRITERIA.map((criterion) => ({ criterion, goals: open.filter((g) => g.criterion === criterion).map((g) => ({ id: g.id, title: g.title })) }));
	const people = [...new Map(focusPeople.map((p) => [p.membershipId, p.name])).entries()].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name, 'de'));
	const matrix = departments.map((d) => ({
		departmentId: d.id,
		cells: people.map((p) => {
			const theirTandems = tandems.filter((t) => t.departmentId === d.id && focusPeople.some((f) => f.tandemId === t.id && f.membershipId === p.id));
			return { membershipId: p.id, tandems: theirTandems.length, goals: goals.filter((g) => theirTandems.some((t) => t.id === g.tandemId)).length };
		})
	}));
	return {
		departments: summaries,
		criteria,
		people,
		matrix,
		assessment: assessment && { id: assessment.id, assessedOn: assessment.assessedOn, stage: assessment.stage as AssessmentStage },
		agreements
	};
}
