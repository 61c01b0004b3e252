import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { loadState } from '../../src/lib/server/documents/update-log';
import { CloseCode } from '../../src/lib/shared/documents';
import { goalText } from '../../src/lib/shared/goal-doc';
import { backends, useTestDatabase } from '../support/db';
import {
	anotherGoal,
	contentOf,
	cookie,
	handshake,
	projectedRows,
	waitFor,
	useGoalSync
} from '../support/sync';

describe.each(backends)('sync: shutting down on %s', (backend) => {
	const t = useTestDatabase(backend);
	const live = useGoalSync(t);

	it('stores everything pending, closes every socket with 1012 and lets no one in afterwards', async () => {
		const second = await anotherGoal(t.db, live.world);
		const a = live.sync.connect(live.world.as.focus.token, live.world.docName);
		const b = live.sync.connect(live.world.as.bildung.token, live.world.docName);
		const c = live.sync.connect(live.world.as.bildung.token, second.docName);
		await Promise.all([a.synced(), b.synced(), c.synced()]);

		// Typing right up to the shutdown: the last letters are likely still in the write batch.
		const title = goalText(a.doc, 'title')!;
		for (const letter of ' bis zum Schluss') title.insert(title.length, letter);
		goalText(c.doc, 'forWhom')!.insert(0, 'zweites Dokument');
		const expected = contentOf(a.doc);
		await waitFor(() => contentOf(b.doc).title === expected.title, 'the server to have applied the edits');
		await live.sync.sync.close();

		await waitFor(() => [a, b, c].every((client) => client.closes.length > 0), 'every socket to be closed');
		for (const client of [a, b, c]) expect(client.closes[0], 'close code').toBe(CloseCode.restart);
		for (const [docName, check] of [
			[live.world.docName, (doc: Y.Doc) => expect(contentOf(doc)).toEqual(expected)],
			[second.docName, (doc: Y.Doc) => expect(contentOf(doc).forWhom).toBe('zweites Dokument')]
		] as const) {
			const { state } = await loadState(t.db, docName);
			const stored = new Y.Doc();
			Y.applyUpdate(stored, state!);
			check(stored);
		}
		// The rows were brought up to date before the database may go away.
		expect((await projectedRows(t.db, live.world.goalId)).goal.title).toBe(expected.title);
		expect((await projectedRows(t.db, second.goalId)).goal.forWhom).toBe('zweites Dokument');

		// Reconnect attempts meet a server that is going away.
		expect(await handshake(live.sync.port, `/sync/${live.world.docName}`, { cookie: cookie(live.world.as.focus.token), origin: live.sync.origin })).toBe(
			'HTTP/1.1 503 Restarting'
		);
		expect(live.sync.sync.stats().documents).toBe(0);
		// Closing twice is harmless.
		await live.sync.sync.close();
		expect(live.sync.logs.filter((entry) => entry.level >= 50)).toEqual([]);
	});
});
