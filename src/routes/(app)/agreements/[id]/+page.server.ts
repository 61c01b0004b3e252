import { redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { requireActor } from '$lib/server/http/guards';
import { deleteAgreement, getAgreement } from '$lib/server/agreements/agreements';
import { signAgreement } from '$lib/server/agreements/signing';
import { localizeHref } from '$lib/paraglide/runtime';
import { formAction, readForm } from '$lib/server/http/forms';
import type { Actions, PageServerLoad } from './$types';
import { guarded, guardedActions } from '$lib/server/http/respond';

export const load = guarded(async ({ locals, params, depends }) => {
	depends('app:goals');
	const actor = requireActor(locals.actor);
	return { ...(await getAgreement(getDb(), actor, params.id)), me: { id: actor.userId, name: actor.name } };
}) satisfies PageServerLoad;

export const actions = guardedActions({
	sign: async ({ locals, params, request }) => {
		const actor = requireActor(locals.actor);
		const values = readForm(await request.formData(), ['contentHash']);
		return formAction(values, async () => {
			await signAgreement(getDb(), actor, { agreementId: params.id, contentHash: values.contentHash });
			return { form: 'sign', signed: true };
		}, 'sign');
	},
	delete: async ({ locals, params }) => {
		const actor = requireActor(locals.actor);
		const result = await formAction({}, () => deleteAgreement(getDb(), actor, params.id), 'delete');
		if (result === undefined) redirect(303, localizeHref('/agreements'));
		return result;
	}
}) satisfies Actions;
