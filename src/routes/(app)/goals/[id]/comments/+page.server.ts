import { redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { requireActor } from '$lib/server/http/guards';
import { formAction, readForm } from '$lib/server/http/forms';
import { guarded, guardedActions } from '$lib/server/http/respond';
import { addComment, commentsOfGoal, setThreadResolved } from '$lib/server/comments/comments';
import { localizeHref } from '$lib/paraglide/runtime';
import { isUuid } from '$lib/shared/documents';
import type { Actions, PageServerLoad } from './$types';

// A goal's whole conversation; the comment forms of the goal and measurement pages post here.
export const load = guarded(async ({ locals, params, depends }) => {
	depends('app:goals');
	const actor = requireActor(locals.actor);
	return commentsOfGoal(getDb(), actor, params.id);
}) satisfies PageServerLoad;

/** Back to the page the form was on (the goal's, its comments' or one of its measurements'), at the thread. */
function back(goalId: string, from: string, threadId: string): string {
	const measurement = new RegExp(`^/goals/${goalId}/measurements/([^/]+)$`).exec(from);
	const path = from === `/goals/${goalId}/comments` || (measurement && isUuid(measurement[1]!)) ? from : `/goals/${goalId}`;
	return `${localizeHref(path)}#thread-${threadId}`;
}

export const actions = guardedActions({
	add: async ({ locals, params, request }) => {
		const actor = requireActor(locals.actor);
		const values = readForm(await request.formData(), ['body', 'threadId', 'measurementId', 'back']);
		const form = values.threadId ? `reply-${values.threadId}` : 'comment-new';
		// A mention not found comes back as the field's error, naming what was written.
		const result = await formAction(
			values,
			() => addComment(getDb(), actor, params.id, { body: values.body, threadId: values.threadId || undefined, measurementId: values.measurementId || undefined }),
			form
		);
		if (typeof result !== 'string') return result;
		redirect(303, back(params.id, values.back, result));
	},
	resolve: async ({ locals, params, request }) => {
		const actor = requireActor(locals.actor);
		const values = readForm(await request.formData(), ['threadId', 'back']);
		await setThreadResolved(getDb(), actor, params.id, values.threadId, true);
		redirect(303, back(params.id, values.back, values.threadId));
	},
	reopen: async ({ locals, params, request }) => {
		const actor = requireActor(locals.actor);
		const values = readForm(await request.formData(), ['threadId', 'back']);
		await setThreadResolved(getDb(), actor, params.id, values.threadId, false);
		redirect(303, back(params.id, values.back, values.threadId));
	}
}) satisfies Actions;
