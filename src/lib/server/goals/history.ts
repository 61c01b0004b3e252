import * as Y from 'yjs';
import type { Db } from '../db';
import { readableTarget, requireTarget, type TargetRef } from '../access/targets';
import type { Actor } from '../auth/session';
import { appendUpdates, history, loadState, stateAt } from '../documents/update-log';
import { publish } from '../events';
import { Check } from '../validation';
import { announce } from './announce';
import { goalDocName, projectContent } from './projection';
import { DESCRIPTION, goalRoot, goalText, indicatorArray, readGoalContent, replaceText, TEXT_FIELDS } from '../../shared/goal-doc';
import { richTextNodes } from '../../shared/rich-text';

/** A goal's versions: who changed it when, what it said then, and restoring an earlier one. */

/**
 * Restores an earlier version as a new change by the restoring person: nothing in between is
 * lost from the log, and open editors receive the change like any other.
 */
export async function restoreVersion(db: Db, actor: Actor, input: { goalId: string; upToId: number }): Promise<void> {
	await requireTarget(db, actor, 'goal', input.goalId, 'editGoal');
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

/** Who changed the goal and when (from the update log), for people who may read it. */
export async function goalHistory(db: Db, actor: Actor, goalRef: TargetRef<'goal'>) {
	const target = await readableTarget(db, actor, 'goal', goalRef);
	if (!target) return undefined;
	return history(db, goalDocName(target.id));
}

/** The goal's content as it was after update `upToId`. */
export async function goalVersion(db: Db, actor: Actor, goalRef: TargetRef<'goal'>, upToId: number) {
	const target = await readableTarget(db, actor, 'goal', goalRef);
	if (!target || !Number.isSafeInteger(upToId) || upToId < 1) return undefined;
	const doc = await stateAt(db, goalDocName(target.id), upToId);
	const content = readGoalContent(doc);
	const description = richTextNodes(doc.getXmlFragment(DESCRIPTION));
	doc.destroy();
	return { upToId, content, description };
}
