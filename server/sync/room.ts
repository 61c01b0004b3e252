import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import type { WebSocket } from 'ws';
import type { Logger } from 'pino';
import type { Db } from '../../src/lib/server/db';
import { compact, loadState, updatesAfter } from '../../src/lib/server/documents/update-log';
import type { UpdateWriter } from './writer';
import { awarenessMessage, updateMessage } from './protocol';
import { PresenceGate } from './presence';
import type { Actor } from '../../src/lib/server/auth/session';
import { CloseCode } from '../../src/lib/shared/documents';

/** One socket in a room: who is behind it and whether their updates count. */
export interface Connection {
	ws: WebSocket;
	actor: Actor;
	token: string;
	readOnly: boolean;
	/** Presence client ids this socket speaks for (see PresenceGate), removed when it leaves. */
	awarenessIds: Set<number>;
	/**
	 * While rights that may have changed are checked again, this writer's updates wait here
	 * (`checks` counts the checks under way); they count only if the socket is still a writer.
	 */
	held?: { checks: number; updates: Uint8Array[] };
	/** Set once presence from this socket was refused (logged once). */
	presenceRefused?: boolean;
}

export interface RoomHooks {
	/** Called (debounced) after clients changed the document. */
	onChange?(name: string, doc: Y.Doc): Promise<void>;
}

/** Updates pulled from the store, not typed by a client here: broadcast, never written again. */
const FROM_STORE = Symbol('store');
const CHANGE_DEBOUNCE_MS = 250;
const COMPACT_AFTER_UPDATES = 500;
/** Rows younger than this may still have out-of-order neighbours being committed. */
const SETTLE_MS = 5_000;

/**
 * A loaded document with its sockets: applies and fans out updates, writes them in small
 * batches with their authors, and reports changes for the projection.
 */
export class Room {
	readonly doc = new Y.Doc();
	readonly awareness = new awarenessProtocol.Awareness(this.doc);
	readonly connections = new Map<WebSocket, Connection>();
	private readonly presence = new PresenceGate();
	private changeTimer: NodeJS.Timeout | undefined;
	/** Projections run one after another, so an older one never finishes last. */
	private projecting: Promise<void> = Promise.resolve();
	/** Highest settled id pulled from the store; later rows are fetched again (applying twice is harmless). */
	private pulledUpTo = 0;
	private writtenSinceCompact = 0;
	private destroyed = false;

	constructor(
		readonly name: string,
		private readonly db: Db,
		private readonly log: Logger,
		private readonly writer: UpdateWriter,
		private readonly hooks: RoomHooks
	) {
		this.awareness.setLocalState(null);
		this.doc.on('update', (update: Uint8Array, origin: unknown) => this.onUpdate(update, origin));
		this.awareness.on('update', (change: { added: number[]; updated: number[]; removed: number[] }) => {
			const changed = [...change.added, ...change.updated, ...change.removed];
			this.broadcast(awarenessMessage(this.awareness, changed));
		});
	}

	/** Loads the stored state; one load per room however many sockets wait for it. */
	async load(): Promise<void> {
		const { state, lastId } = await loadState(this.db, this.name);
		if (state) Y.applyUpdate(this.doc, state, FROM_STORE);
		this.pulledUpTo = lastId;
	}

	get size(): number {
		return this.connections.size;
	}

	add(connection: Connection): void {
		this.connections.set(connection.ws, connection);
	}

	/** Removes a socket and what it said about its presence. */
	remove(ws: WebSocket): void {
		const connection = this.connections.get(ws);
		if (!connection) return;
		this.connections.delete(ws);
		if (connection.awarenessIds.size > 0) {
			awarenessProtocol.removeAwarenessStates(this.awareness, [...connection.awarenessIds], null);
		}
	}

	/** Applies a client's update; read-only sockets' updates are dropped whatever they send. */
	applyClientUpdate(connection: Connection, update: Uint8Array): void {
		if (connection.readOnly) return;
		if (connection.held) connection.held.updates.push(update);
		else Y.applyUpdate(this.doc, update, connection);
	}

