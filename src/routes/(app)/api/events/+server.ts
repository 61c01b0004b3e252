import { requireActor } from '$lib/server/http/guards';
import { liveEvents } from '$lib/server/http/live-events';
import { guarded } from '$lib/server/http/respond';
import type { RequestHandler } from './$types';

// Server-sent events for the signed-in municipality: open pages learn that something changed.
export const GET = guarded(async ({ locals, request }) => {
	const actor = requireActor(locals.actor);
	return liveEvents(actor, request.signal);
}) satisfies RequestHandler;
