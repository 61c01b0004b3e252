import type { ChangedField } from './goal-changes';

/**
 * A goal's history as one list, newest first: editing sessions summarised from the document's
 * update log, the adjustments of the agreed goal, the sign-offs and the named versions, each at
 * its own moment. Another kind of entry is one more member of `HistoryItem` and of `RANK`.
 */

/** One person's consecutive changes to the goal document (see decision 0026). */
export interface EditSession {
	/** The last update of the session: the version it ended with. */
	upToId: number;
	/** The version before it (0: the empty document). */
	fromId: number;
	userName: string | null;
	from: Date;
	to: Date;
	/** The fields whose value differs after the session from before it (empty: no visible change). */
	fields: ChangedField[];
}

export interface HistoryAdjustment {
	id: string;
	field: string;
	label: string;
	before: unknown;
	after: unknown;
	detectedAt: Date;
	reason: string | null;
}

export interface HistorySignoff {
	side: string;
	userName: string;
	signedAt: Date;
}

/** A state of the goal someone gave a name, e.g. "Stand Ausschuss März". */
export interface NamedVersion {
	id: string;
	name: string;
	upToId: number;
	/** When the named state was reached (the time of its last update). */
	stateAt: Date;
	createdByName: string | null;
	createdAt: Date;
}

/** A word in the conversation on the goal: a comment, a reply, a thread resolved or reopened. */
export interface HistoryComment {
	id: string;
	threadId: string;
	kind: 'comment' | 'reply' | 'resolved' | 'reopened';
	userName: string | null;
	at: Date;
	/** The start of what was written (empty for resolving and reopening). */
	excerpt: string;
}

export type HistoryItem =
	| { kind: 'session'; at: Date; session: EditSession }
	| { kind: 'adjustment'; at: Date; adjustment: HistoryAdjustment }
	| { kind: 'signoff'; at: Date; signoff: HistorySignoff }
	| { kind: 'version'; at: Date; version: NamedVersion }
	| { kind: 'comment'; at: Date; comment: HistoryComment };

/**
 * At equal times: a named version names the state the session at that moment ended with, and an
 * adjustment or a sign-off comes right after the edit it follows, so all of them go above it.
 */
const RANK: Record<HistoryItem['kind'], number> = { version: 0, adjustment: 1, signoff: 2, session: 3, comment: 4 };

export function sortHistory(items: HistoryItem[]): HistoryItem[] {
	return items.sort((a, b) => b.at.getTime() - a.at.getTime() || RANK[a.kind] - RANK[b.kind]);
}

/** A stable key for an entry of the list. */
export function historyKey(item: HistoryItem): string {
	switch (item.kind) {
		case 'session':
			return `s${item.session.upToId}`;
		case 'adjustment':
			return `a${item.adjustment.id}`;
		case 'signoff':
			return `o${item.signoff.side}${item.at.getTime()}`;
		case 'version':
			return `v${item.version.id}`;
		case 'comment':
			return `c${item.comment.id}`;
	}
}

/** The history with the goal's conversation in it, in the same order. */
export function withComments(items: readonly HistoryItem[], comments: readonly HistoryComment[]): HistoryItem[] {
	return sortHistory([...items, ...comments.map((comment) => ({ kind: 'comment' as const, at: new Date(comment.at), comment }))]);
}
