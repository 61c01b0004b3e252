import { getDb } from '$lib/server/db';
import { can, home, requireActor } from '$lib/server/access/rules';
import { listMembers } from '$lib/server/members/members';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	const actor = requireActor(locals.actor);
	return { members: await listMembers(getDb(), actor), canManage: can(actor, 'manageMembers', home(actor)) };
};
