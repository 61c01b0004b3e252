import { getDb } from '$lib/server/db';
import { requireActor } from '$lib/server/http/guards';
import { municipalityView } from '$lib/server/monitoring/monitoring';
import { berlinToday } from '$lib/shared/smart';
import type { PageServerLoad } from './$types';
import { guarded } from '$lib/server/http/respond';

export const load = guarded(async ({ locals, depends }) => {
	depends('app:goals');
	const actor = requireActor(locals.actor);
	return municipalityView(getDb(), actor, berlinToday());
}) satisfies PageServerLoad;
