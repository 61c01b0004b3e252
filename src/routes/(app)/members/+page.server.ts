import { getDb } from '$lib/server/db';
import { can, home } from '$lib/server/access/rules';
import { requireActor } from '$lib/server/http/guards';
import { listMembers } from '$lib/server/members/members';
import type { PageServerLoad } from './$types';
import { guarded } from '$lib/server/http/respond';

export const load = guarded(async ({ locals }) => {
	const actor = requireActor(locals.actor);
	return { members: await listMembers(getDb(), actor), canManage: can(actor, 'manageMembers', home(actor)) };
}) satisfies PageServerLoad;
