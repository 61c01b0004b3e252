import { getDb } from '$lib/server/db';
import { requireActor } from '$lib/server/http/guards';
import { goalAsOfView } from '$lib/server/goals/as-of-view';
import { berlinToday } from '$lib/shared/smart';
import type { PageServerLoad } from './$types';
import { guarded } from '$lib/server/http/respond';
import { translateErrors } from '$lib/server/http/forms';

export const load = guarded(async ({ locals, params, url }) => {
	const actor = requireActor(locals.actor);
	const db = getDb();
	const today = berlinToday();
	// The view checks that the person may read the goal.
	const view = await goalAsOfView(db, actor, params.id, url.searchParams.get('date'), today);
	// A field error reaches the page translated, as a form's does.
	return { goalId: params.id, today, view, errors: view.kind === 'invalid' ? translateErrors({ date: view.error }) : {} };
}) satisfies PageServerLoad;
