import { expect, test, type Page } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { APP_OWNS_RECONNECTION, reconnectWithJitter } from '../../src/lib/collab/reconnect';
import { DEMO_PASSWORD, demoEmail, SMOKE } from './support/env';
import { killAll, freePort, spawnServer, tempDir, waitUntilReady, type Spawned } from './support/processes';

// The production server dies (kill -9) while two people type; nothing typed may be lost.
// A browser that loses its connection keeps typing offline and merges when it is back.

const dirs: string[] = [];
test.afterEach(async () => {
	await killAll();
});
test.afterAll(() => {
	for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function dataDir(): string {
	const dir = tempDir('sync-crash');
	dirs.push(dir);
	return path.join(dir, 'data');
}

async function cookieOf(base: string, email: string): Promise<string> {
	const response = await fetch(`${base}/login`, {
		method: 'POST',
		redirect: 'manual',
		headers: { origin: base, 'content-type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams({ email, password: DEMO_PASSWORD })
	});
	expect(response.status).toBe(303);
	return response.headers.get('set-cookie')!.split(';')[0]!;
}

async function firstGoal(base: string, cookie: string): Promise<string> {
	const html = await (await fetch(`${base}/goals`, { headers: { cookie } })).text();
	return /href="\/goals\/([0-9a-f-]{36})"/.exec(html)![1]!;
}

function provider(base: string, cookie: string, goalId: string): WebsocketProvider {
	const headers = { cookie, origin: base };
	class Authed extends WebSocket {
		constructor(url: string | URL, protocols?: string | string[]) {
			super(url, protocols, { headers });
		}
	}
	const client = new WebsocketProvider(`${base.replace('http', 'ws')}/sync`, `goal/${goalId}`, new Y.Doc(), {
		WebSocketPolyfill: Authed as unknown as typeof globalThis.WebSocket,
		disableBc: true,
		...APP_OWNS_RECONNECTION
	});
	// As the app reconnects; a short window, since the restarted server is alone here.
	reconnectWithJitter(client, { firstMs: 250, maxMs: 500 });
	return client;
}

const forWhom = (p: WebsocketProvider) => (p.doc.getMap('goal').get('forWhom') as Y.Text).toString();

async function until(condition: () => boolean, what: string, ms = 20_000): Promise<void> {
	const deadline = Date.now() + ms;
	while (!condition()) {
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await new Promise((resolve) => setTimeout(resolve, 50));
	}
}

test('kill -9 while two clients type: after a restart both converge and nothing typed is lost', SMOKE, async () => {
	const dir = dataDir();
	const port = await freePort();
	let server: Spawned = spawnServer(dir, port);
	await waitUntilReady(server);
	const base = server.url;
	const [focus, member] = await Promise.all([cookieOf(base, demoEmail('focus', 'stadt-a')), cookieOf(base, demoEmail('bildung', 'stadt-a'))]);
	const goalId = await firstGoal(base, focus);
	const a = provider(base, focus, goalId);
	const b = provider(base, member, goalId);
	await until(() => a.synced && b.synced, 'both clients to sync');

	const typed = { a: [] as string[], b: [] as string[] };
	let typing = true;
	const typer = (p: WebsocketProvider, tag: 'a' | 'b') =>
		(async () => {
			for (let i = 0; typing; i++) {
				const token = `[${tag}${i}]`;
				const text = p.doc.getMap('goal').get('forWhom') as Y.Text;
				text.insert(text.length, token);
				typed[tag].push(token);
				await new Promise((resolve) => setTimeout(resolve, 15));
			}
		})();
	const typers = [typer(a, 'a'), typer(b, 'b')];

	await new Promise((resolve) => setTimeout(resolve, 1_500));
	server.process.kill('SIGKILL');
	await server.exited;
	// They keep typing while the server is gone …
	await new Promise((resolve) => setTimeout(resolve, 800));
	server = spawnServer(dir, port);
	await waitUntilReady(server);
	// … and after it is back.
	await until(() => a.synced && b.synced && a.wsconnected && b.wsconnected, 'both clients to reconnect');
	await new Promise((resolve) => setTimeout(resolve, 500));
	typing = false;
	await Promise.all(typers);

	await until(() => forWhom(a) === forWhom(b), 'both clients to converge');
	const text = forWhom(a);
	for (const token of [...typed.a, ...typed.b]) expect(text, `typed ${token}`).toContain(token);
	expect(typed.a.length + typed.b.length).toBeGreaterThan(100);

	// The database holds it all: a newcomer, after everyone left and the document was unloaded.
	a.destroy();
	b.destroy();
	const health = async () => ((await (await fetch(`${base}/healthz`)).json()) as { sync: { documents: number } }).sync.documents;
	await expect.poll(health, { timeout: 15_000 }).toBe(0);
	const late = provider(base, focus, goalId);
	await until(() => late.synced, 'the late client to sync');
	expect(forWhom(late)).toBe(text);
	late.destroy();
});

async function connectedState(page: Page) {
	return page.getByTestId('connection-state').getAttribute('data-state');
}

test('a browser keeps typing while the server is down and merges when it is back', async ({ browser }) => {
	const dir = dataDir();
	const port = await freePort();
	let server: Spawned = spawnServer(dir, port);
	await waitUntilReady(server);
	const base = server.url;
	const context = await browser.newContext({ baseURL: base });
	const response = await context.request.post('/login', { form: { email: demoEmail('focus', 'stadt-a'), password: DEMO_PASSWORD }, headers: { origin: base }, maxRedirects: 0 });
	expect(response.status()).toBe(303);
	const goalId = await firstGoal(base, (await context.cookies()).map((c) => `${c.name}=${c.value}`).join('; '));
	const page = await context.newPage();
	await page.goto(`/goals/${goalId}`);
	await expect.poll(() => connectedState(page)).toBe('connected');

	server.process.kill('SIGKILL');
	await server.exited;
	await expect.poll(() => connectedState(page)).toBe('offline');
	const field = page.getByLabel('Benötigte Ressourcen');
	await field.click();
	await field.press('End');
	await field.pressSequentially(' Offline geschrieben.');
	// Leave the page while the server is still gone: from now on the edit lives only in the
	// browser's offline copy (IndexedDB), and must come back from there.
	await page.waitForTimeout(300);
	await page.goto('about:blank');

	server = spawnServer(dir, port);
	await waitUntilReady(server);
	await page.goto(`/goals/${goalId}`);
	await expect.poll(() => connectedState(page), { timeout: 20_000 }).toBe('connected');
	await expect(page.getByLabel('Benötigte Ressourcen')).toHaveValue(/Offline geschrieben\.$/);

	// Someone else now sees it: it reached the server.
	const cookie = await cookieOf(base, demoEmail('bildung', 'stadt-a'));
	const other = provider(base, cookie, goalId);
	await until(() => other.synced && (other.doc.getMap('goal').get('resources') as Y.Text | undefined)?.toString().endsWith('Offline geschrieben.') === true, 'the offline edit to reach another client');
	other.destroy();
	await context.close();
});
