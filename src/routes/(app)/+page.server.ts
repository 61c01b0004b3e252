import { getDb } from '$lib/server/db';
import { requireActor } from '$lib/server/access';
import { listTandems } from '$lib/server/tandems';
import { listDepartments } from '$lib/server/departments';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	const actor = requireActor(locals.actor);
	const db = getDb();
	const [tandems, departments] = await Promise.all([listTandems(db, actor), listDepartments(db, actor)]);
	return {
		myTandems: tandems.filter((t) => t.people.some((p) => p.membershipId === actor.membershipId)),
		tandemCount: tandems.length,
		departmentCount: departments.length
	};
};
