import { redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { requireActor } from '$lib/server/http/guards';
import { closeGoal, reopenGoal, signOffGoal } from '$lib/server/goals/signoff';
import { deleteDraftGoal } from '$lib/server/goals/deletion';
import { goalSeriesValues } from '$lib/server/goals/smart';
import { requireTarget } from '$lib/server/access/targets';
import { goalThreads } from '$lib/server/comments/comments';
import { formAction, readForm } from '$lib/server/http/forms';
import { localizeHref } from '$lib/paraglide/runtime';
import type { Actions, PageServerLoad } from './$types';
import { guarded, guardedActions } from '$lib/server/http/respond';

// Content and SMART: the editor's fields come from the live document; the SMART check's
// "realistic" needs the measured values (not the rows, their audit or the charts); the
// conversation on the goal closes the page.
export const load = guarded(async ({ locals, params, depends }) => {
	depends('app:goals');
	const actor = requireActor(locals.actor);
	const db = getDb();
	const target = await requireTarget(db, actor, 'goal', params.id, 'read');
	const [values, comments] = await Promise.all([goalSeriesValues(db, actor, target), goalThreads(db, actor, target)]);
	return { values, comments: comments ?? [] };
}) satisfies PageServerLoad;

export const actions = guardedActions({
	signoff: async ({ locals, params, request }) => {
		const actor = requireActor(locals.actor);
		const values = readForm(await request.formData(), ['contentHash']);
		return formAction(values, async () => {
			await signOffGoal(getDb(), actor, { goalId: params.id, contentHash: values.contentHash });
			return { form: 'signoff', signed: true };
		}, 'signoff');
	},
	close: async ({ locals, params, request }) => {
		const actor = requireActor(locals.actor);
		const values = readForm(await request.formData(), ['outcome', 'comment']);
		return formAction(values, async () => {
			await closeGoal(getDb(), actor, { goalId: params.id, ...values });
			return { form: 'close', closed: true };
		}, 'close');
	},
	reopen: async ({ locals, params }) => {
		const actor = requireActor(locals.actor);
		return formAction({}, async () => {
			await reopenGoal(getDb(), actor, { goalId: params.id });
			return { form: 'close', reopened: true };
		}, 'close');
	},
	delete: async ({ locals, params }) => {
		const actor = requireActor(locals.actor);
		const result = await formAction({}, () => deleteDraftGoal(getDb(), actor, params.id), 'delete');
		if (result === undefined) redirect(303, localizeHref('/goals?deleted'));
		return result;
	}
}) satisfies Actions;
