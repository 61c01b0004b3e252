import { redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { requireActor } from '$lib/server/http/guards';
import { createGoal, listGoals, tandemsForNewGoal, waitingForSignoff } from '$lib/server/goals/goals';
import { goalFiltersFrom } from '$lib/server/goals/filters';
import { listDepartments } from '$lib/server/departments/departments';
import { listTandems } from '$lib/server/tandems/tandems';
import { formAction, readForm } from '$lib/server/http/forms';
import { localizeHref } from '$lib/paraglide/runtime';
import type { Actions, PageServerLoad } from './$types';
import { guarded, guardedActions } from '$lib/server/http/respond';

export const load = guarded(async ({ locals, url, depends }) => {
	depends('app:goals');
	const actor = requireActor(locals.actor);
	const db = getDb();
	const filters = goalFiltersFrom(url);
	const [goals, waiting, departments, tandems, creatable] = await Promise.all([
		listGoals(db, actor, filters),
		waitingForSignoff(db, actor),
		listDepartments(db, actor),
		listTandems(db, actor),
		tandemsForNewGoal(db, actor)
	]);
	return {
		goals,
		waiting,
		filters,
		departments: departments.map((d) => ({ id: d.id, name: d.name })),
		tandems: tandems.map((t) => ({ id: t.id, name: t.name, departmentName: t.departmentName })),
		creatable
	};
}) satisfies PageServerLoad;

export const actions = guardedActions({
	create: async ({ locals, request }) => {
		const actor = requireActor(locals.actor);
		const values = readForm(await request.formData(), ['tandemId', 'title']);
		const result = await formAction(values, () => createGoal(getDb(), actor, values), 'create');
		if (typeof result === 'string') redirect(303, localizeHref(`/goals/${result}`));
		return result;
	}
}) satisfies Actions;
