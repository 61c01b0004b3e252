import { getDb } from '$lib/server/db';
import { requireActor } from '$lib/server/access/rules';
import { getSnapshot } from '$lib/server/snapshots/snapshots';
import { jsonResponse } from '$lib/server/http/downloads';

export async function GET({ locals, params }) {
	const snapshot = await getSnapshot(getDb(), requireActor(locals.actor), params.id);
	return jsonResponse(snapshot.json, snapshot.content);
}
