/** A goal's life: draft → agreed → changed since agreement (→ agreed again) → closed. */
export const GOAL_STATUSES = ['draft', 'agreed', 'changed', 'closed'] as const;
export type GoalStatus = (typeof GOAL_STATUSES)[number];

export const CLOSE_OUTCOMES = ['achieved', 'notAchieved', 'dropped'] as const;
export type CloseOutcome = (typeof CLOSE_OUTCOMES)[number];

/** The two sides whose signatures make a goal agreed. */
export const GOAL_SIDES = ['focus', 'department'] as const;
export type GoalSide = (typeof GOAL_SIDES)[number];

export interface SignoffRef {
	side: string;
	contentHash: string;
}

/** The sides that have signed exactly this content. */
export function signedSides(signoffs: readonly SignoffRef[], hash: string): GoalSide[] {
	return GOAL_SIDES.filter((side) => signoffs.some((s) => s.side === side && s.contentHash === hash));
}

/** True when some version was signed by both sides. */
export function everAgreed(signoffs: readonly SignoffRef[]): boolean {
	return [...new Set(signoffs.map((s) => s.contentHash))].some((hash) => signedSides(signoffs, hash).length === 2);
}

export function goalStatus(input: { closed: boolean; signoffs: readonly SignoffRef[]; contentHash: string }): GoalStatus {
	if (input.closed) return 'closed';
	if (signedSides(input.signoffs, input.contentHash).length === GOAL_SIDES.length) return 'agreed';
	return everAgreed(input.signoffs) ? 'changed' : 'draft';
}
