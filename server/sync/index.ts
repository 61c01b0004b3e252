import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type * as Y from 'yjs';
import type { Logger } from 'pino';
import type { Db } from '../../src/lib/server/db';
import { SESSION_COOKIE, validateSessionToken } from '../../src/lib/server/auth/session';
import { accessTo, documentAccess, loadTarget } from '../../src/lib/server/access/targets';
import { appendedNotice, eventRelay, publishElsewhere, registerSyncStats, subscribe, type SyncStats } from '../../src/lib/server/events';
import { headsOf } from '../../src/lib/server/documents/update-log';
import { CloseCode, MAX_MESSAGE_BYTES, parseDocName, SYNC_PATH, type DocRef } from '../../src/lib/shared/documents';
import { awarenessMessage, readMessage, syncStep1 } from './protocol';
import { Room, type Connection, type RoomHooks } from './room';
import { originAllowed } from './origin';
import type { RemotePresence } from './presence';
import { UpdateWriter } from './writer';
import { HandshakeGate, HandshakeTimeout } from './handshakes';
import { send } from './send';
import { Puller } from './puller';

export interface SyncServerOptions {
	db: Db;
	log: Logger;
	/** Called (debounced) after clients changed a document, e.g. to project it into rows. */
	onChange?(ref: DocRef, doc: Y.Doc): Promise<void>;
	/** How often open sockets are checked against their session and rights. */
	recheckMs?: number;
	/** How often sockets are pinged; one that did not answer the last ping is dropped. */
	pingMs?: number;
}

export interface SyncServer {
	/** Takes an upgrade for `/sync/…` (true) or leaves it to others (false). */
	handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): boolean;
	stats(): SyncStats;
	/** Stores everything pending and closes every socket with 1012 (restarting). */
	close(): Promise<void>;
}

const COMMIT_LAG_SAMPLES = 20_000;
/** Handshakes checked at once (each reads the session and the rights) and how many may wait. */
export const HANDSHAKES_AT_ONCE = 16;
const HANDSHAKES_WAITING = 2000;

