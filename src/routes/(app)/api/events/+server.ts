import { requireActor } from '$lib/server/access/rules';
import { liveEvents } from '$lib/server/http/live-events';

// Server-sent events for the signed-in municipality: open pages learn that something changed.
export function GET({ locals, request }) {
	const actor = requireActor(locals.actor);
	return liveEvents(actor, request.signal);
}
