import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CloseCode, MAX_MESSAGE_BYTES } from '../../src/lib/shared/documents';
import { goalText } from '../../src/lib/shared/goal-doc';
import { backends, useTestDatabase } from '../support/db';
import {
	contentOf,
	forgeUpdate,
	goalWorld,
	sameState,
	startSync,
	waitFor,
	type Client,
	type GoalWorld,
	type RawSocket,
	type SyncHarness,
	updateFrame
} from '../support/sync';
import { seededRandom } from '../support/random';

describe.each(backends)('sync: message limits on %s', (backend) => {
	const t = useTestDatabase(backend);
	let world: GoalWorld;
	let sync: SyncHarness;
	let a: Client;
	let b: Client;
	let typed = 0;

	beforeAll(async () => {
		world = await goalWorld(t.db);
		sync = await startSync(t.db);
		a = sync.connect(world.as.focus.token, world.docName);
		b = sync.connect(world.as.bildung.token, world.docName);
		await Promise.all([a.synced(), b.synced()]);
	});
	afterAll(async () => {
		await sync?.close();
	});

	/** The tandem keeps typing on both sides; every call checks they still converge. */
	async function bothStillEdit(): Promise<void> {
		typed++;
		goalText(a.doc, 'title')!.insert(0, `a${typed} `);
		goalText(b.doc, 'forWhom')!.insert(0, `b${typed} `);
		await waitFor(
			() => sameState(a.doc, b.doc) && contentOf(a.doc).forWhom.startsWith(`b${typed} `) && contentOf(b.doc).title.startsWith(`a${typed} `),
			'the tandem to keep converging'
		);
		expect(a.closes).toEqual([]);
		expect(b.closes).toEqual([]);
	}

	/** Opens a raw socket with the writer's session, sends one message, returns the close code. */
	async function closeCodeAfter(message: Uint8Array | string): Promise<number> {
		const raw: RawSocket = await sync.raw(world.as.bildung.token, world.docName);
		raw.ws.send(message);
		const race = await Promise.race([raw.closed, new Promise<null>((resolve) => setTimeout(() => resolve(null), 3_000))]);
		if (!race) {
			raw.ws.terminate();
			throw new Error(`the socket stayed open after ${typeof message === 'string' ? 'a text' : message.length}-byte message`);
		}
		return race.code;
	}

	it('closes a socket whose message is larger than 1 MiB with 1009, and only that one', async () => {
		const random = seededRandom(1);
		const bytes = (n: number) => Uint8Array.from({ length: n }, () => Math.floor(random() * 256));
		expect(await closeCodeAfter(bytes(MAX_MESSAGE_BYTES + 1))).toBe(CloseCode.tooLarge);
		await bothStillEdit();
		// Exactly the limit is read (and refused as unreadable, not as too large).
		const atLimit = bytes(MAX_MESSAGE_BYTES);
		atLimit[0] = 9;
		expect(await closeCodeAfter(atLimit)).toBe(CloseCode.malformed);
		await bothStillEdit();
	});

	it('closes a socket that sends random bytes with 4400 while the others keep editing', async () => {
		const random = seededRandom(4400);
		for (let i = 0; i < 24; i++) {
			const length = 1 + Math.floor(random() * 64);
			const junk = Uint8Array.from({ length }, () => Math.floor(random() * 256));
			// Also junk behind a real header: a sync update or an awareness message.
			if (i % 3 === 1) junk.set([0, 2], 0);
			if (i % 3 === 2) junk.set([1], 0);
			expect(await closeCodeAfter(junk), `junk #${i}: ${Buffer.from(junk).toString('hex')}`).toBe(CloseCode.malformed);
			if (i % 6 === 0) await bothStillEdit();
		}
		await bothStillEdit();
	});

	it('closes a socket that sends mutated valid frames with 4400', async () => {
		const valid = updateFrame(forgeUpdate(a.doc, (doc) => goalText(doc, 'resources')!.insert(0, 'gültige Änderung')));
		const mutations: Record<string, Uint8Array | string> = {
			'cut short': valid.slice(0, valid.length - 3),
			'only the header': valid.slice(0, 2),
			'unknown message type': Uint8Array.from([7, ...valid.slice(1)]),
			'unknown sync type': Uint8Array.from([0, 5, ...valid.slice(2)]),
			'trailing bytes': Uint8Array.from([...valid, 0, 0]),
			'length prefix too long': Uint8Array.from([0, 2, 0xff, 0x01, ...valid.slice(3)]),
			'awareness of nonsense': Uint8Array.from([1, 3, 1, 2, 0x7b]),
			empty: new Uint8Array(0),
			'a text frame': 'hallo'
		};
		for (const [name, frame] of Object.entries(mutations)) {
			expect(await closeCodeAfter(frame), name).toBe(CloseCode.malformed);
		}
		await bothStillEdit();
		// None of them got in: the valid change they were cut from is nowhere.
		expect(contentOf(a.doc).resources).toBe('');
	});

	it('stays up: new sockets still connect and see the same document', async () => {
		const late = sync.connect(world.as.focus2.token, world.docName);
		await late.synced();
		await waitFor(() => sameState(late.doc, a.doc), 'a new client to get the document');
		expect(sync.sync.stats().documents).toBe(1);
		expect(sync.logs.filter((entry) => entry.level >= 50)).toEqual([]);
	});
});
