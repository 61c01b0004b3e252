import { error } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { sharedPdf } from '$lib/server/snapshots/links';
import { pdfResponse } from '$lib/server/http/downloads';
import { guarded } from '$lib/server/http/respond';
import type { RequestHandler } from './$types';

export const GET = guarded(async ({ params }) => {
	const file = await sharedPdf(getDb(), params.token);
	if (!file) error(404, 'Not found');
	return pdfResponse(file);
}) satisfies RequestHandler;
