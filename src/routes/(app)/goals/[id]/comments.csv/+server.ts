import { getDb } from '$lib/server/db';
import { requireActor } from '$lib/server/http/guards';
import { guarded } from '$lib/server/http/respond';
import { commentsCsv } from '$lib/server/comments/export';
import { downloadName } from '$lib/server/measurements/export';
import { berlinToday } from '$lib/shared/smart';
import type { RequestHandler } from './$types';

// A goal's conversation for a spreadsheet, next to its measurements' CSV.
export const GET = guarded(async ({ locals, params }) => {
	const { title, csv } = await commentsCsv(getDb(), requireActor(locals.actor), params.id);
	return new Response(csv, {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="${downloadName(title, berlinToday(), 'csv', 'kommentare')}"`,
			'cache-control': 'no-store'
		}
	});
}) satisfies RequestHandler;
