import { addMonths } from './frequency';

/**
 * "Wabe für Wabe" (section B2): how far the focus has come in a department, as one of five
 * stages. The rule is ours (the guide names the stages, not a formula).
 */
export const STAGES = ['nothing', 'tandem', 'agreed', 'monitoring', 'agreement'] as const;
export type Stage = (typeof STAGES)[number];

export interface DepartmentFacts {
	tandems: number;
	/** Goals both sides have agreed at least once. */
	agreedGoals: number;
	/** The latest check-in or measurement entry of the department's goals, `yyyy-mm-dd`. */
	lastActivity: string | null;
	/** The shortest check-in interval of its agreed goals (months); activity within two counts. */
	checkInMonths: number;
	/** A signed agreement with the department (the consolidation stage). */
	signedAgreements: number;
}

export function honeycombStage(facts: DepartmentFacts, today: string): Stage {
	if (facts.signedAgreements > 0) return 'agreement';
	if (facts.agreedGoals > 0 && facts.lastActivity !== null && addMonths(facts.lastActivity, 2 * facts.checkInMonths) >= today) return 'monitoring';
	if (facts.agreedGoals > 0) return 'agreed';
	if (facts.tandems > 0) return 'tandem';
	return 'nothing';
}
