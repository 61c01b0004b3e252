import http from 'node:http';
import net from 'node:net';
import type { AddressInfo, Socket } from 'node:net';
import { Writable } from 'node:stream';
import { asc, eq } from 'drizzle-orm';
import * as encoding from 'lib0/encoding';
import pino from 'pino';
import { afterAll, beforeAll } from 'vitest';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { createSyncServer, type SyncServer } from '../../server/sync';
import type { Db } from '../../src/lib/server/db';
import { docUpdate, goal, indicator } from '../../src/lib/server/db/schema';
import { createGoal } from '../../src/lib/server/goals/goals';
import { goalDocName } from '../../src/lib/server/goals/projection';
import { documentProjector } from '../../src/lib/server/document-kinds';
import { createTandem } from '../../src/lib/server/tandems/tandems';
import { readGoalContent, type GoalContent } from '../../src/lib/shared/goal-doc';
import { SYNC_PATH } from '../../src/lib/shared/documents';
import { encodePresence } from '../../src/lib/shared/presence';
import { APP_OWNS_RECONNECTION, reconnectWithJitter } from '../../src/lib/collab/reconnect';
import { SESSION_COOKIE } from '../../src/lib/server/auth/session';
import { createTown, signInAs, type SignedIn, type Town } from './db';

// Every provider adds a process 'exit' listener; ten and more at once are expected here.
process.setMaxListeners(50);

/** Polls until `condition` holds; fails with `message` after `timeout` ms. */
export async function waitFor(
	condition: () => boolean | Promise<boolean>,
	message: string | (() => string),
	timeout = 5_000
): Promise<void> {
	const until = Date.now() + timeout;
	for (;;) {
		if (await condition()) return;
		if (Date.now() > until) throw new Error(`Timed out: ${typeof message === 'function' ? message() : message}`);
		await new Promise((resolve) => setTimeout(resolve, 10));
	}
}

export const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface LogEntry {
	level: number;
	msg: string;
	[key: string]: unknown;
}

/** A client of the sync server: the stock y-websocket provider with its own Y.Doc. */
export interface Client {
	doc: Y.Doc;
	provider: WebsocketProvider;
	/** Close codes the server sent to this client, in order. */
	closes: number[];
	/** Resolves once the provider has synced with the server. */
	synced(): Promise<void>;
	destroy(): void;
}

export interface SyncHarness {
	port: number;
	origin: string;
	sync: SyncServer;
	/** What the sync server logged (warn and above), to assert on. */
	logs: LogEntry[];
	/** Upgrades the sync server left to others (handleUpgrade returned false). */
	unclaimed: string[];
	connect(token: string, docName: string, options?: { doc?: Y.Doc }): Client;
	/** A raw `ws` socket with the cookie and the right Origin, already open. */
	raw(token: string, docName: string): Promise<RawSocket>;
	/** Drops every connection at the server's end, as a broken network would; the server keeps running. */
	cut(): void;
	close(): Promise<void>;
}

export interface RawSocket {
	ws: WebSocket;
	received: Uint8Array[];
	closed: Promise<{ code: number; reason: string }>;
}

/** `ws`'s WebSocket with a session cookie and an Origin, as a browser would send them. */
export function socketClass(headers: Record<string, string>) {
	return class extends WebSocket {
		constructor(address: string | URL, protocols?: string | string[]) {
			super(address, protocols, { headers });
		}
	};
}

export const cookie = (token: string) => `${SESSION_COOKIE}=${token}`;

