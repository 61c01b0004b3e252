import { getDb } from '$lib/server/db';
import { requireActor } from '$lib/server/access';
import { snapshotPdf } from '$lib/server/snapshots';
import { pdfResponse } from '$lib/server/snapshot-downloads';

// The PDF made with the snapshot, unchanged.
export async function GET({ locals, params }) {
	return pdfResponse(await snapshotPdf(getDb(), requireActor(locals.actor), params.id));
}
