import { and, asc, eq } from 'drizzle-orm';
import type * as Y from 'yjs';
import type { Db } from '../db';
import { goal, goalVersion, user } from '../db/schema';
import { readableTarget, requireTarget, type TargetRef } from '../access/targets';
import type { Actor } from '../auth/session';
import { history, lastUpdateId, statesAt, updateTime } from '../documents/update-log';
import { Check } from '../validation';
import { goalDocName } from './projection';
import { goalChanges, goalState, type FieldChange, type GoalState } from '../../shared/goal-changes';
import { DESCRIPTION, readGoalContent } from '../../shared/goal-doc';
import { richTextNodes } from '../../shared/rich-text';
import type { NamedVersion } from '../../shared/history';

/** Named versions of a goal ("Stand Ausschuss März") and the comparison of any two versions. */

export const MAX_VERSION_NAME = 100;

/** The goal as the history compares it, read from its document. */
export function readGoalState(doc: Y.Doc): GoalState {
	return goalState(readGoalContent(doc), richTextNodes(doc.getXmlFragment(DESCRIPTION)));
}

export async function listNamedVersions(db: Db, goalId: string): Promise<NamedVersion[]> {
	return db
		.select({ id: goalVersion.id, name: goalVersion.name, upToId: goalVersion.upToId, stateAt: goalVersion.stateAt, createdByName: user.name, createdAt: goalVersion.createdAt })
		.from(goalVersion)
		.leftJoin(user, eq(user.id, goalVersion.createdBy))
		.where(eq(goalVersion.goalId, goalId))
		.orderBy(asc(goalVersion.stateAt), asc(goalVersion.name));
}

/**
 * Names the goal's state after update `upToId` (empty: the current state). Only the goal's
 * writers name versions; a name is unique per goal.
 */
export async function nameVersion(db: Db, actor: Actor, input: { goalId: string; name: string; upToId: string }): Promise<NamedVersion> {
	const target = await requireTarget(db, actor, 'goal', input.goalId, 'editGoal');
	const docName = goalDocName(target.id);
	const name = input.name.trim().replace(/\s+/g, ' ');
	const upToId = input.upToId.trim() === '' ? await lastUpdateId(db, docName) : Number(input.upToId);
	const stateAt = await updateTime(db, docName, upToId);
	const check = new Check()
		.when(name === '', 'name', 'error_version_name_required')
		.when(name.length > MAX_VERSION_NAME, 'name', 'error_version_name_too_long')
		.when(!stateAt, 'upToId', 'error_version_unknown');
	if (check.ok) {
		const [taken] = await db.select({ id: goalVersion.id }).from(goalVersion).where(and(eq(goalVersion.goalId, target.id), eq(goalVersion.name, name)));
		check.when(Boolean(taken), 'name', 'error_version_name_taken');
	}
	check.throwIfAny();
	const [row] = await db
		.insert(goalVersion)
		.values({ goalId: target.id, name, upToId, stateAt: stateAt!, createdBy: actor.userId })
		.onConflictDoNothing()
		.returning({ id: goalVersion.id, createdAt: goalVersion.createdAt });
	// Someone else gave the same name in the same moment.
	if (!row) new Check().add('name', 'error_version_name_taken').throwIfAny();
	return { id: row!.id, name, upToId, stateAt: stateAt!, createdByName: actor.name, createdAt: row!.createdAt };
}

/** A version to choose for a comparison: a named one, or the end of an editing session. */
export interface VersionChoice {
	upToId: number;
	at: Date;
	userName: string | null;
}

/** What a comparison of the goal can choose from: its named versions and its editing sessions (newest first). */
export async function versionChoices(db: Db, actor: Actor, goalRef: TargetRef<'goal'>) {
	const target = await readableTarget(db, actor, 'goal', goalRef);
	if (!target) return undefined;
	const [row] = await db.select({ title: goal.title }).from(goal).where(eq(goal.id, target.id));
	const [named, sessions] = [await listNamedVersions(db, target.id), await history(db, goalDocName(target.id))];
	return {
		title: row?.title ?? '',
		named: named.reverse(),
		sessions: sessions.map((s): VersionChoice => ({ upToId: s.upToId, at: s.to, userName: s.userName })),
		lastId: sessions[0]?.upToId ?? 0
	};
}

export interface Comparison {
	fromId: number;
	toId: number;
	changes: FieldChange[];
}

/**
 * The field-level differences between the goal after update `fromId` (0: before anything was
 * written) and after `toId` (null: now), for everyone who may read the goal. Undefined when
 * the goal is not readable or a version is not in its log.
 */
export async function compareVersions(db: Db, actor: Actor, goalRef: TargetRef<'goal'>, fromId: number, toId: number | null): Promise<Comparison | undefined> {
	const target = await readableTarget(db, actor, 'goal', goalRef);
	if (!target) return undefined;
	const docName = goalDocName(target.id);
	const to = toId ?? (await lastUpdateId(db, docName));
	const states = await statesAt(db, docName, [fromId, to], readGoalState);
	const before = states.get(fromId);
	const after = states.get(to);
	if (!before || !after) return undefined;
	return { fromId, toId: to, changes: goalChanges(before, after) };
}
