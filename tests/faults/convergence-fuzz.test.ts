import { describe, expect, it } from 'vitest';
import { goalText, TEXT_FIELDS } from '../../src/lib/shared/goal-doc';
import { startSyncProcess } from '../support/processes';
import { seededRandom } from '../support/random';
import { anotherGoal, connectClient, contentOf, delay, sameState, waitFor, type Client } from '../support/sync';
import { report, size, untilStored, useFaultDatabase, useTwoProcesses } from './support/suite';

// 1. Random concurrent edits from clients on two processes, with reconnects, and a restart of
// one process every tenth seed: every replica, a fresh reader and the stored log end identical.
describe('convergence across two processes', () => {
	const t = useFaultDatabase();
	const seeds = size(100, 10_000);
	const live = useTwoProcesses(t);

	/** Stops process `index` (SIGTERM: 1012 to its sockets) and starts it again on its port. */
	async function restart(index: number): Promise<void> {
		const old = live.processes[index]!;
		await old.close();
		live.processes[index] = await startSyncProcess(t.databaseUrl!, { port: old.port });
	}

	function edit(random: () => number, client: Client, tag: string): void {
		const text = goalText(client.doc, TEXT_FIELDS[Math.floor(random() * TEXT_FIELDS.length)]!)!;
		if (text.length > 0 && random() < 0.3) {
			const at = Math.floor(random() * text.length);
			text.delete(at, Math.min(text.length - at, 1 + Math.floor(random() * 4)));
		} else {
			text.insert(Math.floor(random() * (text.length + 1)), tag);
		}
	}

	it(`converges for ${seeds} seeds`, async () => {
		const { world, processes } = live;
		const started = performance.now();
		let edits = 0;
		let reconnects = 0;
		let restarts = 0;
		const people = [world.as.focus, world.as.bildung, world.as.bildung2];
		for (let seed = 1; seed <= seeds; seed++) {
			const random = seededRandom(seed);
			const { docName } = await anotherGoal(t.db, world, `Ziel ${seed}`);
			const clients = people.map((person, i) => connectClient(processes[(i + seed) % 2]!, person.token, docName));
			await Promise.all(clients.map((c) => c.synced()));
			const restartAt = seed % 10 === 0 ? 10 + Math.floor(random() * 20) : -1;
			for (let step = 0; step < 40; step++) {
				const client = clients[Math.floor(random() * clients.length)]!;
				const roll = random();
				if (roll < 0.08 && client.provider.wsconnected) {
					// Offline for a moment, editing meanwhile, then back.
					client.provider.disconnect();
					reconnects++;
				} else if (roll < 0.16 && !client.provider.shouldConnect) {
					client.provider.connect();
				} else {
					edit(random, client, `s${seed}.${step} `);
					edits++;
				}
				if (step === restartAt) {
					await restart(seed % 20 === 0 ? 0 : 1);
					restarts++;
				}
				if (random() < 0.3) await delay(Math.floor(random() * 8));
			}
			for (const client of clients) if (!client.provider.shouldConnect) client.provider.connect();
			const fresh = () => clients.every((c) => c.provider.synced) && clients.every((c) => sameState(c.doc, clients[0]!.doc));
			await waitFor(fresh, () => `seed ${seed}: the replicas to converge`, 20_000);
			// What the log holds is what every replica holds; and a reader who comes now gets it.
			await untilStored(t.db, docName, clients[0]!.doc, `seed ${seed}: the log to hold what the replicas hold`, 10_000);
			const reader = connectClient(processes[seed % 2]!, world.as.leitung.token, docName);
			await reader.synced();
			expect(sameState(reader.doc, clients[0]!.doc), `seed ${seed}: a fresh reader`).toBe(true);
			expect(contentOf(reader.doc)).toEqual(contentOf(clients[1]!.doc));
			for (const client of [...clients, reader]) client.destroy();
		}
		report('convergence', { seeds, edits, reconnects, restarts, seconds: ((performance.now() - started) / 1000).toFixed(1) });
	});
});
