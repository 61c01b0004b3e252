import { getDb } from '$lib/server/db';
import { requireActor } from '$lib/server/http/guards';
import { requireTarget } from '$lib/server/access/targets';
import { getGoal } from '$lib/server/goals/goals';
import { projectedIndicators } from '$lib/server/goals/indicators';
import { nextDueOfGoal } from '$lib/server/loop/next-due';
import { guarded } from '$lib/server/http/respond';
import type { LayoutServerLoad } from './$types';

// What every sub-page of a goal needs: the header, the live document's basis (projected content,
// signatures), the rights. Each sub-page loads its own part beside it.
export const load = guarded(async ({ locals, params, depends }) => {
	depends('app:goals');
	const actor = requireActor(locals.actor);
	const db = getDb();
	const target = await requireTarget(db, actor, 'goal', params.id, 'read');
	const [goal, indicators] = await Promise.all([getGoal(db, actor, target), projectedIndicators(db, target.id)]);
	const nextDue = await nextDueOfGoal(db, actor, target, goal);
	return { ...goal!, indicators, nextDue, me: { id: actor.userId, name: actor.name } };
}) satisfies LayoutServerLoad;
