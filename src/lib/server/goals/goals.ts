import { and, asc, desc, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import * as Y from 'yjs';
import type { Db } from '../db';
import { department, goal, goalSignoff, indicator, membership, tandem, tandemMember, user } from '../db/schema';
import { error } from '@sveltejs/kit';
import { can, goalSignSides, home, requireCan, type Action, type Target, type TandemRef } from '../access/rules';
import type { Actor } from '../auth/session';
import { appendUpdates, history, loadState, stateAt } from '../documents/update-log';
import { publish } from '../events';
import { refreshProgress, seriesHistory } from './progress';
import { Check, isUuid } from '../validation';
import { contentHash, substantiveContent } from '../../shared/content-hash';
import type { Substantive } from '../../shared/loop';
import { recordAdjustments, settleAdjustments } from './adjustments';
import { docName } from '../../shared/documents';
import {
	DESCRIPTION,
	goalRoot,
	goalText,
	indicatorArray,
	initGoalDoc,
	readGoalContent,
	replaceText,
	TEXT_FIELDS,
	type GoalContent,
	type IndicatorDef
} from '../../shared/goal-doc';
import { FREQUENCIES, type Frequency } from '../../shared/indicator-templates';
import type { Criterion } from '../../shared/criteria';
import { everAgreed, goalStatus, signedSides, CLOSE_OUTCOMES, GOAL_STATUSES, type GoalSide, type GoalStatus } from '../../shared/goal-status';
import { berlinToday, rateGoal, type SmartResult } from '../../shared/smart';
import { richTextNodes } from '../../shared/rich-text';
import type { TrackStatus } from '../../shared/forecast';

export const goalDocName = (id: string) => docName({ kind: 'goal', id });

/** The tandem of a goal as the permission rules need it. */
async function tandemRef(db: Db, tandemId: string): Promise<TandemRef | undefined> {
	return (await tandemRefs(db, eq(tandem.id, tandemId))).get(tandemId);
}

/** Tandems as the permission rules need them, in one query, by tandem id. */
async function tandemRefs(db: Db, where: SQL): Promise<Map<string, TandemRef>> {
	const rows = await db
		.select({ id: tandem.id, departmentId: tandem.departmentId, membershipId: tandemMember.membershipId })
		.from(tandem)
		.leftJoin(tandemMember, eq(tandemMember.tandemId, tandem.id))
		.where(where);
	const refs = new Map<string, TandemRef>();
	for (const row of rows) {
		const ref = refs.get(row.id) ?? { departmentId: row.departmentId, membershipIds: [] };
		if (row.membershipId) (ref.membershipIds as string[]).push(row.membershipId);
		refs.set(row.id, ref);
	}
	return refs;
}

/** A goal as a permission target; undefined when it does not exist. */
export async function goalTarget(db: Db, goalId: string): Promise<(Target & { kind: 'goal' }) | undefined> {
	if (!isUuid(goalId)) return undefined;
	const [row] = await db.select({ municipalityId: goal.municipalityId, tandemId: goal.tandemId }).from(goal).where(eq(goal.id, goalId));
	if (!row) return undefined;
	const ref = await tandemRef(db, row.tandemId);
	return ref && { kind: 'goal', municipalityId: row.municipalityId, tandem: ref };
}

/**
 * The goal as a target, for someone who may do `action` to it. Unknown goals and goals of
 * other municipalities are both "not found" (404): nothing tells them apart.
 */
export async function requireGoal(db: Db, actor: Actor, goalId: string, action: Action): Promise<Target & { kind: 'goal' }> {
	const target = await goalTarget(db, goalId);
	if (!target || !can(actor, 'read', target)) error(404, 'Not found');
	requireCan(actor, action, target);
	return target;
}

/**
 * Read or write access to a collaborative document, for the sync server and the pages alike.
 * An unknown document and another municipality's answer the same: none.
 */
export async function goalAccess(db: Db, actor: Actor, goalId: string): Promise<'write' | 'read' | null> {
	const target = await goalTarget(db, goalId);
	if (!target || !can(actor, 'read', target)) return null;
	return can(actor, 'editGoal', target) ? 'write' : 'read';
}

/** Creates a goal for a tandem and its document (the server creates every shared text field). */
export async function createGoal(db: Db, actor: Actor, input: { tandemId: string; title?: string; criterion?: Criterion }): Promise<string> {
	const check = new Check();
	const [row] = isUuid(input.tandemId)
		? await db
				.select({ id: tandem.id, departmentId: tandem.departmentId })
				.from(tandem)
				.where(and(eq(tandem.id, input.tandemId), eq(tandem.municipalityId, actor.municipalityId)))
		: [];
	if (!row) check.add('tandemId', 'error_tandem_unknown').throwIfAny();
	const ref = (await tandemRef(db, row!.id))!;
	requireCan(actor, 'editGoal', { kind: 'goal', municipalityId: actor.municipalityId, tandem: ref });
	const title = (input.title ?? '').trim().slice(0, 500);
	return db.transaction(async (tx) => {
		const [created] = await tx
			.insert(goal)
			.values({ municipalityId: actor.municipalityId, departmentId: row!.departmentId, tandemId: row!.id, title, createdBy: actor.userId })
			.returning({ id: goal.id });
		const doc = new Y.Doc();
		initGoalDoc(doc, { title });
		if (input.criterion) goalRoot(doc).set('criterion', input.criterion);
		await appendUpdates(tx as unknown as Db, goalDocName(created!.id), [{ userId: actor.userId, update: Y.encodeStateAsUpdate(doc) }]);
		await projectContent(tx as unknown as Db, created!.id, readGoalContent(doc));
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
export async function getGoal(db: Db, actor: Actor, goalId: string) {
	const target = await goalTarget(db, goalId);
	if (!target || !can(actor, 'read', target)) return undefined;
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
		mySides: goalSignSides(actor, target.tandem).filter((s): s is GoalSide => s === 'focus' || s === 'department')
	};
}

/**
 * The goal's indicators as projected (not archived), in document order: what the page shows
 * before the live document has arrived, and the ones measurements can be recorded for.
 */
export async function projectedIndicators(db: Db, goalId: string): Promise<IndicatorDef[]> {
	return (await projectedIndicatorsOf(db, [goalId])).get(goalId) ?? [];
}

/** The live indicators of several goals in one read, by goal id, each in its document's order. */
export async function projectedIndicatorsOf(db: Db, goalIds: readonly string[]): Promise<Map<string, IndicatorDef[]>> {
	const byGoal = new Map<string, IndicatorDef[]>();
	if (goalIds.length === 0) return byGoal;
	const rows = await db
		.select()
		.from(indicator)
		.where(and(inArray(indicator.goalId, [...goalIds]), isNull(indicator.archivedAt)))
		.orderBy(asc(indicator.position));
	for (const r of rows) {
		const list = byGoal.get(r.goalId) ?? [];
		list.push({
			id: r.id,
			name: r.name,
			unit: r.unit,
			direction: r.direction === 'down' ? 'down' : 'up',
			baselineValue: r.baselineValue,
			baselineDate: r.baselineDate,
			targetValue: r.targetValue,
			targetDate: r.targetDate,
			templateKey: r.templateKey,
			frequency: (FREQUENCIES as readonly string[]).includes(r.frequency) ? (r.frequency as Frequency) : 'yearly',
			source: r.source,
			breakdown: r.breakdown,
			groups: r.groups,
			targetGroup: r.targetGroup,
			gapGroup: r.gapGroup,
			weight: r.weight
		});
		byGoal.set(r.goalId, list);
	}
	return byGoal;
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

/**
 * Writes the relational projection of a goal's content: title and texts, criterion, deadline,
 * SMART result, content hash, status, and the indicator rows (upserted by their stable ids;
 * indicators gone from the document are archived, never deleted). Returns the status.
 */
export async function projectContent(
	db: Db,
	goalId: string,
	content: GoalContent
): Promise<{ status: GoalStatus; changed: boolean; municipalityId: string } | undefined> {
	const [current] = await db
		.select({ municipalityId: goal.municipalityId, closedAt: goal.closedAt, status: goal.status, contentHash: goal.contentHash, smartScore: goal.smartScore, title: goal.title, deadline: goal.deadline, substantive: goal.substantive })
		.from(goal)
		.where(eq(goal.id, goalId));
	if (!current) return undefined;
	const hash = contentHash(content);
	const signoffs = await db.select({ side: goalSignoff.side, contentHash: goalSignoff.contentHash }).from(goalSignoff).where(eq(goalSignoff.goalId, goalId));
	const status = goalStatus({ closed: current.closedAt !== null, signoffs, contentHash: hash });
	const substantive = substantiveContent(content) as Substantive;
	// A goal once agreed is never changed silently (closed ones included): each substantive
	// change becomes an adjustment; a new agreement settles those so far.
	if (everAgreed(signoffs) && current.substantive && current.contentHash !== hash) {
		await recordAdjustments(db, goalId, current.municipalityId, current.substantive as Substantive, substantive);
	}
	if (status === 'agreed') await settleAdjustments(db, goalId);
	const history = await seriesHistory(db, goalId, content.indicators);
	const smart = rateGoal(content, { today: berlinToday(), status, signedSides: signedSides(signoffs, hash), history });
	await db
		.update(goal)
		.set({
			title: content.title,
			forWhom: content.forWhom,
			resources: content.resources,
			criterion: content.criterion,
			deadline: content.deadline,
			contentHash: hash,
			substantive,
			smart,
			smartScore: smart.score,
			status,
			projectedAt: new Date()
		})
		.where(eq(goal.id, goalId));
	const ids = content.indicators.map((i) => i.id);
	for (const [position, i] of content.indicators.entries()) {
		const values = {
			goalId,
			municipalityId: current.municipalityId,
			position,
			name: i.name,
			unit: i.unit,
			direction: i.direction,
			baselineValue: i.baselineValue,
			baselineDate: i.baselineDate,
			targetValue: i.targetValue,
			targetDate: i.targetDate,
			templateKey: i.templateKey,
			frequency: i.frequency,
			source: i.source,
			breakdown: i.breakdown,
			groups: i.groups,
			targetGroup: i.targetGroup,
			gapGroup: i.gapGroup,
			weight: i.weight,
			archivedAt: null
		};
		// An id that belongs to another goal (a hand-crafted update) is not taken over.
		await db
			.insert(indicator)
			.values({ id: i.id, ...values })
			.onConflictDoUpdate({ target: indicator.id, set: values, where: eq(indicator.goalId, goalId) });
	}
	await db
		.update(indicator)
		.set({ archivedAt: new Date() })
		.where(
			and(
				eq(indicator.goalId, goalId),
				isNull(indicator.archivedAt),
				ids.length > 0 ? sql`${indicator.id} not in (${sql.join(ids.map((id) => sql`${id}`), sql`, `)})` : sql`true`
			)
		);
	// Baselines, targets and deadline move progress and forecast.
	const progress = await refreshProgress(db, { goalIds: [goalId] });
	const changed =
		current.status !== status ||
		current.contentHash !== hash ||
		current.smartScore !== smart.score ||
		current.title !== content.title ||
		current.deadline !== content.deadline ||
		progress.changedGoalIds.length > 0;
	// The caller announces the change once its transaction has committed (see announce()).
	return { status, changed, municipalityId: current.municipalityId };
}

/** Tells open pages that a goal's rows changed; call after the writing transaction committed. */
export function announce(municipalityId: string, goalId: string): void {
	publish({ type: 'goal-changed', municipalityId, goalId });
}

/** Rebuilds a goal's rows from its stored document (the rows are derived and can always be rebuilt). */
export async function rebuildProjection(db: Db, goalId: string): Promise<void> {
	const { state } = await loadState(db, goalDocName(goalId));
	const doc = new Y.Doc();
	if (state) Y.applyUpdate(doc, state);
	await projectContent(db, goalId, readGoalContent(doc));
	doc.destroy();
}

/**
 * "Ziel vereinbaren": signs the content the person saw. The hash they saw must be the hash of
 * the stored document; if someone changed it meanwhile they are asked to look again.
 */
export async function signOffGoal(db: Db, actor: Actor, input: { goalId: string; contentHash: string }): Promise<void> {
	const target = await requireGoal(db, actor, input.goalId, 'signGoal');
	const [row] = await db.select({ closedAt: goal.closedAt }).from(goal).where(eq(goal.id, input.goalId));
	new Check().when(row?.closedAt != null, 'goalId', 'error_goal_closed').throwIfAny();
	const { state } = await loadState(db, goalDocName(input.goalId));
	const doc = new Y.Doc();
	if (state) Y.applyUpdate(doc, state);
	const content = readGoalContent(doc);
	doc.destroy();
	const hash = contentHash(content);
	new Check().when(hash !== input.contentHash, 'contentHash', 'error_signoff_outdated').throwIfAny();
	const sides = goalSignSides(actor, target.tandem).filter((s): s is GoalSide => s === 'focus' || s === 'department');
	await db.transaction(async (tx) => {
		const existing = await tx
			.select({ side: goalSignoff.side })
			.from(goalSignoff)
			.where(and(eq(goalSignoff.goalId, input.goalId), eq(goalSignoff.contentHash, hash)));
		const missing = sides.filter((side) => !existing.some((e) => e.side === side));
		if (missing.length > 0) {
			await tx.insert(goalSignoff).values(
				missing.map((side) => ({ goalId: input.goalId, userId: actor.userId, membershipId: actor.membershipId, side, contentHash: hash }))
			);
		}
		await projectContent(tx as unknown as Db, input.goalId, content);
	});
	announce(actor.municipalityId, input.goalId);
}

/** Closes a goal as achieved, not achieved or dropped, with a comment. */
export async function closeGoal(db: Db, actor: Actor, input: { goalId: string; outcome: string; comment: string }): Promise<void> {
	await requireGoal(db, actor, input.goalId, 'editGoal');
	const check = new Check();
	check.when(!(CLOSE_OUTCOMES as readonly string[]).includes(input.outcome), 'outcome', 'error_outcome_required');
	const comment = input.comment.trim();
	check.when(comment.length === 0, 'comment', 'error_comment_required');
	check.when(comment.length > 5000, 'comment', 'error_comment_too_long');
	check.throwIfAny();
	await db
		.update(goal)
		.set({ closedAt: new Date(), closedBy: actor.userId, closedOutcome: input.outcome, closingComment: comment, status: 'closed' })
		.where(eq(goal.id, input.goalId));
	announce(actor.municipalityId, input.goalId);
}

/** Reopens a closed goal; its status is derived from its signatures again. */
export async function reopenGoal(db: Db, actor: Actor, input: { goalId: string }): Promise<void> {
	await requireGoal(db, actor, input.goalId, 'editGoal');
	await db.update(goal).set({ closedAt: null, closedBy: null, closedOutcome: null, closingComment: null }).where(eq(goal.id, input.goalId));
	await rebuildProjection(db, input.goalId);
	announce(actor.municipalityId, input.goalId);
}

/**
 * Restores an earlier version as a new change by the restoring person: nothing in between is
 * lost from the log, and open editors receive the change like any other.
 */
export async function restoreVersion(db: Db, actor: Actor, input: { goalId: string; upToId: number }): Promise<void> {
	await requireGoal(db, actor, input.goalId, 'editGoal');
	new Check().when(!Number.isSafeInteger(input.upToId) || input.upToId < 1, 'upToId', 'error_version_unknown').throwIfAny();
	const name = goalDocName(input.goalId);
	const old = await stateAt(db, name, input.upToId);
	const { state } = await loadState(db, name);
	const doc = new Y.Doc();
	if (state) Y.applyUpdate(doc, state);
	const updates: Uint8Array[] = [];
	doc.on('update', (update: Uint8Array) => updates.push(update));
	doc.transact(() => copyGoalContent(old, doc));
	if (updates.length > 0) {
		await appendUpdates(db, name, [{ userId: actor.userId, update: Y.mergeUpdates(updates) }]);
		publish({ type: 'doc-appended', docName: name });
	}
	await projectContent(db, input.goalId, readGoalContent(doc));
	announce(actor.municipalityId, input.goalId);
	doc.destroy();
	old.destroy();
}

/** Makes `target` hold what `source` holds, as edits (used for restoring a version). */
export function copyGoalContent(source: Y.Doc, target: Y.Doc): void {
	const from = goalRoot(source);
	const to = goalRoot(target);
	for (const field of TEXT_FIELDS) {
		const text = goalText(target, field);
		if (text) replaceText(text, goalText(source, field)?.toString() ?? '');
	}
	for (const key of ['criterion', 'deadline']) {
		if (to.get(key) !== from.get(key)) to.set(key, from.get(key) ?? null);
	}
	const fromList = indicatorArray(source).toArray();
	const toList = indicatorArray(target);
	toList.delete(0, toList.length);
	toList.insert(0, fromList.filter((m) => m instanceof Y.Map).map((m) => m.clone()));
	const description = target.getXmlFragment(DESCRIPTION);
	description.delete(0, description.length);
	const nodes = source.getXmlFragment(DESCRIPTION).toArray();
	description.insert(0, nodes.filter((node): node is Y.XmlElement | Y.XmlText => !(node instanceof Y.XmlHook)).map((node) => node.clone()));
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

/** Who changed the goal and when (from the update log), for people who may read it. */
export async function goalHistory(db: Db, actor: Actor, goalId: string) {
	const target = await goalTarget(db, goalId);
	if (!target || !can(actor, 'read', target)) return undefined;
	return history(db, goalDocName(goalId));
}

/** The goal's content as it was after update `upToId`. */
export async function goalVersion(db: Db, actor: Actor, goalId: string, upToId: number) {
	const target = await goalTarget(db, goalId);
	if (!target || !can(actor, 'read', target) || !Number.isSafeInteger(upToId) || upToId < 1) return undefined;
	const doc = await stateAt(db, goalDocName(goalId), upToId);
	const content = readGoalContent(doc);
	const description = richTextNodes(doc.getXmlFragment(DESCRIPTION));
	doc.destroy();
	return { upToId, content, description };
}
