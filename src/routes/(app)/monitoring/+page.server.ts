import { getDb } from '$lib/server/db';
import { requireActor } from '$lib/server/http/guards';
import { municipalityView } from '$lib/server/monitoring/monitoring';
import { tandemsForNewGoal } from '$lib/server/goals/goals';
import { berlinToday } from '$lib/shared/smart';
import type { PageServerLoad } from './$types';
import { guarded } from '$lib/server/http/respond';

export const load = guarded(async ({ locals, depends }) => {
	depends('app:goals');
	const actor = requireActor(locals.actor);
	const db = getDb();
	const [view, tandems] = await Promise.all([municipalityView(db, actor, berlinToday()), tandemsForNewGoal(db, actor)]);
	// An uncovered criterion links to a new goal for it, for those who may start one.
	return { ...view, canStartGoal: tandems.length > 0 };
}) satisfies PageServerLoad;
