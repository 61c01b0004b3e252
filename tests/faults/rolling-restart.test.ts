import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { goalText } from '../../src/lib/shared/goal-doc';
import { exitWithin } from '../e2e/support/processes';
import { connectClient, cookie, delay, goalWorld, sameState, waitFor, type GoalWorld } from '../support/sync';
import { killAll } from '../e2e/support/processes';
import { startFleet, type Fleet } from './support/fleet';
import { report, useFaultDatabase, untilStored } from './support/suite';
import { missing, typist } from './support/typing';

// 3. A rolling restart by SIGTERM, one process after the other as docs/deploy describes, while
// two people type and pages are being loaded through nginx: nothing typed is lost and no page
// request gets an error.
describe('a rolling restart through nginx', () => {
	const t = useFaultDatabase();
	let world: GoalWorld;
	let fleet: Fleet;

	beforeAll(async () => {
		world = await goalWorld(t.db);
		fleet = await startFleet(t.databaseUrl!);
	});
	afterAll(async () => {
		// Also when the fleet did not start completely.
		if (fleet) await fleet.stop();
		else await killAll();
	});

	it('loses nothing and shows no error page', async () => {
		const server = { port: fleet.nginx.port, origin: fleet.nginx.origin };
		const a = connectClient(server, world.as.focus.token, world.docName);
		const b = connectClient(server, world.as.bildung.token, world.docName);
		await Promise.all([a.synced(), b.synced()]);
		const typingA = typist(a, 'title', 'a');
		const typingB = typist(b, 'forWhom', 'b');
		// Pages loaded all the while, signed in and not.
		const statuses = new Map<number, number>();
		let loading = true;
		const pages = (async () => {
			while (loading) {
				for (const [path, headers] of [['/', { cookie: cookie(world.as.focus.token) }], ['/login', {}]] as const) {
					const response = await fetch(`${fleet.nginx.origin}${path}`, { headers, redirect: 'manual' });
					await response.arrayBuffer();
					statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
				}
				await delay(10);
			}
		})();
		const started = performance.now();
		for (let i = 0; i < fleet.apps.length; i++) {
			await delay(500);
			fleet.apps[i]!.process.kill('SIGTERM');
			expect(await exitWithin(fleet.apps[i]!, 20_000)).toBe(0);
			await fleet.start(i);
			// nginx gives a process that failed another try after fail_timeout (docs/deploy).
			await delay(2500);
		}
		const restartSeconds = (performance.now() - started) / 1000;
		await Promise.all([typingA.stop(), typingB.stop()]);
		loading = false;
		await pages;
		await waitFor(() => a.provider.synced && b.provider.synced && sameState(a.doc, b.doc), 'both editors to converge', 20_000);
		const title = goalText(a.doc, 'title')!.toString();
		const forWhom = goalText(a.doc, 'forWhom')!.toString();
		expect(missing(typingA.typed, title)).toEqual([]);
		expect(missing(typingB.typed, forWhom)).toEqual([]);
		await untilStored(t.db, world.docName, a.doc, 'the log to hold everything', 10_000);
		const errors = [...statuses].filter(([status]) => status >= 500);
		expect(errors).toEqual([]);
		expect([...statuses.keys()].every((status) => status === 200 || status === 303 || status === 302)).toBe(true);
		report('rolling restart', {
			seconds: restartSeconds.toFixed(1),
			typed: typingA.typed.length + typingB.typed.length,
			pageRequests: [...statuses.values()].reduce((x, y) => x + y, 0),
			statuses: [...statuses].map(([s, n]) => `${s}×${n}`).join(','),
			closes: [...a.closes, ...b.closes].join(',')
		});
		a.destroy();
		b.destroy();
	});
});
