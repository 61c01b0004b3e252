import { redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { requireActor } from '$lib/server/http/guards';
import { deleteAssessment, getAssessment, startGoalForCriterion } from '$lib/server/assessments/assessments';
import { tandemsForNewGoal } from '$lib/server/goals/goals';
import { formAction, readForm } from '$lib/server/http/forms';
import { localizeHref } from '$lib/paraglide/runtime';
import type { Actions, PageServerLoad } from './$types';
import { guarded, guardedActions } from '$lib/server/http/respond';

export const load = guarded(async ({ locals, params }) => {
	const actor = requireActor(locals.actor);
	const db = getDb();
	const { assessment, canEdit } = await getAssessment(db, actor, params.id);
	return { assessment, canEdit, tandems: await tandemsForNewGoal(db, actor), me: { id: actor.userId, name: actor.name } };
}) satisfies PageServerLoad;

export const actions = guardedActions({
	startGoal: async ({ locals, params, request }) => {
		const actor = requireActor(locals.actor);
		const values = readForm(await request.formData(), ['criterion', 'tandemId']);
		const result = await formAction(values, () => startGoalForCriterion(getDb(), actor, { assessmentId: params.id, ...values }), `startGoal-${values.criterion}`);
		if (typeof result === 'string') redirect(303, localizeHref(`/goals/${result}`));
		return result;
	},
	delete: async ({ locals, params }) => {
		await deleteAssessment(getDb(), requireActor(locals.actor), params.id);
		redirect(303, localizeHref('/assessments'));
	}
}) satisfies Actions;
