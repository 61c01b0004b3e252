import { redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { home, requireCan } from '$lib/server/access/rules';
import { requireActor } from '$lib/server/http/guards';
import { listGoals } from '$lib/server/goals/goals';
import { latestCompletedAssessment } from '$lib/server/assessments/assessments';
import { listAgreements } from '$lib/server/agreements/agreements';
import { listDepartments } from '$lib/server/departments/departments';
import { chooseGoals, createSnapshot, defaultPrevious, firstGoalDay, resolveGoals, snapshotsSharing } from '$lib/server/snapshots/snapshots';
import { unexplainedAdjustments } from '$lib/server/goals/adjustments';
import { formAction, readForm } from '$lib/server/http/forms';
import { translate } from '$lib/i18n/translate';
import { localizeHref } from '$lib/paraglide/runtime';
import { berlinToday } from '$lib/shared/smart';
import type { AssessmentStage } from '$lib/shared/assessment';
import type { Actions, PageServerLoad } from './$types';
import { guarded, guardedActions } from '$lib/server/http/respond';

const FIELDS = ['title', 'refDate', 'commentary', 'minCases', 'previousId', 'locale'] as const;

// Two steps without script: choose goals or departments, then write the report. The choice
// lands in the address, so a form sent back with errors still shows it.
export const load = guarded(async ({ locals, url }) => {
	const actor = requireActor(locals.actor);
	requireCan(actor, 'manageSnapshots', home(actor));
	const db = getDb();
	const chosen = { goals: url.searchParams.getAll('goal'), departments: url.searchParams.getAll('department') };
	const goalIds = chosen.goals.length + chosen.departments.length > 0 ? await resolveGoals(db, actor, chosen.goals, chosen.departments) : null;
	const goals = await listGoals(db, actor);
	return {
		goals,
		departments: await listDepartments(db, actor),
		chosen,
		selection: goalIds ? goals.filter((g) => goalIds.includes(g.id)) : null,
		selectionError: goalIds === null && chosen.goals.length + chosen.departments.length > 0 ? translate('error_snapshot_goal_unknown') : goalIds?.length === 0 ? translate('error_snapshot_goals_required') : null,
		defaultPrevious: goalIds?.length ? await defaultPrevious(db, actor.municipalityId, goalIds, new Date()) : null,
		candidates: goalIds?.length ? await snapshotsSharing(db, actor, goalIds) : [],
		unexplained: goalIds?.length ? await unexplainedAdjustments(db, actor.municipalityId, goalIds) : [],
		firstGoalDay: await firstGoalDay(db, actor.municipalityId),
		assessment: await latestCompletedAssessment(db, actor.municipalityId).then((a) => a && { assessedOn: a.assessedOn, stage: a.stage as AssessmentStage }),
		agreements: await listAgreements(db, actor),
		today: berlinToday()
	};
}) satisfies PageServerLoad;

export const actions = guardedActions({
	choose: async ({ locals, request }) => {
		const actor = requireActor(locals.actor);
		const data = await request.formData();
		const goals = data.getAll('goal').map(String);
		const departments = data.getAll('department').map(String);
		const result = await formAction({ goals: goals.join(','), departments: departments.join(',') }, () => chooseGoals(getDb(), actor, goals, departments), 'choose');
		if (!Array.isArray(result)) return result;
		const chosen = new URLSearchParams([...goals.map((id) => ['goal', id]), ...departments.map((id) => ['department', id])]);
		redirect(303, `${localizeHref('/snapshots/new')}?${chosen}#write-heading`);
	},
	create: async ({ locals, request }) => {
		const actor = requireActor(locals.actor);
		const data = await request.formData();
		const values = readForm(data, FIELDS);
		const goalIds = data.getAll('goal').map(String);
		const departmentIds = data.getAll('department').map(String);
		// One commentary field per goal of the selection (chosen one by one or with its department).
		const perGoal = [...data.entries()].filter(([key, text]) => /^commentary-[0-9a-f-]{36}$/.test(key) && typeof text === 'string') as [string, string][];
		const goalCommentary = Object.fromEntries(perGoal.map(([key, text]) => [key.slice('commentary-'.length), text]));
		const includeAssessment = data.get('includeAssessment') === 'on';
		const agreementIds = data.getAll('agreement').map(String);
		// The choices come back with the form: ticked or not, and which agreements.
		const kept = { ...values, ...Object.fromEntries(perGoal), includeAssessment: includeAssessment ? 'on' : '', agreements: agreementIds.join(',') };
		const result = await formAction(kept, () => createSnapshot(getDb(), actor, { ...values, goalIds, departmentIds, goalCommentary, includeAssessment, agreementIds }), 'create');
		if (typeof result === 'string') redirect(303, localizeHref(`/snapshots/${result}`));
		return result;
	}
}) satisfies Actions;
