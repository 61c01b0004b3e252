import { randomUUID } from 'node:crypto';
import postgres from 'postgres';
import { reconnectDelaySeconds } from '../src/lib/server/db/open';
import type { Logger } from 'pino';
import { deliver, setEventRelay, type EventRelay, type FokusEvent } from '../src/lib/server/events';

export const EVENT_CHANNEL = 'fokus_events';
/** NOTIFY takes at most 8000 bytes; an event with a longer list is sent in parts. */
const MAX_PAYLOAD_BYTES = 7_500;
const RETRY_MIN_MS = 250;
const RETRY_MAX_MS = 5_000;
const EVENT_TYPES = new Set<FokusEvent['type']>(['access-changed', 'goal-changed', 'monitoring-changed', 'comments-changed', 'doc-appended', 'presence']);

export interface Relay extends EventRelay {
	close(): Promise<void>;
}

export interface RelayOptions {
	/** How often documents are pulled anyway, in case a notification was lost. */
	catchUpMs?: number;
}

/** What goes over the channel: the sending process, the event's number, the event. */
interface Message {
	o: string;
	s: number;
	e: FokusEvent;
}

/**
 * Carries this process's events to the others on the same PostgreSQL (LISTEN/NOTIFY) and theirs
 * to this one. Notifications hold only small events (never document content: a room pulls the
 * rows from the log). LISTEN needs a session of its own, so it has a direct connection (not
 * through a transaction pooler such as PgBouncer, which would lose it); when that connection
 * drops (PostgreSQL restarted) it listens again with backoff and then catches up from the
 * database, since notifications sent meanwhile are gone.
 */
export async function startRelay(url: string, log: Logger, options: RelayOptions = {}): Promise<Relay> {
	const origin = randomUUID();
	let listening = false;
	let everListened = false;
	let closed = false;
	let attempts = 0;
	let retry: NodeJS.Timeout | undefined;
	// One connection sends, so this process's notifications arrive in the order it sent them.
	const sender = postgres(url, { max: 1, onnotice: () => {}, backoff: reconnectDelaySeconds });
	const listener = postgres(url, {
		max: 1,
		backoff: reconnectDelaySeconds,
		idle_timeout: 0,
		max_lifetime: null,
		onnotice: () => {},
		onclose: () => {
			if (closed) return;
			if (listening) log.warn('event listener lost its connection; listening again');
			listening = false;
			scheduleListen();
		},
		// Not in postgres.js's types, but its documented way to receive on a connection of one's own.
		onnotify: received
	} as postgres.Options<Record<string, never>>);

	function received(_channel: string, payload: string): void {
		let message: Partial<Message>;
		try {
			message = JSON.parse(payload) as Partial<Message>;
		} catch {
			log.warn({ payload: payload.slice(0, 200) }, 'unreadable event notification');
			return;
		}
		if (message.o === origin) return;
		if (!message.e || !EVENT_TYPES.has(message.e.type) || typeof message.s !== 'number') {
			log.warn({ payload: payload.slice(0, 200) }, 'unknown event notification');
			return;
		}
		deliver(message.e, message.s);
	}

	async function listen(): Promise<void> {
		retry = undefined;
		if (closed) return;
		try {
			await listener.unsafe(`listen ${EVENT_CHANNEL}`);
		} catch (error) {
			log.warn({ err: error, attempts }, 'listening for events failed; trying again');
			scheduleListen();
			return;
		}
		listening = true;
		attempts = 0;
		if (everListened) {
			log.info('event listener back');
			deliver({ type: 'catch-up', access: true }, Date.now() * 1000);
		}
		everListened = true;
	}

	function scheduleListen(): void {
		if (closed || retry) return;
		// Jittered, so processes that lost PostgreSQL together do not all come back at once.
		const ms = Math.min(RETRY_MAX_MS, RETRY_MIN_MS * 2 ** attempts++) * (0.5 + Math.random() / 2);
		retry = setTimeout(() => void listen(), ms);
	}

	let sending: Promise<unknown> = Promise.resolve();
	function send(event: FokusEvent, sequence: number): void {
		for (const payload of payloadsOf(event, sequence)) {
			sending = sending.then(() =>
				sender`select pg_notify(${EVENT_CHANNEL}, ${payload})`.catch((error: unknown) =>
					log.warn({ err: error, type: event.type }, 'sending an event to the other processes failed')
				)
			);
		}
	}

	function payloadsOf(event: FokusEvent, sequence: number): string[] {
		const payload = JSON.stringify({ o: origin, s: sequence, e: event } satisfies Message);
		if (Buffer.byteLength(payload) <= MAX_PAYLOAD_BYTES) return [payload];
		const halves = splitEvent(event);
		if (!halves) {
			log.error({ type: event.type, bytes: Buffer.byteLength(payload) }, 'event too large for a notification; dropped');
			return [];
		}
		return halves.flatMap((half) => payloadsOf(half, sequence));
	}

	await listen();
	const catchUp = setInterval(() => deliver({ type: 'catch-up', access: false }, Date.now() * 1000), options.catchUpMs ?? 15_000);
	catchUp.unref();

	const relay: Relay = {
		send,
		listening: () => listening,
		appendedNotice(sequence) {
			// The message as `payloadsOf` writes it, with the list of documents left for the statement to fill in.
			const [before, after] = JSON.stringify({ o: origin, s: sequence, e: { type: 'doc-appended', docs: [] } } satisfies Message).split('[]');
			return { channel: EVENT_CHANNEL, before: before!, after: after! };
		},
		async close() {
			closed = true;
			clearInterval(catchUp);
			clearTimeout(retry);
			setEventRelay(undefined);
			await sending;
			await Promise.all([sender.end({ timeout: 5 }), listener.end({ timeout: 5 })]);
		}
	};
	setEventRelay(relay);
	return relay;
}

/** An event with a list in two halves (for notifications that would be too long), or null. */
function splitEvent(event: FokusEvent): FokusEvent[] | null {
	if (event.type === 'access-changed' && event.userIds.length > 1) {
		const middle = Math.ceil(event.userIds.length / 2);
		return [
			{ ...event, userIds: event.userIds.slice(0, middle) },
			{ ...event, userIds: event.userIds.slice(middle) }
		];
	}
	if (event.type === 'doc-appended' && event.docs.length > 1) {
		const middle = Math.ceil(event.docs.length / 2);
		return [
			{ ...event, docs: event.docs.slice(0, middle) },
			{ ...event, docs: event.docs.slice(middle) }
		];
	}
	if (event.type === 'presence' && event.entries.length > 1) {
		const middle = Math.ceil(event.entries.length / 2);
		return [
			{ ...event, entries: event.entries.slice(0, middle) },
			{ ...event, entries: event.entries.slice(middle) }
		];
	}
	return null;
}
