import { redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { can } from '$lib/server/access/rules';
import { requireActor } from '$lib/server/http/guards';
import { createAssessment, listAssessments } from '$lib/server/assessments/assessments';
import { formAction, readForm } from '$lib/server/http/forms';
import { localizeHref } from '$lib/paraglide/runtime';
import { berlinToday } from '$lib/shared/smart';
import type { Actions, PageServerLoad } from './$types';
import { guarded, guardedActions } from '$lib/server/http/respond';

export const load = guarded(async ({ locals, depends }) => {
	depends('app:goals');
	const actor = requireActor(locals.actor);
	return {
		assessments: await listAssessments(getDb(), actor),
		canCreate: can(actor, 'editAssessment', { kind: 'assessment', municipalityId: actor.municipalityId }),
		today: berlinToday()
	};
}) satisfies PageServerLoad;

export const actions = guardedActions({
	create: async ({ locals, request }) => {
		const actor = requireActor(locals.actor);
		const values = readForm(await request.formData(), ['assessedOn', 'carryOver']);
		const result = await formAction(values, () => createAssessment(getDb(), actor, { assessedOn: values.assessedOn, carryOver: values.carryOver === 'on' }), 'create');
		if (typeof result === 'string') redirect(303, localizeHref(`/assessments/${result}`));
		return result;
	}
}) satisfies Actions;
