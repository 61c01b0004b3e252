import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { goalText, initGoalDoc } from '../../src/lib/shared/goal-doc';
import { backends, useTestDatabase } from '../support/db';
import {
	contentOf,
	delay,
	forgeUpdate,
	storedUpdates,
	updateFrame,
	waitFor,
	useGoalSync
} from '../support/sync';

describe.each(backends)('sync: read-only sockets on %s', (backend) => {
	const t = useTestDatabase(backend);
	const live = useGoalSync(t);

	it('lets a department head watch, but nothing they send reaches the document, others or the log', async () => {
		const head = live.world.as.leitung;
		const writer = live.sync.connect(live.world.as.bildung.token, live.world.docName);
		const watcher = live.sync.connect(head.token, live.world.docName);
		await Promise.all([writer.synced(), watcher.synced()]);

		// Reading works: the head sees what the tandem types.
		goalText(writer.doc, 'forWhom')!.insert(0, 'Jugendliche mit Migrationsgeschichte');
		await waitFor(() => contentOf(watcher.doc).forWhom === 'Jugendliche mit Migrationsgeschichte', 'the head to see the edit');

		// The head types through the stock provider: it stays local to the head's copy.
		goalText(watcher.doc, 'title')!.insert(0, 'LEITUNG ');
		goalText(watcher.doc, 'forWhom')!.delete(0, 10);

		// And hand-crafted frames on a raw socket with the head's cookie: an update, a sync
		// step 2, and a whole rival document (fields re-created) - all dropped.
		const raw = await live.sync.raw(head.token, live.world.docName);
		const forged = forgeUpdate(writer.doc, (doc) => goalText(doc, 'title')!.insert(0, 'GEFÄLSCHT '));
		const rival = new Y.Doc();
		initGoalDoc(rival, { title: 'Übernommen' });
		raw.ws.send(updateFrame(forged));
		raw.ws.send(updateFrame(Y.mergeUpdates([Y.encodeStateAsUpdate(writer.doc), forged]), 'step2'));
		raw.ws.send(updateFrame(Y.encodeStateAsUpdate(rival)));

		// A later write by the tandem still arrives everywhere; the head's edits never do.
		await delay(100);
		goalText(writer.doc, 'resources')!.insert(0, 'Zwei Stellen');
		await waitFor(() => contentOf(watcher.doc).resources === 'Zwei Stellen', 'the head to keep receiving');
		const check = live.sync.connect(live.world.as.focus.token, live.world.docName);
		await check.synced();
		await waitFor(() => contentOf(check.doc).resources === 'Zwei Stellen', 'a fresh reader to be up to date');
		expect(contentOf(writer.doc)).toEqual(contentOf(check.doc));
		expect(contentOf(check.doc).title).toBe('Mehr Ausbildungsplätze');
		expect(contentOf(check.doc).forWhom).toBe('Jugendliche mit Migrationsgeschichte');
		// The raw socket is not closed for it: a read-only socket may still read.
		expect(raw.ws.readyState).toBe(raw.ws.OPEN);
		expect(watcher.closes).toEqual([]);

		// The log holds the writer's rows and the creation, nothing of the head.
		await waitFor(async () => {
			const stored = await storedUpdates(t.db, live.world.docName);
			const doc = new Y.Doc();
			Y.applyUpdate(doc, Y.mergeUpdates(stored.map((row) => row.update)));
			return contentOf(doc).resources === 'Zwei Stellen';
		}, 'the writer’s edits to be stored');
		await delay(100);
		const stored = await storedUpdates(t.db, live.world.docName);
		expect(stored.filter((row) => row.userId === head.actor.userId)).toEqual([]);
		expect(new Set(stored.map((row) => row.userId))).toEqual(new Set([live.world.as.focus.actor.userId, live.world.as.bildung.actor.userId]));
		const merged = new Y.Doc();
		Y.applyUpdate(merged, Y.mergeUpdates(stored.map((row) => row.update)));
		expect(contentOf(merged)).toEqual(contentOf(writer.doc));
	});

	it('treats a member of another department the same: read, never write', async () => {
		const reader = live.sync.connect(live.world.as.jugend.token, live.world.docName);
		await reader.synced();
		const rows = (await storedUpdates(t.db, live.world.docName)).length;
		goalText(reader.doc, 'title')!.insert(0, 'JUGEND ');
		const writer = live.sync.connect(live.world.as.focus.token, live.world.docName);
		await writer.synced();
		await delay(150);
		expect(contentOf(writer.doc).title).toBe('Mehr Ausbildungsplätze');
		expect(await storedUpdates(t.db, live.world.docName)).toHaveLength(rows);
	});
});
