import { and, count, eq, gt, inArray, or } from 'drizzle-orm';
import type { Db } from '../db';
import { adjustment, agreement, agreementSignoff, checkIn, experiment, goalSignoff, measurement, startVisit, user, type SeenGoals } from '../db/schema';
import type { Actor } from '../auth/session';
import type { TrackStatus } from '../../shared/forecast';
import type { GoalStatus } from '../../shared/goal-status';

/**
 * "What changed since your last visit" on the start page. A visit is a run of renders less than
 * `VISIT_GAP_MS` apart: the live reloads while the page is open, or coming back after a few
 * minutes, continue the same visit and keep showing its changes; a render after a longer pause
 * starts a new visit, whose changes count from the end of the one before (decision 0021).
 */

export const VISIT_GAP_MS = 30 * 60_000;

export interface Baseline {
	/** When the previous visit ended; null on the first visit. */
	since: Date | null;
	/** Each goal's status as that visit last showed it. */
	seen: SeenGoals;
}

/** Records this render as (part of) a visit and returns what its changes count from. */
export async function recordVisit(db: Db, actor: Actor, current: SeenGoals, now: Date): Promise<Baseline> {
	const [row] = await db.select().from(startVisit).where(eq(startVisit.membershipId, actor.membershipId));
	const sameVisit = row !== undefined && now.getTime() - row.lastAt.getTime() < VISIT_GAP_MS;
	const since = row ? (sameVisit ? row.sinceAt : row.lastAt) : null;
	const seen = (row ? (sameVisit ? row.sinceSeen : row.lastSeen) : null) ?? {};
	const values = { sinceAt: since, sinceSeen: seen, lastAt: now, lastSeen: current };
	await db
		.insert(startVisit)
		.values({ membershipId: actor.membershipId, ...values })
		.onConflictDoUpdate({ target: startVisit.membershipId, set: values });
	return { since, seen };
}

export interface GoalChange {
	goalId: string;
	title: string;
	measurements: number;
	checkIns: number;
	experiments: number;
	adjustments: number;
	/** Names of the people who signed the goal since. */
	signedBy: string[];
	track: { from: TrackStatus; to: TrackStatus } | null;
	status: { from: GoalStatus; to: GoalStatus } | null;
}

export interface AgreementChange {
	id: string;
	title: string;
	signedBy: string[];
}

export interface GoalNow {
	id: string;
	title: string;
	trackStatus: TrackStatus;
	status: GoalStatus;
}

/** What a goal looks like for the comparison with the next visit. */
export const seenOf = (goals: readonly GoalNow[]): SeenGoals => Object.fromEntries(goals.map((g) => [g.id, { track: g.trackStatus, status: g.status }]));

/**
 * What happened to these goals (and the department's agreements) after `since`: new values,
 * reviews, approaches, adjustments and signatures, and statuses that differ from what the last
 * visit showed. Goals with nothing new are left out.
 */
export async function changesSince(db: Db, actor: Actor, goals: readonly GoalNow[], departmentId: string | null, baseline: Baseline) {
	const since = baseline.since;
	if (!since || goals.length === 0) return { goals: [] as GoalChange[], agreements: since && departmentId ? await agreementChanges(db, actor, departmentId, since) : [] };
	const ids = goals.map((g) => g.id);
	const perGoal = <T extends { goalId: string; n: number }>(rows: T[]) => new Map(rows.map((r) => [r.goalId, r.n]));
	const [measured, reviewed, tried, adjusted, signed, agreements] = await Promise.all([
		db.select({ goalId: measurement.goalId, n: count() }).from(measurement).where(and(inArray(measurement.goalId, ids), or(gt(measurement.enteredAt, since), gt(measurement.updatedAt, since)))).groupBy(measurement.goalId),
		db.select({ goalId: checkIn.goalId, n: count() }).from(checkIn).where(and(inArray(checkIn.goalId, ids), gt(checkIn.createdAt, since))).groupBy(checkIn.goalId),
		db.select({ goalId: experiment.goalId, n: count() }).from(experiment).where(and(inArray(experiment.goalId, ids), or(gt(experiment.createdAt, since), gt(experiment.updatedAt, since)))).groupBy(experiment.goalId),
		db.select({ goalId: adjustment.goalId, n: count() }).from(adjustment).where(and(inArray(adjustment.goalId, ids), gt(adjustment.detectedAt, since))).groupBy(adjustment.goalId),
		db
			.select({ goalId: goalSignoff.goalId, name: user.name })
			.from(goalSignoff)
			.innerJoin(user, eq(user.id, goalSignoff.userId))
			.where(and(inArray(goalSignoff.goalId, ids), gt(goalSignoff.signedAt, since)))
			.orderBy(goalSignoff.signedAt),
		departmentId ? agreementChanges(db, actor, departmentId, since) : Promise.resolve([])
	]);
	const [m, c, e, a] = [perGoal(measured), perGoal(reviewed), perGoal(tried), perGoal(adjusted)];
	const changes: GoalChange[] = goals.map((g) => {
		const before = baseline.seen[g.id];
		return {
			goalId: g.id,
			title: g.title,
			measurements: m.get(g.id) ?? 0,
			checkIns: c.get(g.id) ?? 0,
			experiments: e.get(g.id) ?? 0,
			adjustments: a.get(g.id) ?? 0,
			signedBy: [...new Set(signed.filter((s) => s.goalId === g.id).map((s) => s.name))],
			track: before && before.track !== g.trackStatus ? { from: before.track as TrackStatus, to: g.trackStatus } : null,
			status: before && before.status !== g.status ? { from: before.status as GoalStatus, to: g.status } : null
		};
	});
	return {
		goals: changes.filter((x) => x.measurements + x.checkIns + x.experiments + x.adjustments + x.signedBy.length > 0 || x.track || x.status),
		agreements
	};
}

/** Signatures of the department's agreements after `since`. */
async function agreementChanges(db: Db, actor: Actor, departmentId: string, since: Date): Promise<AgreementChange[]> {
	const rows = await db
		.select({ id: agreement.id, title: agreement.title, name: user.name })
		.from(agreementSignoff)
		.innerJoin(agreement, eq(agreement.id, agreementSignoff.agreementId))
		.innerJoin(user, eq(user.id, agreementSignoff.userId))
		.where(and(eq(agreement.municipalityId, actor.municipalityId), eq(agreement.departmentId, departmentId), gt(agreementSignoff.signedAt, since)))
		.orderBy(agreementSignoff.signedAt);
	const byId = new Map<string, AgreementChange>();
	for (const r of rows) {
		const entry = byId.get(r.id) ?? { id: r.id, title: r.title, signedBy: [] };
		if (!entry.signedBy.includes(r.name)) entry.signedBy.push(r.name);
		byId.set(r.id, entry);
	}
	return [...byId.values()];
}
