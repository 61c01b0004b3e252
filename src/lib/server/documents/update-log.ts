import { and, asc, count, desc, eq, gt, inArray, lt, lte, max, sql } from 'drizzle-orm';
import * as Y from 'yjs';
import { inTransaction, rowsOf, type Db } from '../db';
import { docCheckpoint, docHead, docUpdate, user } from '../db/schema';
import { DOCUMENT_LOCK_CLASS } from '../db/exclusive';
import type { AppendedNotice } from '../events';

/** Documents named in one notification of appended rows: each takes about 70 of its 8000 bytes. */
const NOTICE_DOCS = 80;

/**
 * Persistence of collaborative documents: an append-only log of binary Yjs updates (each with
 * its author) plus checkpoints, the merged state up to an update id, so a load reads one
 * checkpoint and a short tail. The log is never shortened: history reads it.
 */
export interface StoredUpdate {
	userId: string | null;
	update: Uint8Array;
	/** When the server stored it; only history written after the fact (demo data, tests) sets it. */
	createdAt?: Date;
}

/** Appends one document's updates; returns the position of the last (0 for none). */
export async function appendUpdates(db: Db, docName: string, updates: readonly StoredUpdate[]): Promise<number> {
	if (updates.length === 0) return 0;
	const rows = await db
		.insert(docUpdate)
		.values(updates.map((u) => ({ docName, userId: u.userId, update: u.update, createdAt: u.createdAt })))
		.returning({ seq: docUpdate.seq });
	return Math.max(...rows.map((r) => r.seq));
}

/**
 * Appends updates of many documents in one statement (the sync server's batched writes) and
 * returns the positions each document's rows got. Rows go in by document name (each document's
 * in their order): the position trigger locks each document's head, and two processes locking
 * heads in different orders could deadlock. With a `notice`, the same statement tells the other
 * processes which documents grew to which position; PostgreSQL delivers that when the rows commit.
 */
export async function appendMany(db: Db, rows: readonly (StoredUpdate & { docName: string })[], notice?: AppendedNotice): Promise<WrittenRange[]> {
	if (rows.length === 0) return [];
	const ordered = [...rows].sort((a, b) => (a.docName < b.docName ? -1 : a.docName > b.docName ? 1 : 0));
	// Three arrays and one constant statement, prepared once: the sync server appends thousands
	// of rows a second, and a VALUES list per batch was a new statement for every row count,
	// with the query builder's work per value the largest part of the server's own CPU time.
	// `with ordinality … order by` keeps the rows (and the heads they lock) in this order. Updates
	// travel as hex, as the driver would send bytea anyway; an array of bytes it cannot type.
	const insert = sql`insert into ${docUpdate} (doc_name, user_id, update)
		select doc_name, user_id, decode(update, 'hex')
		from unnest(${sql.param(ordered.map((r) => r.docName))}::text[], ${sql.param(ordered.map((r) => r.userId))}::uuid[], ${sql.param(ordered.map((r) => Buffer.from(r.update.buffer, r.update.byteOffset, r.update.byteLength).toString('hex')))}::text[])
			with ordinality as r(doc_name, user_id, update, position)
		order by position
		returning doc_name as name, seq`;
	// The notice names at most NOTICE_DOCS documents per notification (a payload holds 8000 bytes);
	// the count in the last line makes PostgreSQL run the notifying part, which nothing else reads.
	const written = await rowsOf<{ name: string; seq: string | number }>(
		db,
		notice
			? sql`with written as (${insert}),
				notified as (
					select pg_notify(${notice.channel}::text, ${notice.before}::text || json_agg(json_build_object('name', name, 'seq', seq))::text || ${notice.after}::text)
					from (select name, max(seq) as seq, (row_number() over (order by name) - 1) / ${sql.raw(String(NOTICE_DOCS))} as part from written group by name) heads
					group by part
				)
				select name, seq from written where (select count(*) from notified) >= 0`
			: insert
	);
	const ranges = new Map<string, WrittenRange>();
	for (const row of written) {
		const seq = Number(row.seq);
		const range = ranges.get(row.name);
		if (!range) ranges.set(row.name, { name: row.name, first: seq, seq });
		else {
			range.first = Math.min(range.first, seq);
			range.seq = Math.max(range.seq, seq);
		}
	}
	return [...ranges.values()];
}

/** The last positions of these documents' logs (documents without rows are left out). */
export async function headsOf(db: Db, docNames: readonly string[]): Promise<DocPosition[]> {
	if (docNames.length === 0) return [];
	return db.select({ name: docHead.docName, seq: docHead.seq }).from(docHead).where(inArray(docHead.docName, [...docNames]));
}

/** A document and a position in its log (the last row a write added). */
export interface DocPosition {
	name: string;
	seq: number;
}

