import * as Y from 'yjs';
import type { Db } from '../../src/lib/server/db';
import { appendUpdates, loadState } from '../../src/lib/server/documents/update-log';
import { goalDocName, projectContent } from '../../src/lib/server/goals/projection';
import { contentHash } from '../../src/lib/shared/content-hash';
import { readGoalContent } from '../../src/lib/shared/goal-doc';
import type { SignedIn } from './db';

/**
 * Changes a stored document as the sync server would: one stored update by its author.
 * Returns the document's content afterwards, read with `read`.
 */
export async function changeStoredDoc<C>(db: Db, docName: string, author: SignedIn, change: (doc: Y.Doc) => void, read: (doc: Y.Doc) => C): Promise<C> {
	const { state } = await loadState(db, docName);
	const doc = new Y.Doc();
	Y.applyUpdate(doc, state!);
	const updates: Uint8Array[] = [];
	doc.on('update', (update: Uint8Array) => updates.push(update));
	doc.transact(() => change(doc));
	if (updates.length > 0) await appendUpdates(db, docName, [{ userId: author.actor.userId, update: Y.mergeUpdates(updates) }]);
	const content = read(doc);
	doc.destroy();
	return content;
}

/**
 * Changes a goal as the sync server would: a stored update by its author, then the projection.
 * Returns the content hash of the result.
 */
export async function editGoal(db: Db, goalId: string, author: SignedIn, change: (doc: Y.Doc) => void): Promise<string> {
	const content = await changeStoredDoc(db, goalDocName(goalId), author, change, readGoalContent);
	await projectContent(db, goalId, content);
	return contentHash(content);
}
