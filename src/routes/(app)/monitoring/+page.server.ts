import { getDb } from '$lib/server/db';
import { requireActor } from '$lib/server/http/guards';
import { municipalityView } from '$lib/server/monitoring/monitoring';
import { statusHistory } from '$lib/server/monitoring/status-history';
import { tandemsForNewGoal } from '$lib/server/goals/goals';
import { berlinToday } from '$lib/shared/smart';
import type { PageServerLoad } from './$types';
import { guarded } from '$lib/server/http/respond';

export const load = guarded(async ({ locals, depends }) => {
	depends('app:goals');
	const actor = requireActor(locals.actor);
	const db = getDb();
	const now = new Date();
	const [view, history, tandems] = await Promise.all([municipalityView(db, actor, berlinToday(now)), statusHistory(db, actor, now), tandemsForNewGoal(db, actor)]);
	// An uncovered criterion links to a new goal for it, for those who may start one.
	return { ...view, history, canStartGoal: tandems.length > 0 };
}) satisfies PageServerLoad;