/**
 * The positions one statement gave a document's rows: `first` to `seq`, without gaps, since the
 * document's head stays locked until the statement's transaction ends (decision 0032).
 */
export interface WrittenRange extends DocPosition {
	first: number;
}

/**
 * The document's state as one update, and the position of the last row it contains. Rows
 * commit in position order (decision 0032), so what is read is the log up to that position.
 */
export async function loadState(db: Db, docName: string): Promise<{ state: Uint8Array | null; lastSeq: number }> {
	const [checkpoint] = await db.select().from(docCheckpoint).where(eq(docCheckpoint.docName, docName));
	// A checkpoint from before positions says only up to which id it holds the log.
	const legacy = checkpoint && checkpoint.upToSeq === null;
	const tail = await db
		.select({ seq: docUpdate.seq, update: docUpdate.update })
		.from(docUpdate)
		.where(and(eq(docUpdate.docName, docName), legacy ? gt(docUpdate.id, checkpoint.upToId) : gt(docUpdate.seq, checkpoint?.upToSeq ?? 0)))
		.orderBy(asc(docUpdate.seq));
	const parts = [...(checkpoint ? [checkpoint.state] : []), ...tail.map((row) => row.update)];
	return {
		state: parts.length === 0 ? null : parts.length === 1 ? parts[0]! : merged(docName, parts),
		lastSeq: Math.max(checkpoint?.upToSeq ?? 0, ...tail.map((row) => row.seq))
	};
}

/**
 * The rows after each given position, of many documents in one query (a process's rooms catching
 * up with what the others wrote), by document and position; `at` is the index in `from` a row answers.
 */
export async function updatesAfter(db: Db, from: readonly DocPosition[]): Promise<(DocPosition & { at: number; update: Uint8Array })[]> {
	if (from.length === 0) return [];
	const rows = await rowsOf<{ at: number; name: string; seq: string | number; update: Uint8Array }>(
		db,
		// Two arrays and one constant statement, as in appendMany. A plain join made PostgreSQL scan
		// the whole log; the lateral lookup (`offset 0` keeps the planner from flattening it) reads
		// each document's tail through (doc_name, seq).
		sql`select w.at - 1 as at, w.name, u.seq, u.update
			from unnest(${sql.param(from.map((p) => p.name))}::text[], ${sql.param(from.map((p) => String(p.seq)))}::bigint[]) with ordinality as w(name, after, at)
			cross join lateral (select seq, update from ${docUpdate} where doc_name = w.name and seq > w.after order by seq offset 0) u
			order by w.at, u.seq`
	);
	return rows.map((row) => ({
		at: Number(row.at),
		name: row.name,
		seq: Number(row.seq),
		update: new Uint8Array(row.update.buffer, row.update.byteOffset, row.update.byteLength)
	}));
}

/**
 * Folds the tail into the checkpoint: the rows after its position, as far as they are a few
 * seconds old. Positions alone would allow folding everything visible; the wait keeps `upToId`
 * true for processes of the version before positions, which load the tail by id (ids may commit
 * out of order). Folding again is harmless (Yjs is idempotent).
 */
export async function compact(db: Db, docName: string, settleSeconds = 5): Promise<void> {
	await inTransaction(db, async (tx) => {
		// One fold per document at a time across processes; whoever finds it busy leaves it to the other.
		const [lock] = await rowsOf<{ locked: boolean }>(tx, sql`select pg_try_advisory_xact_lock(${DOCUMENT_LOCK_CLASS}, hashtext(${docName})) as locked`);
		if (!lock?.locked) return;
		const [checkpoint] = await tx.select().from(docCheckpoint).where(eq(docCheckpoint.docName, docName));
		const from = checkpoint?.upToSeq ?? 0;
		const rows = await tx
			.select({ id: docUpdate.id, seq: docUpdate.seq, update: docUpdate.update, settled: sql<boolean>`${docUpdate.createdAt} < now() - make_interval(secs => ${settleSeconds})` })
			.from(docUpdate)
			.where(and(eq(docUpdate.docName, docName), gt(docUpdate.seq, from)))
			.orderBy(asc(docUpdate.seq));
		const unsettled = rows.findIndex((row) => !row.settled);
		const settled = unsettled < 0 ? rows : rows.slice(0, unsettled);
		if (settled.length === 0) return;
		const state = merged(docName, [...(checkpoint ? [checkpoint.state] : []), ...settled.map((row) => row.update)]);
		const upToSeq = settled.at(-1)!.seq;
		const upToId = Math.max(checkpoint?.upToId ?? 0, ...settled.map((row) => row.id));
		await tx
			.insert(docCheckpoint)
			.values({ docName, upToId, upToSeq, state })
			.onConflictDoUpdate({ target: docCheckpoint.docName, set: { upToId, upToSeq, state, createdAt: new Date() } });
	});
}

