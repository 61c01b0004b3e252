import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSyncProcess, type SyncProcess } from '../support/processes';
import { anotherGoal, connectClient, delay, goalWorld, waitFor, type Client, type GoalWorld } from '../support/sync';
import { holdClients, report, size, useFaultDatabase } from './support/suite';

/** What one process may use with this many sockets open (the one-process target is 250 MB at 250 busy documents). */
const MEMORY_BUDGET_BYTES = 300 * 1024 * 1024;

// 5. Every client reconnects at once after a restart. They reconnect as the app does (random
// delays, src/lib/collab/reconnect.ts), the server checks a bounded number of handshakes at
// once (tests/integration/sync-handshakes.test.ts tests the bound), and all of them are synced again without the process passing its memory budget.
describe('a reconnect storm after a restart', () => {
	const t = useFaultDatabase();
	const clients = size(300, 1000);
	holdClients(clients);
	let world: GoalWorld;
	let server: SyncProcess;

	beforeAll(async () => {
		world = await goalWorld(t.db);
		server = await startSyncProcess(t.databaseUrl!);
	});
	afterAll(async () => {
		await server?.close();
	});

	it(`brings ${clients} clients back`, async () => {
		const docs = await Promise.all(Array.from({ length: clients / 10 }, (_, i) => anotherGoal(t.db, world, `Sturm ${i}`)));
		const people = [world.as.focus, world.as.bildung, world.as.bildung2, world.as.leitung];
		const all: Client[] = Array.from({ length: clients }, (_, i) => connectClient(server, people[i % people.length]!.token, docs[i % docs.length]!.docName));
		await waitFor(() => all.every((c) => c.provider.synced), 'every client to sync the first time', 60_000);
		const port = server.port;
		await server.close();
		const restartedAt = performance.now();
		server = await startSyncProcess(t.databaseUrl!, { port });
		let peakRss = 0;
		let sampling = true;
		const sampler = (async () => {
			while (sampling) {
				peakRss = Math.max(peakRss, (await server.stats()).rss);
				await delay(50);
			}
		})();
		await waitFor(() => all.every((c) => c.provider.synced && c.provider.wsconnected), () => `every client to sync again (${all.filter((c) => c.provider.synced).length} of ${clients})`, 60_000);
		const backMs = performance.now() - restartedAt;
		sampling = false;
		await sampler;
		const { stats } = await server.stats();
		expect(stats.connections).toBe(clients);
		expect(peakRss).toBeLessThan(MEMORY_BUDGET_BYTES);
		// Each client was told to come back (1012), none was shut out for good.
		expect(all.every((c) => c.closes.includes(1012) && !c.closes.some((code) => code >= 4400 && code < 4500))).toBe(true);
		report('reconnect storm', { clients, documents: docs.length, allBackMs: Math.round(backMs), handshakesPeak: stats.handshakesPeak, peakRssMB: (peakRss / 2 ** 20).toFixed(0) });
		for (const client of all) client.destroy();
	});
});
