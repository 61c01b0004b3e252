import { getDb } from '$lib/server/db';
import { can, home } from '$lib/server/access/rules';
import { requireActor } from '$lib/server/http/guards';
import { createDepartment, deleteDepartment, listDepartments, renameDepartment } from '$lib/server/departments/departments';
import { formAction, readForm } from '$lib/server/http/forms';
import type { Actions, PageServerLoad } from './$types';
import { guarded, guardedActions } from '$lib/server/http/respond';

export const load = guarded(async ({ locals }) => {
	const actor = requireActor(locals.actor);
	return { departments: await listDepartments(getDb(), actor), canManage: can(actor, 'manageDepartments', home(actor)) };
}) satisfies PageServerLoad;

export const actions = guardedActions({
	create: async ({ locals, request }) => {
		const actor = requireActor(locals.actor);
		const values = readForm(await request.formData(), ['name']);
		return formAction(values, async () => {
			await createDepartment(getDb(), actor, { name: values.name });
			return { form: 'create', saved: true };
		}, 'create');
	},
	rename: async ({ locals, request }) => {
		const actor = requireActor(locals.actor);
		const values = readForm(await request.formData(), ['id', 'name']);
		return formAction(values, async () => {
			await renameDepartment(getDb(), actor, { id: values.id, name: values.name });
			return { form: `rename-${values.id}`, saved: true };
		}, `rename-${values.id}`);
	},
	delete: async ({ locals, request }) => {
		const actor = requireActor(locals.actor);
		const values = readForm(await request.formData(), ['id']);
		return formAction(values, async () => {
			await deleteDepartment(getDb(), actor, { id: values.id });
			return { form: 'delete', saved: true };
		}, `rename-${values.id}`);
	}
}) satisfies Actions;
