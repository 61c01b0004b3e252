/**
 * A goal's history as one list, newest first: the editing sessions from the document's update
 * log and the adjustments recorded for the agreed goal, each at its own moment.
 */
export type HistoryRow<E, A> = { kind: 'edit'; at: Date; entry: E } | { kind: 'adjustment'; at: Date; adjustment: A };

export function historyRows<E extends { to: Date }, A extends { detectedAt: Date }>(entries: readonly E[], adjustments: readonly A[]): HistoryRow<E, A>[] {
	const rows: HistoryRow<E, A>[] = [
		...entries.map((entry) => ({ kind: 'edit' as const, at: entry.to, entry })),
		...adjustments.map((adjustment) => ({ kind: 'adjustment' as const, at: adjustment.detectedAt, adjustment }))
	];
	// An adjustment is detected right after the edit that caused it, so at equal times it goes above.
	return rows.sort((a, b) => b.at.getTime() - a.at.getTime() || (a.kind === b.kind ? 0 : a.kind === 'adjustment' ? -1 : 1));
}
