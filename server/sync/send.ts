import type { WebSocket } from 'ws';
import type { Logger } from 'pino';

/**
 * What may wait unsent for one socket before it is dropped. A client that stops reading (a
 * frozen tab, a stalled network) would otherwise make the server keep every update for it.
 * A document's whole state is one message of at most a few MB, so the check comes before a send.
 */
export const MAX_BUFFERED_BYTES = 4 * 1024 * 1024;

/** Sends `message` unless the socket is not open; drops the socket whose unread backlog passed the bound. */
export function send(ws: WebSocket, message: Uint8Array, log: Logger): void {
	if (ws.readyState !== ws.OPEN) return;
	if (ws.bufferedAmount > MAX_BUFFERED_BYTES) {
		log.warn({ buffered: ws.bufferedAmount }, 'socket stopped reading; dropping it');
		// A close frame would queue behind the backlog: the connection goes at once.
		ws.terminate();
		return;
	}
	ws.send(message);
}
