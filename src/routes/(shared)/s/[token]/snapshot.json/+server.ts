import { error } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { openSharedSnapshot } from '$lib/server/snapshots/links';
import { jsonResponse } from '$lib/server/http/downloads';
import { guarded } from '$lib/server/http/respond';
import type { RequestHandler } from './$types';

export const GET = guarded(async ({ params }) => {
	const shared = await openSharedSnapshot(getDb(), params.token);
	if (!shared) error(404, 'Not found');
	return jsonResponse(shared.json, shared.content);
}) satisfies RequestHandler;
