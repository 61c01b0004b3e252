import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { goalText } from '../../src/lib/shared/goal-doc';
import { connectClient, delay, goalWorld, sameState, waitFor, type GoalWorld } from '../support/sync';
import { startCluster, stopCluster } from '../support/cluster.mjs';
import { killAll } from '../e2e/support/processes';
import { startFleet, type Fleet } from './support/fleet';
import { report, useFaultDatabase, untilStored } from './support/suite';
import { missing, typist } from './support/typing';

// 4. PostgreSQL restarts while two people type: the app recovers without a restart of its own,
// writes that failed meanwhile are retried, nothing is lost, and /healthz says 503 only while
// the database is away (and until the process hears the others again).
describe('PostgreSQL restarted while people type', () => {
	const t = useFaultDatabase();
	let world: GoalWorld;
	let fleet: Fleet;

	beforeAll(async () => {
		world = await goalWorld(t.db);
		fleet = await startFleet(t.databaseUrl!, 1);
	});
	afterAll(async () => {
		// Also when the fleet did not start completely.
		if (fleet) await fleet.stop();
		else await killAll();
	});

	it('recovers by itself and loses nothing', async () => {
		const cluster = inject('faultCluster');
		const app = fleet.apps[0]!;
		// Straight to the process (its ORIGIN is nginx's, which the sockets say they come from).
		const direct = { port: app.port, origin: fleet.nginx.origin };
		const a = connectClient(direct, world.as.focus.token, world.docName);
		const b = connectClient(direct, world.as.bildung.token, world.docName);
		await Promise.all([a.synced(), b.synced()]);
		// Each probe with when it was sent and when it was answered.
		const health: { at: number; done: number; status: number }[] = [];
		let probing = true;
		const probe = (async () => {
			while (probing) {
				const at = performance.now();
				const status = await fetch(`${app.url}/healthz`, { signal: AbortSignal.timeout(5000) }).then((r) => r.status, () => 0);
				health.push({ at, done: performance.now(), status });
				await delay(50);
			}
		})();
		const typingA = typist(a, 'title', 'a');
		const typingB = typist(b, 'forWhom', 'b');
		await delay(1000);
		const stopAt = performance.now();
		stopCluster(cluster, 'fast');
		const stoppedAt = performance.now();
		await delay(3000);
		const startAt = performance.now();
		startCluster(cluster);
		const upAt = performance.now();
		await waitFor(() => health.at(-1)?.status === 200 && health.at(-1)!.at > upAt, 'the app to report itself healthy again', 30_000);
		const healthyAt = health.find((h) => h.at > upAt && h.status === 200)!.at;
		await delay(1000);
		await Promise.all([typingA.stop(), typingB.stop()]);
		probing = false;
		await probe;
		expect(app.process.exitCode).toBeNull();
		await waitFor(() => sameState(a.doc, b.doc), 'both editors to converge', 20_000);
		expect(missing(typingA.typed, goalText(b.doc, 'title')!.toString())).toEqual([]);
		expect(missing(typingB.typed, goalText(a.doc, 'forWhom')!.toString())).toEqual([]);
		await untilStored(t.db, world.docName, a.doc, 'the log to hold everything both typed', 20_000);
		// 503 only from the stop until shortly after the start; 200 before and after.
		const unhealthy = health.filter((h) => h.status !== 200);
		expect(health.filter((h) => h.done < stopAt).every((h) => h.status === 200)).toBe(true);
		const timeline = () => health.map((h) => `${Math.round(h.at - stopAt)}:${h.status}`).join(' ');
		expect(unhealthy.every((h) => h.status === 503), timeline()).toBe(true);
		expect(unhealthy.every((h) => h.done >= stopAt && h.at <= healthyAt), timeline()).toBe(true);
		expect(health.some((h) => h.at > stoppedAt && h.at < startAt && h.status === 503)).toBe(true);
		report('postgres restart', {
			downSeconds: ((upAt - stopAt) / 1000).toFixed(1),
			healthyMsAfterStart: Math.round(healthyAt - upAt),
			probes503: unhealthy.length,
			typed: typingA.typed.length + typingB.typed.length
		});
		a.destroy();
		b.destroy();
	});
});
