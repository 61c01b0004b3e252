import { getDb } from '$lib/server/db';
import { can, home, requireActor } from '$lib/server/access/rules';
import { listSnapshots } from '$lib/server/snapshots/snapshots';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	const actor = requireActor(locals.actor);
	return { snapshots: await listSnapshots(getDb(), actor), canManage: can(actor, 'manageSnapshots', home(actor)) };
};
