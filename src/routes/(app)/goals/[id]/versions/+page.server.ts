import { error, redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { can } from '$lib/server/access/rules';
import { requireTarget } from '$lib/server/access/targets';
import { requireActor } from '$lib/server/http/guards';
import { formAction, readForm } from '$lib/server/http/forms';
import { nameVersion, versionChoices } from '$lib/server/goals/versions';
import { localizeHref } from '$lib/paraglide/runtime';
import type { Actions, PageServerLoad } from './$types';
import { guarded, guardedActions } from '$lib/server/http/respond';

// The goal's named versions, and naming one: the history's form posts here, so a name refused
// (empty, taken) comes back on this page with what was typed.
export const load = guarded(async ({ locals, params, url }) => {
	const actor = requireActor(locals.actor);
	const db = getDb();
	const target = await requireTarget(db, actor, 'goal', params.id, 'read');
	const choices = await versionChoices(db, actor, target);
	if (!choices) error(404, 'Not found');
	const saved = url.searchParams.get('saved');
	return { goalId: target.id, ...choices, saved: choices.named.find((v) => v.id === saved) ?? null, at: url.searchParams.get('at') ?? '', canEdit: can(actor, 'editGoal', target) };
}) satisfies PageServerLoad;

export const actions = guardedActions({
	name: async ({ locals, params, request }) => {
		const actor = requireActor(locals.actor);
		const values = readForm(await request.formData(), ['name', 'upToId']);
		const result = await formAction(values, () => nameVersion(getDb(), actor, { goalId: params.id, ...values }), 'name-version');
		if (result && 'id' in result) redirect(303, localizeHref(`/goals/${params.id}/versions?saved=${result.id}`));
		return result;
	}
}) satisfies Actions;