export interface HistoryEntry {
	/** The last update id of this group: the version to show or restore. */
	upToId: number;
	userId: string | null;
	userName: string | null;
	from: Date;
	to: Date;
	changes: number;
}

/**
 * Who changed a document and when: consecutive updates of one person within `gapMinutes`
 * form one entry, newest first.
 */
export async function history(db: Db, docName: string, gapMinutes = 10, limit = 200): Promise<HistoryEntry[]> {
	const rows = await db
		.select({ id: docUpdate.id, userId: docUpdate.userId, userName: user.name, createdAt: docUpdate.createdAt })
		.from(docUpdate)
		.leftJoin(user, eq(user.id, docUpdate.userId))
		.where(eq(docUpdate.docName, docName))
		.orderBy(asc(docUpdate.id));
	return sessionsOf(rows, gapMinutes)
		.map((s) => s.entry)
		.reverse()
		.slice(0, limit);
}

interface LogRow {
	id: number;
	userId: string | null;
	userName: string | null;
	createdAt: Date;
}

/** Groups log rows (oldest first) into sessions, remembering which rows each one spans. */
function sessionsOf<R extends LogRow>(rows: readonly R[], gapMinutes: number): { entry: HistoryEntry; first: number; last: number }[] {
	const sessions: { entry: HistoryEntry; first: number; last: number }[] = [];
	rows.forEach((row, index) => {
		const last = sessions.at(-1);
		if (last && last.entry.userId === row.userId && row.createdAt.getTime() - last.entry.to.getTime() <= gapMinutes * 60_000) {
			last.entry.upToId = row.id;
			last.entry.to = row.createdAt;
			last.entry.changes++;
			last.last = index;
		} else {
			sessions.push({ entry: { upToId: row.id, userId: row.userId, userName: row.userName, from: row.createdAt, to: row.createdAt, changes: 1 }, first: index, last: index });
		}
	});
	return sessions;
}

export interface SessionStates<S> extends HistoryEntry {
	/** The version before the session (0: the empty document). */
	fromId: number;
	before: S;
	after: S;
}

/**
 * The newest `limit` sessions (as `history`, newest first), each with the document read by
 * `read` before and after it. The log is replayed once, forward, in one transaction, and read
 * only at the boundaries of the sessions asked for: a long log costs one replay, not one per row.
 */
export async function sessionStates<S>(db: Db, docName: string, read: (doc: Y.Doc) => S, gapMinutes = 10, limit = 200): Promise<SessionStates<S>[]> {
	const rows = await db
		.select({ id: docUpdate.id, userId: docUpdate.userId, userName: user.name, createdAt: docUpdate.createdAt, update: docUpdate.update })
		.from(docUpdate)
		.leftJoin(user, eq(user.id, docUpdate.userId))
		.where(eq(docUpdate.docName, docName))
		.orderBy(asc(docUpdate.id));
	const sessions = sessionsOf(rows, gapMinutes);
	const shown = sessions.slice(Math.max(0, sessions.length - limit));
	const doc = logDoc(docName);
	const result: SessionStates<S>[] = [];
	doc.transact(() => {
		let applied = 0;
		const applyUpTo = (index: number) => {
			for (; applied <= index; applied++) Y.applyUpdate(doc, rows[applied]!.update);
		};
		applyUpTo((shown[0]?.first ?? 0) - 1);
		let before = read(doc);
		let fromId = shown[0] && shown[0].first > 0 ? rows[shown[0].first - 1]!.id : 0;
		for (const session of shown) {
			applyUpTo(session.last);
			const after = read(doc);
			result.push({ ...session.entry, fromId, before, after });
			before = after;
			fromId = session.entry.upToId;
		}
	});
	doc.destroy();
	return result.reverse();
}

/**
 * The document read by `read` after each of the given update ids (0: the empty document), from
 * one forward replay of the log. Ids that are not in this document's log are left out.
 */
export async function statesAt<S>(db: Db, docName: string, ids: readonly number[], read: (doc: Y.Doc) => S): Promise<Map<number, S>> {
	const wanted = new Set(ids);
	const states = new Map<number, S>();
	const doc = logDoc(docName);
	if (wanted.has(0)) states.set(0, read(doc));
	const highest = Math.max(0, ...ids.filter((id) => Number.isSafeInteger(id)));
	if (highest > 0) {
		const rows = await db
			.select({ id: docUpdate.id, update: docUpdate.update })
			.from(docUpdate)
			.where(and(eq(docUpdate.docName, docName), lte(docUpdate.id, highest)))
			.orderBy(asc(docUpdate.id));
		doc.transact(() => {
			for (const row of rows) {
				Y.applyUpdate(doc, row.update);
				if (wanted.has(row.id)) states.set(row.id, read(doc));
			}
		});
	}
	doc.destroy();
	return states;
}