/** The stock y-websocket provider on a sync server at `port`, signed in with `token`. */
export function connectClient(server: { port: number; origin: string }, token: string, docName: string, options: { doc?: Y.Doc } = {}): Client {
	const doc = options.doc ?? new Y.Doc();
	const provider = new WebsocketProvider(`ws://127.0.0.1:${server.port}${SYNC_PATH.slice(0, -1)}`, docName, doc, {
		WebSocketPolyfill: socketClass({ cookie: cookie(token), origin: server.origin }) as unknown as typeof globalThis.WebSocket,
		disableBc: true,
		...APP_OWNS_RECONNECTION
	});
	// Reconnection as in the app (src/lib/collab/doc-session.svelte.ts).
	reconnectWithJitter(provider);
	const closes: number[] = [];
	provider.on('connection-close', (event) => {
		if (event) closes.push(event.code);
	});
	return {
		doc,
		provider,
		closes,
		synced: () => waitFor(() => provider.synced, `${docName} to sync`),
		destroy() {
			provider.destroy();
			doc.destroy();
		}
	};
}

/** A raw `ws` socket to the sync server at `port`, with the cookie and the right Origin, once it is open. */
export async function openRaw(server: { port: number; origin: string }, token: string, docName: string): Promise<RawSocket> {
	const ws = new WebSocket(`ws://127.0.0.1:${server.port}${SYNC_PATH}${docName}`, { headers: { cookie: cookie(token), origin: server.origin } });
	const received: Uint8Array[] = [];
	ws.on('message', (data: Buffer) => received.push(new Uint8Array(data)));
	ws.on('error', () => {});
	const closed = new Promise<{ code: number; reason: string }>((resolve) => ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })));
	await new Promise<void>((resolve, reject) => {
		ws.once('open', () => resolve());
		ws.once('unexpected-response', (_req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)));
	});
	return { ws, received, closed };
}

/**
 * A real HTTP server on 127.0.0.1:0 whose 'upgrade' event goes to the sync server, as in
 * production. `onChange` projects documents into rows with server/boot.ts's projector.
 */
