import type { SQL } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type * as schema from './schema';
import type { Exclusive } from './exclusive';

/** Both drivers (PGlite and postgres.js) behind one type; domain code never cares which. */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

export interface DbHandle {
	db: Db;
	kind: 'pglite' | 'postgres';
	/** Runs named work in one place at a time: across processes on PostgreSQL, in this one on PGlite. */
	exclusive: Exclusive;
	/** Answers whether the database still responds (for /healthz). */
	ping(): Promise<boolean>;
	close(): Promise<void>;
}

// The built app bundles its own copy of this module while server/ imports the source copy;
// a symbol on globalThis lets both use the single handle opened at start (two PGlite
// instances on one folder corrupt it).
const HANDLE = Symbol.for('fokus.db.handle');
type Holder = { [HANDLE]?: DbHandle };

export function setDbHandle(handle: DbHandle | undefined): void {
	(globalThis as Holder)[HANDLE] = handle;
}

export function getDbHandle(): DbHandle {
	const handle = (globalThis as Holder)[HANDLE];
	if (!handle) throw new Error('The database has not been opened in this process.');
	return handle;
}

export function getDb(): Db {
	return getDbHandle().db;
}

/**
 * Runs `work` in one transaction. drizzle types a transaction apart from the database it came
 * from, although every query builder works the same on both; domain functions take a `Db`, so
 * this is the one place that says a transaction is one.
 */
export function inTransaction<T>(db: Db, work: (tx: Db) => Promise<T>): Promise<T> {
	return db.transaction((tx) => work(tx as unknown as Db));
}

/** The rows of a raw statement: postgres.js returns them as the result, PGlite under `rows`. */
export async function rowsOf<T>(db: Db, query: SQL): Promise<T[]> {
	const result = (await db.execute(query)) as unknown as T[] | { rows: T[] };
	return Array.isArray(result) ? result : result.rows;
}
