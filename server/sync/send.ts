import type { WebSocket } from 'ws';
import type { Logger } from 'pino';

/**
 * What may wait unsent for one socket before it is dropped. A client that stops reading (a
 * frozen tab, a stalled network) would otherwise make the server keep every update for it.
 */
export const MAX_BUFFERED_BYTES = 4 * 1024 * 1024;

/**
 * The largest message each socket was sent (a document's whole state, when it joined): a slow
 * link may still be taking it in, so that much more may wait without dropping the socket.
 */
const largest = new WeakMap<WebSocket, number>();

/** Sends `message` unless the socket is not open; drops the socket whose unread backlog passed the bound. */
export function send(ws: WebSocket, message: Uint8Array, log: Logger): void {
	if (ws.readyState !== ws.OPEN) return;
	if (ws.bufferedAmount > MAX_BUFFERED_BYTES + (largest.get(ws) ?? 0)) {
		log.warn({ buffered: ws.bufferedAmount }, 'socket stopped reading; dropping it');
		// A close frame would queue behind the backlog: the connection goes at once.
		ws.terminate();
		return;
	}
	if (message.byteLength > (largest.get(ws) ?? 0)) largest.set(ws, message.byteLength);
	ws.send(message);
}
