import { getDb } from '$lib/server/db';
import { requireActor } from '$lib/server/http/guards';
import { requireTarget } from '$lib/server/access/targets';
import { goalAsOfView } from '$lib/server/goals/as-of-view';
import { berlinToday } from '$lib/shared/smart';
import type { PageServerLoad } from './$types';
import { guarded } from '$lib/server/http/respond';
import { translateErrors } from '$lib/server/http/forms';

export const load = guarded(async ({ locals, params, url }) => {
	const actor = requireActor(locals.actor);
	const db = getDb();
	const target = await requireTarget(db, actor, 'goal', params.id, 'read');
	const today = berlinToday();
	const view = await goalAsOfView(db, actor, target, url.searchParams.get('date'), today);
	// A field error reaches the page translated, as a form's does.
	return { goalId: target.id, today, view, errors: view.kind === 'invalid' ? translateErrors({ date: view.error }) : {} };
}) satisfies PageServerLoad;
