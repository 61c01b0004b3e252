import { json } from '@sveltejs/kit';
import { getDbHandle } from '$lib/server/db';
import { eventRelay, syncStats } from '$lib/server/events';

// For load balancers and the start check: 200 while the database answers (and, with several
// processes, while this one hears the others' events), 503 when not. It refuses nobody and
// calls no domain code, so it is the one handler without `guarded`.
export async function GET() {
	const handle = getDbHandle();
	const database = await handle.ping();
	const relay = eventRelay();
	const listening = relay ? relay.listening() : null;
	const ok = database && listening !== false;
	return json(
		{ status: ok ? 'ok' : 'unavailable', database: { kind: handle.kind, ok: database }, events: relay ? { listening } : null, sync: syncStats() ?? null },
		{ status: ok ? 200 : 503, headers: { 'cache-control': 'no-store' } }
	);
}
