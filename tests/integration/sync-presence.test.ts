import { describe, expect, it } from 'vitest';
import { colorFor } from '../../src/lib/shared/presence';
import { backends, useTestDatabase } from '../support/db';
import { anotherGoal, delay, presenceFrame, useGoalSync, waitFor, type Client, type RawSocket } from '../support/sync';

/** What a client sees of others' presence: client id → state. */
const seen = (client: Client) => client.provider.awareness.getStates() as Map<number, { user?: { id?: string; name?: string; color?: string }; field?: string; pad?: string }>;

describe.each(backends)('sync: presence is owned by the socket that brings it, on %s', (backend) => {
	const t = useTestDatabase(backend);
	const live = useGoalSync(t);

	/** A fresh document with an observer (the integration office) already in it. */
	async function room() {
		const { docName } = await anotherGoal(t.db, live.world);
		const observer = live.sync.connect(live.world.as.focus.token, docName);
		// A state set by the page (the stock one at clock 0 is ignored by every peer).
		observer.provider.awareness.setLocalStateField('field', null);
		await observer.synced();
		return { docName, observer };
	}

	/** Sends presence messages and waits until the server has answered a later sync step (so they were handled). */
	async function send(raw: RawSocket, ...frames: Uint8Array[]): Promise<void> {
		for (const frame of frames) raw.ws.send(frame);
		const before = raw.received.length;
		raw.ws.send(Uint8Array.from([0, 0, 1, 0]));
		await waitFor(() => raw.received.length > before, 'the server to answer the sync step after the presence');
	}

	it("carries the session's name and colour, whatever the client says", async () => {
		const { docName, observer } = await room();
		const member = live.sync.connect(live.world.as.bildung.token, docName);
		member.provider.awareness.setLocalState({ user: { id: 'someone-else', name: 'Bürgermeister', color: '#ff0000' }, field: 'title' });
		const { actor } = live.world.as.bildung;
		await waitFor(() => seen(observer).get(member.doc.clientID)?.field === 'title', 'the member to be seen in the title');
		expect(seen(observer).get(member.doc.clientID)?.user).toEqual({ id: actor.userId, name: actor.name, color: colorFor(actor.userId) });
		// Each stock client sends back the presence it receives; that echo is no attempt to change it.
		expect(live.sync.logs.filter((entry) => entry.msg.startsWith('presence refused'))).toEqual([]);
		member.destroy();
		observer.destroy();
	});

	it("refuses presence for another person's client id: it is neither overwritten nor removed", async () => {
		const { docName, observer } = await room();
		const member = live.sync.connect(live.world.as.bildung.token, docName);
		member.provider.awareness.setLocalState({ field: 'title' });
		await waitFor(() => seen(observer).has(member.doc.clientID), "the member's presence");
		const raw = await live.sync.raw(live.world.as.bildung2.token, docName);
		const victim = member.doc.clientID;
		await send(
			raw,
			presenceFrame([{ clientId: victim, clock: 1000, state: { field: 'resources', user: { name: 'Eve' } } }]),
			presenceFrame([{ clientId: victim, clock: 1001, state: null }]),
			// Its own presence, under its own id, is taken (with its own name).
			presenceFrame([{ clientId: 424242, clock: 1, state: { field: 'forWhom', user: { name: 'Eve' } } }])
		);
		await waitFor(() => seen(observer).has(424242), "the other member's own presence");
		expect(seen(observer).get(424242)?.user?.name).toBe(live.world.as.bildung2.actor.name);
		await delay(200);
		expect(seen(observer).get(victim)?.field).toBe('title');
		expect(seen(observer).get(victim)?.user?.name).toBe(live.world.as.bildung.actor.name);
		expect(live.sync.logs.some((entry) => entry.msg.startsWith('presence refused'))).toBe(true);
		raw.ws.close();
		await waitFor(() => !seen(observer).has(424242), 'the closed socket’s presence to go');
		expect(seen(observer).has(victim)).toBe(true);
		member.destroy();
		observer.destroy();
	});

	it('lets a reader publish one presence of its own; a flood of new ids and large states gets nowhere', async () => {
		const { docName, observer } = await room();
		const reader = await live.sync.raw(live.world.as.leitung.token, docName);
		const huge = 'x'.repeat(900 * 1024);
		await send(reader, ...Array.from({ length: 20 }, (_, i) => presenceFrame([{ clientId: 90_000 + i, clock: 1, state: { pad: huge } }])));
		await send(reader, ...Array.from({ length: 60 }, (_, i) => presenceFrame([{ clientId: 80_000 + i, clock: 1, state: { field: 'title' } }])));
		await waitFor(() => seen(observer).has(80_000), "the reader's first presence");
		// A newcomer gets the presence the server keeps: the observer's and the reader's one.
		const newcomer = live.sync.connect(live.world.as.bildung2.token, docName);
		await newcomer.synced();
		await waitFor(() => seen(newcomer).has(80_000), 'the newcomer to get the presence');
		const others = [...seen(newcomer).keys()].filter((id) => id !== newcomer.doc.clientID).sort((a, b) => a - b);
		expect(others).toEqual([observer.doc.clientID, 80_000].sort((a, b) => a - b));
		expect(JSON.stringify([...seen(newcomer).values()]).length).toBeLessThan(2_000);
		expect(seen(newcomer).get(80_000)?.user?.name).toBe(live.world.as.leitung.actor.name);
		newcomer.destroy();
		reader.ws.close();
		observer.destroy();
	});

	it('caps one client’s state at 2 KiB and a writer’s socket at two ids', async () => {
		const { docName, observer } = await room();
		const raw = await live.sync.raw(live.world.as.bildung2.token, docName);
		await send(raw, presenceFrame([{ clientId: 70_001, clock: 1, state: { pad: 'y'.repeat(3 * 1024) } }]));
		await send(raw, presenceFrame([{ clientId: 70_002, clock: 1, state: { pad: 'y'.repeat(1500) } }]));
		await send(raw, presenceFrame([{ clientId: 70_003, clock: 1, state: { field: 'title' } }, { clientId: 70_004, clock: 1, state: { field: 'title' } }]));
		await waitFor(() => seen(observer).has(70_002) && seen(observer).has(70_003), 'the two presences within the caps');
		await delay(200);
		expect(seen(observer).has(70_001)).toBe(false);
		expect(seen(observer).has(70_004)).toBe(false);
		raw.ws.close();
		await waitFor(() => !seen(observer).has(70_002) && !seen(observer).has(70_003), 'its presence to go with the socket');
		observer.destroy();
	});

	it('gives a client id back to the same person after a reconnect, and to nobody else', async () => {
		const { docName, observer } = await room();
		const member = live.sync.connect(live.world.as.bildung.token, docName);
		member.provider.awareness.setLocalState({ field: 'title' });
		const id = member.doc.clientID;
		await waitFor(() => seen(observer).has(id), 'the member’s presence');
		member.provider.disconnect();
		await waitFor(() => !seen(observer).has(id), 'the presence to go with the socket');

		const squatter = await live.sync.raw(live.world.as.bildung2.token, docName);
		await send(squatter, presenceFrame([{ clientId: id, clock: 1000, state: { field: 'resources' } }]));
		await delay(200);
		expect(seen(observer).has(id)).toBe(false);

		member.provider.connect();
		member.provider.awareness.setLocalState({ field: 'forWhom' });
		await waitFor(() => seen(observer).get(id)?.field === 'forWhom', 'the member to be back under the same id');
		expect(seen(observer).get(id)?.user?.name).toBe(live.world.as.bildung.actor.name);
		squatter.ws.close();
		member.destroy();
		observer.destroy();
	});
});
