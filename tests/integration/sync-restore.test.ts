import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { loadState, lastUpdateId } from '../../src/lib/server/documents/update-log';
import { goalHistory, goalVersion, restoreVersion } from '../../src/lib/server/goals/history';
import { addIndicator, goalRoot, goalText, removeIndicator, replaceText } from '../../src/lib/shared/goal-doc';
import { backends, useTestDatabase } from '../support/db';
import {
	contentOf,
	projectedRows,
	sameState,
	storedUpdates,
	waitFor,
	useGoalSync
} from '../support/sync';

describe.each(backends)('sync: restoring a version into an open document on %s', (backend) => {
	const t = useTestDatabase(backend);
	const live = useGoalSync(t);

	/** Waits until the stored log holds what `doc` holds. */
	async function stored(doc: Y.Doc): Promise<void> {
		await waitFor(async () => {
			const { state } = await loadState(t.db, live.world.docName);
			const copy = new Y.Doc();
			Y.applyUpdate(copy, state!);
			return JSON.stringify(contentOf(copy)) === JSON.stringify(contentOf(doc));
		}, 'the edits to be stored');
	}

	it('sends the restored content to open editors as a new change by the restoring person', async () => {
		const a = live.sync.connect(live.world.as.focus.token, live.world.docName);
		const b = live.sync.connect(live.world.as.bildung.token, live.world.docName);
		await Promise.all([a.synced(), b.synced()]);

		// Version one, by the department side.
		replaceText(goalText(b.doc, 'title')!, 'Übergänge verbessern');
		goalText(b.doc, 'forWhom')!.insert(0, 'Schulabgänger:innen');
		const kept = addIndicator(b.doc, { name: 'Quote', unit: '%', baselineValue: 40, baselineDate: '2025-01-01', targetValue: 60, targetDate: '2027-12-31' });
		goalRoot(b.doc).set('deadline', '2027-12-31');
		await waitFor(() => sameState(a.doc, b.doc), 'version one to reach a');
		await stored(b.doc);
		const versionOne = await lastUpdateId(t.db, live.world.docName);
		const one = contentOf(b.doc);

		// Then the integration office rewrites it.
		replaceText(goalText(a.doc, 'title')!, 'Etwas ganz anderes');
		replaceText(goalText(a.doc, 'forWhom')!, 'alle');
		removeIndicator(a.doc, kept);
		addIndicator(a.doc, { name: 'Neu', unit: 'Personen' });
		goalRoot(a.doc).set('deadline', '2026-06-30');
		await waitFor(() => sameState(a.doc, b.doc), 'the rewrite to reach b');
		await stored(a.doc);
		expect((await goalVersion(t.db, live.world.as.focus2.actor, live.world.goalId, versionOne))!.content).toEqual(one);

		// Someone else restores version one while both editors are open.
		const restorer = live.world.as.focus2;
		await restoreVersion(t.db, restorer.actor, { goalId: live.world.goalId, upToId: versionOne });
		for (const client of [a, b]) {
			await waitFor(() => JSON.stringify(contentOf(client.doc)) === JSON.stringify(one), () => `the restore to reach an editor: ${JSON.stringify(contentOf(client.doc))}`);
		}
		expect(sameState(a.doc, b.doc)).toBe(true);

		// The history names the restoring person; the room stored nothing twice.
		const sessions = (await goalHistory(t.db, restorer.actor, live.world.goalId))!.items.flatMap((item) => (item.kind === 'session' ? [item.session] : []));
		expect(sessions[0]).toMatchObject({ userName: live.world.town.people.focus2!.name });
		expect(sessions[0]!.fields.length).toBeGreaterThan(0);
		expect(sessions.map((entry) => entry.userName)).toEqual(
			expect.arrayContaining([live.world.as.focus.actor.name, live.world.as.bildung.actor.name, restorer.actor.name])
		);
		expect((await storedUpdates(t.db, live.world.docName)).filter((row) => row.userId === restorer.actor.userId)).toHaveLength(1);
		expect((await projectedRows(t.db, live.world.goalId)).goal).toMatchObject({ title: one.title, forWhom: one.forWhom, deadline: one.deadline });
		expect((await projectedRows(t.db, live.world.goalId)).indicators.map((i) => i.id)).toEqual([kept]);

		// Editing goes on from the restored state, and a reload shows the same.
		goalText(b.doc, 'resources')!.insert(0, 'nach der Wiederherstellung');
		await waitFor(() => sameState(a.doc, b.doc), 'edits after the restore to converge');
		await stored(a.doc);
		a.destroy();
		b.destroy();
		await waitFor(() => live.sync.sync.stats().documents === 0, 'the document to be unloaded');
		const again = live.sync.connect(live.world.as.leitung.token, live.world.docName);
		await again.synced();
		await waitFor(() => contentOf(again.doc).resources === 'nach der Wiederherstellung', 'a reload to show the same');
		expect({ ...contentOf(again.doc), resources: '' }).toEqual(one);
	});
});
