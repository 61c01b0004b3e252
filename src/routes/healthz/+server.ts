import { json } from '@sveltejs/kit';
import { getDbHandle } from '$lib/server/db';
import { syncStats } from '$lib/server/events';

// For load balancers and the start check: 200 while the database answers, 503 when not. It
// refuses nobody and calls no domain code, so it is the one handler without `guarded`.
export async function GET() {
	const handle = getDbHandle();
	const database = await handle.ping();
	return json(
		{ status: database ? 'ok' : 'unavailable', database: { kind: handle.kind, ok: database }, sync: syncStats() ?? null },
		{ status: database ? 200 : 503, headers: { 'cache-control': 'no-store' } }
	);
}
