import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { goalText } from '../../src/lib/shared/goal-doc';
import { backends, useTestDatabase } from '../support/db';
import { delay, goalWorld, startSync, waitFor, type GoalWorld, type SyncHarness } from '../support/sync';

// Pings find dead peers; live ones must never be dropped by them (they once were, every 30 s).
describe.each(backends)('sync: keep-alive pings on %s', (backend) => {
	const t = useTestDatabase(backend);
	let world: GoalWorld;
	let sync: SyncHarness;

	beforeAll(async () => {
		world = await goalWorld(t.db);
		sync = await startSync(t.db, { pingMs: 100 });
	});
	afterAll(async () => {
		await sync?.close();
	});

	it('keeps answering sockets open through many ping rounds', async () => {
		const a = sync.connect(world.as.focus.token, world.docName);
		const b = sync.connect(world.as.bildung.token, world.docName);
		await Promise.all([a.synced(), b.synced()]);
		await delay(1_000);
		expect(a.closes).toEqual([]);
		expect(b.closes).toEqual([]);
		expect(a.provider.wsconnected && b.provider.wsconnected).toBe(true);
		goalText(a.doc, 'title')!.insert(0, 'noch da: ');
		await waitFor(() => goalText(b.doc, 'title')!.toString().startsWith('noch da: '), 'the edit after the pings');
		a.destroy();
		b.destroy();
	});
});
