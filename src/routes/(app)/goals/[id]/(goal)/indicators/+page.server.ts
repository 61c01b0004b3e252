import { getDb } from '$lib/server/db';
import { requireActor } from '$lib/server/http/guards';
import { requireTarget } from '$lib/server/access/targets';
import { formAction } from '$lib/server/http/forms';
import { addMeasurement, goalMeasurements, measurementAuditTrail, readMeasurementForm } from '$lib/server/measurements/measurements';
import { listExperiments } from '$lib/server/loop/experiments';
import { listCheckIns } from '$lib/server/loop/check-ins';
import { listAdjustments } from '$lib/server/goals/adjustments';
import type { Actions, PageServerLoad } from './$types';
import { guarded, guardedActions } from '$lib/server/http/respond';

// Indicators and measurements: the rows, their audit, and what the charts mark on their time axis.
export const load = guarded(async ({ locals, params, depends }) => {
	depends('app:goals');
	const actor = requireActor(locals.actor);
	const db = getDb();
	const target = await requireTarget(db, actor, 'goal', params.id, 'read');
	const [measurements, audit, experiments, checkIns, adjustments] = await Promise.all([
		goalMeasurements(db, actor, target),
		measurementAuditTrail(db, actor, target),
		listExperiments(db, actor, target),
		listCheckIns(db, actor, target),
		listAdjustments(db, actor, target)
	]);
	return { measurements, audit, experiments, checkIns, adjustments };
}) satisfies PageServerLoad;

export const actions = guardedActions({
	addMeasurement: async ({ locals, request }) => {
		const actor = requireActor(locals.actor);
		const { indicatorId, input } = readMeasurementForm(await request.formData());
		const form = `measurement-${indicatorId}`;
		return formAction({ ...input }, async () => {
			await addMeasurement(getDb(), actor, indicatorId, input, locals.locale);
			return { form, added: true };
		}, form);
	}
}) satisfies Actions;
