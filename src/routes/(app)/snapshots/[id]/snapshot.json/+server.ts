import { getDb } from '$lib/server/db';
import { requireActor } from '$lib/server/http/guards';
import { getSnapshot } from '$lib/server/snapshots/snapshots';
import { jsonResponse } from '$lib/server/http/downloads';
import { guarded } from '$lib/server/http/respond';
import type { RequestHandler } from './$types';

export const GET = guarded(async ({ locals, params }) => {
	const snapshot = await getSnapshot(getDb(), requireActor(locals.actor), params.id);
	return jsonResponse(snapshot.json, snapshot.content);
}) satisfies RequestHandler;
