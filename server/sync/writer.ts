import * as Y from 'yjs';
import type { Logger } from 'pino';
import type { Db } from '../../src/lib/server/db';
import { appendMany, type StoredUpdate } from '../../src/lib/server/documents/update-log';
import type { AppendedNotice } from '../../src/lib/server/events';

/** Whoever added a document's updates (its room): told which positions they got. */
export interface WriteOwner {
	wrote(first: number, last: number): void;
}

interface Pending extends StoredUpdate {
	docName: string;
	owner: WriteOwner | undefined;
	receivedAt: number;
}

const FLUSH_MS = 40;
const MAX_ROWS_PER_STATEMENT = 500;

/**
 * Writes every room's updates in one batch per tick: a few multi-row inserts a second
 * instead of one per document, so hundreds of open documents do not crowd the database.
 * Consecutive updates of one author to one document become one row (same history, fewer
 * rows). Writes never overlap or reorder; a failed write keeps its updates for the next try.
 */
export class UpdateWriter {
	private queue: Pending[] = [];
	private timer: NodeJS.Timeout | undefined;
	private writing: Promise<void> = Promise.resolve();

	constructor(
		private readonly db: Db,
		private readonly log: Logger,
		private readonly report: {
			/** Time from each update's arrival to its commit. */
			onCommitLag?(ms: number): void;
			/** How each batch's statement tells other processes what it appended (when they listen). */
			notice?(): AppendedNotice | undefined;
		} = {}
	) {}

	add(docName: string, userId: string | null, update: Uint8Array, owner?: WriteOwner): void {
		this.queue.push({ docName, userId, update, owner, receivedAt: Date.now() });
		this.timer ??= setTimeout(() => void this.flush(), FLUSH_MS);
	}

	/** Resolves once everything added before the call is durable. */
	flush(): Promise<void> {
		clearTimeout(this.timer);
		this.timer = undefined;
		this.writing = this.writing.then(() => this.write());
		return this.writing;
	}

	private async write(): Promise<void> {
		const batch = this.queue.splice(0);
		if (batch.length === 0) return;
		const owners = ownersOf(batch);
		try {
			const rows = mergeRuns(batch);
			for (let start = 0; start < rows.length; start += MAX_ROWS_PER_STATEMENT) {
				for (const range of await appendMany(this.db, rows.slice(start, start + MAX_ROWS_PER_STATEMENT), this.report.notice?.())) {
					owners.get(range.name)?.wrote(range.first, range.seq);
				}
			}
		} catch (error) {
			// An update is never dropped because a write failed: it goes back to the front.
			this.queue.unshift(...batch);
			this.log.error({ err: error }, 'storing document updates failed; retrying');
			this.timer ??= setTimeout(() => void this.flush(), 1000);
			return;
		}
		const now = Date.now();
		for (const item of batch) this.report.onCommitLag?.(now - item.receivedAt);
	}
}

/**
 * Each document's owner, when one room added all of the batch's updates to it. A room unloading
 * and its successor may share a name; then neither is told, and both fetch what they lack.
 */
function ownersOf(batch: Pending[]): Map<string, WriteOwner | null> {
	// null: more than one room (or none) added this document's updates.
	const owners = new Map<string, WriteOwner | null>();
	for (const { docName, owner } of batch) {
		const known = owners.get(docName);
		owners.set(docName, known === undefined || known === owner ? (owner ?? null) : null);
	}
	return owners;
}

/** Per document, in order, consecutive updates of one author merged into one. */
function mergeRuns(batch: Pending[]): (StoredUpdate & { docName: string })[] {
	const runs: { docName: string; userId: string | null; updates: Uint8Array[] }[] = [];
	const lastRunOf = new Map<string, (typeof runs)[number]>();
	for (const item of batch) {
		const last = lastRunOf.get(item.docName);
		if (last && last.userId === item.userId) {
			last.updates.push(item.update);
		} else {
			const run = { docName: item.docName, userId: item.userId, updates: [item.update] };
			runs.push(run);
			lastRunOf.set(item.docName, run);
		}
	}
	return runs.map((run) => ({
		docName: run.docName,
		userId: run.userId,
		update: run.updates.length === 1 ? run.updates[0]! : Y.mergeUpdates(run.updates)
	}));
}