	/** Applies what of a socket's presence update is its own to say; returns how many entries were refused. */
	applyPresence(connection: Connection, update: Uint8Array): number {
		const { actor, readOnly, awarenessIds } = connection;
		const held = [...this.connections.values()].map((c) => c.awarenessIds);
		const { states, meta } = this.awareness;
		const admitted = this.presence.admit(
			{ userId: actor.userId, name: actor.name, readOnly, awarenessIds },
			update,
			held,
			(id) => states.has(id),
			(id) => meta.get(id)?.clock ?? 0
		);
		if (admitted.update) awarenessProtocol.applyAwarenessUpdate(this.awareness, admitted.update, connection);
		return admitted.refused;
	}

	/** Holds a writer's updates until `release`: its rights are being checked again. */
	hold(connection: Connection): void {
		if (connection.readOnly) return;
		connection.held ??= { checks: 0, updates: [] };
		connection.held.checks++;
	}

	/** Ends one check's hold; after the last one, a socket still writing has its updates applied in order. */
	release(connection: Connection): void {
		const held = connection.held;
		if (!held || --held.checks > 0) return;
		connection.held = undefined;
		try {
			for (const update of held.updates) this.applyClientUpdate(connection, update);
		} catch (error) {
			this.log.warn({ err: error, doc: this.name, userId: connection.actor.userId }, 'malformed message; closing that socket');
			connection.readOnly = true;
			connection.ws.close(CloseCode.malformed, 'malformed message');
		}
	}

	/** Fetches what others wrote to the store (a restore, another process) and applies it. */
	async pull(): Promise<void> {
		const rows = await updatesAfter(this.db, this.name, this.pulledUpTo);
		const settled = Date.now() - SETTLE_MS;
		for (const row of rows) {
			Y.applyUpdate(this.doc, row.update, FROM_STORE);
			if (row.createdAt.getTime() < settled) this.pulledUpTo = Math.max(this.pulledUpTo, row.id);
		}
	}

	private onUpdate(update: Uint8Array, origin: unknown): void {
		if (this.destroyed) return;
		const message = updateMessage(update);
		const from = origin && typeof origin === 'object' && 'ws' in origin ? (origin as Connection) : undefined;
		this.broadcast(message, from?.ws);
		if (origin === FROM_STORE) return;
		this.writer.add(this.name, from?.actor.userId ?? null, update);
		if (++this.writtenSinceCompact >= COMPACT_AFTER_UPDATES) {
			this.writtenSinceCompact = 0;
			compact(this.db, this.name).catch((error: unknown) => this.log.warn({ err: error, doc: this.name }, 'compacting failed'));
		}
		this.scheduleChange();
	}

	broadcast(message: Uint8Array, except?: WebSocket): void {
		for (const ws of this.connections.keys()) {
			if (ws !== except && ws.readyState === ws.OPEN) ws.send(message);
		}
	}

	/** Resolves when everything this room (and every other) received so far is durable. */
	flush(): Promise<void> {
		return this.writer.flush();
	}

	private scheduleChange(): void {
		if (!this.hooks.onChange || this.changeTimer) return;
		this.changeTimer = setTimeout(() => {
			this.changeTimer = undefined;
			void this.project();
		}, CHANGE_DEBOUNCE_MS);
	}

	private project(): Promise<void> {
		const onChange = this.hooks.onChange;
		if (!onChange) return this.projecting;
		this.projecting = this.projecting.then(() =>
			onChange(this.name, this.doc).catch((error: unknown) => this.log.error({ err: error, doc: this.name }, 'projecting the document failed'))
		);
		return this.projecting;
	}

	/** Stores what is pending, runs a last projection, folds the log, frees the memory. */
	async close(): Promise<void> {
		await this.flush();
		if (this.changeTimer) {
			clearTimeout(this.changeTimer);
			this.changeTimer = undefined;
			void this.project();
		}
		await this.projecting;
		this.destroyed = true;
		await compact(this.db, this.name).catch((error: unknown) => this.log.warn({ err: error, doc: this.name }, 'compacting failed'));
		this.awareness.destroy();
		this.doc.destroy();
	}
}
