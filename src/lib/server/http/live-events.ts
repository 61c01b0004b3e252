import type { Actor } from '../auth/session';
import { can, home } from '../access/rules';
import { subscribe } from '../events';

/**
 * One server-sent-events stream per open page, carrying only its municipality's events (ids,
 * never content: the page reloads what it may read through its normal, checked load).
 */
export function liveEvents(actor: Actor, signal: AbortSignal): Response {
	if (!can(actor, 'read', home(actor))) return new Response('Forbidden', { status: 403 });
	const encoder = new TextEncoder();
	let cleanup = () => {};
	const stream = new ReadableStream<Uint8Array>({
		start(controller) {
			const send = (text: string) => {
				try {
					controller.enqueue(encoder.encode(text));
				} catch {
					cleanup();
				}
			};
			send('retry: 3000\n\n');
			const unsubscribe = subscribe((event, sequence) => {
				if (event.type === 'goal-changed' && event.municipalityId === actor.municipalityId) {
					send(`event: goal\ndata: ${JSON.stringify({ goalId: event.goalId, sequence })}\n\n`);
				} else if (event.type === 'comments-changed' && event.municipalityId === actor.municipalityId) {
					send(`event: comments\ndata: ${JSON.stringify({ goalId: event.goalId, sequence })}\n\n`);
				} else if (event.type === 'monitoring-changed' && event.municipalityId === actor.municipalityId) {
					send(`event: monitoring\ndata: ${JSON.stringify({ sequence })}\n\n`);
				} else if (event.type === 'access-changed' && event.userIds.includes(actor.userId)) {
					// The browser reconnects, and the session check decides whether it may.
					cleanup();
				}
			});
			// A comment every 25 s keeps proxies from closing an idle stream.
			const keepAlive = setInterval(() => send(': keep-alive\n\n'), 25_000);
			cleanup = () => {
				clearInterval(keepAlive);
				unsubscribe();
				try {
					controller.close();
				} catch {
					// already closed
				}
			};
			signal.addEventListener('abort', () => cleanup());
		},
		cancel() {
			cleanup();
		}
	});
	return new Response(stream, {
		headers: { 'content-type': 'text/event-stream', 'cache-control': 'no-store', 'x-accel-buffering': 'no' }
	});
}
