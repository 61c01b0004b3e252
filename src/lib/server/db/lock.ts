import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Thrown when another live process holds the embedded database. */
export class DataDirLockedError extends Error {
	constructor(
		readonly dataDir: string,
		readonly holderPid: number
	) {
		super(
			`The embedded database in ${dataDir} is in use by another process (pid ${holderPid}). ` +
				`PGlite cannot be opened by two processes at once; stop that process first, ` +
				`or point DATA_DIR somewhere else.`
		);
		this.name = 'DataDirLockedError';
	}
}

export interface DataLock {
	release(): void;
}

interface LockInfo {
	pid: number;
	host: string;
}

/**
 * PGlite has no lock across processes, and a second opener silently corrupts the folder.
 * An exclusive lock file refuses a second live opener; a file left by a killed process is
 * recognised (its pid is gone) and taken over.
 */
export function acquireDataLock(dataDir: string): DataLock {
	const file = path.join(dataDir, 'fokus.lock');
	const mine: LockInfo = { pid: process.pid, host: os.hostname() };
	for (let attempt = 0; attempt < 3; attempt++) {
		try {
			const fd = fs.openSync(file, 'wx');
			fs.writeSync(fd, JSON.stringify(mine));
			fs.closeSync(fd);
			return { release: () => releaseIfMine(file) };
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
		}
		const holder = readLock(file);
		if (holder && holder.host === mine.host && isAlive(holder.pid) && holder.pid !== process.pid) {
			throw new DataDirLockedError(dataDir, holder.pid);
		}
		// Stale (dead pid, unreadable, or our own pid from a reused container): take it over.
		fs.rmSync(file, { force: true });
	}
	throw new Error(`Could not take the lock file ${file}.`);
}

function readLock(file: string): LockInfo | undefined {
	try {
		const info = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<LockInfo>;
		if (typeof info.pid === 'number' && typeof info.host === 'string') return info as LockInfo;
	} catch {
		// unreadable or half-written: treated as stale
	}
	return undefined;
}

function isAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
	// A killed process not yet reaped by its parent still answers signals; it holds nothing.
	try {
		const state = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.[0];
		return state !== 'Z' && state !== 'X';
	} catch {
		return true;
	}
}

function releaseIfMine(file: string): void {
	const holder = readLock(file);
	if (holder?.pid === process.pid) fs.rmSync(file, { force: true });
}
