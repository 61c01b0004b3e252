import { redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { requireActor } from '$lib/server/http/guards';
import { formAction } from '$lib/server/http/forms';
import { correctMeasurement, deleteMeasurement, measurementOf, readMeasurementForm } from '$lib/server/measurements/measurements';
import { goalThreads } from '$lib/server/comments/comments';
import { localizeHref } from '$lib/paraglide/runtime';
import type { Actions, PageServerLoad } from './$types';
import { guarded, guardedActions } from '$lib/server/http/respond';

export const load = guarded(async ({ locals, params, depends }) => {
	depends('app:goals');
	const actor = requireActor(locals.actor);
	const measurement = await measurementOf(getDb(), actor, params.id, params.mid);
	return { goalId: params.id, ...measurement, comments: (await goalThreads(getDb(), actor, params.id, params.mid)) ?? [] };
}) satisfies PageServerLoad;

export const actions = guardedActions({
	correct: async ({ locals, params, request }) => {
		const actor = requireActor(locals.actor);
		const { input } = readMeasurementForm(await request.formData());
		await measurementOf(getDb(), actor, params.id, params.mid, 'editGoal');
		const result = await formAction({ ...input }, () => correctMeasurement(getDb(), actor, params.mid, input, locals.locale), 'correct');
		if (result) return result;
		redirect(303, localizeHref(`/goals/${params.id}/indicators`));
	},
	delete: async ({ locals, params }) => {
		const actor = requireActor(locals.actor);
		await measurementOf(getDb(), actor, params.id, params.mid, 'editGoal');
		await deleteMeasurement(getDb(), actor, params.mid);
		redirect(303, localizeHref(`/goals/${params.id}/indicators`));
	}
}) satisfies Actions;
