import { redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { requireActor } from '$lib/server/access/rules';
import { createAgreement, departmentsForNewAgreement, listAgreements } from '$lib/server/agreements/agreements';
import { formAction, readForm } from '$lib/server/http/forms';
import { localizeHref } from '$lib/paraglide/runtime';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, depends }) => {
	depends('app:goals');
	const actor = requireActor(locals.actor);
	const db = getDb();
	return { agreements: await listAgreements(db, actor), departments: await departmentsForNewAgreement(db, actor) };
};

export const actions: Actions = {
	create: async ({ locals, request }) => {
		const actor = requireActor(locals.actor);
		const values = readForm(await request.formData(), ['departmentId', 'title']);
		const result = await formAction(values, () => createAgreement(getDb(), actor, values), 'create');
		if (typeof result === 'string') redirect(303, localizeHref(`/agreements/${result}`));
		return result;
	}
};
