import { EventEmitter } from 'node:events';

/**
 * A bus inside one process between the SvelteKit side and the sync server (they hold separate
 * copies of this module in production, hence the globalThis symbol). Access changes close
 * sockets; goal changes reach open pages. Events do not yet cross processes: that is to be done
 * through PostgreSQL (LISTEN/NOTIFY), not by this module growing.
 */
export type FokusEvent =
	| { type: 'access-changed'; userIds: string[]; municipalityId: string }
	| { type: 'goal-changed'; municipalityId: string; goalId: string }
	/** An assessment or agreement changed: the municipality view may show something new. */
	| { type: 'monitoring-changed'; municipalityId: string }
	/** A comment was written on a goal, or a thread on it resolved or reopened. */
	| { type: 'comments-changed'; municipalityId: string; goalId: string }
	/** Updates were written to a document's log outside its open room (e.g. a restore). */
	| { type: 'doc-appended'; docName: string };

const BUS = Symbol.for('fokus.events');
const SEQUENCE = Symbol.for('fokus.events.sequence');
type Holder = { [BUS]?: EventEmitter; [SEQUENCE]?: number };

function bus(): EventEmitter {
	const holder = globalThis as Holder;
	if (!holder[BUS]) {
		holder[BUS] = new EventEmitter();
		// Every open page and socket listens; the default limit of 10 is for leak detection.
		holder[BUS].setMaxListeners(0);
	}
	return holder[BUS];
}

/**
 * Events are numbered in the order they are published. A page's data carries the number current
 * when its request began (`liveSequence`), so the page can tell an event its data already holds
 * (its own form's change, published before the response) from one it has not seen.
 */
export function publish(event: FokusEvent): void {
	const holder = globalThis as Holder;
	holder[SEQUENCE] = (holder[SEQUENCE] ?? 0) + 1;
	bus().emit('event', event, holder[SEQUENCE]);
}

export function liveSequence(): number {
	return (globalThis as Holder)[SEQUENCE] ?? 0;
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
}

const STATS = Symbol.for('fokus.sync.stats');
type StatsHolder = { [STATS]?: () => SyncStats };

export function registerSyncStats(read: (() => SyncStats) | undefined): void {
	(globalThis as StatsHolder)[STATS] = read;
}

export function syncStats(): SyncStats | undefined {
	return (globalThis as StatsHolder)[STATS]?.();
}
