import { redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { requireActor } from '$lib/server/http/guards';
import { createGoal, tandemsForNewGoal } from '$lib/server/goals/goals';
import { formAction, readForm } from '$lib/server/http/forms';
import { localizeHref } from '$lib/paraglide/runtime';
import { isCriterion } from '$lib/shared/criteria';
import type { Actions, PageServerLoad } from './$types';
import { guarded, guardedActions } from '$lib/server/http/respond';

// A goal is created once it has a title; `?criterion=` preselects the Table 1 criterion it serves.
export const load = guarded(async ({ locals, url }) => {
	const actor = requireActor(locals.actor);
	const criterion = url.searchParams.get('criterion');
	return { creatable: await tandemsForNewGoal(getDb(), actor), criterion: isCriterion(criterion) ? criterion : null };
}) satisfies PageServerLoad;

export const actions = guardedActions({
	default: async ({ locals, request }) => {
		const actor = requireActor(locals.actor);
		const values = readForm(await request.formData(), ['tandemId', 'title', 'criterion']);
		const result = await formAction(values, () => createGoal(getDb(), actor, values));
		if (typeof result === 'string') redirect(303, localizeHref(`/goals/${result}`));
		return result;
	}
}) satisfies Actions;
