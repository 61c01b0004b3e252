import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { migrationsFolder } from './db';
import type { SyncStats } from '../../src/lib/server/events';

const root = fileURLToPath(new URL('../../', import.meta.url));

export interface SyncProcess {
	port: number;
	origin: string;
	child: ChildProcess;
	/** What the process's sync server and relay say about themselves. */
	stats(): Promise<{ stats: SyncStats; listening: boolean; rss: number }>;
	/** Its heap after a forced collection (needs `gc: true`), its RSS and its active handles. */
	measure(): Promise<{ heapUsed: number; rss: number; resources: string[] }>;
	/** Stops it as systemd would (SIGTERM) and waits until it ended. */
	close(): Promise<void>;
}

export interface SyncProcessOptions {
	env?: Record<string, string>;
	/** A fixed port (a restarted process takes its predecessor's). */
	port?: number;
	/** Started with --expose-gc, for `measure()`. */
	gc?: boolean;
	/** A migrations folder other than the project's (a rolling restart across a schema change). */
	migrations?: string;
}

let bundled: Promise<string> | undefined;

/** Bundles tests/support/sync-process.ts once per test process. */
function bundle(): Promise<string> {
	const outfile = path.join(root, '.tmp', `sync-process-${process.pid}.mjs`);
	bundled ??= build({
		entryPoints: [path.join(root, 'tests/support/sync-process.ts')],
		outfile,
		bundle: true,
		platform: 'node',
		format: 'esm',
		target: 'node20',
		packages: 'external',
		logLevel: 'warning'
	}).then(() => {
		process.once('exit', () => fs.rmSync(outfile, { force: true }));
		return outfile;
	});
	return bundled;
}

/**
 * Another app process (tests/support/sync-process.ts) on the same PostgreSQL database, bundled
 * with esbuild into the project's .tmp/ so its packages resolve from node_modules.
 */
export async function startSyncProcess(databaseUrl: string, options: SyncProcessOptions = {}): Promise<SyncProcess> {
	const outfile = await bundle();
	const env = { ...process.env, ...options.env, DATABASE_URL: databaseUrl, MIGRATIONS: options.migrations ?? migrationsFolder, PORT: String(options.port ?? 0) };
	const child = fork(outfile, [], { env, execArgv: options.gc ? ['--expose-gc'] : [], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
	const port = await new Promise<number>((resolve, reject) => {
		child.once('message', (message: { port: number }) => resolve(message.port));
		child.once('exit', (code) => reject(new Error(`the sync process ended with ${code} before it listened`)));
	});
	const ask = <T>(type: string) =>
		new Promise<T>((resolve) => {
			child.once('message', (message: T) => resolve(message));
			child.send({ type });
		});
	return {
		port,
		origin: `http://127.0.0.1:${port}`,
		child,
		stats: () => ask('stats'),
		measure: () => ask('measure'),
		async close() {
			if (child.exitCode !== null || child.signalCode !== null) return;
			const exited = new Promise((resolve) => child.once('exit', resolve));
			child.kill('SIGTERM');
			await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
			if (child.exitCode === null) child.kill('SIGKILL');
		}
	};
}
