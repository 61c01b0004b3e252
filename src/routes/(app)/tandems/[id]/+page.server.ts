import { error, redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { home, requireCan } from '$lib/server/access/rules';
import { requireActor } from '$lib/server/http/guards';
import { deleteTandem, listTandems, updateTandem } from '$lib/server/tandems/tandems';
import { listDepartments } from '$lib/server/departments/departments';
import { listMembers } from '$lib/server/members/members';
import { formAction, readForm } from '$lib/server/http/forms';
import { localizeHref } from '$lib/paraglide/runtime';
import type { Actions, PageServerLoad } from './$types';
import { guarded, guardedActions } from '$lib/server/http/respond';

export const load = guarded(async ({ locals, params }) => {
	const actor = requireActor(locals.actor);
	requireCan(actor, 'formTandem', home(actor));
	const db = getDb();
	const tandem = (await listTandems(db, actor)).find((t) => t.id === params.id);
	if (!tandem) error(404, 'Not found');
	return { tandem, departments: await listDepartments(db, actor), people: await listMembers(db, actor) };
}) satisfies PageServerLoad;

export const actions = guardedActions({
	update: async ({ locals, params, request }) => {
		const actor = requireActor(locals.actor);
		const data = await request.formData();
		const values = { ...readForm(data, ['name', 'departmentId']), membershipIds: data.getAll('membershipIds').map(String) };
		return formAction(values, async () => {
			await updateTandem(getDb(), actor, { id: params.id, name: values.name, departmentId: values.departmentId, membershipIds: values.membershipIds });
			return { saved: true };
		});
	},
	delete: async ({ locals, params }) => {
		const actor = requireActor(locals.actor);
		const result = await formAction({}, () => deleteTandem(getDb(), actor, { id: params.id }));
		if (result === undefined) redirect(303, localizeHref('/tandems'));
		return result;
	}
}) satisfies Actions;
