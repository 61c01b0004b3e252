import { getDb } from '$lib/server/db';
import { requireActor } from '$lib/server/http/guards';
import { firstSteps } from '$lib/server/start/first-steps';
import type { PageServerLoad } from './$types';
import { guarded } from '$lib/server/http/respond';

export const load = guarded(async ({ locals, depends }) => {
	depends('app:goals');
	const actor = requireActor(locals.actor);
	return { steps: await firstSteps(getDb(), actor) };
}) satisfies PageServerLoad;
