import { getDb } from '$lib/server/db';
import { requireActor } from '$lib/server/access/rules';
import { csvDownload } from '$lib/server/measurements/export';

// All measurements of a goal, for a spreadsheet.
export async function GET({ locals, params }) {
	return csvDownload(getDb(), requireActor(locals.actor), params.id);
}
