import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from './env';

// One free-port probe for the browser tests, the fault suite and the benchmarks.
export { freePort } from '../../support/nginx.mjs';

export function tempDir(prefix: string): string {
	return fs.mkdtempSync(path.join(os.tmpdir(), `fokus-${prefix}-`));
}

export interface Spawned {
	process: ChildProcess;
	port: number;
	url: string;
	/** Everything the process wrote so far (stdout and stderr). */
	output(): string;
	/** Resolves with the exit code (or the signal's name) once the process has ended. */
	exited: Promise<number | string>;
}

const running = new Set<ChildProcess>();

/**
 * Starts `node build/server.js` on the embedded database in `dataDir`, with none of the
 * settings of the surrounding run (no DATABASE_URL, no ORIGIN): a server as someone would
 * start it by hand.
 */
export function spawnServer(dataDir: string, port: number, extraEnv: Record<string, string> = {}): Spawned {
	const env: NodeJS.ProcessEnv = { ...process.env };
	for (const name of ['DATABASE_URL', 'DATA_DIR', 'ORIGIN', 'PROTOCOL_HEADER', 'HOST_HEADER', 'PORT', 'HOST', 'DEMO_DATA']) delete env[name];
	Object.assign(env, { NODE_ENV: 'production', LOG_LEVEL: 'info', PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir }, extraEnv);
	const child = spawn(process.execPath, [path.join(ROOT, 'build/server.js')], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
	running.add(child);
	let output = '';
	child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
	child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
	const exited = new Promise<number | string>((resolve) => {
		child.on('exit', (code, signal) => {
			running.delete(child);
			resolve(code ?? signal ?? 'unknown');
		});
	});
	return { process: child, port, url: `http://127.0.0.1:${port}`, output: () => output, exited };
}

/** Waits until /healthz answers 200; fails early when the process ends first. */
export async function waitUntilReady(server: Spawned, timeoutMs = 60_000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	let ended: number | string | undefined;
	void server.exited.then((code) => (ended = code));
	while (Date.now() < deadline) {
		if (ended !== undefined) throw new Error(`the server ended (${ended}) before it was ready:\n${server.output()}`);
		try {
			const response = await fetch(`${server.url}/healthz`);
			if (response.ok) return;
		} catch {
			// not listening yet
		}
		await new Promise((resolve) => setTimeout(resolve, 150));
	}
	throw new Error(`the server was not ready within ${timeoutMs} ms:\n${server.output()}`);
}

/** Resolves with the exit code, or rejects when the process takes longer than `ms`. */
export function exitWithin(server: Spawned, ms: number): Promise<number | string> {
	return Promise.race([
		server.exited,
		new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`still running after ${ms} ms:\n${server.output()}`)), ms).unref())
	]);
}

/** Kills whatever a test started and did not stop itself. */
export async function killAll(): Promise<void> {
	const children = [...running];
	for (const child of children) child.kill('SIGKILL');
	await Promise.all(children.map((child) => new Promise((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve(null) : child.once('exit', resolve)))));
}
