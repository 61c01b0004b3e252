import { redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { requireActor } from '$lib/server/http/guards';
import { requireTarget } from '$lib/server/access/targets';
import { closeGoal, reopenGoal, signOffGoal } from '$lib/server/goals/signoff';
import { getGoal } from '$lib/server/goals/goals';
import { projectedIndicators } from '$lib/server/goals/indicators';
import { deleteDraftGoal } from '$lib/server/goals/deletion';
import { goalHistory, restoreVersion } from '$lib/server/goals/history';
import { formAction, readForm } from '$lib/server/http/forms';
import { addMeasurement, goalMeasurements, measurementAuditTrail, readMeasurementForm } from '$lib/server/measurements/measurements';
import { addExperiment, listExperiments, updateExperiment, type ExperimentInput } from '$lib/server/loop/experiments';
import { addCheckIn, listCheckIns, setCheckInInterval } from '$lib/server/loop/check-ins';
import { explainAdjustment, listAdjustments } from '$lib/server/goals/adjustments';
import { commentHistory, goalThreads } from '$lib/server/comments/comments';
import { localizeHref } from '$lib/paraglide/runtime';
import type { Actions, PageServerLoad } from './$types';
import { guarded, guardedActions } from '$lib/server/http/respond';

const EXPERIMENT_FIELDS = ['title', 'hypothesis', 'startDate', 'endDate', 'status', 'learned', 'decision'] as const;
const CHECK_IN_FIELDS = ['date', 'overall', 'confidence', 'happened', 'decided', 'participants'] as const;

function readExperiment(data: FormData): ExperimentInput & { experimentId: string } {
	const values = readForm(data, [...EXPERIMENT_FIELDS, 'experimentId']);
	return { ...values, indicatorIds: data.getAll('indicatorIds').filter((v): v is string => typeof v === 'string') };
}

export const load = guarded(async ({ locals, params, depends }) => {
	depends('app:goals');
	const actor = requireActor(locals.actor);
	const db = getDb();
	// The goal's permission lookup runs once; every part of the page gets the loaded target.
	const target = await requireTarget(db, actor, 'goal', params.id, 'read');
	const [goal, history, measurements, audit, indicators, experiments, checkIns, adjustments, comments, commentEvents] = await Promise.all([
		getGoal(db, actor, target),
		goalHistory(db, actor, target),
		goalMeasurements(db, actor, target),
		measurementAuditTrail(db, actor, target),
		projectedIndicators(db, target.id),
		listExperiments(db, actor, target),
		listCheckIns(db, actor, target),
		listAdjustments(db, actor, target),
		goalThreads(db, actor, target),
		commentHistory(db, actor, target)
	]);
	return { ...goal!, history: history ?? [], measurements, audit, indicators, experiments, checkIns, adjustments, comments: comments ?? [], commentHistory: commentEvents ?? [], me: { id: actor.userId, name: actor.name } };
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
	},
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
	delete: async ({ locals, params }) => {
		const actor = requireActor(locals.actor);
		const result = await formAction({}, () => deleteDraftGoal(getDb(), actor, params.id), 'delete');
		if (result === undefined) redirect(303, localizeHref('/goals?deleted'));
		return result;
	},
	restore: async ({ locals, params, request }) => {
		const actor = requireActor(locals.actor);
		const values = readForm(await request.formData(), ['upToId']);
		return formAction(values, async () => {
			await restoreVersion(getDb(), actor, { goalId: params.id, upToId: Number(values.upToId) });
			return { form: 'restore', restored: true };
		}, 'restore');
	}
}) satisfies Actions;
