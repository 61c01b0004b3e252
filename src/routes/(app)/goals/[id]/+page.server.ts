import { error } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { requireActor } from '$lib/server/access';
import { closeGoal, getGoal, goalHistory, projectedIndicators, reopenGoal, restoreVersion, signOffGoal } from '$lib/server/goals';
import { formAction, readForm } from '$lib/server/forms';
import { addMeasurement, goalMeasurements, measurementAuditTrail, readMeasurementForm } from '$lib/server/measurements';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, depends }) => {
	depends('app:goals');
	const actor = requireActor(locals.actor);
	const db = getDb();
	const goal = await getGoal(db, actor, params.id);
	if (!goal) error(404, 'Not found');
	return {
		...goal,
		history: (await goalHistory(db, actor, params.id)) ?? [],
		measurements: await goalMeasurements(db, actor, params.id),
		audit: await measurementAuditTrail(db, actor, params.id),
		indicators: await projectedIndicators(db, params.id),
		me: { id: actor.userId, name: actor.name }
	};
};

export const actions: Actions = {
	addMeasurement: async ({ locals, request }) => {
		const actor = requireActor(locals.actor);
		const { indicatorId, input } = readMeasurementForm(await request.formData());
		const form = `measurement-${indicatorId}`;
		return formAction({ ...input }, async () => {
			await addMeasurement(getDb(), actor, indicatorId, input, locals.locale);
			return { form, added: true };
		}, form);
	},
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
	restore: async ({ locals, params, request }) => {
		const actor = requireActor(locals.actor);
		const values = readForm(await request.formData(), ['upToId']);
		return formAction(values, async () => {
			await restoreVersion(getDb(), actor, { goalId: params.id, upToId: Number(values.upToId) });
			return { form: 'restore', restored: true };
		}, 'restore');
	}
};
