// A throwaway PostgreSQL cluster (initdb into a temporary folder, a free loopback port) from
// Debian's server programs, for the fault suite (which stops and starts it) and the benchmarks.
// As root the server runs as the `postgres` user, since PostgreSQL refuses to run as root.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from './nginx.mjs';

/** @typedef {{ url: string; dir: string; port: number; bin: string; options: string }} Cluster */

export function postgresBin() {
	if (process.env.PGBIN) return process.env.PGBIN;
	const root = '/usr/lib/postgresql';
	const versions = fs.existsSync(root) ? fs.readdirSync(root).sort((a, b) => Number(a) - Number(b)) : [];
	const latest = versions.at(-1);
	if (!latest) throw new Error('PostgreSQL\'s server programs are needed (Debian package "postgresql"), or PGBIN.');
	return path.join(root, latest, 'bin');
}

const asRoot = process.getuid?.() === 0;

/** @param {string} program @param {string[]} args */
function run(program, args) {
	const [command, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', program, ...args]] : [program, args];
	const result = spawnSync(command, argv, { encoding: 'utf8' });
	if (result.status !== 0) throw new Error(`${path.basename(program)} failed: ${result.stderr || result.stdout}`);
}

/**
 * Creates and starts a cluster. `fsync: false` for tests (nothing here survives a machine crash
 * anyway); benchmarks keep it, since commit times are what they measure.
 * @param {{ fsync?: boolean; maxConnections?: number }} [settings]
 * @returns {Promise<Cluster>}
 */
export async function createCluster({ fsync = false, maxConnections = 400 } = {}) {
	const bin = postgresBin();
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fokus-pg-'));
	if (asRoot) execFileSync('chown', ['postgres:', dir]);
	run(path.join(bin, 'initdb'), ['-D', path.join(dir, 'data'), '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8']);
	const port = await freePort();
	const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=${maxConnections}${fsync ? '' : ' -c fsync=off'}`;
	const cluster = { dir, bin, port, options, url: `postgres://postgres@127.0.0.1:${port}/postgres` };
	startCluster(cluster);
	return cluster;
}

/** Starts the cluster and waits until it accepts connections. @param {Cluster} cluster */
export function startCluster(cluster) {
	run(path.join(cluster.bin, 'pg_ctl'), ['-D', path.join(cluster.dir, 'data'), '-l', path.join(cluster.dir, 'log'), '-w', '-o', cluster.options, 'start']);
}

/**
 * Stops the cluster: `fast` ends every session, as a restart by the operator does.
 * @param {Cluster} cluster @param {'fast' | 'immediate'} [mode]
 */
export function stopCluster(cluster, mode = 'fast') {
	run(path.join(cluster.bin, 'pg_ctl'), ['-D', path.join(cluster.dir, 'data'), '-m', mode, '-w', 'stop']);
}

/** Stops the cluster if it runs and removes its folder. @param {Cluster} cluster */
export function removeCluster(cluster) {
	try {
		stopCluster(cluster, 'immediate');
	} catch {
		/* already stopped */
	}
	fs.rmSync(cluster.dir, { recursive: true, force: true });
}
