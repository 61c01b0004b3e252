import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/lib/server/db/open';
import { DataDirLockedError } from '../../src/lib/server/db/lock';
import { municipality } from '../../src/lib/server/db/schema';
import { rowsOf, type Db } from '../../src/lib/server/db';
import { migrationsFolder, openTestDatabase, type TestDatabase } from '../support/db';

const journal = JSON.parse(fs.readFileSync(path.join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as { entries: unknown[] };

/** Rows drizzle keeps of applied migrations; one per migration file, however often opened. */
async function appliedMigrations(db: Db): Promise<number> {
	const result = await db.execute<{ n: number }>(sql`select count(*)::int as n from drizzle.__drizzle_migrations`);
	const rows = Array.isArray(result) ? result : (result as unknown as { rows: { n: number }[] }).rows;
	return rows[0]!.n;
}

// The PostgreSQL pass tests its own backend only (CI runs each backend once).
describe.skipIf(process.env.DATABASE_URL)('the embedded database in a folder', () => {
	let dir: string;
	const children: ChildProcess[] = [];

	beforeEach(() => {
		dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fokus-data-'));
	});

	afterEach(async () => {
		for (const child of children.splice(0)) {
			if (child.exitCode === null && child.signalCode === null) {
				const exited = new Promise((resolve) => child.once('exit', resolve));
				child.kill('SIGKILL');
				await exited;
			}
		}
		fs.rmSync(dir, { recursive: true, force: true });
	});

	it('creates missing folders, locks them while open, and keeps the data across a restart', async () => {
		const dataDir = path.join(dir, 'nested', 'data');
		const first = await openDatabase({ dataDir, migrationsFolder });
		expect(first.kind).toBe('pglite');
		expect(JSON.parse(fs.readFileSync(path.join(dataDir, 'fokus.lock'), 'utf8')).pid).toBe(process.pid);
		await first.db.insert(municipality).values({ slug: 'bleibt', name: 'Bleibt' });
		await first.close();
		expect(fs.existsSync(path.join(dataDir, 'fokus.lock'))).toBe(false);

		const second = await openDatabase({ dataDir, migrationsFolder });
		try {
			expect((await second.db.select().from(municipality)).map((row) => row.slug)).toEqual(['bleibt']);
			expect(await appliedMigrations(second.db)).toBe(journal.entries.length);
			expect(await second.ping()).toBe(true);
		} finally {
			await second.close();
		}
		expect(await second.ping()).toBe(false);
	});

	it('refuses a folder another live process holds, without touching it', async () => {
		const holder = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000); console.log("ready")'], {
			stdio: ['ignore', 'pipe', 'inherit']
		});
		children.push(holder);
		await new Promise((resolve) => holder.stdout!.once('data', resolve));
		fs.writeFileSync(path.join(dir, 'fokus.lock'), JSON.stringify({ pid: holder.pid, host: os.hostname() }));

		await expect(openDatabase({ dataDir: dir, migrationsFolder })).rejects.toBeInstanceOf(DataDirLockedError);
		expect(fs.readdirSync(dir)).toEqual(['fokus.lock']);
		expect(JSON.parse(fs.readFileSync(path.join(dir, 'fokus.lock'), 'utf8')).pid).toBe(holder.pid);
	});
});

describe.runIf(process.env.DATABASE_URL)('a PostgreSQL server database', () => {
	let database: TestDatabase;

	beforeEach(async () => {
		database = await openTestDatabase('postgres');
	});

	afterEach(async () => {
		await database.close();
	});

	it('is migrated once when several app processes start at the same time', async () => {
		expect(await appliedMigrations(database.db)).toBe(journal.entries.length);
		const handles = await Promise.all([1, 2, 3].map(() => openDatabase({ databaseUrl: database.databaseUrl!, migrationsFolder })));
		try {
			for (const handle of handles) {
				expect(handle.kind).toBe('postgres');
				expect(await handle.ping()).toBe(true);
			}
			expect(await appliedMigrations(database.db)).toBe(journal.entries.length);
		} finally {
			await Promise.all(handles.map((handle) => handle.close()));
		}
	});

	/** The texts prepared on the connection of one transaction after a query builder's select and a raw statement ran on it. */
	async function preparedOn(db: Db): Promise<string[]> {
		return db.transaction(async (tx) => {
			await tx.select({ id: municipality.id }).from(municipality).where(eq(municipality.slug, 'nirgendwo'));
			await rowsOf(tx, sql`select ${'raw'}::text as kind`);
			return (await rowsOf<{ statement: string }>(tx, sql`select statement from pg_prepared_statements`)).map((row) => row.statement);
		});
	}

	it('prepares queries on their connection, one round trip each after the first, in transactions too', async () => {
		const statements = await preparedOn(database.db);
		expect(statements.some((text) => text.includes('from "municipality"') && text.includes('"slug" = $1'))).toBe(true);
		expect(statements.some((text) => text.includes('select $1::text as kind'))).toBe(true);
	});

	it('prepares nothing with ?prepare=false in the URL (a transaction pooler without prepared statements)', async () => {
		const url = new URL(database.databaseUrl!);
		url.searchParams.set('prepare', 'false');
		const handle = await openDatabase({ databaseUrl: url.href, migrationsFolder });
		try {
			expect(await preparedOn(handle.db)).toEqual([]);
		} finally {
			await handle.close();
		}
	});
});
