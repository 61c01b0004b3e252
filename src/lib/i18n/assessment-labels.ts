import { m } from '$lib/i18n';
import type { AssessmentStage } from '$lib/shared/assessment';
import type { Criterion } from '$lib/shared/criteria';

/** Assessment texts in the reader's language: stages and action levels (the items: assessment-item-labels). */
export const stageLabel: Record<AssessmentStage, () => string> = {
	A: m.assessment_stage_A,
	B: m.assessment_stage_B,
	C: m.assessment_stage_C
};

type Message = () => string;

/** Table 1's action level for a criterion (what a goal for it works on). */
export const actionLabel: Record<Criterion, Message> = {
	agreements: m.assessment_action_agreements,
	attention: m.assessment_action_attention,
	institutionalisation: m.assessment_action_institutionalisation,
	reach: m.assessment_action_reach,
	rights: m.assessment_action_rights,
	statePolicy: m.assessment_action_statePolicy
};
