import { count, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { docUpdate } from '../../src/lib/server/db/schema';
import { anotherGoal, connectClient, contentOf, sameState } from '../support/sync';
import { holdClients, report, size, useFaultDatabase, useTwoProcesses } from './support/suite';

// 8. Many clients open one cold document on two processes at once: each process loads it
// once, and nobody's empty copy is written to the log.
describe('first load of a cold document on two processes at once', () => {
	const t = useFaultDatabase();
	const clients = size(50, 500);
	holdClients(clients);
	const live = useTwoProcesses(t);

	it(`loads once per process for ${clients} clients and writes nothing`, async () => {
		const { world, processes } = live;
		const { docName } = await anotherGoal(t.db, world, 'Kalt geladen');
		const rows = async () => (await t.db.select({ n: count() }).from(docUpdate).where(eq(docUpdate.docName, docName)))[0]!.n;
		const rowsBefore = await rows();
		const loadsBefore = await Promise.all(processes.map(async (p) => (await p.stats()).stats.loads));
		const people = [world.as.focus, world.as.bildung, world.as.bildung2, world.as.leitung];
		const started = performance.now();
		const all = Array.from({ length: clients }, (_, i) => connectClient(processes[i % 2]!, people[i % people.length]!.token, docName));
		await Promise.all(all.map((c) => c.synced()));
		const ms = performance.now() - started;
		const loads = await Promise.all(processes.map(async (p, i) => (await p.stats()).stats.loads - loadsBefore[i]!));
		expect(loads).toEqual([1, 1]);
		expect(all.every((c) => sameState(c.doc, all[0]!.doc))).toBe(true);
		expect(contentOf(all[0]!.doc).title).toBe('Kalt geladen');
		// Give a wrongly written empty state time to arrive before counting.
		await new Promise((resolve) => setTimeout(resolve, 300));
		expect(await rows()).toBe(rowsBefore);
		for (const client of all) client.destroy();
		report('first-load race', { clients, loadsPerProcess: loads.join('/'), syncedAllMs: Math.round(ms), rowsWritten: (await rows()) - rowsBefore });
	});
});
