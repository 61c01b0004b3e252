// Starting, waiting for and stopping the app's production server in a benchmark.
import { spawn } from 'node:child_process';

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
