import { getDb } from '$lib/server/db';
import { requireActor } from '$lib/server/access/rules';
import { snapshotPdf } from '$lib/server/snapshots/snapshots';
import { pdfResponse } from '$lib/server/http/downloads';

// The PDF made with the snapshot, unchanged.
export async function GET({ locals, params }) {
	return pdfResponse(await snapshotPdf(getDb(), requireActor(locals.actor), params.id));
}
