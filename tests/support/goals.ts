import * as Y from 'yjs';
import type { Db } from '../../src/lib/server/db';
import { appendUpdates, loadState } from '../../src/lib/server/doc-store';
import { goalDocName, projectContent } from '../../src/lib/server/goals';
import { contentHash } from '../../src/lib/shared/content-hash';
import { readGoalContent } from '../../src/lib/shared/goal-doc';
import type { SignedIn } from './db';

/**
 * Changes a goal as the sync server would: a stored update by its author, then the projection.
 * Returns the content hash of the result.
 */
export async function editGoal(db: Db, goalId: string, author: SignedIn, change: (doc: Y.Doc) => void): Promise<string> {
	const { state } = await loadState(db, goalDocName(goalId));
	const doc = new Y.Doc();
	Y.applyUpdate(doc, state!);
	const updates: Uint8Array[] = [];
	doc.on('update', (update: Uint8Array) => updates.push(update));
	doc.transact(() => change(doc));
	await appendUpdates(db, goalDocName(goalId), [{ userId: author.actor.userId, update: Y.mergeUpdates(updates) }]);
	const content = readGoalContent(doc);
	await projectContent(db, goalId, content);
	doc.destroy();
	return contentHash(content);
}
