import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import type { WebSocket } from 'ws';
import type { Logger } from 'pino';
import type { Db } from '../../src/lib/server/db';
import { compact, loadState } from '../../src/lib/server/documents/update-log';
import type { UpdateWriter, WriteOwner } from './writer';
import { awarenessMessage, updateMessage } from './protocol';
import { send } from './send';
import { PresenceGate, type RemotePresence } from './presence';
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
	/** Called (throttled) with the presence sockets here changed, for the other processes. */
	onPresence?(name: string, entries: RemotePresence[]): void;
}

/** Updates pulled from the store, not typed by a client here: broadcast, never written again. */
const FROM_STORE = Symbol('store');
/** Presence from another process: shown here, never sent back. */
const FROM_ELSEWHERE = Symbol('elsewhere');
/** Presence removed because its socket here closed. */
const CLOSED = Symbol('closed');
/** Presence changes of one document go to the other processes at most this often. */
const PRESENCE_THROTTLE_MS = 100;
const CHANGE_DEBOUNCE_MS = 250;
const COMPACT_AFTER_UPDATES = 500;

/**
 * A loaded document with its sockets: applies and fans out updates, writes them in small
 * batches with their authors, and reports changes for the projection.
 */
export class Room implements WriteOwner {
	readonly doc = new Y.Doc();
	readonly awareness = new awarenessProtocol.Awareness(this.doc);
	readonly connections = new Map<WebSocket, Connection>();
	private readonly presence = new PresenceGate();
	private changeTimer: NodeJS.Timeout | undefined;
	/** Projections run one after another, so an older one never finishes last. */
	private projecting: Promise<void> = Promise.resolve();
	/** Position of the last row of the log this room holds (rows commit in position order, decision 0032). */
	private pulledUpTo = 0;
	private writtenSinceCompact = 0;
	private readonly presenceChanged = new Set<number>();
	private presenceTimer: NodeJS.Timeout | undefined;
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
		this.awareness.on('update', (change: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => {
			const changed = [...change.added, ...change.updated, ...change.removed];
			this.broadcast(awarenessMessage(this.awareness, changed));
			// What sockets here said or left behind; not timeouts, which each process runs itself.
			const local = origin === CLOSED || (typeof origin === 'object' && origin !== null && 'ws' in origin);
			if (local && this.hooks.onPresence) this.presenceToSend(changed);
		});
	}

	/** Loads the stored state; one load per room however many sockets wait for it. */
	async load(): Promise<void> {
		const { state, lastSeq } = await loadState(this.db, this.name);
		if (state) Y.applyUpdate(this.doc, state, FROM_STORE);
		this.pulledUpTo = lastSeq;
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
			awarenessProtocol.removeAwarenessStates(this.awareness, [...connection.awarenessIds], CLOSED);
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

	/** Presence another process admitted: shown to the sockets here, its owners kept. */
	applyRemotePresence(entries: RemotePresence[]): void {
		const update = this.presence.adopt(entries);
		if (update) awarenessProtocol.applyAwarenessUpdate(this.awareness, update, FROM_ELSEWHERE);
	}

	private presenceToSend(clientIds: number[]): void {
		for (const id of clientIds) this.presenceChanged.add(id);
		this.presenceTimer ??= setTimeout(() => this.sendPresence(), PRESENCE_THROTTLE_MS);
	}

	private sendPresence(): void {
		clearTimeout(this.presenceTimer);
		this.presenceTimer = undefined;
		const entries: RemotePresence[] = [];
		for (const clientId of this.presenceChanged) {
			const userId = this.presence.ownerOf(clientId);
			const clock = this.awareness.meta.get(clientId)?.clock;
			if (userId === undefined || clock === undefined) continue;
			const state = this.awareness.states.get(clientId);
			entries.push({ clientId, clock, json: state === undefined ? 'null' : JSON.stringify(state), userId });
		}
		this.presenceChanged.clear();
		if (entries.length > 0) this.hooks.onPresence?.(this.name, entries);
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

	/** Whether the room has the log up to position `seq` already. */
	holds(seq: number): boolean {
		return seq <= this.pulledUpTo;
	}

	/** The position of the last row of the log this room holds. */
	get position(): number {
		return this.pulledUpTo;
	}

	get closed(): boolean {
		return this.destroyed;
	}

	/** A row of the log that others wrote (a restore, another process), fetched by the Puller. */
	applyStored(seq: number, update: Uint8Array): void {
		// Fetches may overlap; a row already applied is skipped (applying it again would be harmless).
		if (this.destroyed || seq <= this.pulledUpTo) return;
		Y.applyUpdate(this.doc, update, FROM_STORE);
		this.pulledUpTo = seq;
	}

	/**
	 * The writer stored this room's updates at positions `first` to `last`. Right after what the
	 * room holds, the room holds those too (they came from it), so it never fetches its own rows;
	 * after a gap (another process wrote in between) the room waits for that row to be pulled.
	 */
	wrote(first: number, last: number): void {
		if (first === this.pulledUpTo + 1) this.pulledUpTo = last;
	}

	private onUpdate(update: Uint8Array, origin: unknown): void {
		if (this.destroyed) return;
		const message = updateMessage(update);
		const from = origin && typeof origin === 'object' && 'ws' in origin ? (origin as Connection) : undefined;
		this.broadcast(message, from?.ws);
		if (origin === FROM_STORE) return;
		this.writer.add(this.name, from?.actor.userId ?? null, update, this);
		if (++this.writtenSinceCompact >= COMPACT_AFTER_UPDATES) {
			this.writtenSinceCompact = 0;
			compact(this.db, this.name).catch((error: unknown) => this.log.warn({ err: error, doc: this.name }, 'compacting failed'));
		}
		this.scheduleChange();
	}

	broadcast(message: Uint8Array, except?: WebSocket): void {
		for (const ws of this.connections.keys()) {
			if (ws !== except) send(ws, message, this.log);
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
		// The last sockets' leaving reaches the other processes before the room goes.
		if (this.presenceTimer) this.sendPresence();
		this.destroyed = true;
		await compact(this.db, this.name).catch((error: unknown) => this.log.warn({ err: error, doc: this.name }, 'compacting failed'));
		this.awareness.destroy();
		this.doc.destroy();
	}
}
