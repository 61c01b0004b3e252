import { redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { requireActor } from '$lib/server/http/guards';
import { createAgreement, departmentsForNewAgreement, listAgreements } from '$lib/server/agreements/agreements';
import { formAction, readForm } from '$lib/server/http/forms';
import { localizeHref } from '$lib/paraglide/runtime';
import type { Actions, PageServerLoad } from './$types';
import { guarded, guardedActions } from '$lib/server/http/respond';

export const load = guarded(async ({ locals, depends }) => {
	depends('app:goals');
	const actor = requireActor(locals.actor);
	const db = getDb();
	return { agreements: await listAgreements(db, actor), departments: await departmentsForNewAgreement(db, actor) };
}) satisfies PageServerLoad;

export const actions = guardedActions({
	create: async ({ locals, request }) => {
		const actor = requireActor(locals.actor);
		const values = readForm(await request.formData(), ['departmentId', 'title']);
		const result = await formAction(values, () => createAgreement(getDb(), actor, values), 'create');
		if (typeof result === 'string') redirect(303, localizeHref(`/agreements/${result}`));
		return result;
	}
}) satisfies Actions;
