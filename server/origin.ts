import type { IncomingMessage } from 'node:http';

/** A header only this server sets; adapter-node reads the protocol from it (PROTOCOL_HEADER). */
const PROTOCOL_HEADER = 'x-fokus-protocol';

/**
 * adapter-node assumes https unless ORIGIN or PROTOCOL_HEADER says otherwise, so a form posted
 * over plain http from the app's own host would fail SvelteKit's origin check. Without either
 * setting, the server states the real protocol of each socket in a header it always
 * overwrites, and the host comes from the request: the app works on localhost and on any port.
 * Must run before the SvelteKit handler is imported (adapter-node reads its settings then).
 */
export function trustPlainHttp(env: NodeJS.ProcessEnv): void {
	if (!env.ORIGIN && !env.PROTOCOL_HEADER) env.PROTOCOL_HEADER = PROTOCOL_HEADER;
}

/** Overwrites whatever a client sent in our protocol header with the socket's truth. */
export function markProtocol(req: IncomingMessage): void {
	if (process.env.PROTOCOL_HEADER !== PROTOCOL_HEADER) return;
	req.headers[PROTOCOL_HEADER] = 'encrypted' in req.socket && req.socket.encrypted ? 'https' : 'http';
}
