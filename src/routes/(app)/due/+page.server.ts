import { getDb } from '$lib/server/db';
import { requireActor } from '$lib/server/http/guards';
import { dueList } from '$lib/server/measurements/due';
import { waitingForSignoff } from '$lib/server/goals/goals';
import { berlinToday } from '$lib/shared/smart';
import type { PageServerLoad } from './$types';
import { guarded } from '$lib/server/http/respond';

export const load = guarded(async ({ locals, depends }) => {
	depends('app:goals');
	const actor = requireActor(locals.actor);
	const db = getDb();
	const today = berlinToday();
	const [due, waiting] = await Promise.all([dueList(db, actor, today), waitingForSignoff(db, actor)]);
	return { ...due, waiting, today };
}) satisfies PageServerLoad;
