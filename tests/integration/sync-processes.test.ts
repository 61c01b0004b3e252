import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { startRelay, type Relay } from '../../server/relay';
import { rowsOf } from '../../src/lib/server/db';
import { deliver, subscribe } from '../../src/lib/server/events';
import { updateTandem } from '../../src/lib/server/tandems/tandems';
import { CloseCode } from '../../src/lib/shared/documents';
import { goalText } from '../../src/lib/shared/goal-doc';
import { backends, useTestDatabase } from '../support/db';
import { startSyncProcess, type SyncProcess } from '../support/processes';
import { connectClient, contentOf, goalWorld, openRaw, presenceFrame, sameState, startSync, waitFor, type GoalWorld, type SyncHarness } from '../support/sync';

// Two app processes on one PostgreSQL: this test's process (its sync server and relay) and a
// second one started for it. PGlite has one process by design, so this runs on PostgreSQL only.
describe.skipIf(!backends.includes('postgres'))('two processes on one PostgreSQL', () => {
	const t = useTestDatabase('postgres');
	let world: GoalWorld;
	let here: SyncHarness;
	let relay: Relay;
	let there: SyncProcess;

	beforeAll(async () => {
		world = await goalWorld(t.db);
		relay = await startRelay(t.databaseUrl!, pino({ level: 'warn' }));
		here = await startSync(t.db);
		there = await startSyncProcess(t.databaseUrl!);
	});
	afterAll(async () => {
		await there?.close();
		await here?.close();
		await relay?.close();
	});

	it('lets two partners on different processes write one goal: each sees the other’s typing, and a latecomer the whole', async () => {
		const a = here.connect(world.as.focus.token, world.docName);
		const b = connectClient(there, world.as.bildung.token, world.docName);
		await Promise.all([a.synced(), b.synced()]);
		for (let i = 0; i < 20; i++) {
			goalText(a.doc, 'title')!.insert(0, `a${i} `);
			goalText(b.doc, 'forWhom')!.insert(0, `b${i} `);
			await new Promise((resolve) => setTimeout(resolve, 15));
		}
		await waitFor(() => sameState(a.doc, b.doc) && contentOf(a.doc).forWhom.startsWith('b19 ') && contentOf(b.doc).title.startsWith('a19 '), 'both processes’ clients to converge');
		const late = connectClient(there, world.as.bildung2.token, world.docName);
		await late.synced();
		await waitFor(() => sameState(late.doc, a.doc), 'a latecomer on the other process to get everything');
		late.destroy();
		a.destroy();
		b.destroy();
	});

	it('fetches only what the other process wrote: never its own rows back, not even when it catches up', async () => {
		const a = here.connect(world.as.focus.token, world.docName);
		const b = connectClient(there, world.as.bildung.token, world.docName);
		await Promise.all([a.synced(), b.synced()]);
		const pulledBefore = here.sync.stats().pulled;
		for (let i = 0; i < 30; i++) {
			goalText(a.doc, 'title')!.insert(0, `own${i} `);
			await new Promise((resolve) => setTimeout(resolve, 10));
		}
		await waitFor(() => contentOf(b.doc).title.startsWith('own29 '), 'the other process to get the typing');
		// What the relay does every 15 s and after a lost connection: compare heads, pull who is behind.
		deliver({ type: 'catch-up', access: false }, Date.now() * 1000);
		await new Promise((resolve) => setTimeout(resolve, 300));
		expect(here.sync.stats().pulled).toBe(pulledBefore);
		// One row from the other process: fetched, and only it.
		goalText(b.doc, 'forWhom')!.insert(0, 'there ');
		await waitFor(() => contentOf(a.doc).forWhom.startsWith('there '), 'the other process’s typing to arrive');
		expect(here.sync.stats().pulled - pulledBefore).toBe(1);
		a.destroy();
		b.destroy();
	});

	it('shows presence on the other process under the session’s name, gone when its socket goes, and nobody there can take it', async () => {
		const a = here.connect(world.as.bildung.token, world.docName);
		const b = connectClient(there, world.as.focus.token, world.docName);
		await Promise.all([a.synced(), b.synced()]);
		a.provider.awareness.setLocalState({ field: 'title', user: { name: 'Jemand anderes' } });
		const id = a.doc.clientID;
		const seenThere = () => b.provider.awareness.getStates().get(id) as { field?: string; user?: { name?: string } } | undefined;
		await waitFor(() => seenThere()?.field === 'title', 'the presence to reach the other process');
		expect(seenThere()?.user?.name).toBe(world.as.bildung.actor.name);
		// Someone on the other process writes to that id: refused there, as it would be here.
		const raw = await openRaw(there, world.as.bildung2.token, world.docName);
		raw.ws.send(presenceFrame([{ clientId: id, clock: 10_000, state: { field: 'resources' } }]));
		await new Promise((resolve) => setTimeout(resolve, 300));
		expect(seenThere()?.field).toBe('title');
		raw.ws.close();
		a.destroy();
		await waitFor(() => seenThere() === undefined, 'the presence to go on the other process with its socket');
		b.destroy();
	});

	it('closes a removed member’s socket on the other process within 2 s', async () => {
		const removed = connectClient(there, world.as.bildung2.token, world.docName);
		await removed.synced();
		const started = Date.now();
		await updateTandem(t.db, world.as.focus.actor, {
			id: world.tandemId,
			name: 'Tandem Bildung',
			departmentId: world.town.departments.Bildung!,
			membershipIds: [world.as.focus.actor.membershipId, world.as.bildung.actor.membershipId]
		});
		await waitFor(() => removed.closes.length > 0, 'the removed member’s socket on the other process to close', 2_000);
		expect(removed.closes[0]).toBe(CloseCode.forbidden);
		expect(Date.now() - started).toBeLessThan(2_000);
		removed.destroy();
		expect((await there.stats()).listening).toBe(true);
	});

	it('listens again after its connection is cut, catches up, and documents cross again', async () => {
		const caughtUp: number[] = [];
		const unsubscribe = subscribe((event) => {
			if (event.type === 'catch-up' && event.access) caughtUp.push(Date.now());
		});
		try {
			await rowsOf(t.db, sql`select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and query like 'listen %' and pid <> pg_backend_pid()`);
			await waitFor(() => caughtUp.length > 0 && relay.listening(), 'this process to listen again and catch up');
			await waitFor(async () => (await there.stats()).listening, 'the other process to listen again');
			const a = here.connect(world.as.focus.token, world.docName);
			const b = connectClient(there, world.as.bildung.token, world.docName);
			await Promise.all([a.synced(), b.synced()]);
			goalText(b.doc, 'resources')!.insert(0, 'nach der Unterbrechung ');
			await waitFor(() => contentOf(a.doc).resources.startsWith('nach der Unterbrechung '), 'an edit on the other process to arrive here');
			a.destroy();
			b.destroy();
		} finally {
			unsubscribe();
		}
	});
});