export function createSyncServer(options: SyncServerOptions): SyncServer {
	const { db, log } = options;
	const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
	// Dead peers (a laptop lid closed) are found by pings and let go; a pong marks a live one.
	const alive = new WeakSet<WebSocket>();
	const rooms = new Map<string, Promise<Room>>();
	const loaded = new Map<string, Room>();
	const lags: number[] = [];
	let lagsNext = 0;
	const handshakes = new HandshakeGate(HANDSHAKES_AT_ONCE, HANDSHAKES_WAITING);
	let loads = 0;
	let closing = false;
	let closed: Promise<void> | undefined;

	const sendPresence = (docName: string, entries: RemotePresence[]) => publishElsewhere({ type: 'presence', docName, entries });
	const hooks: RoomHooks = {
		// Only while other processes listen: one process alone does not gather presence to send.
		get onPresence() {
			return eventRelay() ? sendPresence : undefined;
		},
		onChange: options.onChange
			? (name: string, doc: Y.Doc) => {
					const ref = parseDocName(name);
					return ref ? options.onChange!(ref, doc) : Promise.resolve();
				}
			: undefined
	};
	const writer = new UpdateWriter(db, log, {
		onCommitLag(ms) {
			// The last COMMIT_LAG_SAMPLES in a ring: shifting a full array cost a copy per update.
			if (lags.length < COMMIT_LAG_SAMPLES) lags.push(ms);
			else lags[lagsNext++ % COMMIT_LAG_SAMPLES] = ms;
		},
		// Rooms of these documents on other processes pull what was written; ours has it.
		notice: appendedNotice
	});

	/** One load per document: concurrent connects wait on the same promise; a failed load is forgotten. */
	function openRoom(name: string): Promise<Room> {
		let room = rooms.get(name);
		if (!room) {
			const created = new Room(name, db, log, writer, hooks);
			loads++;
			room = created.load().then(() => {
				loaded.set(name, created);
				return created;
			});
			rooms.set(name, room);
			room.catch(() => rooms.delete(name));
		}
		return room;
	}

	async function unloadIfIdle(name: string, room: Room): Promise<void> {
		await room.flush();
		// A socket may have joined meanwhile, or a newer room may hold the name.
		if (room.size > 0 || loaded.get(name) !== room) return;
		rooms.delete(name);
		loaded.delete(name);
		await room.close();
		log.debug({ doc: name }, 'document unloaded');
	}

	function refuse(socket: Duplex, status: 403 | 503, text: string): void {
		socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: ${text.length}\r\n\r\n${text}`);
	}

	/**
	 * Signed out, or no access: the socket opens and closes at once with the reason (4401,
	 * 4403). A browser never sees an upgrade's HTTP status, only 1006, and would retry an answer
	 * that will not change; a close code stops its retries and tells the person why.
	 */
	function shutOut(request: IncomingMessage, socket: Duplex, head: Buffer, code: typeof CloseCode.unauthenticated | typeof CloseCode.forbidden, reason: string): void {
		wss.handleUpgrade(request, socket, head, (ws) => {
			// Until the client's close frame arrives it may still send garbage; ws reports that as
			// an error, which without a listener would end the process.
			ws.on('error', (error) => log.debug({ err: error }, 'socket error after refusal'));
			ws.close(code, reason);
		});
	}

	function tokenFrom(request: IncomingMessage): string | undefined {
		const header = request.headers.cookie ?? '';
		for (const part of header.split(';')) {
			const [key, ...value] = part.trim().split('=');
			if (key === SESSION_COOKIE) return decodeURIComponent(value.join('='));
		}
		return undefined;
	}

	async function authorize(request: IncomingMessage, socket: Duplex, head: Buffer, path: string): Promise<void> {
		if (closing) return refuse(socket, 503, 'Restarting');
		if (!originAllowed(request)) return refuse(socket, 403, 'Forbidden');
		const token = tokenFrom(request);
		const session = token ? await validateSessionToken(db, token, { touch: false }) : null;
		if (!token || !session) return shutOut(request, socket, head, CloseCode.unauthenticated, 'signed out');
		// A badly encoded name is a malformed name: the same 4403 as any unknown document.
		let name = '';
		try {
			name = decodeURIComponent(path.slice(SYNC_PATH.length));
		} catch {
			/* stays '' and is refused below */
		}
		const ref = parseDocName(name);
		const access = ref ? await documentAccess(db, session.actor, ref) : null;
		if (!ref || !access) return shutOut(request, socket, head, CloseCode.forbidden, 'no access');
		wss.handleUpgrade(request, socket, head, (ws) => {
			alive.add(ws);
			ws.on('pong', () => alive.add(ws));
			const connection: Connection = { ws, actor: session.actor, token, readOnly: access === 'read', awarenessIds: new Set() };
			void attach(name, connection);
		});
	}

	async function attach(name: string, connection: Connection): Promise<void> {
		const { ws } = connection;
		// Messages may arrive before the document is loaded; they wait for it, in order.
		const queue: Uint8Array[] = [];
		let room: Room | undefined;
		ws.on('message', (data: Buffer, isBinary: boolean) => {
			const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
			if (!isBinary) return ws.close(CloseCode.malformed, 'binary messages only');
			if (room) handle(room, connection, bytes);
			else queue.push(bytes);
		});
		ws.on('error', (error) => log.debug({ err: error, doc: name }, 'socket error'));
		ws.on('close', () => {
			if (!room) return;
			room.remove(ws);
			if (room.size === 0) void unloadIfIdle(name, room).catch((error: unknown) => log.error({ err: error, doc: name }, 'unloading failed'));
		});
		try {
			room = await openRoom(name);
		} catch (error) {
			log.error({ err: error, doc: name }, 'loading the document failed');
			ws.close(CloseCode.loadFailed, 'load failed');
			return;
		}
		if (closing) {
			ws.close(CloseCode.restart, 'server restarting');
			return;
		}
		if (ws.readyState !== ws.OPEN) {
			if (room.size === 0) void unloadIfIdle(name, room);
			return;
		}
		room.add(connection);
		send(ws, syncStep1(room.doc), log);
		const states = [...room.awareness.getStates().keys()];
		if (states.length > 0) send(ws, awarenessMessage(room.awareness, states), log);
		for (const bytes of queue.splice(0)) handle(room, connection, bytes);
	}

	/** One message from one socket; anything unreadable closes that socket alone. */
	function handle(room: Room, connection: Connection, bytes: Uint8Array): void {
		try {
			const message = readMessage(bytes, room.doc);
			switch (message.kind) {
				case 'syncStep1':
					send(connection.ws, message.reply, log);
					break;
				case 'update':
					room.applyClientUpdate(connection, message.update);
					break;
				case 'awareness': {
					const refused = room.applyPresence(connection, message.update);
					// Once per socket: a client flooding refused presence does not flood the log.
					if (refused > 0 && !connection.presenceRefused) {
						connection.presenceRefused = true;
						log.warn({ doc: room.name, userId: connection.actor.userId, refused }, 'presence refused (not its own, too many ids or too large)');
					}
					break;
				}
				case 'queryAwareness':
					send(connection.ws, awarenessMessage(room.awareness, [...room.awareness.getStates().keys()]), log);
					break;
			}
		} catch (error) {
			log.warn({ err: error, doc: room.name, userId: connection.actor.userId }, 'malformed message; closing that socket');
			connection.ws.close(CloseCode.malformed, 'malformed message');
		}
	}

	/**
	 * Re-checks sockets against their session and rights; closes those whose access ended.
	 * After an announced change (`hold`), writers' updates wait for their own check, so nothing
	 * sent after the change counts before the socket is known to be still a writer.
	 */
	async function recheck(filter: (connection: Connection) => boolean, hold = false): Promise<void> {
		const sockets = [...loaded].flatMap(([name, room]) => {
			const ref = parseDocName(name);
			return ref ? [...room.connections.values()].filter(filter).map((connection) => ({ ref, room, connection })) : [];
		});
		const held = hold ? sockets.filter(({ connection }) => !connection.readOnly) : [];
		for (const { room, connection } of held) room.hold(connection);
		const release = (socket: (typeof sockets)[number]) => {
			const index = held.indexOf(socket);
			if (index < 0) return;
			held.splice(index, 1);
			socket.room.release(socket.connection);
		};
		// One person's sockets share a session and a document's sockets its target: each is read
		// once per round, not once per socket.
		const sessions = new Map<string, ReturnType<typeof validateSessionToken>>();
		const targets = new Map<string, ReturnType<typeof loadTarget>>();
		const once = <T>(cache: Map<string, T>, key: string, load: () => T) => {
			if (!cache.has(key)) cache.set(key, load());
			return cache.get(key)!;
		};
		try {
			for (const socket of sockets) {
				// Closing closes every socket anyway (and then the database).
				if (closing) break;
				const { ref, connection } = socket;
				const session = await once(sessions, connection.token, () => validateSessionToken(db, connection.token, { touch: false }));
				const target = session ? await once(targets, socket.room.name, () => loadTarget(db, ref.kind, ref.id)) : undefined;
				applyCheck(connection, session && accessTo(session.actor, target), session !== null);
				release(socket);
			}
		} finally {
			// A failed check leaves the others as they were, held updates included.
			for (const socket of [...held]) release(socket);
		}
	}

	/** What a check found: a socket whose access ended is closed, one that may write again does. */
	function applyCheck(connection: Connection, access: 'write' | 'read' | null, signedIn: boolean): void {
		if (!access || (access === 'read' && !connection.readOnly)) {
			// Nothing more it sends counts, even what arrives while the socket is closing.
			connection.readOnly = true;
			connection.held = undefined;
			if (!signedIn) connection.ws.close(CloseCode.unauthenticated, 'session ended');
			else connection.ws.close(CloseCode.forbidden, 'access ended');
		} else if (access === 'write' && connection.readOnly) connection.readOnly = false;
	}

	const puller = new Puller(db, log);
	const pull = (room: Room) => puller.request(room);

	const unsubscribe = subscribe((event) => {
		if (event.type === 'access-changed') {
			const users = new Set(event.userIds);
			// No user ids: something changed for the whole municipality (e.g. a tandem).
			const affected = (c: Connection) =>
				users.size === 0 ? c.actor.municipalityId === event.municipalityId : users.has(c.actor.userId);
			void recheck(affected, true).catch(
				(error: unknown) => log.error({ err: error }, 'rechecking sockets failed')
			);
		} else if (event.type === 'doc-appended') {
			for (const { name, seq } of event.docs) {
				const room = loaded.get(name);
				if (room && !room.holds(seq)) pull(room);
			}
		} else if (event.type === 'presence') {
			try {
				loaded.get(event.docName)?.applyRemotePresence(event.entries);
			} catch (error) {
				log.warn({ err: error, doc: event.docName }, 'presence from another process unreadable');
			}
		} else if (event.type === 'catch-up') {
			// What another process wrote or changed while its notifications did not reach us: one
			// query for the heads of the open documents, a pull only for rooms behind theirs.
			void headsOf(db, [...loaded.keys()])
				.then((heads) => {
					for (const { name, seq } of heads) {
						const room = loaded.get(name);
						if (room && !room.holds(seq)) pull(room);
					}
				})
				.catch((error: unknown) => log.error({ err: error }, 'catching up failed'));
			if (event.access) void recheck(() => true).catch((error: unknown) => log.error({ err: error }, 'rechecking sockets failed'));
		}
	});
	const recheckTimer = setInterval(() => {
		void recheck(() => true).catch((error: unknown) => log.error({ err: error }, 'rechecking sockets failed'));
	}, options.recheckMs ?? 30_000);
	recheckTimer.unref();

	const pingTimer = setInterval(() => {
		for (const ws of wss.clients) {
			if (!alive.has(ws)) {
				ws.terminate();
				continue;
			}
			alive.delete(ws);
			ws.ping();
		}
	}, options.pingMs ?? 30_000);
	pingTimer.unref();

	const server: SyncServer = {
		handleUpgrade(request, socket, head) {
			const path = (request.url ?? '').split('?')[0] ?? '';
			if (!path.startsWith(SYNC_PATH)) return false;
			socket.on('error', (error) => log.debug({ err: error }, 'upgrade socket error'));
			handshakes
				.run(
					() => authorize(request, socket, head, path),
					() => socket.destroyed
				)
				.then((admitted) => {
					if (!admitted) refuse(socket, 503, 'Busy');
				})
				.catch((error: unknown) => {
					if (error instanceof HandshakeTimeout) log.warn({ err: error }, 'handshake check timed out; refused');
					else log.error({ err: error }, 'upgrade failed');
					refuse(socket, 503, 'Unavailable');
				});
			return true;
		},
		stats() {
			const sorted = [...lags].sort((a, b) => a - b);
			const at = (q: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]! : null);
			return {
				documents: rooms.size,
				connections: wss.clients.size,
				commitLagP50: at(0.5),
				commitLagP99: at(0.99),
				loads,
				handshakesPeak: handshakes.peak,
				pulled: puller.pulled
			};
		},
		close() {
			closed ??= shutdown();
			return closed;
		}
	};

	async function shutdown(): Promise<void> {
		closing = true;
		puller.close();
		clearInterval(recheckTimer);
		clearInterval(pingTimer);
		unsubscribe();
		registerSyncStats(undefined);
		const all = await Promise.allSettled([...rooms.values()]);
		await Promise.all(
			all.map(async (result) => {
				if (result.status !== 'fulfilled') return;
				const room = result.value;
				await room.flush();
				for (const ws of room.connections.keys()) ws.close(CloseCode.restart, 'server restarting');
				// The debounced projection would otherwise fire after the database is gone.
				await room.close();
			})
		);
		rooms.clear();
		loaded.clear();
		wss.close();
	}
	registerSyncStats(() => server.stats());
	return server;
}
