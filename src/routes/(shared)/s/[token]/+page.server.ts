import { error } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { openSharedSnapshot } from '$lib/server/snapshots/links';
import { changesAsMade } from '$lib/server/snapshots/snapshots';
import type { PageServerLoad } from './$types';
import { guarded } from '$lib/server/http/respond';

// A council member's view through a link: the snapshot only, no account, nothing else of the app.
export const load = guarded(async ({ params }) => {
	const shared = await openSharedSnapshot(getDb(), params.token);
	if (!shared) error(404, 'Not found');
	return { content: shared.content, contentHash: shared.contentHash, pdfHash: shared.pdfHash, changes: await changesAsMade(getDb(), shared.content), token: params.token };
}) satisfies PageServerLoad;
