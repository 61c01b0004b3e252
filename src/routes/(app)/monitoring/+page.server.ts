import { getDb } from '$lib/server/db';
import { requireActor } from '$lib/server/access/rules';
import { municipalityView } from '$lib/server/monitoring/monitoring';
import { berlinToday } from '$lib/shared/smart';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, depends }) => {
	depends('app:goals');
	const actor = requireActor(locals.actor);
	return municipalityView(getDb(), actor, berlinToday());
};
