import { error } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { requireActor } from '$lib/server/http/guards';
import { getGoal } from '$lib/server/goals/goals';
import { goalHistory, goalVersion } from '$lib/server/goals/history';
import type { PageServerLoad } from './$types';
import { guarded } from '$lib/server/http/respond';

export const load = guarded(async ({ locals, params }) => {
	const actor = requireActor(locals.actor);
	const db = getDb();
	const goal = await getGoal(db, actor, params.id);
	const version = goal && (await goalVersion(db, actor, params.id, Number(params.upToId)));
	if (!goal || !version) error(404, 'Not found');
	const history = (await goalHistory(db, actor, params.id)) ?? [];
	return { goalId: params.id, version, entry: history.find((h) => h.upToId === Number(params.upToId)) ?? null, canEdit: goal.canEdit };
}) satisfies PageServerLoad;
