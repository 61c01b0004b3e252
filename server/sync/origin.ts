import type { IncomingMessage } from 'node:http';

/**
 * Browsers send the page's origin with every WebSocket handshake; only the app's own is let in
 * (another site could otherwise open a socket with the user's cookie). With ORIGIN set, it
 * must match exactly; without, the Origin's host must be the host the request was sent to.
 */
export function originAllowed(request: IncomingMessage, env: NodeJS.ProcessEnv = process.env): boolean {
	const origin = request.headers.origin;
	if (!origin) return false;
	let parsed: URL;
	try {
		parsed = new URL(origin);
	} catch {
		return false;
	}
	if (env.ORIGIN) return parsed.origin === new URL(env.ORIGIN).origin;
	return parsed.host === request.headers.host && (parsed.protocol === 'http:' || parsed.protocol === 'https:');
}
