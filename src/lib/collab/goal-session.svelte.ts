import { readGoalContent, type GoalContent } from '$lib/shared/goal-doc';
import { contentHash } from '$lib/shared/content-hash';
import { DocSession } from './doc-session.svelte';

/** A goal document in the browser, with the hash of its substantive content for the sign-off. */
export class GoalSession extends DocSession<GoalContent> {
	hash = $derived(contentHash(this.content));

	constructor(goalId: string, user: { id: string; name: string }) {
		super({ kind: 'goal', id: goalId }, user, readGoalContent);
	}
}
