import { m } from '$lib/i18n';
import type { Criterion } from '$lib/shared/criteria';

/** The Table 1 criteria in the reader's language. */
export const criterionLabel: Record<Criterion, () => string> = {
	agreements: m.criterion_agreements,
	attention: m.criterion_attention,
	institutionalisation: m.criterion_institutionalisation,
	reach: m.criterion_reach,
	rights: m.criterion_rights,
	statePolicy: m.criterion_statePolicy
};
