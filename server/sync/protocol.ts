import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import type * as Y from 'yjs';

/** y-websocket's message types (the stock WebsocketProvider speaks these). */
export const MESSAGE_SYNC = 0;
export const MESSAGE_AWARENESS = 1;
export const MESSAGE_QUERY_AWARENESS = 3;

export function syncStep1(doc: Y.Doc): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, MESSAGE_SYNC);
	syncProtocol.writeSyncStep1(encoder, doc);
	return encoding.toUint8Array(encoder);
}

export function updateMessage(update: Uint8Array): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, MESSAGE_SYNC);
	syncProtocol.writeUpdate(encoder, update);
	return encoding.toUint8Array(encoder);
}

export function awarenessMessage(awareness: awarenessProtocol.Awareness, clients: number[]): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
	encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(awareness, clients));
	return encoding.toUint8Array(encoder);
}

/** What a client's message asks of the room; anything unreadable throws. */
export type Incoming =
	| { kind: 'syncStep1'; reply: Uint8Array }
	| { kind: 'update'; update: Uint8Array }
	| { kind: 'awareness'; update: Uint8Array }
	| { kind: 'queryAwareness' };

export function readMessage(data: Uint8Array, doc: Y.Doc): Incoming {
	const decoder = decoding.createDecoder(data);
	const type = decoding.readVarUint(decoder);
	let result: Incoming;
	switch (type) {
		case MESSAGE_SYNC: {
			const syncType = decoding.readVarUint(decoder);
			if (syncType === syncProtocol.messageYjsSyncStep1) {
				const encoder = encoding.createEncoder();
				encoding.writeVarUint(encoder, MESSAGE_SYNC);
				syncProtocol.readSyncStep1(decoder, encoder, doc);
				result = { kind: 'syncStep1', reply: encoding.toUint8Array(encoder) };
			} else if (syncType === syncProtocol.messageYjsSyncStep2 || syncType === syncProtocol.messageYjsUpdate) {
				result = { kind: 'update', update: decoding.readVarUint8Array(decoder) };
			} else {
				throw new Error(`unknown sync message type ${syncType}`);
			}
			break;
		}
		case MESSAGE_AWARENESS:
			result = { kind: 'awareness', update: decoding.readVarUint8Array(decoder) };
			break;
		case MESSAGE_QUERY_AWARENESS:
			result = { kind: 'queryAwareness' };
			break;
		default:
			throw new Error(`unknown message type ${type}`);
	}
	if (decoding.hasContent(decoder)) throw new Error('trailing bytes in message');
	return result;
}
