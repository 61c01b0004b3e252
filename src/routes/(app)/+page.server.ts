import { getDb } from '$lib/server/db';
import { requireActor } from '$lib/server/http/guards';
import { listTandems } from '$lib/server/tandems/tandems';
import { listDepartments } from '$lib/server/departments/departments';
import { waitingForSignoff } from '$lib/server/goals/goals';
import type { PageServerLoad } from './$types';
import { guarded } from '$lib/server/http/respond';

export const load = guarded(async ({ locals, depends }) => {
	depends('app:goals');
	const actor = requireActor(locals.actor);
	const db = getDb();
	const [tandems, departments, waiting] = await Promise.all([listTandems(db, actor), listDepartments(db, actor), waitingForSignoff(db, actor)]);
	return {
		waiting,
		myTandems: tandems.filter((t) => t.people.some((p) => p.membershipId === actor.membershipId)),
		tandemCount: tandems.length,
		departmentCount: departments.length
	};
}) satisfies PageServerLoad;
