import { getDb } from '$lib/server/db';
import { requireActor } from '$lib/server/http/guards';
import { listGoals, tandemsForNewGoal, waitingForSignoff } from '$lib/server/goals/goals';
import { goalFiltersFrom } from '$lib/server/goals/filters';
import { listDepartments } from '$lib/server/departments/departments';
import { listTandems } from '$lib/server/tandems/tandems';
import type { PageServerLoad } from './$types';
import { guarded } from '$lib/server/http/respond';

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
		canCreate: creatable.length > 0
	};
}) satisfies PageServerLoad;
