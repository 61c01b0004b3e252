import { getDb } from '$lib/server/db';
import { requireActor } from '$lib/server/http/guards';
import { csvDownload } from '$lib/server/measurements/export';
import { guarded } from '$lib/server/http/respond';
import type { RequestHandler } from './$types';

// One indicator's measurements, for a spreadsheet.
export const GET = guarded(async ({ locals, params }) => {
	return csvDownload(getDb(), requireActor(locals.actor), params.id, params.iid);
}) satisfies RequestHandler;
