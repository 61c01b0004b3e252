/**
 * A goal's history as one list, newest first: the editing sessions from the document's update
 * log, the adjustments recorded for the agreed goal and the conversation on it, each at its own moment.
 */
export type HistoryRow<E, A, C = never> =
	| { kind: 'edit'; at: Date; entry: E }
	| { kind: 'adjustment'; at: Date; adjustment: A }
	| { kind: 'comment'; at: Date; comment: C };

export function historyRows<E extends { to: Date }, A extends { detectedAt: Date }, C extends { at: Date } = never>(
	entries: readonly E[],
	adjustments: readonly A[],
	comments: readonly C[] = []
): HistoryRow<E, A, C>[] {
	const rows: HistoryRow<E, A, C>[] = [
		...entries.map((entry) => ({ kind: 'edit' as const, at: entry.to, entry })),
		...adjustments.map((adjustment) => ({ kind: 'adjustment' as const, at: adjustment.detectedAt, adjustment })),
		...comments.map((comment) => ({ kind: 'comment' as const, at: new Date(comment.at), comment }))
	];
	// An adjustment is detected right after the edit that caused it, so at equal times it goes above.
	return rows.sort((a, b) => b.at.getTime() - a.at.getTime() || (a.kind === b.kind ? 0 : a.kind === 'adjustment' ? -1 : 1));
}
