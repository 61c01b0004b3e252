import { expect, test } from '@playwright/test';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { DEMO_PASSWORD, demoEmail, SMOKE } from './support/env';
import { getPage, postForm } from './support/http';
import { exitWithin, freePort, killAll, spawnServer, tempDir, waitUntilReady } from './support/processes';

// The production server as a process: its lock on the embedded database, its start after a
// crash, its orderly stop, its health answer and plain-http forms. No browser involved.

test.describe.configure({ mode: 'parallel' });

// Each test starts whole server processes (an embedded database, migrations, demo data), some
// of them twice: on a busy machine that takes longer than the default minute.
test.slow();

const dirs: string[] = [];
function dataDir(): string {
	const dir = tempDir('server-spec');
	dirs.push(dir);
	return path.join(dir, 'data');
}

test.afterEach(async () => {
	await killAll();
});

test.afterAll(() => {
	for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

test('the e2e server itself runs on the database this run asked for', SMOKE, async ({ request }) => {
	const body = (await (await request.get('/healthz')).json()) as { status: string; database: { kind: string } };
	expect(body.status).toBe('ok');
	expect(body.database.kind).toBe(process.env.DATABASE_URL ? 'postgres' : 'pglite');
});

test('an idle kept-alive connection outlives Node\'s 5 s default, so a client\'s next request does not race its close', async ({ baseURL }) => {
	const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
	const get = () =>
		new Promise<{ reused: boolean; socket: unknown }>((resolve, reject) => {
			const request = http.get(`${baseURL}/healthz`, { agent }, (response) => {
				response.resume();
				response.on('end', () => resolve({ reused: request.reusedSocket, socket: request.socket }));
			});
			request.on('error', reject);
		});
	try {
		const first = await get();
		await new Promise((resolve) => setTimeout(resolve, 6_000));
		const second = await get();
		expect(first.reused).toBe(false);
		expect(second.reused, 'the second request went over the idle connection').toBe(true);
		expect(second.socket).toBe(first.socket);
	} finally {
		agent.destroy();
	}
});

test('a second server on the same data folder refuses to start and names the folder', async () => {
	const dir = dataDir();
	const first = spawnServer(dir, await freePort());
	await waitUntilReady(first);
	const second = spawnServer(dir, await freePort());
	const code = await exitWithin(second, 30_000);
	expect(code).not.toBe(0);
	expect(typeof code).toBe('number');
	expect(second.output()).toContain(dir);
	expect(second.output()).toMatch(/in use by another process/);
	// The first one is unharmed.
	expect((await fetch(`${first.url}/healthz`)).status).toBe(200);
});

test('after kill -9 a new server takes over the stale lock and the data is still there', async ({ playwright }) => {
	const dir = dataDir();
	const first = spawnServer(dir, await freePort());
	await waitUntilReady(first);
	const department = `Nach dem Absturz ${Date.now()}`;
	let request = await playwright.request.newContext({ baseURL: first.url });
	try {
		expect((await postForm(request, '/login', { email: demoEmail('admin', 'stadt-b'), password: DEMO_PASSWORD }, first.url)).status()).toBe(303);
		expect((await postForm(request, '/departments?/create', { name: department }, first.url)).status()).toBe(200);
	} finally {
		await request.dispose();
	}
	first.process.kill('SIGKILL');
	expect(await exitWithin(first, 10_000)).toBe('SIGKILL');
	expect(fs.existsSync(path.join(dir, 'fokus.lock')), 'the killed process left its lock file').toBe(true);

	const second = spawnServer(dir, await freePort());
	await waitUntilReady(second);
	request = await playwright.request.newContext({ baseURL: second.url });
	try {
		expect((await postForm(request, '/login', { email: demoEmail('admin', 'stadt-b'), password: DEMO_PASSWORD }, second.url)).status()).toBe(303);
		const page = await getPage(request, '/departments');
		expect(page.status()).toBe(200);
		expect(await page.text()).toContain(department);
	} finally {
		await request.dispose();
	}
	second.process.kill('SIGTERM');
	expect(await exitWithin(second, 15_000)).toBe(0);
});

test('SIGTERM stops the server with exit code 0 within seconds and removes the lock file', async () => {
	const dir = dataDir();
	const server = spawnServer(dir, await freePort());
	await waitUntilReady(server);
	expect(fs.existsSync(path.join(dir, 'fokus.lock'))).toBe(true);
	// A browser-like client keeps its connection open; the stop must not wait for it.
	const agent = new http.Agent({ keepAlive: true });
	await new Promise<void>((resolve, reject) => {
		http.get(`${server.url}/login`, { agent }, (response) => {
			response.resume();
			response.on('end', resolve);
		}).on('error', reject);
	});
	const started = Date.now();
	server.process.kill('SIGTERM');
	try {
		expect(await exitWithin(server, 5_000)).toBe(0);
	} finally {
		agent.destroy();
	}
	expect(Date.now() - started).toBeLessThan(5_000);
	expect(fs.existsSync(path.join(dir, 'fokus.lock')), 'the lock file after a clean stop').toBe(false);
	expect(server.output()).toMatch(/stopped/);
});

test('a server started by hand: /healthz answers JSON, forms post over plain http without ORIGIN', async ({ playwright }) => {
	const server = spawnServer(dataDir(), await freePort());
	await waitUntilReady(server);
	const request = await playwright.request.newContext({ baseURL: server.url });
	try {
		const health = await request.get('/healthz');
		expect(health.status()).toBe(200);
		expect(health.headers()['content-type']).toContain('application/json');
		expect(health.headers()['cache-control']).toContain('no-store');
		expect(await health.json()).toMatchObject({ status: 'ok', database: { kind: 'pglite', ok: true } });

		// A random port, plain http, no ORIGIN: the sign-in form still works.
		const response = await postForm(request, '/login', { email: demoEmail('focus', 'stadt-c'), password: DEMO_PASSWORD }, server.url);
		expect(response.status()).toBe(303);
		expect(response.headers()['location']).toBe('/');
		expect(response.headers()['set-cookie']).toContain('fokus_session=');
		expect(response.headers()['set-cookie']).not.toMatch(/;\s*Secure/i);
		expect((await getPage(request, '/')).status()).toBe(200);
		// A client claiming https in the server's protocol header is not believed.
		const spoofed = await request.post('/login', {
			headers: { origin: server.url.replace('http:', 'https:'), 'x-fokus-protocol': 'https', 'content-type': 'application/x-www-form-urlencoded' },
			data: `email=${encodeURIComponent(demoEmail('focus', 'stadt-c'))}&password=${DEMO_PASSWORD}`,
			maxRedirects: 0
		});
		expect(spoofed.status()).toBe(403);
	} finally {
		await request.dispose();
	}
});
