import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import * as schema from './schema';
import type { Db, DbHandle } from './index';
import { acquireDataLock, type DataLock } from './lock';
import { advisoryExclusive, BOOT_WORK, processExclusive } from './exclusive';
import { preparing } from './prepared';

export interface OpenOptions {
	/** A postgres:// URL; when empty, the embedded PGlite in `dataDir` is used. */
	databaseUrl?: string;
	/** Folder for the embedded database; ignored with a URL. `memory://` keeps it in memory. */
	dataDir?: string;
	migrationsFolder?: string;
}

/** Opens the one database handle of this process and brings its schema up to date. */
export async function openDatabase(options: OpenOptions): Promise<DbHandle> {
	const migrationsFolder = options.migrationsFolder ?? path.resolve('drizzle');
	if (options.databaseUrl) return openPostgres(options.databaseUrl, migrationsFolder);
	return openPglite(options.dataDir ?? path.resolve('data'), migrationsFolder);
}

async function openPostgres(url: string, migrationsFolder: string): Promise<DbHandle> {
	const { default: postgres } = await import('postgres');
	const { drizzle } = await import('drizzle-orm/postgres-js');
	const { migrate } = await import('drizzle-orm/postgres-js/migrator');
	// A connection lives 10 to 20 minutes (postgres.js: 30 to 60): the queries it prepared go with
	// it, and lists of ids (`in ($1, …, $n)`) make a text per length (decision 0038).
	const client = postgres(url, {
		max: Number(process.env.DATABASE_POOL_SIZE ?? 10),
		onnotice: () => {},
		backoff: reconnectDelaySeconds,
		max_lifetime: 60 * (10 + Math.random() * 10)
	});
	const db = drizzle(preparing(client), { schema, casing: 'snake_case' });
	const exclusive = advisoryExclusive(client);
	// Several app processes may start at once against one server: one migrates, the others wait.
	try {
		await exclusive(BOOT_WORK, () => migrate(db, { migrationsFolder }), { wait: true });
	} catch (error) {
		await client.end({ timeout: 5 });
		throw error;
	}
	return {
		db: db as unknown as Db,
		kind: 'postgres',
		exclusive,
		ping: () => ping(db as unknown as Db),
		close: () => client.end({ timeout: 5 })
	};
}

async function openPglite(dataDir: string, migrationsFolder: string): Promise<DbHandle> {
	const { PGlite } = await import('@electric-sql/pglite');
	const { drizzle } = await import('drizzle-orm/pglite');
	const { migrate } = await import('drizzle-orm/pglite/migrator');
	let lock: DataLock | undefined;
	let target = dataDir;
	if (!dataDir.startsWith('memory://')) {
		fs.mkdirSync(dataDir, { recursive: true });
		lock = acquireDataLock(dataDir);
		target = path.join(dataDir, 'db');
	}
	try {
		const client = await PGlite.create(target);
		const db = drizzle(client, { schema, casing: 'snake_case' });
		await migrate(db, { migrationsFolder });
		return {
			db: db as unknown as Db,
			kind: 'pglite',
			exclusive: processExclusive(),
			ping: () => ping(db as unknown as Db),
			async close() {
				try {
					await client.close();
				} finally {
					lock?.release();
				}
			}
		};
	} catch (error) {
		lock?.release();
		throw error;
	}
}

/**
 * Seconds before the pool tries a connection again after failures. postgres.js waits up to
 * 20 s by default (3^n / 100, counted over the whole pool), so after PostgreSQL restarted the
 * app kept waiting for many seconds with the server long back; at most 2 s here, with jitter.
 */
export function reconnectDelaySeconds(failures: number): number {
	return Math.min(0.1 * 2 ** failures, 2) * (0.5 + Math.random() / 2);
}

/** A database that does not answer within this long counts as down: a health check never hangs. */
const PING_TIMEOUT_MS = 2000;

async function ping(db: Db): Promise<boolean> {
	let timer: NodeJS.Timeout | undefined;
	const timeout = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), PING_TIMEOUT_MS)));
	try {
		return await Promise.race([db.execute(sql`select 1`).then(() => true), timeout]);
	} catch {
		return false;
	} finally {
		clearTimeout(timer);
	}
}
