import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { docUpdate } from '../../src/lib/server/db/schema';
import { loadState } from '../../src/lib/server/documents/update-log';
import { CloseCode } from '../../src/lib/shared/documents';
import { goalText } from '../../src/lib/shared/goal-doc';
import { backends, useTestDatabase } from '../support/db';
import {
	anotherGoal,
	contentOf,
	projectedRows,
	sameState,
	waitFor,
	type Client,
	useGoalSync
} from '../support/sync';

describe.each(backends)('sync: loading and unloading documents on %s', (backend) => {
	const t = useTestDatabase(backend);
	const live = useGoalSync(t);

	it('loads a document once for many clients connecting at once, and unloads it with everything stored', async () => {
		const tokens = [live.world.as.focus.token, live.world.as.bildung.token, live.world.as.bildung2.token, live.world.as.focus2.token];
		// Ten sockets in the same tick: all wait on one load.
		const clients: Client[] = Array.from({ length: 10 }, (_, i) => live.sync.connect(tokens[i % tokens.length]!, live.world.docName));
		await Promise.all(clients.map((client) => client.synced()));
		expect(live.sync.sync.stats()).toMatchObject({ documents: 1, connections: 10 });

		// One room: what each of the ten types reaches all the others (two rooms would split them).
		for (const [i, client] of clients.entries()) goalText(client.doc, 'resources')!.insert(0, `[${i}]`);
		await waitFor(() => clients.every((client) => sameState(client.doc, clients[0]!.doc)), 'all ten to converge');
		const typed = contentOf(clients[0]!.doc);
		for (let i = 0; i < 10; i++) expect(typed.resources).toContain(`[${i}]`);

		for (const client of clients) client.destroy();
		await waitFor(() => live.sync.sync.stats().documents === 0, 'the document to be unloaded');
		expect(live.sync.sync.stats().connections).toBe(0);

		// The database holds all of it, and the last projection ran on unload.
		const { state } = await loadState(t.db, live.world.docName);
		const stored = new Y.Doc();
		Y.applyUpdate(stored, state!);
		expect(contentOf(stored)).toEqual(typed);
		await waitFor(async () => (await projectedRows(t.db, live.world.goalId)).goal.resources === typed.resources, 'the projection on unload');

		// Opening it again loads it from the database.
		const again = live.sync.connect(live.world.as.focus.token, live.world.docName);
		await again.synced();
		await waitFor(() => contentOf(again.doc).resources === typed.resources, 'a reload to have everything');
		expect(live.sync.sync.stats().documents).toBe(1);
		again.destroy();
		await waitFor(() => live.sync.sync.stats().documents === 0, 'the document to be unloaded again');
	});

	it('keeps a document loaded while one client stays, and ignores a socket that gave up while connecting', async () => {
		const { docName } = await anotherGoal(t.db, live.world);
		const stay = live.sync.connect(live.world.as.focus.token, docName);
		const leave = live.sync.connect(live.world.as.bildung.token, docName);
		// Gone while connecting: it must neither keep the document loaded nor take it from the other.
		leave.destroy();
		await stay.synced();
		goalText(stay.doc, 'title')!.insert(0, 'bleibt ');
		await waitFor(() => live.sync.sync.stats().connections === 1, 'one socket to remain');
		expect(live.sync.sync.stats().documents).toBe(1);
		stay.destroy();
		await waitFor(() => live.sync.sync.stats().documents === 0, 'the document to be unloaded');
		const { state } = await loadState(t.db, docName);
		const stored = new Y.Doc();
		Y.applyUpdate(stored, state!);
		expect(contentOf(stored).title).toBe('bleibt Noch ein Ziel');
	});

	it('refuses a document that cannot be loaded with 1011, and loads it once it can', async () => {
		const { docName } = await anotherGoal(t.db, live.world, 'Kaputt');
		// A damaged row in the log: the load fails for real.
		const [damaged] = await t.db
			.insert(docUpdate)
			.values({ docName, userId: live.world.as.focus.actor.userId, update: Uint8Array.from([0xff, 0xff, 0xff, 0xff, 0xff, 0xff]) })
			.returning({ id: docUpdate.id });
		const client = live.sync.connect(live.world.as.focus.token, docName);
		const other = live.sync.connect(live.world.as.focus.token, live.world.docName);
		await waitFor(() => client.closes.includes(CloseCode.loadFailed), () => `a 1011 close, got ${client.closes.join(',')}`);
		expect(client.provider.synced).toBe(false);
		expect(live.sync.logs.some((entry) => entry.msg === 'loading the document failed')).toBe(true);
		// Other documents are served meanwhile.
		await other.synced();
		expect(contentOf(other.doc).resources).toContain('[9]');

		// A failed load is not kept: once the row is repaired the provider's retry gets in.
		await t.db.delete(docUpdate).where(eq(docUpdate.id, damaged!.id));
		await client.synced();
		expect(contentOf(client.doc).title).toBe('Kaputt');
		client.destroy();
		other.destroy();
		await waitFor(() => live.sync.sync.stats().documents === 0, 'both documents to be unloaded');
	});
});
