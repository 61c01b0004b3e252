import { publish } from '../events';

/** Tells open pages that a goal's rows changed; call after the writing transaction committed. */
export function announce(municipalityId: string, goalId: string): void {
	publish({ type: 'goal-changed', municipalityId, goalId });
}
