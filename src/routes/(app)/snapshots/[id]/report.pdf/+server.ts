import { getDb } from '$lib/server/db';
import { requireActor } from '$lib/server/http/guards';
import { snapshotPdf } from '$lib/server/snapshots/snapshots';
import { pdfResponse } from '$lib/server/http/downloads';
import { guarded } from '$lib/server/http/respond';
import type { RequestHandler } from './$types';

// The PDF made with the snapshot, unchanged.
export const GET = guarded(async ({ locals, params }) => {
	return pdfResponse(await snapshotPdf(getDb(), requireActor(locals.actor), params.id));
}) satisfies RequestHandler;
