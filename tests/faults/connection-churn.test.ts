import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSyncProcess, type SyncProcess } from '../support/processes';
import { connectClient, goalWorld, openRaw, waitFor, type GoalWorld } from '../support/sync';
import { report, size, useFaultDatabase } from './support/suite';

// 7. Thousands of connect/close cycles leave the server's heap (after a forced collection) and
// its active handles where they started: nothing is kept per closed socket.
describe('connection churn', () => {
	const t = useFaultDatabase();
	const cycles = size(5000, 20_000);
	let world: GoalWorld;
	let server: SyncProcess;

	beforeAll(async () => {
		world = await goalWorld(t.db);
		server = await startSyncProcess(t.databaseUrl!, { gc: true });
	});
	afterAll(async () => {
		await server?.close();
	});

	it(`returns to its start after ${cycles} cycles`, async () => {
		const idle = async () => {
			await waitFor(async () => (await server.stats()).stats.connections === 0 && (await server.stats()).stats.documents === 0, 'every socket and document to be gone', 20_000);
			return server.measure();
		};
		const churn = async (total: number) => {
			const atOnce = 10;
			let done = 0;
			await Promise.all(
				Array.from({ length: atOnce }, async () => {
					while (done < total) {
						done++;
						// Mostly bare sockets (fast); every tenth a provider that syncs and leaves presence.
						if (done % 10 === 0) {
							const client = connectClient(server, world.as.bildung.token, world.docName);
							await client.synced();
							client.destroy();
						} else {
							const raw = await openRaw(server, world.as.focus.token, world.docName);
							raw.ws.close();
							await raw.closed;
						}
					}
				})
			);
		};
		// Warm up the same way first: compiled code, caches and the database pool's connections
		// stay, as they should (heap snapshots showed the growth of a short warm-up was V8's code).
		await churn(2000);
		const before = await idle();
		const started = performance.now();
		await churn(cycles);
		const seconds = (performance.now() - started) / 1000;
		// Timers that end by themselves (a write's flush, a pool connection's check) may still run
		// at either look; what leaks stays. So no kind of handle may be more after than before.
		const beyond = (later: string[], earlier: string[]) => {
			const left = [...earlier];
			return later.filter((kind) => {
				const at = left.indexOf(kind);
				if (at >= 0) left.splice(at, 1);
				return at < 0;
			});
		};
		let after = await idle();
		const settleUntil = Date.now() + 5000;
		while (beyond(after.resources, before.resources).length > 0 && Date.now() < settleUntil) {
			await new Promise((resolve) => setTimeout(resolve, 250));
			after = await server.measure();
		}
		const growth = after.heapUsed - before.heapUsed;
		report('connection churn', {
			cycles,
			seconds: seconds.toFixed(1),
			heapBeforeMB: (before.heapUsed / 2 ** 20).toFixed(1),
			heapAfterMB: (after.heapUsed / 2 ** 20).toFixed(1),
			handlesBefore: before.resources.length,
			handlesAfter: after.resources.length
		});
		// A leak of even 200 bytes per cycle would pass 1 MB here.
		expect(growth).toBeLessThan(1024 * 1024);
		expect(beyond(after.resources, before.resources), `handles before: ${before.resources.join(', ')}`).toEqual([]);
	});
});
