import { getDb } from '$lib/server/db';
import { can, home } from '$lib/server/access/rules';
import { requireActor } from '$lib/server/http/guards';
import { listSnapshots } from '$lib/server/snapshots/snapshots';
import type { PageServerLoad } from './$types';
import { guarded } from '$lib/server/http/respond';

export const load = guarded(async ({ locals }) => {
	const actor = requireActor(locals.actor);
	return { snapshots: await listSnapshots(getDb(), actor), canManage: can(actor, 'manageSnapshots', home(actor)) };
}) satisfies PageServerLoad;
