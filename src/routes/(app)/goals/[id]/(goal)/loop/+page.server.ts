import { getDb } from '$lib/server/db';
import { requireActor } from '$lib/server/http/guards';
import { requireTarget } from '$lib/server/access/targets';
import { formAction, readForm } from '$lib/server/http/forms';
import { addExperiment, listExperiments, updateExperiment, type ExperimentInput } from '$lib/server/loop/experiments';
import { addCheckIn, listCheckIns, setCheckInInterval } from '$lib/server/loop/check-ins';
import { explainAdjustment, listAdjustments } from '$lib/server/goals/adjustments';
import type { Actions, PageServerLoad } from './$types';
import { guarded, guardedActions } from '$lib/server/http/respond';

const EXPERIMENT_FIELDS = ['title', 'hypothesis', 'startDate', 'endDate', 'status', 'learned', 'decision'] as const;
const CHECK_IN_FIELDS = ['date', 'overall', 'confidence', 'happened', 'decided', 'participants'] as const;

function readExperiment(data: FormData): ExperimentInput & { experimentId: string } {
	const values = readForm(data, [...EXPERIMENT_FIELDS, 'experimentId']);
	return { ...values, indicatorIds: data.getAll('indicatorIds').filter((v): v is string => typeof v === 'string') };
}

// The loop: what was tried, reviewed and changed, and the timeline that puts it in order.
export const load = guarded(async ({ locals, params, depends }) => {
	depends('app:goals');
	const actor = requireActor(locals.actor);
	const db = getDb();
	const target = await requireTarget(db, actor, 'goal', params.id, 'read');
	const [experiments, checkIns, adjustments] = await Promise.all([listExperiments(db, actor, target), listCheckIns(db, actor, target), listAdjustments(db, actor, target)]);
	return { experiments, checkIns, adjustments };
}) satisfies PageServerLoad;

export const actions = guardedActions({
	addExperiment: async ({ locals, params, request }) => {
		const actor = requireActor(locals.actor);
		const input = readExperiment(await request.formData());
		return formAction({ ...input }, async () => {
			await addExperiment(getDb(), actor, params.id, input);
			return { form: 'experiment-new', saved: true };
		}, 'experiment-new');
	},
	updateExperiment: async ({ locals, params, request }) => {
		const actor = requireActor(locals.actor);
		const input = readExperiment(await request.formData());
		const form = `experiment-${input.experimentId}`;
		return formAction({ ...input }, async () => {
			await updateExperiment(getDb(), actor, params.id, input.experimentId, input);
			return { form, saved: true };
		}, form);
	},
	addCheckIn: async ({ locals, params, request }) => {
		const actor = requireActor(locals.actor);
		const values = readForm(await request.formData(), CHECK_IN_FIELDS);
		return formAction(values, async () => {
			await addCheckIn(getDb(), actor, params.id, values);
			return { form: 'check-in', saved: true };
		}, 'check-in');
	},
	checkInInterval: async ({ locals, params, request }) => {
		const actor = requireActor(locals.actor);
		const values = readForm(await request.formData(), ['checkInMonths']);
		return formAction(values, async () => {
			await setCheckInInterval(getDb(), actor, params.id, values.checkInMonths);
			return { form: 'check-in-interval', saved: true };
		}, 'check-in-interval');
	},
	explainAdjustment: async ({ locals, params, request }) => {
		const actor = requireActor(locals.actor);
		const values = readForm(await request.formData(), ['adjustmentId', 'reason']);
		const form = `adjustment-${values.adjustmentId}`;
		return formAction(values, async () => {
			await explainAdjustment(getDb(), actor, params.id, values);
			return { form, saved: true };
		}, form);
	}
}) satisfies Actions;
