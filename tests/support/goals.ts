import { eq } from 'drizzle-orm';
import * as Y from 'yjs';
import type { Db } from '../../src/lib/server/db';
import { adjustment, docUpdate, goal, goalSignoff } from '../../src/lib/server/db/schema';
import { appendUpdates, loadState } from '../../src/lib/server/documents/update-log';
import { goalDocName, projectContent } from '../../src/lib/server/goals/projection';
import { contentHash } from '../../src/lib/shared/content-hash';
import { readGoalContent } from '../../src/lib/shared/goal-doc';
import type { SignedIn } from './db';

/**
 * Changes a stored document as the sync server would: one stored update by its author.
 * Returns the document's content afterwards, read with `read`.
 */
export async function changeStoredDoc<C>(db: Db, docName: string, author: SignedIn, change: (doc: Y.Doc) => void, read: (doc: Y.Doc) => C, at?: Date): Promise<C> {
	const { state } = await loadState(db, docName);
	const doc = new Y.Doc();
	Y.applyUpdate(doc, state!);
	const updates: Uint8Array[] = [];
	doc.on('update', (update: Uint8Array) => updates.push(update));
	doc.transact(() => change(doc));
	if (updates.length > 0) await appendUpdates(db, docName, [{ userId: author.actor.userId, update: Y.mergeUpdates(updates), createdAt: at }]);
	const content = read(doc);
	doc.destroy();
	return content;
}

/**
 * Changes a goal as the sync server would: a stored update by its author, then the projection.
 * With `at`, the change is dated then, as history written after the fact. Returns the content
 * hash of the result.
 */
export async function editGoal(db: Db, goalId: string, author: SignedIn, change: (doc: Y.Doc) => void, at?: Date): Promise<string> {
	const content = await changeStoredDoc(db, goalDocName(goalId), author, change, readGoalContent, at);
	await projectContent(db, goalId, content);
	return contentHash(content);
}

/**
 * Dates a goal's history so far back to `at`, as the demo data is dated: its creation, every
 * stored document change, its sign-offs and adjustments. Reports rebuild goals at their
 * reference date, so a goal made by a test "now" would not be in a report for an earlier date.
 */
export async function backdateGoal(db: Db, goalId: string, at: Date): Promise<void> {
	await db.update(goal).set({ createdAt: at }).where(eq(goal.id, goalId));
	await db.update(docUpdate).set({ createdAt: at }).where(eq(docUpdate.docName, goalDocName(goalId)));
	await db.update(goalSignoff).set({ signedAt: at }).where(eq(goalSignoff.goalId, goalId));
	await db.update(adjustment).set({ detectedAt: at }).where(eq(adjustment.goalId, goalId));
}