/** The time the update `id` of a document was stored, or undefined when it is not in its log. */
export async function updateTime(db: Db, docName: string, id: number): Promise<Date | undefined> {
	if (!Number.isSafeInteger(id) || id < 1) return undefined;
	const [row] = await db
		.select({ createdAt: docUpdate.createdAt })
		.from(docUpdate)
		.where(and(eq(docUpdate.docName, docName), eq(docUpdate.id, id)));
	return row?.createdAt;
}

/** The document as it was after update `upToId` (from the full log, not from checkpoints). */
export async function stateAt(db: Db, docName: string, upToId: number): Promise<Y.Doc> {
	const rows = await db
		.select({ update: docUpdate.update })
		.from(docUpdate)
		.where(and(eq(docUpdate.docName, docName), lte(docUpdate.id, upToId)))
		.orderBy(asc(docUpdate.id));
	return replay(docName, rows.map((row) => row.update));
}

/**
 * The document as it stood just before `instant`: every update the server had stored by then,
 * from the full log (a checkpoint does not say when its updates came). Offline edits count from
 * when they reached the server, as the log's time is the time of storing.
 */
export async function stateBefore(db: Db, docName: string, instant: Date): Promise<Y.Doc> {
	const rows = await db
		.select({ update: docUpdate.update })
		.from(docUpdate)
		.where(and(eq(docUpdate.docName, docName), lt(docUpdate.createdAt, instant)))
		.orderBy(asc(docUpdate.id));
	return replay(docName, rows.map((row) => row.update));
}

/**
 * An empty document to rebuild a stored one in. Named after it: a random name costs 31 calls to
 * the system's random source (lib0's uuidv4), which made 500 documents take 300 ms on a VM.
 */
export const logDoc = (docName: string) => new Y.Doc({ guid: docName });

/** A document from a run of the log. */
function replay(docName: string, updates: readonly Uint8Array[]): Y.Doc {
	const doc = logDoc(docName);
	applyAll(doc, updates);
	return doc;
}

/**
 * Applies updates in log order, in one transaction. One by one is fast while each finds what it
 * builds on (merging thousands of keystroke-sized updates first, Y.mergeUpdates, takes about a
 * second for 10,000, applying them some tens of milliseconds). But an update whose base is
 * missing (a cut by time through a log whose times and ids disagree) stays pending, and Yjs
 * merges everything pending again with each later update: quadratic. From the first such update
 * on, the rest goes in as one merged update.
 */
export function applyAll(doc: Y.Doc, updates: readonly Uint8Array[]): void {
	doc.transact(() => {
		for (let i = 0; i < updates.length; i++) {
			if (doc.store.pendingStructs !== null || doc.store.pendingDs !== null) {
				Y.applyUpdate(doc, Y.mergeUpdates(updates.slice(i)));
				return;
			}
			Y.applyUpdate(doc, updates[i]!);
		}
	});
}

/**
 * What a document's log is, in a few characters: how many updates, the newest id, and their
 * times (moved only by history written after the fact). Equal fingerprints, equal logs: views
 * computed from a log are kept as long as its fingerprint stays.
 */
export async function logFingerprint(db: Db, docName: string): Promise<string> {
	const [row] = await db
		.select({ n: count(), last: max(docUpdate.id), times: sql<string>`coalesce(sum(extract(epoch from ${docUpdate.createdAt})), 0)::text` })
		.from(docUpdate)
		.where(eq(docUpdate.docName, docName));
	return `${row?.n ?? 0}:${row?.last ?? 0}:${row?.times ?? 0}`;
}

/** The newest update id of a document (0 when it has none). */
export async function lastUpdateId(db: Db, docName: string): Promise<number> {
	const [row] = await db
		.select({ id: docUpdate.id })
		.from(docUpdate)
		.where(eq(docUpdate.docName, docName))
		.orderBy(desc(docUpdate.id))
		.limit(1);
	return row?.id ?? 0;
}

/** Forgets a document whose subject was deleted: its log and its checkpoint. */
export async function deleteDocument(db: Db, docName: string): Promise<void> {
	await db.delete(docUpdate).where(eq(docUpdate.docName, docName));
	await db.delete(docCheckpoint).where(eq(docCheckpoint.docName, docName));
	await db.delete(docHead).where(eq(docHead.docName, docName));
}

/** Several updates as one, by replaying them (see `applyAll`: far faster than Y.mergeUpdates for many small ones). */
function merged(docName: string, updates: readonly Uint8Array[]): Uint8Array {
	const doc = replay(docName, updates);
	const state = Y.encodeStateAsUpdate(doc);
	doc.destroy();
	return state;
}
