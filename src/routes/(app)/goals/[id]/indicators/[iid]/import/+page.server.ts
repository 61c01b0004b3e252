import { error, redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { requireActor } from '$lib/server/http/guards';
import { formAction } from '$lib/server/http/forms';
import { translate } from '$lib/i18n/translate';
import { requireIndicator } from '$lib/server/measurements/measurements';
import { confirmImport, previewImport, uploadImport } from '$lib/server/measurements/import';
import { importChoices } from '$lib/server/measurements/import-choices';
import { localizeHref } from '$lib/paraglide/runtime';
import type { Actions, PageServerLoad } from './$types';
import { guarded, guardedActions } from '$lib/server/http/respond';

async function indicatorOfGoal(locals: App.Locals, goalId: string, indicatorId: string) {
	const actor = requireActor(locals.actor);
	const target = await requireIndicator(getDb(), actor, indicatorId, 'editGoal');
	if (target.goalId !== goalId) error(404, 'Not found');
	return { actor, target };
}

export const load = guarded(async ({ locals, params, url }) => {
	const { actor, target } = await indicatorOfGoal(locals, params.id, params.iid);
	const draft = url.searchParams.get('draft');
	const preview = draft ? await previewImport(getDb(), actor, params.iid, draft, importChoices(url.searchParams)) : null;
	return {
		goalId: params.id,
		indicator: { id: target.id, name: target.name, unit: target.unit, groups: target.groups },
		preview: preview && {
			...preview,
			// Problems are worded here, in the page's language, with their line and column.
			problems: preview.reading.problems.slice(0, 500).map((p) => ({ ...p, text: translate(p.key, p.params) })),
			problemCount: preview.reading.problems.length,
			warningCount: preview.warnings.length,
			warnings: preview.warnings.slice(0, 100).map((w) => ({ ...w, text: translate(w.key, w.params) })),
			added: preview.added.slice(0, 100),
			addedCount: preview.added.length,
			changed: preview.changed.slice(0, 100),
			changedCount: preview.changed.length
		}
	};
}) satisfies PageServerLoad;

export const actions = guardedActions({
	upload: async ({ locals, params, request }) => {
		const { actor } = await indicatorOfGoal(locals, params.id, params.iid);
		const file = (await request.formData()).get('file');
		const result = await formAction({}, () => uploadImport(getDb(), actor, params.iid, file instanceof File ? file : null), 'upload');
		if (typeof result !== 'string') return result;
		redirect(303, localizeHref(`/goals/${params.id}/indicators/${params.iid}/import?draft=${result}`));
	},
	confirm: async ({ locals, params, request }) => {
		const { actor } = await indicatorOfGoal(locals, params.id, params.iid);
		const data = await request.formData();
		const field = (name: string) => String(data.get(name) ?? '');
		const result = await formAction(
			{},
			() => confirmImport(getDb(), actor, params.iid, field('draft'), importChoices(data), field('fingerprint'), data.get('confirmWarnings') === 'on'),
			'confirm'
		);
		if (!('added' in result)) return result;
		redirect(303, localizeHref(`/goals/${params.id}/indicators?imported=${result.added + result.changed}`));
	}
}) satisfies Actions;
