import { getDb } from '$lib/server/db';
import { requireActor } from '$lib/server/http/guards';
import { requireTarget } from '$lib/server/access/targets';
import { goalHistory, restoreVersion } from '$lib/server/goals/history';
import { commentHistory } from '$lib/server/comments/comments';
import { formAction, readForm } from '$lib/server/http/forms';
import { withComments } from '$lib/shared/history';
import type { Actions, PageServerLoad } from './$types';
import { guarded, guardedActions } from '$lib/server/http/respond';

export const load = guarded(async ({ locals, params, depends }) => {
	depends('app:goals');
	const actor = requireActor(locals.actor);
	const db = getDb();
	const target = await requireTarget(db, actor, 'goal', params.id, 'read');
	const [history, comments] = await Promise.all([goalHistory(db, actor, target), commentHistory(db, actor, target)]);
	const { items, lastId } = history ?? { items: [], lastId: 0 };
	return { history: { items: withComments(items, comments ?? []), lastId } };
}) satisfies PageServerLoad;

export const actions = guardedActions({
	restore: async ({ locals, params, request }) => {
		const actor = requireActor(locals.actor);
		const values = readForm(await request.formData(), ['upToId']);
		return formAction(values, async () => {
			await restoreVersion(getDb(), actor, { goalId: params.id, upToId: Number(values.upToId) });
			return { form: 'restore', restored: true };
		}, 'restore');
	}
}) satisfies Actions;
