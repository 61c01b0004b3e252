import { colorFor, decodePresence, encodePresence, type PresenceEntry } from '../../src/lib/shared/presence';

/** One client's presence, as JSON, at most this long: small enough to cross processes in a NOTIFY. */
export const MAX_PRESENCE_BYTES = 2048;
/** Presence client ids one socket may speak for: a browser tab has one; a reader only its own. */
const IDS_PER_WRITER = 2;
const IDS_PER_READER = 1;
/** Client ids one person may own in a document (each tab and reconnect of theirs may bring one). */
const IDS_PER_USER = 16;

/** Who is behind a socket, as far as presence goes. */
export interface PresenceSpeaker {
	userId: string;
	name: string;
	readOnly: boolean;
	/** The client ids this socket speaks for; their presence goes when it closes. */
	awarenessIds: Set<number>;
}

/** One client's presence as it crosses to other processes: with the person who owns it. */
export interface RemotePresence extends PresenceEntry {
	userId: string;
}

export interface Admitted {
	/** What may be applied, re-encoded (null: nothing). */
	update: Uint8Array | null;
	/** Entries refused: a change to someone else's id, too many ids, too large, not an object. */
	refused: number;
}

/**
 * Presence is owned by the socket that brings it. A client id belongs to the person whose socket
 * first introduced it in this document, so nobody can overwrite or remove another person's
 * presence, while the same person reclaims theirs after a reconnect or on another process. The
 * name and colour are the session's, whatever the client sent.
 */
export class PresenceGate {
	private readonly owners = new Map<number, string>();

	/**
	 * What of `speaker`'s awareness update counts. `held` are the ids each open socket of the
	 * document speaks for (an id reclaimed by a new socket is no longer the old one's to remove);
	 * `present` tells whether an id has a state now, `clockOf` its last clock. Unreadable updates
	 * throw.
	 */
	admit(
		speaker: PresenceSpeaker,
		update: Uint8Array,
		held: Iterable<Set<number>>,
		present: (clientId: number) => boolean,
		clockOf: (clientId: number) => number
	): Admitted {
		const admitted: PresenceEntry[] = [];
		let refused = 0;
		for (const entry of decodePresence(update)) {
			const owner = this.owners.get(entry.clientId);
			if (owner !== undefined && owner !== speaker.userId) {
				// The stock client sends back every presence it receives: an echo is not an attempt.
				if (entry.clock > clockOf(entry.clientId)) refused++;
				continue;
			}
			if (entry.json === 'null') {
				// Only what is one's own can be taken away; an id nobody owns has nothing to remove.
				if (owner !== undefined) admitted.push(entry);
				speaker.awarenessIds.delete(entry.clientId);
				continue;
			}
			const json = this.stateOf(speaker, entry.json);
			if (json === null || !this.claim(speaker, entry.clientId, held, present)) {
				refused++;
				continue;
			}
			admitted.push({ ...entry, json });
		}
		return { update: admitted.length > 0 ? encodePresence(admitted) : null, refused };
	}

	/** The person a client id belongs to in this document, if anyone. */
	ownerOf(clientId: number): string | undefined {
		return this.owners.get(clientId);
	}

	/**
	 * Presence from another process, where its gate admitted it: the owners it names become
	 * owners here too (so no socket here can take their ids), unless an id is someone else's
	 * here already. Returns what may be applied.
	 */
	adopt(entries: readonly RemotePresence[]): Uint8Array | null {
		const admitted = entries.filter((entry) => {
			const owner = this.owners.get(entry.clientId);
			if (owner !== undefined && owner !== entry.userId) return false;
			this.owners.set(entry.clientId, entry.userId);
			return true;
		});
		return admitted.length > 0 ? encodePresence(admitted) : null;
	}

	/** The state with the session's name and colour, or null when it is not an object or too large. */
	private stateOf(speaker: PresenceSpeaker, json: string): string | null {
		const state: unknown = JSON.parse(json);
		if (state === null || typeof state !== 'object' || Array.isArray(state)) return null;
		const own = JSON.stringify({ ...state, user: { id: speaker.userId, name: speaker.name, color: colorFor(speaker.userId) } });
		return Buffer.byteLength(own) <= MAX_PRESENCE_BYTES ? own : null;
	}

	/** Lets the socket speak for `clientId`: its own already, or new within the caps. */
	private claim(speaker: PresenceSpeaker, clientId: number, held: Iterable<Set<number>>, present: (clientId: number) => boolean): boolean {
		if (speaker.awarenessIds.has(clientId)) return true;
		if (speaker.awarenessIds.size >= (speaker.readOnly ? IDS_PER_READER : IDS_PER_WRITER)) return false;
		if (!this.owners.has(clientId)) {
			if (!this.makeRoomFor(speaker.userId, present)) return false;
			this.owners.set(clientId, speaker.userId);
		}
		for (const ids of held) ids.delete(clientId);
		speaker.awarenessIds.add(clientId);
		return true;
	}

	/** Keeps one person's ids bounded: ids of theirs without a state are forgotten first. */
	private makeRoomFor(userId: string, present: (clientId: number) => boolean): boolean {
		const owned = [...this.owners].filter(([, owner]) => owner === userId).map(([id]) => id);
		if (owned.length < IDS_PER_USER) return true;
		for (const id of owned) if (!present(id)) this.owners.delete(id);
		return owned.filter((id) => this.owners.has(id)).length < IDS_PER_USER;
	}
}
