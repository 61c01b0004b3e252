import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import * as Y from 'yjs';
import { inTransaction, type Db } from '../db';
import { department, goal, goalSignoff, membership, tandem, tandemMember, user } from '../db/schema';
import { can, goalSignSides, home, requireCan } from '../access/rules';
import { readableTarget, tandemRef, tandemRefs, type TargetRef } from '../access/targets';
import type { Actor } from '../auth/session';
import { appendUpdates } from '../documents/update-log';
import { Check, isUuid } from '../validation';
import { announce } from './announce';
import { deletionBlockers } from './deletion';
import { goalDocName, projectContent } from './projection';
import { goalRoot, initGoalDoc, readGoalContent } from '../../shared/goal-doc';
import { isCriterion } from '../../shared/criteria';
import { signedSides, GOAL_STATUSES, type GoalSide, type GoalStatus } from '../../shared/goal-status';
import type { SmartResult } from '../../shared/smart';
import type { TrackStatus } from '../../shared/forecast';

/** Goals: starting one, the lists, what the goal page shows besides the live document. */

/** The longest title a goal may have; the goal page's title field holds as much. */
const MAX_TITLE = 500;

/**
 * Creates a goal for a tandem and its document (the server creates every shared text field).
 * A goal starts with a title, so no list ever shows an untitled draft nobody recognises.
 */
export async function createGoal(db: Db, actor: Actor, input: { tandemId: string; title: string; criterion?: string }): Promise<string> {
	const check = new Check();
	const [row] = isUuid(input.tandemId)
		? await db
				.select({ id: tandem.id, departmentId: tandem.departmentId })
				.from(tandem)
				.where(and(eq(tandem.id, input.tandemId), eq(tandem.municipalityId, actor.municipalityId)))
		: [];
	check.when(!row, 'tandemId', 'error_tandem_unknown');
	const title = input.title.trim();
	check.when(title === '', 'title', 'error_goal_title_required');
	check.when(title.length > MAX_TITLE, 'title', 'error_goal_title_too_long');
	const criterion = input.criterion || null;
	check.when(criterion !== null && !isCriterion(criterion), 'criterion', 'error_criterion_unknown');
	if (!row) check.throwIfAny();
	// Permission before the field checks: whoever may not start a goal here is refused, whatever they typed.
	requireCan(actor, 'editGoal', { kind: 'goal', municipalityId: actor.municipalityId, tandem: (await tandemRef(db, row!.id))! });
	check.throwIfAny();
	return inTransaction(db, async (tx) => {
		const [created] = await tx
			.insert(goal)
			.values({ municipalityId: actor.municipalityId, departmentId: row!.departmentId, tandemId: row!.id, title, createdBy: actor.userId })
			.returning({ id: goal.id });
		const doc = new Y.Doc();
		initGoalDoc(doc, { title });
		if (criterion) goalRoot(doc).set('criterion', criterion);
		await appendUpdates(tx, goalDocName(created!.id), [{ userId: actor.userId, update: Y.encodeStateAsUpdate(doc) }]);
		await projectContent(tx, created!.id, readGoalContent(doc));
		return created!.id;
	}).then((id) => {
		announce(actor.municipalityId, id);
		return id;
	});
}

export interface GoalFilters {
	departmentId?: string;
	tandemId?: string;
	status?: string;
}

export interface GoalListRow {
	id: string;
	title: string;
	status: GoalStatus;
	deadline: string | null;
	smartScore: number;
	smart: SmartResult | null;
	contentHash: string;
	departmentId: string;
	departmentName: string;
	tandemId: string;
	tandemName: string;
	progress: number | null;
	trackStatus: TrackStatus;
}

export async function listGoals(db: Db, actor: Actor, filters: GoalFilters = {}): Promise<GoalListRow[]> {
	requireCan(actor, 'read', home(actor));
	const where: SQL[] = [eq(goal.municipalityId, actor.municipalityId)];
	if (filters.departmentId) where.push(eq(goal.departmentId, filters.departmentId));
	if (filters.tandemId) where.push(eq(goal.tandemId, filters.tandemId));
	if (filters.status && (GOAL_STATUSES as readonly string[]).includes(filters.status)) where.push(eq(goal.status, filters.status));
	const rows = await db
		.select({
			id: goal.id,
			title: goal.title,
			status: goal.status,
			deadline: goal.deadline,
			smartScore: goal.smartScore,
			smart: goal.smart,
			contentHash: goal.contentHash,
			departmentId: goal.departmentId,
			departmentName: department.name,
			tandemId: goal.tandemId,
			tandemName: tandem.name,
			progress: goal.progress,
			trackStatus: goal.trackStatus
		})
		.from(goal)
		.innerJoin(department, eq(department.id, goal.departmentId))
		.innerJoin(tandem, eq(tandem.id, goal.tandemId))
		.where(and(...where))
		.orderBy(asc(department.name), sql`${goal.deadline} asc nulls last`, asc(goal.title));
	return rows.map((row) => ({ ...row, status: row.status as GoalStatus }));
}

