import { error } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { openSharedSnapshot } from '$lib/server/snapshots/links';
import { csvResponse } from '$lib/server/http/downloads';
import { guarded } from '$lib/server/http/respond';
import type { RequestHandler } from './$types';

export const GET = guarded(async ({ params }) => {
	const shared = await openSharedSnapshot(getDb(), params.token);
	if (!shared) error(404, 'Not found');
	return csvResponse(shared.content);
}) satisfies RequestHandler;
