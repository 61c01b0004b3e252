import { getDb } from '$lib/server/db';
import { requireActor } from '$lib/server/http/guards';
import { departmentView } from '$lib/server/monitoring/monitoring';
import { berlinToday } from '$lib/shared/smart';
import type { PageServerLoad } from './$types';
import { guarded } from '$lib/server/http/respond';

export const load = guarded(async ({ locals, params, url, depends }) => {
	depends('app:goals');
	const actor = requireActor(locals.actor);
	const filters = { tandemId: url.searchParams.get('tandem') ?? '', criterion: url.searchParams.get('criterion') ?? '', trackStatus: url.searchParams.get('track') ?? '' };
	return { ...(await departmentView(getDb(), actor, params.id, filters)), filters, today: berlinToday() };
}) satisfies PageServerLoad;
