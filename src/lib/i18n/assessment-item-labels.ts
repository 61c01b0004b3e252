import { m } from '$lib/i18n';
import type { AssessmentItem } from '$lib/shared/assessment';

// Apart from the stage labels: only the assessment page needs these 70 texts, so pages that show
// a stage do not download them.
type Message = () => string;

/** Each question and criterion with the description of its steps 0–3 (named statically, so only these are bundled). */
export const itemText: Record<AssessmentItem, { label: Message; steps: [Message, Message, Message, Message] }> = {
	framework: { label: m.assessment_question_framework, steps: [m.assessment_question_framework_step_0, m.assessment_question_framework_step_1, m.assessment_question_framework_step_2, m.assessment_question_framework_step_3] },
	reporting: { label: m.assessment_question_reporting, steps: [m.assessment_question_reporting_step_0, m.assessment_question_reporting_step_1, m.assessment_question_reporting_step_2, m.assessment_question_reporting_step_3] },
	operationalised: { label: m.assessment_question_operationalised, steps: [m.assessment_question_operationalised_step_0, m.assessment_question_operationalised_step_1, m.assessment_question_operationalised_step_2, m.assessment_question_operationalised_step_3] },
	responsible: { label: m.assessment_question_responsible, steps: [m.assessment_question_responsible_step_0, m.assessment_question_responsible_step_1, m.assessment_question_responsible_step_2, m.assessment_question_responsible_step_3] },
	transition: { label: m.assessment_question_transition, steps: [m.assessment_question_transition_step_0, m.assessment_question_transition_step_1, m.assessment_question_transition_step_2, m.assessment_question_transition_step_3] },
	relations: { label: m.assessment_question_relations, steps: [m.assessment_question_relations_step_0, m.assessment_question_relations_step_1, m.assessment_question_relations_step_2, m.assessment_question_relations_step_3] },
	agreements: { label: m.assessment_criterion_agreements, steps: [m.assessment_criterion_agreements_step_0, m.assessment_criterion_agreements_step_1, m.assessment_criterion_agreements_step_2, m.assessment_criterion_agreements_step_3] },
	attention: { label: m.assessment_criterion_attention, steps: [m.assessment_criterion_attention_step_0, m.assessment_criterion_attention_step_1, m.assessment_criterion_attention_step_2, m.assessment_criterion_attention_step_3] },
	funding: { label: m.assessment_criterion_funding, steps: [m.assessment_criterion_funding_step_0, m.assessment_criterion_funding_step_1, m.assessment_criterion_funding_step_2, m.assessment_criterion_funding_step_3] },
	organisation: { label: m.assessment_criterion_organisation, steps: [m.assessment_criterion_organisation_step_0, m.assessment_criterion_organisation_step_1, m.assessment_criterion_organisation_step_2, m.assessment_criterion_organisation_step_3] },
	commissioner: { label: m.assessment_criterion_commissioner, steps: [m.assessment_criterion_commissioner_step_0, m.assessment_criterion_commissioner_step_1, m.assessment_criterion_commissioner_step_2, m.assessment_criterion_commissioner_step_3] },
	reach: { label: m.assessment_criterion_reach, steps: [m.assessment_criterion_reach_step_0, m.assessment_criterion_reach_step_1, m.assessment_criterion_reach_step_2, m.assessment_criterion_reach_step_3] },
	rights: { label: m.assessment_criterion_rights, steps: [m.assessment_criterion_rights_step_0, m.assessment_criterion_rights_step_1, m.assessment_criterion_rights_step_2, m.assessment_criterion_rights_step_3] },
	statePolicy: { label: m.assessment_criterion_statePolicy, steps: [m.assessment_criterion_statePolicy_step_0, m.assessment_criterion_statePolicy_step_1, m.assessment_criterion_statePolicy_step_2, m.assessment_criterion_statePolicy_step_3] }
};
