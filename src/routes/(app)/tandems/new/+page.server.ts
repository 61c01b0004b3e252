import { redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { home, requireCan } from '$lib/server/access/rules';
import { requireActor } from '$lib/server/http/guards';
import { createTandem } from '$lib/server/tandems/tandems';
import { listDepartments } from '$lib/server/departments/departments';
import { listMembers } from '$lib/server/members/members';
import { formAction, readForm } from '$lib/server/http/forms';
import { localizeHref } from '$lib/paraglide/runtime';
import type { Actions, PageServerLoad } from './$types';
import { guarded, guardedActions } from '$lib/server/http/respond';

export const load = guarded(async ({ locals }) => {
	const actor = requireActor(locals.actor);
	requireCan(actor, 'formTandem', home(actor));
	const db = getDb();
	return { departments: await listDepartments(db, actor), people: await listMembers(db, actor) };
}) satisfies PageServerLoad;

export const actions = guardedActions({
	default: async ({ locals, request }) => {
		const actor = requireActor(locals.actor);
		const data = await request.formData();
		const values = { ...readForm(data, ['name', 'departmentId']), membershipIds: data.getAll('membershipIds').map(String) };
		const result = await formAction(values, () =>
			createTandem(getDb(), actor, { name: values.name, departmentId: values.departmentId, membershipIds: values.membershipIds })
		);
		if (typeof result === 'string') redirect(303, localizeHref('/tandems'));
		return result;
	}
}) satisfies Actions;
