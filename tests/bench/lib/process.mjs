// Starting, waiting for and stopping the app's production server in a benchmark.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export function percentile(sorted, q) {
	return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] : NaN;
}

export async function waitFor(url, seconds = 60) {
	const until = Date.now() + seconds * 1000;
	while (Date.now() < until) {
		const ok = await fetch(url).then((r) => r.ok, () => false);
		if (ok) return;
		await new Promise((r) => setTimeout(r, 250));
	}
	throw new Error(`${url} did not answer`);
}

/** A node process in `cwd`; the server's warnings (e.g. a blocked event loop) go to the benchmark's error output. */
export function startProcess(cwd, args, env) {
	const child = spawn(process.execPath, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
	child.stdout.on('data', (chunk) => {
		for (const line of String(chunk).split('\n')) if (line.includes('"level":40') || line.includes('"level":50')) console.error(`  server: ${line}`);
	});
	return child;
}

export async function stopProcess(child) {
	if (child.exitCode !== null) return;
	const exited = new Promise((r) => child.once('exit', r));
	child.kill('SIGTERM');
	await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))]);
	if (child.exitCode === null) child.kill('SIGKILL');
}

/** Builds the app when there is no build yet (or BENCH_BUILD=1); exits when the build fails. */
export function ensureBuild(root) {
	if (fs.existsSync(path.join(root, 'build/server.js')) && process.env.BENCH_BUILD !== '1') return;
	console.error('building …');
	if (spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' }).status !== 0) process.exit(1);
}

/** The built app on a database of its own, without demo data, quiet but for warnings. */
/** The built app on PostgreSQL. BENCH_NODE_ARGS adds arguments for Node (e.g. `--cpu-prof`, to profile a page). */
export function startApp(root, databaseUrl, port) {
	const nodeArgs = process.env.BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
	return startProcess(root, [...nodeArgs, 'build/server.js'], {
		DATABASE_URL: databaseUrl,
		DEMO_DATA: '0',
		PORT: String(port),
		HOST: '127.0.0.1',
		NODE_ENV: 'production',
		LOG_LEVEL: 'warn'
	});
}
