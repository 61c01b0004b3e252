import { getDb } from '$lib/server/db';
import { can, home } from '$lib/server/access/rules';
import { requireActor } from '$lib/server/http/guards';
import { listTandems } from '$lib/server/tandems/tandems';
import type { PageServerLoad } from './$types';
import { guarded } from '$lib/server/http/respond';

export const load = guarded(async ({ locals }) => {
	const actor = requireActor(locals.actor);
	return { tandems: await listTandems(getDb(), actor), canManage: can(actor, 'formTandem', home(actor)) };
}) satisfies PageServerLoad;
