import type { Sql, TransactionSql } from 'postgres';

type AnySql = Sql | TransactionSql;
type Scoped = (sql: TransactionSql) => unknown;

/**
 * drizzle hands postgres.js every query with `prepare: false` unless the query was named, and
 * postgres.js then describes each query with parameters before it runs it: two round trips, and
 * the server parses and plans the text every time. Prepared, a query text is parsed once per
 * connection (postgres.js keeps it for the connection's lifetime, see open.ts) and costs one
 * round trip.
 * `?prepare=false` in DATABASE_URL still turns preparing off for the whole pool, e.g. behind a
 * pooler without prepared statements (decision 0038). Changes `sql` itself and returns it.
 */
export function preparing<T extends AnySql>(sql: T): T {
	const unsafe = sql.unsafe;
	sql.unsafe = ((query: string, params?: unknown[] | object, options?: object) =>
		Array.isArray(params) ? unsafe(query, params as never, { ...options, prepare: true }) : unsafe(query, [], { ...params, prepare: true })) as T['unsafe'];
	// Transactions and savepoints run on a connection of their own, handed to the callback.
	for (const key of ['begin', 'savepoint'] as const) {
		const method = (sql as unknown as Record<string, unknown>)[key] as ((...args: unknown[]) => unknown) | undefined;
		if (typeof method !== 'function') continue;
		(sql as unknown as Record<string, unknown>)[key] = (...args: unknown[]) => {
			if (typeof args.at(-1) !== 'function') return method(...args);
			const scoped = args.pop() as Scoped;
			return method(...args, (inner: TransactionSql) => scoped(preparing(inner)));
		};
	}
	return sql;
}
