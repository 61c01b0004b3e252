import { m } from '$lib/i18n';
import type { AgreementPart, AgreementPhase, AgreementSide, AgreementStatus } from '$lib/shared/agreement-doc';

/** Agreement texts in the reader's language. */
export const partLabel: Record<AgreementPart, { label: () => string; hint: () => string }> = {
	structures: { label: m.agreement_part_structures, hint: m.agreement_part_structures_hint },
	tasks: { label: m.agreement_part_tasks, hint: m.agreement_part_tasks_hint },
	goals: { label: m.agreement_part_goals, hint: m.agreement_part_goals_hint },
	responsibilities: { label: m.agreement_part_responsibilities, hint: m.agreement_part_responsibilities_hint },
	competencies: { label: m.agreement_part_competencies, hint: m.agreement_part_competencies_hint }
};

export const agreementStatusLabel: Record<AgreementStatus, () => string> = {
	draft: m.agreement_status_draft,
	signed: m.agreement_status_signed,
	changed: m.agreement_status_changed
};

export const agreementSideLabel: Record<AgreementSide, () => string> = {
	focus: m.agreement_side_focus,
	head: m.agreement_side_head
};

/** Only shown when the period is not running. */
export const agreementPhaseLabel: Record<Exclude<AgreementPhase, 'running'>, () => string> = {
	upcoming: m.agreement_phase_upcoming,
	expired: m.agreement_phase_expired
};
