// node tests/screenshots/monitoring.mjs [out.png] [width] — /monitoring of the demo town stadt-c,
// as its integration office sees it, from the built app (npm run build first) on a throwaway
// database. Writes docs/screenshots/monitoring.png at 1280 px unless told otherwise.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const out = path.resolve(process.argv[2] ?? path.join(root, 'docs/screenshots/monitoring.png'));
const width = Number(process.argv[3] ?? 1280);
const port = Number(process.env.SCREENSHOT_PORT ?? 4877);
const base = `http://127.0.0.1:${port}`;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fokus-screenshot-'));

const env = { ...process.env, PORT: String(port), HOST: '127.0.0.1', NODE_ENV: 'production', LOG_LEVEL: 'warn', DATA_DIR: dataDir };
delete env.DATABASE_URL;
const server = spawn(process.execPath, [path.join(root, 'build/server.js')], { cwd: root, env, stdio: 'inherit' });
try {
	for (let i = 0; ; i++) {
		try {
			if ((await fetch(`${base}/healthz`)).ok) break;
		} catch {
			// not listening yet
		}
		if (i > 600) throw new Error('the app did not start');
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
	const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
	try {
		const page = await browser.newPage({ viewport: { width, height: 900 }, locale: 'de-DE', timezoneId: 'Europe/Berlin' });
		await page.goto(`${base}/login`);
		await page.locator('input[name="email"]').fill('focus@stadt-c.example');
		await page.locator('input[name="password"]').fill('demo-passwort');
		await page.locator('form button[type="submit"]').first().click();
		await page.waitForURL((url) => !url.pathname.startsWith('/login'));
		// The first view begins recording; the quarters before it are recomputed in the background.
		await page.goto(`${base}/monitoring`);
		for (let i = 0; i < 120 && (await page.getByTestId('share-table').locator('tbody tr').first().textContent())?.includes('–'); i++) {
			await page.waitForTimeout(1000);
			await page.reload();
		}
		await page.locator('[data-testid="status-chart"] canvas[data-drawn]').waitFor();
		await page.waitForTimeout(300);
		fs.mkdirSync(path.dirname(out), { recursive: true });
		// The charts and the honeycomb; the tables below them stay out, which keeps the file small.
		const bottom = await page.locator('figure.honeycomb').evaluate((figure) => figure.getBoundingClientRect().bottom + window.scrollY + 16);
		await page.screenshot({ path: out, fullPage: true, clip: { x: 0, y: 0, width, height: Math.ceil(bottom) } });
		console.log(`${out}: ${fs.statSync(out).size} bytes`);
	} finally {
		await browser.close();
	}
} finally {
	server.kill('SIGTERM');
	await new Promise((resolve) => server.once('exit', resolve));
	fs.rmSync(dataDir, { recursive: true, force: true });
}
