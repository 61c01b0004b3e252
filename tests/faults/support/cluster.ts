import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../../support/nginx.mjs';

/**
 * A PostgreSQL cluster of the fault suite's own (initdb into a temporary folder, a free port),
 * so stopping and restarting it disturbs nothing else. Debian's server binaries; as root the
 * server runs as the `postgres` user, since PostgreSQL refuses to run as root.
 */
export interface Cluster {
	url: string;
	dir: string;
	port: number;
	bin: string;
}

export function postgresBin(): string {
	if (process.env.PGBIN) return process.env.PGBIN;
	const root = '/usr/lib/postgresql';
	const versions = fs.existsSync(root) ? fs.readdirSync(root).sort((a, b) => Number(a) - Number(b)) : [];
	const latest = versions.at(-1);
	if (!latest) throw new Error('The fault suite needs PostgreSQL\'s server programs (Debian package "postgresql") or PGBIN.');
	return path.join(root, latest, 'bin');
}

const asRoot = process.getuid?.() === 0;

function run(bin: string, args: string[]): void {
	const [command, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, args];
	const result = spawnSync(command, argv, { encoding: 'utf8' });
	if (result.status !== 0) throw new Error(`${path.basename(bin)} failed: ${result.stderr || result.stdout}`);
}

export async function createCluster(): Promise<Cluster> {
	const bin = postgresBin();
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fokus-faults-pg-'));
	if (asRoot) execFileSync('chown', ['postgres:', dir]);
	run(path.join(bin, 'initdb'), ['-D', path.join(dir, 'data'), '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8']);
	const cluster = { dir, bin, port: await freePort(), url: '' };
	cluster.url = `postgres://postgres@127.0.0.1:${cluster.port}/postgres`;
	startCluster(cluster);
	return cluster;
}

/** Starts the cluster and waits until it accepts connections. */
export function startCluster(cluster: Cluster): void {
	fs.rmSync(path.join(cluster.dir, `.s.PGSQL.${cluster.port}.lock`), { force: true });
	run(path.join(cluster.bin, 'pg_ctl'), [
		'-D', path.join(cluster.dir, 'data'),
		'-l', path.join(cluster.dir, 'log'),
		'-w',
		'-o', `-p ${cluster.port} -k ${cluster.dir} -c listen_addresses=127.0.0.1 -c max_connections=400 -c fsync=off`,
		'start'
	]);
}

/** Stops the cluster: `fast` ends every session, as a restart by the operator does. */
export function stopCluster(cluster: Cluster, mode: 'fast' | 'immediate' = 'fast'): void {
	run(path.join(cluster.bin, 'pg_ctl'), ['-D', path.join(cluster.dir, 'data'), '-m', mode, '-w', 'stop']);
}

export function removeCluster(cluster: Cluster): void {
	try {
		stopCluster(cluster, 'immediate');
	} catch {
		/* already stopped */
	}
	fs.rmSync(cluster.dir, { recursive: true, force: true });
}
