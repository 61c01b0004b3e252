import { describe, expect, it } from 'vitest';
import { type SyncProcess } from '../support/processes';
import { connectClient, delay, openRaw, presenceFrame, waitFor } from '../support/sync';
import { report, useFaultDatabase, useTwoProcesses } from './support/suite';

// 9. The security probe's attacks, across two processes: a member overwriting and removing
// another person's presence, and a read-only socket parking 54 MB of presence (60 updates, each
// a new client id with 900 KB). Both are refused on both processes; honest presence crosses.
describe('presence under attack on two processes', () => {
	const t = useFaultDatabase();
	const live = useTwoProcesses(t);

	it('refuses spoofing and flooding, and carries honest presence across', async () => {
		const { world, processes } = live;
		const [one, two] = processes as [SyncProcess, SyncProcess];
		const victim = connectClient(one, world.as.bildung.token, world.docName);
		const watcher = connectClient(two, world.as.focus.token, world.docName);
		await Promise.all([victim.synced(), watcher.synced()]);
		victim.provider.awareness.setLocalStateField('field', 'title');
		const id = victim.doc.clientID;
		const seen = () => watcher.provider.awareness.getStates().get(id) as { field?: string; user?: { name?: string } } | undefined;
		await waitFor(() => seen()?.field === 'title', 'honest presence to cross to the other process');
		expect(seen()?.user?.name).toBe(world.as.bildung.actor.name);

		// A member on the other process overwrites, then removes, the victim's presence.
		const spoofer = await openRaw(two, world.as.bildung2.token, world.docName);
		spoofer.ws.send(presenceFrame([{ clientId: id, clock: 1_000, state: { field: 'resources', user: { name: 'Gefälscht' } } }]));
		spoofer.ws.send(presenceFrame([{ clientId: id, clock: 1_001, state: null }]));
		// A reader parks 60 × 900 KB under new ids.
		const reader = await openRaw(two, world.as.leitung.token, world.docName);
		const big = 'x'.repeat(900 * 1024);
		for (let i = 0; i < 60; i++) reader.ws.send(presenceFrame([{ clientId: 9_000_000 + i, clock: 1, state: { user: { name: big } } }]));
		await delay(500);
		expect(seen()?.field).toBe('title');
		expect(seen()?.user?.name).toBe(world.as.bildung.actor.name);

		// Newcomers on both processes get the presence there is, and none of the flood.
		const sizes: number[] = [];
		for (const server of processes) {
			const newcomer = await openRaw(server, world.as.focus2.token, world.docName);
			await delay(300);
			sizes.push(newcomer.received.reduce((sum, bytes) => sum + bytes.length, 0));
			newcomer.ws.close();
		}
		// The document's state plus two or three small presence entries; the flood would be 54 MB.
		for (const received of sizes) expect(received).toBeLessThan(64 * 1024);
		report('presence', { spoofRefused: 'yes', floodMB: ((60 * big.length) / 2 ** 20).toFixed(0), newcomerKB: sizes.map((s) => (s / 1024).toFixed(1)).join('/') });
		spoofer.ws.close();
		reader.ws.close();
		victim.destroy();
		await waitFor(() => seen() === undefined, 'the victim’s presence to go on the other process with its socket');
		watcher.destroy();
	});
});
