// nginx in front of app processes with docs/deploy's Fokus parts included as they are, on a free
// loopback port: for the fault suite (tests/faults) and `npm run bench:sync`'s two-process mode.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const deploy = fileURLToPath(new URL('../../docs/deploy/', import.meta.url));

/** @returns {Promise<number>} a loopback port nobody listens on right now */
export function freePort() {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = /** @type {net.AddressInfo} */ (server.address());
			server.close(() => resolve(port));
		});
	});
}

export function nginxBin() {
	for (const candidate of [process.env.NGINX, '/usr/sbin/nginx', '/usr/bin/nginx']) {
		if (candidate && fs.existsSync(candidate)) return candidate;
	}
	throw new Error('nginx is needed (Debian package "nginx") or NGINX.');
}

/**
 * nginx with the upstreams of docs/deploy/nginx.conf for the app processes at `ports`, and its
 * two included files (maps, headers, locations) as they are.
 * @param {number[]} ports
 * @param {number} [listen] a fixed port (default: a free one)
 * @returns {Promise<{ port: number; origin: string; stop(): Promise<void> }>}
 */
export async function startNginx(ports, listen) {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fokus-nginx-'));
	fs.chmodSync(dir, 0o755);
	const port = listen ?? (await freePort());
	const servers = ports.map((p) => `\t\tserver 127.0.0.1:${p} max_fails=1 fail_timeout=2s;`).join('\n');
	const conf = `
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 8192; }
worker_rlimit_nofile 20000;
http {
	access_log off;
	client_body_temp_path ${dir}/body;
	proxy_temp_path ${dir}/proxy;
	fastcgi_temp_path ${dir}/fastcgi;
	uwsgi_temp_path ${dir}/uwsgi;
	scgi_temp_path ${dir}/scgi;
	include ${deploy}fokus-maps.conf;
	upstream fokus_sync {
		hash $fokus_document consistent;
${servers}
	}
	upstream fokus_app {
		least_conn;
${servers}
		keepalive 32;
		keepalive_timeout 60s;
	}
	server {
		listen 127.0.0.1:${port};
		include ${deploy}fokus-locations.conf;
	}
}
`;
	const file = path.join(dir, 'nginx.conf');
	fs.writeFileSync(file, conf);
	const bin = nginxBin();
	const errorLog = path.join(dir, 'error.log');
	const test = spawnSync(bin, ['-t', '-q', '-e', errorLog, '-c', file], { encoding: 'utf8' });
	if (test.status !== 0) throw new Error(`nginx refused the configuration: ${test.stderr}`);
	const child = spawn(bin, ['-e', errorLog, '-c', file, '-g', 'daemon off;'], { stdio: 'ignore' });
	const stop = async () => {
		if (child.exitCode === null) {
			const exited = new Promise((resolve) => child.once('exit', resolve));
			child.kill('SIGQUIT');
			await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
			if (child.exitCode === null) child.kill('SIGKILL');
		}
		fs.rmSync(dir, { recursive: true, force: true });
	};
	const until = Date.now() + 10_000;
	for (;;) {
		if (child.exitCode !== null || Date.now() > until) {
			const log = fs.readFileSync(errorLog, 'utf8');
			await stop();
			throw new Error(`nginx did not listen within 10 s: ${log}`);
		}
		// Any answer (even 502 while no app listens) means nginx listens.
		const answered = await fetch(`http://127.0.0.1:${port}/`, { signal: AbortSignal.timeout(1000) }).then(() => true, () => false);
		if (answered) break;
		await new Promise((resolve) => setTimeout(resolve, 50));
	}
	return { port, origin: `http://127.0.0.1:${port}`, stop };
}
