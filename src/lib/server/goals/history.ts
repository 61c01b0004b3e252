import * as Y from 'yjs';
import { inArray } from 'drizzle-orm';
import type { Db } from '../db';
import { user } from '../db/schema';
import { readableTarget, requireTarget, type TargetRef } from '../access/targets';
import type { Actor } from '../auth/session';
import { appendUpdates, loadState, logFingerprint, sessionStates, stateAt } from '../documents/update-log';
import { publish } from '../events';
import { Check } from '../validation';
import { announce } from './announce';
import { listAdjustments } from './adjustments';
import { listSignoffs } from './goals';
import { listNamedVersions, readGoalState } from './versions';
import { goalDocName, projectContent } from './projection';
import { DESCRIPTION, goalRoot, goalText, indicatorArray, readGoalContent, replaceText, TEXT_FIELDS } from '../../shared/goal-doc';
import { richTextNodes } from '../../shared/rich-text';
import { goalChanges } from '../../shared/goal-changes';
import { sortHistory, type EditSession, type HistoryItem } from '../../shared/history';

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
		const seq = await appendUpdates(db, name, [{ userId: actor.userId, update: Y.mergeUpdates(updates) }]);
		publish({ type: 'doc-appended', docs: [{ name, seq }] });
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

export interface GoalHistory {
	items: HistoryItem[];
	/** The newest version (0: none yet): what "the current state" names. */
	lastId: number;
}

/**
 * The goal's history for people who may read it: editing sessions from the server's update log
 * (not from what clients claim) with the fields each changed, interleaved with the adjustments,
 * the sign-offs and the named versions.
 */
export async function goalHistory(db: Db, actor: Actor, goalRef: TargetRef<'goal'>): Promise<GoalHistory | undefined> {
	const target = await readableTarget(db, actor, 'goal', goalRef);
	if (!target) return undefined;
	const [sessions, adjustments, signoffs, versions] = await Promise.all([
		editSessions(db, goalDocName(target.id)),
		listAdjustments(db, actor, target),
		listSignoffs(db, target.id),
		listNamedVersions(db, target.id)
	]);
	const items: HistoryItem[] = [
		...sessions.map((session) => ({ kind: 'session' as const, at: session.to, session })),
		...adjustments.map(({ id, field, label, before, after, detectedAt, reason }) => ({
			kind: 'adjustment' as const,
			at: detectedAt,
			adjustment: { id, field, label, before, after, detectedAt, reason }
		})),
		...signoffs.map(({ side, userName, signedAt }) => ({ kind: 'signoff' as const, at: signedAt, signoff: { side, userName, signedAt } })),
		...versions.map((version) => ({ kind: 'version' as const, at: version.stateAt, version }))
	];
	return { items: sortHistory(items), lastId: sessions[0]?.upToId ?? 0 };
}

type SessionSummary = Omit<EditSession, 'userName'> & { userId: string | null };

/**
 * Per goal document, its editing sessions with the fields each changed, kept while its log keeps
 * its fingerprint: summarising replays the whole log (a second for a few thousand updates), and
 * the history is read far more often than written. Names are looked up fresh.
 */
const summaries = new Map<string, { fingerprint: string; sessions: SessionSummary[] }>();
const SUMMARIES = 500;

async function editSessions(db: Db, docName: string): Promise<EditSession[]> {
	// Taken before the log is read: a change in between makes the next read summarise again.
	const fingerprint = await logFingerprint(db, docName);
	let kept = summaries.get(docName);
	if (kept?.fingerprint !== fingerprint) {
		const states = await sessionStates(db, docName, readGoalState);
		kept = {
			fingerprint,
			sessions: states.map((s) => ({ upToId: s.upToId, fromId: s.fromId, userId: s.userId, from: s.from, to: s.to, fields: goalChanges(s.before, s.after).map((c) => c.ref) }))
		};
	}
	summaries.delete(docName);
	summaries.set(docName, kept);
	if (summaries.size > SUMMARIES) summaries.delete(summaries.keys().next().value!);
	const ids = [...new Set(kept.sessions.flatMap((s) => (s.userId ? [s.userId] : [])))];
	const names = new Map(ids.length ? (await db.select({ id: user.id, name: user.name }).from(user).where(inArray(user.id, ids))).map((u) => [u.id, u.name]) : []);
	return kept.sessions.map(({ userId, ...s }) => ({ ...s, userName: userId ? (names.get(userId) ?? null) : null }));
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