/** What the lists show of a goal waiting for a signature. */
export type WaitingGoal = Pick<GoalListRow, 'id' | 'title' | 'tandemName'>;

/** Goals that need this person's signature: they may sign a side that has not signed the current content. */
export async function waitingForSignoff(db: Db, actor: Actor): Promise<WaitingGoal[]> {
	const myTandems = await db
		.select({ tandemId: tandemMember.tandemId })
		.from(tandemMember)
		.where(eq(tandemMember.membershipId, actor.membershipId));
	if (myTandems.length === 0) return [];
	const candidates = (await listGoals(db, actor)).filter(
		(g) => g.status !== 'closed' && g.status !== 'agreed' && myTandems.some((t) => t.tandemId === g.tandemId)
	);
	if (candidates.length === 0) return [];
	const signoffs = await db
		.select({ goalId: goalSignoff.goalId, side: goalSignoff.side, contentHash: goalSignoff.contentHash })
		.from(goalSignoff)
		.where(inArray(goalSignoff.goalId, candidates.map((g) => g.id)));
	const refs = await tandemRefs(db, eq(tandem.municipalityId, actor.municipalityId));
	const result: WaitingGoal[] = [];
	for (const g of candidates) {
		const ref = refs.get(g.tandemId);
		const mine = ref ? goalSignSides(actor, ref).filter((s): s is GoalSide => s === 'focus' || s === 'department') : [];
		const signed = signedSides(signoffs.filter((s) => s.goalId === g.id), g.contentHash);
		if (mine.some((side) => !signed.includes(side))) result.push({ id: g.id, title: g.title, tandemName: g.tandemName });
	}
	return result;
}

export interface SignoffView {
	side: GoalSide;
	userName: string;
	contentHash: string;
	signedAt: Date;
}

/** Everything the goal page needs besides the live document. */
export async function getGoal(db: Db, actor: Actor, goalRef: TargetRef<'goal'>) {
	const target = await readableTarget(db, actor, 'goal', goalRef);
	if (!target) return undefined;
	const goalId = target.id;
	const [row] = await db
		.select({ goal, departmentName: department.name, tandemName: tandem.name })
		.from(goal)
		.innerJoin(department, eq(department.id, goal.departmentId))
		.innerJoin(tandem, eq(tandem.id, goal.tandemId))
		.where(eq(goal.id, goalId));
	const people = await db
		.select({ membershipId: membership.id, name: user.name })
		.from(tandemMember)
		.innerJoin(membership, eq(membership.id, tandemMember.membershipId))
		.innerJoin(user, eq(user.id, membership.userId))
		.where(eq(tandemMember.tandemId, row!.goal.tandemId))
		.orderBy(asc(user.name));
	return {
		goal: row!.goal,
		departmentName: row!.departmentName,
		tandemName: row!.tandemName,
		tandemPeople: people,
		signoffs: await listSignoffs(db, goalId),
		canEdit: can(actor, 'editGoal', target),
		// The delete button shows only where deleting would succeed.
		canDelete: can(actor, 'deleteGoal', target) && (await deletionBlockers(db, target)).length === 0,
		mySides: goalSignSides(actor, target.tandem).filter((s): s is GoalSide => s === 'focus' || s === 'department')
	};
}

export async function listSignoffs(db: Db, goalId: string): Promise<SignoffView[]> {
	const rows = await db
		.select({ side: goalSignoff.side, userName: user.name, contentHash: goalSignoff.contentHash, signedAt: goalSignoff.signedAt })
		.from(goalSignoff)
		.innerJoin(user, eq(user.id, goalSignoff.userId))
		.where(eq(goalSignoff.goalId, goalId))
		.orderBy(desc(goalSignoff.signedAt));
	return rows.map((r) => ({ ...r, side: r.side as GoalSide }));
}

/** Tandems this person may start a goal for: their own, or every one for the integration office. */
export async function tandemsForNewGoal(db: Db, actor: Actor): Promise<{ id: string; name: string; departmentName: string }[]> {
	const rows = await db
		.select({ id: tandem.id, name: tandem.name, departmentName: department.name })
		.from(tandem)
		.innerJoin(department, eq(department.id, tandem.departmentId))
		.where(eq(tandem.municipalityId, actor.municipalityId))
		.orderBy(asc(department.name), asc(tandem.name));
	const refs = await tandemRefs(db, eq(tandem.municipalityId, actor.municipalityId));
	return rows.filter((row) => {
		const ref = refs.get(row.id);
		return ref !== undefined && can(actor, 'editGoal', { kind: 'goal', municipalityId: actor.municipalityId, tandem: ref });
	});
}
