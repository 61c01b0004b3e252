import { redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { requireActor } from '$lib/server/http/guards';
import { completeAssessment, deleteAssessment, getAssessment, startGoalForCriterion } from '$lib/server/assessments/assessments';
import { tandemsForNewGoal } from '$lib/server/goals/goals';
import { formAction, readForm } from '$lib/server/http/forms';
import { localizeHref } from '$lib/paraglide/runtime';
import type { Actions, PageServerLoad } from './$types';
import { guarded, guardedActions } from '$lib/server/http/respond';

export const load = guarded(async ({ locals, params, depends }) => {
	// Completed elsewhere: the page loads again and shows the record read-only.
	depends('app:goals');
	const actor = requireActor(locals.actor);
	const db = getDb();
	return { ...(await getAssessment(db, actor, params.id)), tandems: await tandemsForNewGoal(db, actor), me: { id: actor.userId, name: actor.name } };
}) satisfies PageServerLoad;

export const actions = guardedActions({
	startGoal: async ({ locals, params, request }) => {
		const actor = requireActor(locals.actor);
		const values = readForm(await request.formData(), ['criterion', 'tandemId']);
		const result = await formAction(values, () => startGoalForCriterion(getDb(), actor, { assessmentId: params.id, ...values }), `startGoal-${values.criterion}`);
		if (typeof result === 'string') redirect(303, localizeHref(`/goals/${result}`));
		return result;
	},
	complete: async ({ locals, params }) => {
		const actor = requireActor(locals.actor);
		return formAction({}, () => completeAssessment(getDb(), actor, params.id), 'complete');
	},
	delete: async ({ locals, params }) => {
		const actor = requireActor(locals.actor);
		const result = await formAction({}, () => deleteAssessment(getDb(), actor, params.id), 'delete');
		if (result === undefined) redirect(303, localizeHref('/assessments'));
		return result;
	}
}) satisfies Actions;
