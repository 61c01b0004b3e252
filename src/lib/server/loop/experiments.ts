import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Db } from '../db';
import { experiment, indicator } from '../db/schema';
import type { Actor } from '../auth/session';
import { announce } from '../goals/announce';
import { requireTarget, type TargetRef } from '../access/targets';
import { Check, isUuid } from '../validation';
import { asDate } from '../../shared/goal-doc';
import { DECISIONS, EXPERIMENT_STATUSES, type Decision, type ExperimentStatus } from '../../shared/loop';
import { NotFoundError } from '../errors';

/** Experiments (Handlungsansätze) of a goal: recorded and updated by those who write the goal. */

export const MAX_TITLE = 300;
export const MAX_TEXT = 5000;

export interface ExperimentInput {
	title: string;
	hypothesis: string;
	indicatorIds: readonly string[];
	startDate: string;
	endDate: string;
	status: string;
	learned: string;
	decision: string;
}

/** `kept`: indicators the experiment already names stay allowed even after they left the goal. */
async function validate(db: Db, goalId: string, input: ExperimentInput, kept: readonly string[] = []) {
	const check = new Check();
	const title = input.title.trim();
	check.when(title.length === 0, 'title', 'error_experiment_title_required').when(title.length > MAX_TITLE, 'title', 'error_experiment_title_too_long');
	const hypothesis = input.hypothesis.trim();
	const learned = input.learned.trim();
	check.when(hypothesis.length > MAX_TEXT, 'hypothesis', 'error_text_too_long').when(learned.length > MAX_TEXT, 'learned', 'error_text_too_long');
	const date = (raw: string, field: string) => {
		const value = raw.trim() === '' ? null : asDate(raw.trim());
		check.when(raw.trim() !== '' && value === null, field, 'error_date_invalid');
		return value;
	};
	const startDate = date(input.startDate, 'startDate');
	const endDate = date(input.endDate, 'endDate');
	check.when(startDate !== null && endDate !== null && endDate < startDate, 'endDate', 'error_experiment_dates_order');
	check.when(!(EXPERIMENT_STATUSES as readonly string[]).includes(input.status), 'status', 'error_experiment_status_unknown');
	const decision = input.decision.trim() || null;
	check.when(decision !== null && !(DECISIONS as readonly string[]).includes(decision), 'decision', 'error_experiment_decision_unknown');
	const own = await db.select({ id: indicator.id }).from(indicator).where(and(eq(indicator.goalId, goalId), isNull(indicator.archivedAt)));
	const indicatorIds = [...new Set(input.indicatorIds)];
	check.when(indicatorIds.some((id) => !kept.includes(id) && !own.some((o) => o.id === id)), 'indicatorIds', 'error_experiment_indicator_unknown');
	check.throwIfAny();
	return { title, hypothesis, indicatorIds, startDate, endDate, status: input.status as ExperimentStatus, learned, decision: decision as Decision | null };
}

export async function addExperiment(db: Db, actor: Actor, goalRef: TargetRef<'goal'>, input: ExperimentInput): Promise<string> {
	const goalId = (await requireTarget(db, actor, 'goal', goalRef, 'editGoal')).id;
	const values = await validate(db, goalId, input);
	const [row] = await db
		.insert(experiment)
		.values({ ...values, goalId, municipalityId: actor.municipalityId, createdBy: actor.userId })
		.returning({ id: experiment.id });
	announce(actor.municipalityId, goalId);
	return row!.id;
}

export async function updateExperiment(db: Db, actor: Actor, goalRef: TargetRef<'goal'>, experimentId: string, input: ExperimentInput): Promise<void> {
	const goalId = (await requireTarget(db, actor, 'goal', goalRef, 'editGoal')).id;
	if (!isUuid(experimentId)) throw new NotFoundError();
	const [row] = await db.select({ id: experiment.id, indicatorIds: experiment.indicatorIds }).from(experiment).where(and(eq(experiment.id, experimentId), eq(experiment.goalId, goalId)));
	if (!row) throw new NotFoundError();
	const values = await validate(db, goalId, input, row.indicatorIds);
	await db.update(experiment).set({ ...values, updatedBy: actor.userId, updatedAt: new Date() }).where(eq(experiment.id, experimentId));
	announce(actor.municipalityId, goalId);
}

export async function listExperiments(db: Db, actor: Actor, goalRef: TargetRef<'goal'>) {
	const goalId = (await requireTarget(db, actor, 'goal', goalRef, 'read')).id;
	const rows = await db.select().from(experiment).where(eq(experiment.goalId, goalId)).orderBy(asc(experiment.startDate), asc(experiment.createdAt));
	return rows.map((r) => ({ ...r, status: r.status as ExperimentStatus, decision: r.decision as Decision | null }));
}
