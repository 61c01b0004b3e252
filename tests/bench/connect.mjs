// npm run bench:connect — how long a person waits, on a demo goal page, from clicking the link
// until the live document says "Verbunden" (connected and synced). The built app on a fresh
// embedded database with the demo towns, Debian's Chromium (or CHROMIUM_PATH) driven by
// Playwright; ten navigations (BENCH_RUNS=…) to stadt-c's agreed Bildung goal in one signed-in
// browser, as someone who works on it opens it again and again. Target: median < 1 s.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { ensureBuild, percentile, startProcess, stopProcess, waitFor } from './lib/process.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const RUNS = Number(process.env.BENCH_RUNS ?? 10);
const PORT = 4613;
const TARGET_MS = 1000;
const GOAL = 'Abstand bei Schulabschlüssen verringern';
const f = (n, digits = 0) => (Number.isFinite(n) ? n.toFixed(digits) : '–');

ensureBuild(root);
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fokus-bench-connect-'));
const base = `http://127.0.0.1:${PORT}`;
const server = startProcess(root, ['build/server.js'], { DATABASE_URL: '', DATA_DIR: path.join(dataDir, 'data'), PORT: String(PORT), HOST: '127.0.0.1', NODE_ENV: 'production', LOG_LEVEL: 'warn' });
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
const times = [];
const steps = [];
try {
	await waitFor(`${base}/healthz`, 180);
	const context = await browser.newContext({ baseURL: base, locale: 'de-DE' });
	const login = await context.request.post('/login', { form: { email: 'bildung@stadt-c.example', password: 'demo-passwort' }, headers: { origin: base }, maxRedirects: 0 });
	if (login.status() !== 303) throw new Error(`sign-in: ${login.status()}`);
	const list = await (await context.request.get('/goals')).text();
	const id = list.match(new RegExp(`href="/goals/([0-9a-f-]{36})">${GOAL}<`))?.[1];
	if (!id) throw new Error(`"${GOAL}" is not in the goal list`);
	const page = await context.newPage();
	for (let run = 0; run < RUNS; run++) {
		// From the goal list by a click, as people arrive: the app is running, the goal page is not.
		await page.goto('/goals');
		await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
		// Where the wait goes: the page's data, the socket opening, its first message from the server.
		const marks = {};
		const mark = (name) => (marks[name] ??= performance.now() - started);
		const onResponse = (response) => response.url().includes('__data.json') && mark('data');
		const onSocket = (socket) => {
			if (!socket.url().includes('/sync/')) return;
			mark('socket');
			socket.once('framereceived', () => mark('first message'));
		};
		page.on('response', onResponse);
		page.on('websocket', onSocket);
		const started = performance.now();
		await page.locator(`a[href="/goals/${id}"]`).first().click();
		await page.locator('[data-testid=connection-state][data-state=connected]').waitFor({ timeout: 30_000 });
		times.push(performance.now() - started);
		page.off('response', onResponse);
		page.off('websocket', onSocket);
		steps.push(marks);
		console.error(`run ${run + 1}: ${f(times.at(-1))} ms (${Object.entries(marks).map(([k, v]) => `${k} ${f(v)}`).join(', ')})`);
	}
	await context.close();
} finally {
	await browser.close();
	await stopProcess(server);
	fs.rmSync(dataDir, { recursive: true, force: true });
}

const sorted = [...times].sort((a, b) => a - b);
const median = percentile(sorted, 0.5);
console.log(`\nbench:connect — PGlite with the demo towns, Chromium, ${os.cpus().length} cores, Node ${process.version}`);
console.log(`click on the goal in the list → "Verbunden", ${RUNS} runs: median ${f(median)} ms, min ${f(sorted[0])} ms, max ${f(sorted.at(-1))} ms (target < ${TARGET_MS} ms: ${median < TARGET_MS ? 'met' : 'not met'})`);
console.log(`first run (no offline copy yet) ${f(times[0])} ms`);
for (const name of ['data', 'socket', 'first message']) {
	const at = steps.map((s) => s[name]).filter(Number.isFinite).sort((a, b) => a - b);
	if (at.length > 0) console.log(`  median time to ${name}: ${f(percentile(at, 0.5))} ms`);
}
