import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

/** Presence colours: KERN-like hues, dark enough for white text (contrast ≥ 4.5:1). */
const COLORS = ['#1b4f8a', '#8a1b4f', '#1b6e3c', '#7a4a00', '#5b2a86', '#8a2b1b', '#005f73', '#4a4a4a'];

/** A person's colour, the same in every browser and on the server (which sets it). */
export function colorFor(userId: string): string {
	let hash = 0;
	for (const char of userId) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
	return COLORS[hash % COLORS.length]!;
}

/** One client's presence as y-protocols' awareness encodes it: its state as JSON text ('null': gone). */
export interface PresenceEntry {
	clientId: number;
	clock: number;
	json: string;
}

/** Reads an awareness update (y-protocols' format); anything unreadable throws. */
export function decodePresence(update: Uint8Array): PresenceEntry[] {
	const decoder = decoding.createDecoder(update);
	const entries: PresenceEntry[] = [];
	const count = decoding.readVarUint(decoder);
	for (let i = 0; i < count; i++) {
		entries.push({ clientId: decoding.readVarUint(decoder), clock: decoding.readVarUint(decoder), json: decoding.readVarString(decoder) });
	}
	if (decoding.hasContent(decoder)) throw new Error('trailing bytes in a presence update');
	return entries;
}

export function encodePresence(entries: readonly PresenceEntry[]): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, entries.length);
	for (const entry of entries) {
		encoding.writeVarUint(encoder, entry.clientId);
		encoding.writeVarUint(encoder, entry.clock);
		encoding.writeVarString(encoder, entry.json);
	}
	return encoding.toUint8Array(encoder);
}
