import { error } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { requireActor } from '$lib/server/http/guards';
import { requireTarget } from '$lib/server/access/targets';
import { getGoal } from '$lib/server/goals/goals';
import { goalVersion } from '$lib/server/goals/history';
import { history } from '$lib/server/documents/update-log';
import { goalDocName } from '$lib/server/goals/projection';
import type { PageServerLoad } from './$types';
import { guarded } from '$lib/server/http/respond';

export const load = guarded(async ({ locals, params }) => {
	const actor = requireActor(locals.actor);
	const db = getDb();
	const target = await requireTarget(db, actor, 'goal', params.id, 'read');
	const [goal, version, sessions] = await Promise.all([getGoal(db, actor, target), goalVersion(db, actor, target, Number(params.upToId)), history(db, goalDocName(target.id))]);
	if (!goal || !version) error(404, 'Not found');
	return { goalId: params.id, version, entry: sessions.find((h) => h.upToId === Number(params.upToId)) ?? null, canEdit: goal.canEdit };
}) satisfies PageServerLoad;
