// A throwaway PostgreSQL server for benchmarks, started as CI starts one; or the one in DATABASE_URL.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';

function pgBin() {
	const root = '/usr/lib/postgresql';
	const versions = fs.existsSync(root) ? fs.readdirSync(root).sort((a, b) => Number(a) - Number(b)) : [];
	if (versions.length === 0) throw new Error('PostgreSQL is not installed (apt-get install postgresql), or set DATABASE_URL.');
	return path.join(root, versions.at(-1), 'bin');
}

export async function startPostgres(port = 54391) {
	if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL, stop: async () => {} };
	const bin = pgBin();
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fokus-bench-pg-'));
	const asPostgres = (command, args) => {
		const runAs = process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', path.join(bin, command), ...args]] : [path.join(bin, command), args];
		execFileSync(runAs[0], runAs[1], { stdio: 'ignore' });
	};
	if (process.getuid?.() === 0) execFileSync('chown', ['postgres:', dir]);
	asPostgres('initdb', ['-D', `${dir}/data`, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8']);
	asPostgres('pg_ctl', ['-D', `${dir}/data`, '-l', `${dir}/log`, '-w', '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=200`, 'start']);
	return {
		url: `postgres://postgres@127.0.0.1:${port}/postgres`,
		async stop() {
			asPostgres('pg_ctl', ['-D', `${dir}/data`, '-m', 'fast', 'stop']);
			fs.rmSync(dir, { recursive: true, force: true });
		}
	};
}

/** A fresh database on that server; returns its URL and a function that drops it. */
export async function freshDatabase(serverUrl, prefix) {
	const name = `${prefix}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 6)}`;
	const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
	await admin.unsafe(`create database ${name}`);
	await admin.end();
	const url = new URL(serverUrl);
	url.pathname = `/${name}`;
	return {
		url: url.href,
		async drop() {
			const again = postgres(serverUrl, { max: 1, onnotice: () => {} });
			await again.unsafe(`drop database if exists ${name} with (force)`);
			await again.end();
		}
	};
}