export async function startSync(db: Db, options: { recheckMs?: number; pingMs?: number; project?: boolean } = {}): Promise<SyncHarness> {
	const logs: LogEntry[] = [];
	const sink = new Writable({
		write(chunk: Buffer, _encoding, done) {
			for (const line of chunk.toString().split('\n')) if (line) logs.push(JSON.parse(line) as LogEntry);
			done();
		}
	});
	const log = pino({ level: 'warn' }, sink);
	const sync = createSyncServer({
		db,
		log,
		recheckMs: options.recheckMs,
		pingMs: options.pingMs,
		onChange: options.project === false ? undefined : documentProjector(db, log)
	});
	const unclaimed: string[] = [];
	const server = http.createServer((_req, res) => res.writeHead(404).end());
	const sockets = new Set<Socket>();
	server.on('connection', (socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});
	server.on('upgrade', (req, socket, head) => {
		if (!sync.handleUpgrade(req, socket, head)) {
			unclaimed.push(req.url ?? '');
			socket.destroy();
		}
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const port = (server.address() as AddressInfo).port;
	const origin = `http://127.0.0.1:${port}`;
	const clients = new Set<Client>();
	const raws = new Set<WebSocket>();

	const harness: SyncHarness = {
		port,
		origin,
		sync,
		logs,
		unclaimed,
		connect(token, docName, connectOptions = {}) {
			const client = connectClient({ port, origin }, token, docName, connectOptions);
			const destroy = client.destroy;
			client.destroy = () => {
				clients.delete(client);
				destroy();
			};
			clients.add(client);
			return client;
		},
		async raw(token, docName) {
			const raw = await openRaw({ port, origin }, token, docName);
			raws.add(raw.ws);
			void raw.closed.then(() => raws.delete(raw.ws));
			return raw;
		},
		cut() {
			for (const socket of sockets) socket.destroy();
		},
		async close() {
			for (const client of [...clients]) client.destroy();
			for (const ws of raws) ws.terminate();
			await sync.close();
			await new Promise<void>((resolve) => {
				server.close(() => resolve());
				for (const socket of sockets) socket.destroy();
			});
		}
	};
	return harness;
}

/** A WebSocket upgrade request as bytes on the wire, for tests that speak to the server by hand. */
export function upgradeRequest(port: number, path: string, headers: Record<string, string | undefined>): string {
	const lines = [
		`GET ${path} HTTP/1.1`,
		`Host: 127.0.0.1:${port}`,
		'Connection: Upgrade',
		'Upgrade: websocket',
		'Sec-WebSocket-Version: 13',
		`Sec-WebSocket-Key: ${Buffer.from('0123456789abcdef').toString('base64')}`,
		...Object.entries(headers).flatMap(([key, value]) => (value === undefined ? [] : [`${key}: ${value}`]))
	];
	return `${lines.join('\r\n')}\r\n\r\n`;
}

/**
 * Sends an upgrade by hand and says what came of it: a refusal's HTTP status line, `close <code>`
 * when the socket was opened only to be closed at once (signed out, no access), or the 101
 * status line when the first frame was the server's sync message.
 */
export function handshake(port: number, path: string, headers: Record<string, string | undefined>): Promise<string> {
	return new Promise((resolve, reject) => {
		const socket = net.connect(port, '127.0.0.1');
		let response = Buffer.alloc(0);
		socket.on('connect', () => socket.write(upgradeRequest(port, path, headers)));
		let done = false;
		const finish = (outcome?: string) => {
			if (done) return;
			done = true;
			socket.destroy();
			resolve(outcome ?? response.toString('latin1').split('\r\n')[0] ?? '');
		};
		socket.on('data', (chunk) => {
			response = Buffer.concat([response, chunk]);
			const end = response.indexOf('\r\n\r\n');
			if (end < 0) return;
			const statusLine = response.toString('latin1', 0, end).split('\r\n')[0]!;
			if (!statusLine.includes(' 101 ')) return finish(statusLine);
			// Server frames are unmasked: opcode in the first byte, a short length in the second.
			const frame = response.subarray(end + 4);
			if (frame.length < 2) return;
			if ((frame[0]! & 0x0f) !== 0x8) return finish(statusLine);
			if (frame.length >= 4) finish(`close ${frame.readUInt16BE(2)}`);
		});
		socket.on('close', () => finish());
		socket.on('error', (error: NodeJS.ErrnoException) => (error.code === 'ECONNRESET' ? finish() : reject(error)));
	});
}

/** A y-websocket sync message (type 0) carrying `update` as an update or as a sync step 2. */
export function updateFrame(update: Uint8Array, kind: 'update' | 'step2' = 'update'): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, 0);
	encoding.writeVarUint(encoder, kind === 'update' ? syncProtocol.messageYjsUpdate : syncProtocol.messageYjsSyncStep2);
	encoding.writeVarUint8Array(encoder, update);
	return encoding.toUint8Array(encoder);
}

/** A y-websocket presence message (type 1) with entries written by hand, as a hostile client could. */
export function presenceFrame(entries: readonly { clientId: number; clock: number; state: unknown }[]): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, 1);
	encoding.writeVarUint8Array(encoder, encodePresence(entries.map((e) => ({ clientId: e.clientId, clock: e.clock, json: JSON.stringify(e.state) }))));
	return encoding.toUint8Array(encoder);
}

/** An update made on a fresh client (its own client id) on top of `base`'s state. */
export function forgeUpdate(base: Y.Doc, change: (doc: Y.Doc) => void): Uint8Array {
	const forged = new Y.Doc();
	Y.applyUpdate(forged, Y.encodeStateAsUpdate(base));
	const before = Y.encodeStateVector(forged);
	change(forged);
	const update = Y.encodeStateAsUpdate(forged, before);
	forged.destroy();
	return update;
}

/** The goal's plain content; equal content means the documents converged. */
export const contentOf = (doc: Y.Doc): GoalContent => readGoalContent(doc);

export const sameState = (a: Y.Doc, b: Y.Doc) =>
	Buffer.from(Y.encodeStateVector(a)).equals(Buffer.from(Y.encodeStateVector(b))) &&
	JSON.stringify(contentOf(a)) === JSON.stringify(contentOf(b));

