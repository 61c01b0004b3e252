import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { count, sql } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { rowsOf } from '../../src/lib/server/db';
import { municipality } from '../../src/lib/server/db/schema';
import { DEMO } from '../../src/lib/server/demo/towns';
import { openDatabase } from '../../src/lib/server/db/open';
import { goalText } from '../../src/lib/shared/goal-doc';
import { killAll, spawnServer, tempDir, waitUntilReady } from '../e2e/support/processes';
import { migrationsFolder } from '../support/db';
import { startSyncProcess, type SyncProcess } from '../support/processes';
import { connectClient, goalWorld, sameState, waitFor, type GoalWorld } from '../support/sync';
import { freePort } from '../support/nginx.mjs';
import { report, useFaultDatabase, untilStored } from './support/suite';
import { missing, typist } from './support/typing';

/**
 * The project's migrations plus one more that expands the schema as docs/deploy allows (a new
 * nullable column on the log the old code never names, an index, a new table): the next release.
 */
function nextRelease(): string {
	const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'fokus-next-release-'));
	fs.cpSync(migrationsFolder, folder, { recursive: true });
	const journalFile = path.join(folder, 'meta', '_journal.json');
	const journal = JSON.parse(fs.readFileSync(journalFile, 'utf8')) as { entries: { idx: number; when: number; tag: string }[] };
	const last = journal.entries.at(-1)!;
	const tag = `${String(last.idx + 1).padStart(4, '0')}_next_release_expand`;
	journal.entries.push({ ...last, idx: last.idx + 1, when: last.when + 1000, tag });
	fs.writeFileSync(journalFile, JSON.stringify(journal));
	fs.writeFileSync(
		path.join(folder, `${tag}.sql`),
		[
			'ALTER TABLE "doc_update" ADD COLUMN "client_hint" text;',
			'CREATE INDEX "doc_update_client_hint_idx" ON "doc_update" ("client_hint");',
			'CREATE TABLE "next_release_note" ("id" serial PRIMARY KEY, "note" text NOT NULL);'
		].join('\n--> statement-breakpoint\n')
	);
	return folder;
}

// 10. A rolling restart across a schema change: old and new processes run side by side while
// people type (migrations follow the expand/contract rule of docs/deploy), and processes that
// start together migrate and seed under the boot lock, once.
describe('a rolling restart across a schema change', () => {
	const t = useFaultDatabase();
	let world: GoalWorld;
	let next: string;
	const processes: SyncProcess[] = [];

	beforeAll(async () => {
		world = await goalWorld(t.db);
		next = nextRelease();
		processes.push(await startSyncProcess(t.databaseUrl!), await startSyncProcess(t.databaseUrl!));
	});
	const cleanup: (() => void)[] = [];
	afterAll(async () => {
		await Promise.all(processes.map((p) => p.close()));
		fs.rmSync(next, { recursive: true, force: true });
		await killAll();
		for (const clean of cleanup) clean();
	});

	it('loses nothing while old and new processes run side by side', async () => {
		const a = connectClient(processes[0]!, world.as.focus.token, world.docName);
		const b = connectClient(processes[1]!, world.as.bildung.token, world.docName);
		await Promise.all([a.synced(), b.synced()]);
		const typingA = typist(a, 'title', 'a');
		const typingB = typist(b, 'forWhom', 'b');
		// One process after the other: stopped (1012), started as the next release on its port.
		for (const index of [1, 0]) {
			await new Promise((resolve) => setTimeout(resolve, 500));
			const old = processes[index]!;
			await old.close();
			processes[index] = await startSyncProcess(t.databaseUrl!, { port: old.port, migrations: next });
		}
		await new Promise((resolve) => setTimeout(resolve, 500));
		await Promise.all([typingA.stop(), typingB.stop()]);
		await waitFor(() => a.provider.synced && b.provider.synced && sameState(a.doc, b.doc), 'both editors to converge', 20_000);
		expect(missing(typingA.typed, goalText(b.doc, 'title')!.toString())).toEqual([]);
		expect(missing(typingB.typed, goalText(a.doc, 'forWhom')!.toString())).toEqual([]);
		await untilStored(t.db, world.docName, a.doc, 'the log to hold everything', 10_000);
		const [column] = await rowsOf<{ n: number }>(t.db, sql`select count(*)::int as n from information_schema.columns where table_name = 'doc_update' and column_name = 'client_hint'`);
		expect(column!.n).toBe(1);
		report('schema change', { typed: typingA.typed.length + typingB.typed.length, closes: [...a.closes, ...b.closes].join(',') });
		a.destroy();
		b.destroy();
	});

	it('migrates and seeds the demo once when two built processes start together on an empty database', async () => {
		const url = new URL(inject('faultCluster').url);
		url.pathname = `/fokus_faults_empty_${process.pid}`;
		const admin = postgres(inject('faultCluster').url, { max: 1, onnotice: () => {} });
		await admin.unsafe(`create database "${url.pathname.slice(1)}"`);
		try {
			const ports = [await freePort(), await freePort()];
			const dirs = ports.map(() => tempDir('seed'));
			cleanup.push(() => dirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));
			const apps = ports.map((port, i) => spawnServer(dirs[i]!, port, { DATABASE_URL: url.href, DEMO_DATA: '1', LOG_LEVEL: 'info' }));
			await Promise.all(apps.map((app) => waitUntilReady(app)));
			const handle = await openDatabase({ databaseUrl: url.href, migrationsFolder });
			try {
				const [row] = await handle.db.select({ n: count() }).from(municipality);
				expect(row!.n).toBe(DEMO.length);
				const seeded = apps.filter((app) => app.output().includes('demo data seeded'));
				expect(seeded).toHaveLength(1);
			} finally {
				await handle.close();
			}
			await killAll();
		} finally {
			await admin.unsafe(`drop database if exists "${url.pathname.slice(1)}" with (force)`);
			await admin.end({ timeout: 5 });
		}
	});
});
