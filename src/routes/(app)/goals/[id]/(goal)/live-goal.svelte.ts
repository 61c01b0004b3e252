import { getContext, setContext } from 'svelte';
import type { GoalSession } from '$lib/collab/goal-session.svelte';
import { isCriterion } from '$lib/shared/criteria';
import type { GoalContent, IndicatorDef } from '$lib/shared/goal-doc';
import { goalStatus, type SignoffRef } from '$lib/shared/goal-status';

/** What the server sent about the goal: its projected content, signatures and stored hash. */
export interface GoalBasis {
	goal: {
		title: string;
		forWhom: string;
		resources: string;
		criterion: string | null;
		deadline: string | null;
		contentHash: string;
		closedAt: Date | string | null;
	};
	indicators: IndicatorDef[];
	signoffs: readonly SignoffRef[];
	canEdit: boolean;
}

/**
 * The goal as every sub-page shows it: one live document session for all of them, and the values
 * derived from it. Until the session holds the server's state, everything derives from what the
 * server sent, exactly as the server rendered it: a half-synced document would hash differently
 * and flash "changed since agreement" (or an empty SMART check) for a moment.
 */
export class LiveGoal {
	session = $state<GoalSession>();
	readonly #basis: () => GoalBasis;

	constructor(basis: () => GoalBasis) {
		this.#basis = basis;
	}

	/** The session's content counts: it has synced with the server, or it is offline with its own copy. */
	readonly live = $derived(Boolean(this.session && (this.session.synced || (this.session.loaded && this.session.state === 'offline'))));
	readonly content: GoalContent = $derived.by(() => {
		if (this.live) return this.session!.content;
		const { goal, indicators } = this.#basis();
		return {
			title: goal.title,
			forWhom: goal.forWhom,
			resources: goal.resources,
			criterion: goal.criterion !== null && isCriterion(goal.criterion) ? goal.criterion : null,
			deadline: goal.deadline,
			indicators
		};
	});
	readonly hash = $derived.by(() => (this.live ? this.session!.hash : this.#basis().goal.contentHash));
	readonly status = $derived.by(() => goalStatus({ closed: this.#basis().goal.closedAt !== null, signoffs: this.#basis().signoffs, contentHash: this.hash }));
	readonly editable = $derived.by(() => this.session?.editable(this.#basis().canEdit) ?? false);
	readonly peers = $derived(this.session?.peers ?? []);
}

const KEY = Symbol('live-goal');

export const provideLiveGoal = (goal: LiveGoal) => setContext(KEY, goal);

export function useLiveGoal(): LiveGoal {
	const goal = getContext<LiveGoal | undefined>(KEY);
	if (!goal) throw new Error('a goal sub-page outside the goal layout');
	return goal;
}
