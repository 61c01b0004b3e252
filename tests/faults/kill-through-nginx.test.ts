import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { appendMany, loadState } from '../../src/lib/server/documents/update-log';
import { goalText } from '../../src/lib/shared/goal-doc';
import { DOCUMENT_LOCK_CLASS } from '../../src/lib/server/db/exclusive';
import { connectClient, delay, goalWorld, sameState, waitFor, type Client, type GoalWorld } from '../support/sync';
import { killAll } from '../e2e/support/processes';
import { holds, startFleet, type Fleet } from './support/fleet';
import { report, size, useFaultDatabase, storedDoc } from './support/suite';

// 2. kill -9 of the process serving a document while its editors type through nginx: the
// editors reconnect to the other process, and every change a peer had received before the kill
// is in the log afterwards, even when its author's connection went at the same moment. One of
// the kills hits a compaction of the document under way.
describe('kill -9 of a process while people type through nginx', () => {
	const t = useFaultDatabase();
	const kills = size(10, 50);
	let world: GoalWorld;
	let fleet: Fleet;

	beforeAll(async () => {
		world = await goalWorld(t.db);
		// A long log, so that folding it (compaction) takes long enough to be caught in the act.
		// One person's 20,000 keystrokes, as the log holds them.
		const base = new Y.Doc();
		Y.applyUpdate(base, (await loadState(t.db, world.docName)).state!);
		const history: { docName: string; userId: string; update: Uint8Array }[] = [];
		base.on('update', (update: Uint8Array) => history.push({ docName: world.docName, userId: world.as.focus.actor.userId, update }));
		for (let i = 0; i < 20_000; i++) goalText(base, 'resources')!.insert(0, `h${i} `);
		for (let i = 0; i < history.length; i += 500) await appendMany(t.db, history.slice(i, i + 500));
		fleet = await startFleet(t.databaseUrl!);
	}, 180_000);
	afterAll(async () => {
		// Also when the fleet did not start completely.
		if (fleet) await fleet.stop();
		else await killAll();
	});

	it(`loses nothing a peer had received, ${kills} kills`, async () => {
		const server = { port: fleet.nginx.port, origin: fleet.nginx.origin };
		const peer = connectClient(server, world.as.bildung.token, world.docName);
		await peer.synced();
		const watcher = postgres(t.databaseUrl!, { max: 1, onnotice: () => {} });
		const timings: number[] = [];
		const reconnected: number[] = [];
		let caughtCompaction = false;
		try {
			for (let round = 1; round <= kills; round++) {
				const duringCompaction = round === kills;
				// The process holding the peer's socket (the peer is alone there now) is the one to go.
				let victim = await fleet.busiest();
				const author = connectClient(server, world.as.focus.token, world.docName);
				await author.synced();
				if (duringCompaction && (await fleet.connections())[victim] !== 2) {
					// The fold runs where the author types: the peer joins it there (on the document's
					// own process, where nginx sends a fresh socket), so the kill meets both.
					peer.provider.disconnect();
					peer.provider.connect();
					await waitFor(() => peer.provider.synced, 'the peer to come back', 10_000);
					victim = await fleet.busiest();
					expect((await fleet.connections())[victim]).toBe(2);
				}
				let typing = true;
				let typed = 0;
				const typist = (async () => {
					while (typing) {
						goalText(author.doc, 'title')!.insert(0, `r${round}.${typed++} `);
						await delay(duringCompaction ? 0 : 10);
					}
				})();
				// The peer types too, so both directions are in flight.
				let peerTyped = 0;
				const peerTypist = (async () => {
					while (typing) {
						goalText(peer.doc, 'forWhom')!.insert(0, `p${round}.${peerTyped++} `);
						await delay(15);
					}
				})();
				if (duringCompaction) {
					// The room folds after 500 updates: kill the moment the fold's lock is held.
					const until = Date.now() + 30_000;
					while (Date.now() < until) {
						const [row] = await watcher<{ n: number }[]>`select count(*)::int as n from pg_locks where locktype = 'advisory' and classid = ${DOCUMENT_LOCK_CLASS} and objid = hashtext(${world.docName})::oid`;
						if (row!.n > 0) {
							caughtCompaction = true;
							break;
						}
					}
				} else {
					await delay(200 + Math.random() * 300);
				}
				const closesBefore = peer.closes.length;
				// The author's laptop goes at the same moment: what it typed survives only through the peer.
				typing = false;
				fleet.apps[victim]!.process.kill('SIGKILL');
				author.destroy();
				await Promise.all([typist, peerTypist]);
				const peerHad = Y.encodeStateAsUpdate(peer.doc);
				const killedAt = performance.now();
				await fleet.apps[victim]!.exited;
				await waitFor(() => peer.closes.length > closesBefore, `round ${round}: the peer to see its connection end`, 10_000);
				await waitFor(() => peer.provider.synced && peer.provider.wsconnected, `round ${round}: the peer to reconnect through nginx`, 30_000);
				reconnected.push(performance.now() - killedAt);
				await waitFor(async () => holds(await storedDoc(t.db, world.docName), peerHad), `round ${round}: the log to hold everything the peer had received`, 30_000);
				timings.push(performance.now() - killedAt);
				await fleet.start(victim);
			}
		} finally {
			await watcher.end({ timeout: 5 });
		}
		// A fresh reader through nginx sees what the peer sees.
		const reader: Client = connectClient(server, world.as.leitung.token, world.docName);
		await reader.synced();
		await waitFor(() => sameState(reader.doc, peer.doc), 'a fresh reader to see what the peer sees', 10_000);
		expect(caughtCompaction).toBe(true);
		reader.destroy();
		peer.destroy();
		const median = (values: number[]) => Math.round([...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!);
		report('kill -9 through nginx', {
			kills,
			duringCompaction: String(caughtCompaction),
			reconnectMsMedian: median(reconnected),
			reconnectMsMax: Math.round(Math.max(...reconnected)),
			inLogMsMedian: median(timings),
			inLogMsMax: Math.round(Math.max(...timings))
		});
	});
});
