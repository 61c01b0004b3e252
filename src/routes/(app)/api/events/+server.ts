import { requireActor } from '$lib/server/access';
import { liveEvents } from '$lib/server/live';

// Server-sent events for the signed-in municipality: open pages learn that something changed.
export function GET({ locals, request }) {
	const actor = requireActor(locals.actor);
	return liveEvents(actor, request.signal);
}
