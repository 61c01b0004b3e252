import { getDb } from '$lib/server/db';
import { requireActor } from '$lib/server/access';
import { getSnapshot } from '$lib/server/snapshots';
import { jsonResponse } from '$lib/server/snapshot-downloads';

export async function GET({ locals, params }) {
	const snapshot = await getSnapshot(getDb(), requireActor(locals.actor), params.id);
	return jsonResponse(snapshot.json, snapshot.content);
}
