import { EventEmitter } from 'node:events';

/**
 * A bus between the SvelteKit side and the sync server (they hold separate copies of this module
 * in production, hence the globalThis symbols). Access changes close sockets; goal changes reach
 * open pages. With several processes on one PostgreSQL a relay (server/relay.ts) carries each
 * event to the others through LISTEN/NOTIFY; this module only hands events to it.
 */
export type FokusEvent =
	| { type: 'access-changed'; userIds: string[]; municipalityId: string }
	| { type: 'goal-changed'; municipalityId: string; goalId: string }
	/** An assessment or agreement changed: the municipality view may show something new. */
	| { type: 'monitoring-changed'; municipalityId: string }
	/** A comment was written on a goal, or a thread on it resolved or reopened. */
	| { type: 'comments-changed'; municipalityId: string; goalId: string }
	/** Rows were written to these documents' logs, up to these positions, outside their open room here (a restore, another process). */
	| { type: 'doc-appended'; docs: { name: string; seq: number }[] }
	/** Presence sockets on one process changed, for the sockets of that document on the others (owners named). */
	| { type: 'presence'; docName: string; entries: { clientId: number; clock: number; json: string; userId: string }[] }
	/**
	 * Events from other processes may have been missed: catch up from the database. After the
	 * relay reconnected also check access again (`access`); its periodic nudge only pulls documents.
	 */
	| { type: 'catch-up'; access: boolean };

/** Carries events to the other processes (server/relay.ts). */
export interface EventRelay {
	/** Hands an event, with its number, to the other processes. */
	send(event: FokusEvent, sequence: number): void;
	/** Whether events from the others arrive (its LISTEN connection is up). */
	listening(): boolean;
	/** How a `doc-appended` event is sent by the statement that appended the rows (see `appendMany`). */
	appendedNotice(sequence: number): AppendedNotice;
}

/**
 * A `doc-appended` notification the appending statement sends itself, so it is delivered when
 * the rows commit and costs no statement of its own: the channel, and the text before and after
 * the list of documents and positions (JSON) the statement fills in.
 */
export interface AppendedNotice {
	channel: string;
	before: string;
	after: string;
}

const BUS = Symbol.for('fokus.events');
const SEQUENCE = Symbol.for('fokus.events.sequence');
const RELAY = Symbol.for('fokus.events.relay');
type Holder = { [BUS]?: EventEmitter; [SEQUENCE]?: number; [RELAY]?: EventRelay };
const holder = globalThis as Holder;

function bus(): EventEmitter {
	if (!holder[BUS]) {
		holder[BUS] = new EventEmitter();
		// Every open page and socket listens; the default limit of 10 is for leak detection.
		holder[BUS].setMaxListeners(0);
	}
	return holder[BUS];
}

/**
 * Events are numbered by the time they are published, in microseconds, so numbers from several
 * processes compare (their clocks agree closely; being off only costs a page one reload or
 * none). A page's data carries the number current when its request began (`liveSequence`), so
 * the page can tell an event its data already holds (its own form's change, published before the
 * response) from one it has not seen. Every number handed out is larger than the one before.
 */
function nextNumber(minimum: number): number {
	const number = Math.max(minimum, Date.now() * 1000);
	holder[SEQUENCE] = number;
	return number;
}

/** Tells this process's listeners and, through the relay, every other process. */
export function publish(event: FokusEvent): void {
	const sequence = nextNumber((holder[SEQUENCE] ?? 0) + 1);
	bus().emit('event', event, sequence);
	holder[RELAY]?.send(event, sequence);
}

/** Tells only the other processes (what this one knows already, e.g. its own writes). */
export function publishElsewhere(event: FokusEvent): void {
	holder[RELAY]?.send(event, nextNumber((holder[SEQUENCE] ?? 0) + 1));
}

/** An event from another process (or the relay itself), told to this process's listeners only. */
export function deliver(event: FokusEvent, sequence: number): void {
	bus().emit('event', event, sequence);
}

/** The notice for rows this process appends, when other processes listen (a relay runs). */
export function appendedNotice(): AppendedNotice | undefined {
	return holder[RELAY]?.appendedNotice(nextNumber((holder[SEQUENCE] ?? 0) + 1));
}

export function setEventRelay(relay: EventRelay | undefined): void {
	holder[RELAY] = relay;
}

/** The relay, when this process shares its database with others (for /healthz). */
export function eventRelay(): EventRelay | undefined {
	return holder[RELAY];
}

export function liveSequence(): number {
	return nextNumber(holder[SEQUENCE] ?? 0);
}

export function subscribe(listener: (event: FokusEvent, sequence: number) => void): () => void {
	bus().on('event', listener);
	return () => bus().off('event', listener);
}

/** What the sync server reports about itself (for /healthz and tests). */
export interface SyncStats {
	documents: number;
	connections: number;
	/** Time from an update's arrival to its durable commit, over recent updates (ms). */
	commitLagP50: number | null;
	commitLagP99: number | null;
	/** Documents loaded from the store since start (one load per document however many sockets wait). */
	loads: number;
	/** The most handshakes checked at once since start. */
	handshakesPeak: number;
	/** Rows of the log fetched for open documents since start: what other processes wrote. */
	pulled: number;
}

const STATS = Symbol.for('fokus.sync.stats');
type StatsHolder = { [STATS]?: () => SyncStats };

export function registerSyncStats(read: (() => SyncStats) | undefined): void {
	(globalThis as StatsHolder)[STATS] = read;
}

export function syncStats(): SyncStats | undefined {
	return (globalThis as StatsHolder)[STATS]?.();
}
