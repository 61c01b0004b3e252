import { getDb } from '$lib/server/db';
import { can, home, requireActor } from '$lib/server/access/rules';
import { listTandems } from '$lib/server/tandems/tandems';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	const actor = requireActor(locals.actor);
	return { tandems: await listTandems(getDb(), actor), canManage: can(actor, 'formTandem', home(actor)) };
};
