import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { acquireDataLock, DataDirLockedError } from './lock';

let dir: string;
let bundleDir: string;
let bundle: string;
let lockFile: string;
const children: ChildProcess[] = [];

beforeAll(async () => {
	bundleDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fokus-lock-bundle-'));
	bundle = path.join(bundleDir, 'lock.mjs');
	await build({
		entryPoints: [fileURLToPath(new URL('./lock.ts', import.meta.url))],
		bundle: true,
		platform: 'node',
		format: 'esm',
		outfile: bundle,
		logLevel: 'silent'
	});
});

afterAll(() => {
	fs.rmSync(bundleDir, { recursive: true, force: true });
});

beforeEach(() => {
	dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fokus-lock-'));
	lockFile = path.join(dir, 'fokus.lock');
});

afterEach(async () => {
	for (const child of children.splice(0)) await stop(child);
	fs.rmSync(dir, { recursive: true, force: true });
});

/** A real other process that stays alive until stopped. */
async function startOtherProcess(): Promise<ChildProcess> {
	const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000); console.log("ready")'], {
		stdio: ['ignore', 'pipe', 'inherit']
	});
	children.push(child);
	await new Promise<void>((resolve, reject) => {
		child.once('error', reject);
		child.stdout!.once('data', () => resolve());
	});
	return child;
}

async function stop(child: ChildProcess): Promise<void> {
	if (child.exitCode !== null || child.signalCode !== null) return;
	const exited = new Promise((resolve) => child.once('exit', resolve));
	child.kill('SIGKILL');
	await exited;
}

function writeLock(pid: number, host = os.hostname()): void {
	fs.writeFileSync(lockFile, JSON.stringify({ pid, host }));
}

/**
 * Runs lock.ts in a separate Node process (bundled to plain JS, as Node 20 cannot load
 * TypeScript). "hold" takes the lock and stays alive; "try" reports what acquiring gave.
 */
async function runLockModule(dataDir: string, mode: 'hold' | 'try'): Promise<{ child: ChildProcess; line: string }> {
	const script = `
		const { acquireDataLock } = await import(process.argv[1]);
		try {
			acquireDataLock(process.argv[2]);
			console.log('locked');
		} catch (error) {
			console.log(error.name + ' ' + error.holderPid);
		}
		if (process.argv[3] === 'hold') setInterval(() => {}, 1000);`;
	const child = spawn(process.execPath, ['--input-type=module', '-e', script, bundle, dataDir, mode], {
		stdio: ['ignore', 'pipe', 'inherit']
	});
	children.push(child);
	const line = await new Promise<string>((resolve, reject) => {
		child.once('error', reject);
		child.stdout!.once('data', (chunk: Buffer) => resolve(chunk.toString().trim()));
	});
	return { child, line };
}

const readLock = () => JSON.parse(fs.readFileSync(lockFile, 'utf8')) as { pid: number; host: string };

describe('acquireDataLock', () => {
	it('writes a lock file naming this process and removes it on release', () => {
		const lock = acquireDataLock(dir);
		expect(readLock()).toEqual({ pid: process.pid, host: os.hostname() });
		lock.release();
		expect(fs.existsSync(lockFile)).toBe(false);
	});

	it('refuses while another live process holds the folder', async () => {
		const other = await startOtherProcess();
		writeLock(other.pid!);
		let thrown: unknown;
		try {
			acquireDataLock(dir);
		} catch (error) {
			thrown = error;
		}
		expect(thrown).toBeInstanceOf(DataDirLockedError);
		expect(thrown).toMatchObject({ dataDir: dir, holderPid: other.pid });
		expect((thrown as Error).message).toContain(`pid ${other.pid}`);
		// The holder's lock is left alone.
		expect(readLock().pid).toBe(other.pid);
	});

	it('takes over the lock of a process that has died', async () => {
		const other = await startOtherProcess();
		writeLock(other.pid!);
		expect(() => acquireDataLock(dir)).toThrow(DataDirLockedError);
		await stop(other);
		const lock = acquireDataLock(dir);
		expect(readLock().pid).toBe(process.pid);
		lock.release();
		expect(fs.existsSync(lockFile)).toBe(false);
	});

	it('takes over an unreadable lock file', () => {
		fs.writeFileSync(lockFile, '{"pid": 12');
		const lock = acquireDataLock(dir);
		expect(readLock().pid).toBe(process.pid);
		lock.release();
	});

	it('takes over a lock naming its own pid (a restarted container reuses pids)', () => {
		writeLock(process.pid);
		const lock = acquireDataLock(dir);
		expect(readLock()).toEqual({ pid: process.pid, host: os.hostname() });
		lock.release();
		expect(fs.existsSync(lockFile)).toBe(false);
	});

	it('keeps out a lock held by a real other process that uses this module, until that process dies', async () => {
		const holder = await runLockModule(dir, 'hold');
		expect(holder.line).toBe('locked');
		expect(readLock().pid).toBe(holder.child.pid);
		expect(() => acquireDataLock(dir)).toThrow(DataDirLockedError);
		// Killed without a chance to release: its file stays, and is recognised as stale.
		await stop(holder.child);
		expect(fs.existsSync(lockFile)).toBe(true);
		const lock = acquireDataLock(dir);
		expect(readLock().pid).toBe(process.pid);
		lock.release();
	});

	it('is refused to a real other process while this one holds it', async () => {
		const lock = acquireDataLock(dir);
		const other = await runLockModule(dir, 'try');
		expect(other.line).toBe(`DataDirLockedError ${process.pid}`);
		expect(readLock().pid).toBe(process.pid);
		lock.release();
	});

	it('releases only its own lock', async () => {
		const lock = acquireDataLock(dir);
		// Someone else took the folder over in the meantime (e.g. after this process was stopped).
		const other = await startOtherProcess();
		writeLock(other.pid!);
		lock.release();
		expect(fs.existsSync(lockFile)).toBe(true);
		expect(readLock().pid).toBe(other.pid);
	});
});
