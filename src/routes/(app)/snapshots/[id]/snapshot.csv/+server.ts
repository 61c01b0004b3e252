import { getDb } from '$lib/server/db';
import { requireActor } from '$lib/server/access/rules';
import { getSnapshot } from '$lib/server/snapshots/snapshots';
import { csvResponse } from '$lib/server/http/downloads';

export async function GET({ locals, params }) {
	return csvResponse((await getSnapshot(getDb(), requireActor(locals.actor), params.id)).content);
}
