import { getDb } from '$lib/server/db';
import { requireActor } from '$lib/server/access';
import { getSnapshot } from '$lib/server/snapshots';
import { csvResponse } from '$lib/server/snapshot-downloads';

export async function GET({ locals, params }) {
	return csvResponse((await getSnapshot(getDb(), requireActor(locals.actor), params.id)).content);
}
