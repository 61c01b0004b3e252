import { getDb } from '$lib/server/db';
import { requireActor } from '$lib/server/http/guards';
import { evaluationCsv } from '$lib/server/monitoring/evaluation-csv';
import { guarded } from '$lib/server/http/respond';
import type { RequestHandler } from './$types';

// The period evaluation for a spreadsheet; the same URL parameters as the page.
export const GET = guarded(async ({ locals, url }) => {
	const p = url.searchParams;
	const { body, fileName } = await evaluationCsv(getDb(), requireActor(locals.actor), { year: p.get('year'), quarter: p.get('quarter'), department: p.get('department') });
	return new Response(body, {
		headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${fileName}"`, 'cache-control': 'private, no-store' }
	});
}) satisfies RequestHandler;