export interface GoalWorld {
	town: Town;
	elsewhere: Town;
	tandemId: string;
	goalId: string;
	docName: string;
	/** Signed-in people: focus, focus2, bildung, bildung2 (tandem: focus, bildung, bildung2), leitung (head), jugend. */
	as: Record<'focus' | 'focus2' | 'bildung' | 'bildung2' | 'leitung' | 'jugend' | 'foreign', SignedIn>;
}

/**
 * A municipality with a Bildung tandem and one goal, made through the domain functions,
 * plus a second municipality whose member must never get in.
 */
export async function goalWorld(db: Db, title = 'Mehr Ausbildungsplätze'): Promise<GoalWorld> {
	const town = await createTown(db, {
		departments: ['Bildung', 'Jugend'],
		people: {
			focus: { roles: ['focus'] },
			focus2: { roles: ['focus'] },
			bildung: { roles: ['member'], department: 'Bildung' },
			bildung2: { roles: ['member'], department: 'Bildung' },
			leitung: { roles: ['head'], department: 'Bildung' },
			jugend: { roles: ['member'], department: 'Jugend' }
		}
	});
	const elsewhere = await createTown(db, {
		departments: ['Bildung'],
		people: { bildung: { roles: ['member', 'focus'], department: 'Bildung' } }
	});
	const signIn = (t: Town, key: string) => signInAs(db, t.people[key]!);
	const as = {
		focus: await signIn(town, 'focus'),
		focus2: await signIn(town, 'focus2'),
		bildung: await signIn(town, 'bildung'),
		bildung2: await signIn(town, 'bildung2'),
		leitung: await signIn(town, 'leitung'),
		jugend: await signIn(town, 'jugend'),
		foreign: await signIn(elsewhere, 'bildung')
	};
	const tandemId = await createTandem(db, as.focus.actor, {
		name: 'Tandem Bildung',
		departmentId: town.departments.Bildung!,
		membershipIds: [as.focus.actor.membershipId, as.bildung.actor.membershipId, as.bildung2.actor.membershipId]
	});
	const goalId = await createGoal(db, as.focus.actor, { tandemId, title });
	return { town, elsewhere, tandemId, goalId, docName: goalDocName(goalId), as };
}

/** A further goal of the world's tandem (a fresh document). */
export async function anotherGoal(db: Db, world: GoalWorld, title = 'Noch ein Ziel'): Promise<{ goalId: string; docName: string }> {
	const goalId = await createGoal(db, world.as.focus.actor, { tandemId: world.tandemId, title });
	return { goalId, docName: goalDocName(goalId) };
}

/** The document's stored log, oldest first. */
export function storedUpdates(db: Db, docName: string) {
	return db
		.select({ id: docUpdate.id, userId: docUpdate.userId, update: docUpdate.update })
		.from(docUpdate)
		.where(eq(docUpdate.docName, docName))
		.orderBy(asc(docUpdate.id));
}

/** The goal's projected rows: the goal and its live (not archived) indicators in order. */
export async function projectedRows(db: Db, goalId: string) {
	const [row] = await db.select().from(goal).where(eq(goal.id, goalId));
	const indicators = await db
		.select()
		.from(indicator)
		.where(eq(indicator.goalId, goalId))
		.orderBy(asc(indicator.position));
	return { goal: row!, indicators: indicators.filter((i) => i.archivedAt === null), archived: indicators.filter((i) => i.archivedAt !== null) };
}

/**
 * A goal world and a sync server serving it for a describe block, closed after it. Read the
 * fields inside tests (they are set before the first one runs).
 */
export function useGoalSync(t: { db: Db }): { world: GoalWorld; sync: SyncHarness } {
	const live = {} as { world: GoalWorld; sync: SyncHarness };
	beforeAll(async () => {
		live.world = await goalWorld(t.db);
		live.sync = await startSync(t.db);
	});
	afterAll(async () => {
		await live.sync?.close();
	});
	return live;
}
