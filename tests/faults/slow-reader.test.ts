import type { Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { goalText } from '../../src/lib/shared/goal-doc';
import { MAX_BUFFERED_BYTES } from '../../server/sync/send';
import { goalWorld, startSync, waitFor, type GoalWorld, type SyncHarness } from '../support/sync';
import { report, useFaultDatabase } from './support/suite';

// 6. A client that stops reading is dropped once what waits for it passes the bound; the
// others on the same document get everything, and the server does not hold the rest.
describe('a slow reader', () => {
	const t = useFaultDatabase();
	let world: GoalWorld;
	let sync: SyncHarness;

	beforeAll(async () => {
		world = await goalWorld(t.db);
		sync = await startSync(t.db);
	});
	afterAll(async () => {
		await sync?.close();
	});

	it('is disconnected past the bound while the others are unaffected', async () => {
		const writer = sync.connect(world.as.focus.token, world.docName);
		const reader = sync.connect(world.as.bildung.token, world.docName);
		const slow = await sync.raw(world.as.bildung2.token, world.docName);
		await Promise.all([writer.synced(), reader.synced()]);
		// The slow client stops reading: the kernel's buffers fill, then the server's.
		const tcp = (slow.ws as unknown as { _socket: Socket })._socket;
		tcp.pause();
		const received = () => slow.received.reduce((sum, bytes) => sum + bytes.length, 0);
		const chunk = 'x'.repeat(400 * 1024);
		const started = performance.now();
		let sent = 0;
		// Well past the kernel's loopback buffers (a few MB each way) and the server's bound.
		const total = 40;
		for (let i = 0; i < total; i++) {
			goalText(writer.doc, 'resources')!.insert(0, chunk);
			sent += chunk.length;
			await new Promise((resolve) => setTimeout(resolve, 20));
		}
		await waitFor(() => goalText(reader.doc, 'resources')!.length === sent, 'the ordinary reader to get every update', 30_000);
		const readerMs = performance.now() - started;
		await waitFor(() => sync.logs.some((entry) => entry.msg === 'socket stopped reading; dropping it'), 'the server to drop the slow socket', 30_000);
		expect(sync.sync.stats().connections).toBe(2);
		// Reading again, the slow client finds its connection ended, with far less than was sent.
		tcp.resume();
		const closed = await slow.closed;
		expect(closed.code).toBe(1006);
		expect(received()).toBeLessThan(sent);
		expect(writer.provider.wsconnected && reader.provider.wsconnected).toBe(true);
		report('slow reader', { sentMB: (sent / 2 ** 20).toFixed(1), slowGotMB: (received() / 2 ** 20).toFixed(1), boundMB: MAX_BUFFERED_BYTES / 2 ** 20, readerMs: Math.round(readerMs) });
		writer.destroy();
		reader.destroy();
	});
});
