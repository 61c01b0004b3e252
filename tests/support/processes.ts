import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { migrationsFolder } from './db';

const root = fileURLToPath(new URL('../../', import.meta.url));

export interface SyncProcess {
	port: number;
	origin: string;
	child: ChildProcess;
	/** What the process's sync server and relay say about themselves. */
	stats(): Promise<{ stats: { documents: number; connections: number }; listening: boolean }>;
	close(): Promise<void>;
}

/**
 * Another app process (tests/support/sync-process.ts) on the same PostgreSQL database, bundled
 * with esbuild into the project's .tmp/ so its packages resolve from node_modules.
 */
export async function startSyncProcess(databaseUrl: string, env: Record<string, string> = {}): Promise<SyncProcess> {
	const outfile = path.join(root, '.tmp', `sync-process-${process.pid}.mjs`);
	await build({
		entryPoints: [path.join(root, 'tests/support/sync-process.ts')],
		outfile,
		bundle: true,
		platform: 'node',
		format: 'esm',
		target: 'node20',
		packages: 'external',
		logLevel: 'warning'
	});
	const child = fork(outfile, [], { env: { ...process.env, ...env, DATABASE_URL: databaseUrl, MIGRATIONS: migrationsFolder }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
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
		async close() {
			if (child.exitCode !== null) return;
			const exited = new Promise((resolve) => child.once('exit', resolve));
			child.send({ type: 'close' });
			await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
			if (child.exitCode === null) child.kill('SIGKILL');
			fs.rmSync(outfile, { force: true });
		}
	};
}
