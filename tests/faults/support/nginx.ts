import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from './cluster';

const deploy = fileURLToPath(new URL('../../../docs/deploy/', import.meta.url));

export interface Nginx {
	port: number;
	origin: string;
	stop(): Promise<void>;
}

export function nginxBin(): string {
	for (const candidate of [process.env.NGINX, '/usr/sbin/nginx', '/usr/bin/nginx']) {
		if (candidate && fs.existsSync(candidate)) return candidate;
	}
	throw new Error('The fault suite needs nginx (Debian package "nginx") or NGINX.');
}

/**
 * nginx in front of the app processes at `ports`, with the upstreams of docs/deploy/nginx.conf
 * and its two included files as they are (maps, headers, locations), on a free loopback port.
 */
export async function startNginx(ports: number[], listen?: number): Promise<Nginx> {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fokus-faults-nginx-'));
	fs.chmodSync(dir, 0o755);
	const port = listen ?? (await freePort());
	const servers = (extra = '') => ports.map((p) => `\t\tserver 127.0.0.1:${p} max_fails=1 fail_timeout=2s${extra};`).join('\n');
	const conf = `
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 4096; }
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
${servers()}
	}
	upstream fokus_app {
		least_conn;
${servers()}
		keepalive 32;
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
	const test = spawnSync(bin, ['-t', '-q', '-e', path.join(dir, 'error.log'), '-c', file], { encoding: 'utf8' });
	if (test.status !== 0) throw new Error(`nginx refused the configuration: ${test.stderr}`);
	const child: ChildProcess = spawn(bin, ['-e', path.join(dir, 'error.log'), '-c', file, '-g', 'daemon off;'], { stdio: 'ignore' });
	await waitForPort(port, child);
	return {
		port,
		origin: `http://127.0.0.1:${port}`,
		async stop() {
			if (child.exitCode === null) {
				const exited = new Promise((resolve) => child.once('exit', resolve));
				child.kill('SIGQUIT');
				await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
				if (child.exitCode === null) child.kill('SIGKILL');
			}
			fs.rmSync(dir, { recursive: true, force: true });
		}
	};
}

async function waitForPort(port: number, child: ChildProcess): Promise<void> {
	const until = Date.now() + 10_000;
	while (Date.now() < until) {
		if (child.exitCode !== null) throw new Error(`nginx ended with ${child.exitCode}`);
		try {
			await fetch(`http://127.0.0.1:${port}/`, { signal: AbortSignal.timeout(1000) });
			return;
		} catch {
			await new Promise((resolve) => setTimeout(resolve, 50));
		}
	}
	throw new Error('nginx did not listen within 10 s');
}
