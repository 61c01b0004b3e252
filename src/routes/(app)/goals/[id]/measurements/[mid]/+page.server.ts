import { redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { requireActor } from '$lib/server/access/rules';
import { formAction } from '$lib/server/http/forms';
import { correctMeasurement, deleteMeasurement, measurementForCorrection, readMeasurementForm } from '$lib/server/measurements/measurements';
import { localizeHref } from '$lib/paraglide/runtime';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
	const actor = requireActor(locals.actor);
	return { goalId: params.id, ...(await measurementForCorrection(getDb(), actor, params.id, params.mid)) };
};

export const actions: Actions = {
	correct: async ({ locals, params, request }) => {
		const actor = requireActor(locals.actor);
		const { input } = readMeasurementForm(await request.formData());
		await measurementForCorrection(getDb(), actor, params.id, params.mid);
		const result = await formAction({ ...input }, () => correctMeasurement(getDb(), actor, params.mid, input, locals.locale), 'correct');
		if (result) return result;
		redirect(303, localizeHref(`/goals/${params.id}`));
	},
	delete: async ({ locals, params }) => {
		const actor = requireActor(locals.actor);
		await measurementForCorrection(getDb(), actor, params.id, params.mid);
		await deleteMeasurement(getDb(), actor, params.mid);
		redirect(303, localizeHref(`/goals/${params.id}`));
	}
};
