import { getDb } from '$lib/server/db';
import { requireActor } from '$lib/server/http/guards';
import { evaluationPage, periodEvaluation } from '$lib/server/monitoring/evaluation';
import { translateErrors } from '$lib/server/http/forms';
import { guarded } from '$lib/server/http/respond';
import { berlinToday } from '$lib/shared/smart';
import type { PageServerLoad } from './$types';

export const load = guarded(async ({ locals, url, depends }) => {
	depends('app:goals');
	const actor = requireActor(locals.actor);
	const today = berlinToday();
	const p = url.searchParams;
	const view = await periodEvaluation(getDb(), actor, { year: p.get('year'), quarter: p.get('quarter'), department: p.get('department'), goal: p.get('goal') }, today);
	// Field errors reach the page translated, as a form's do.
	return { ...view, evaluation: view.evaluation && evaluationPage(view.evaluation), errors: translateErrors(view.errors), today };
}) satisfies PageServerLoad;
