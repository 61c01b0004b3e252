import { getDb } from '$lib/server/db';
import { requireActor } from '$lib/server/http/guards';
import { startPage } from '$lib/server/start/start';
import { berlinToday } from '$lib/shared/smart';
import type { PageServerLoad } from './$types';
import { guarded } from '$lib/server/http/respond';

export const load = guarded(async ({ locals, depends }) => {
	depends('app:goals');
	const actor = requireActor(locals.actor);
	const today = berlinToday();
	return { ...(await startPage(getDb(), actor, today)), today };
}) satisfies PageServerLoad;
