import { defineConfig } from '@playwright/test';
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { E2E_LOGIN_LIMITS, E2E_PORT, ROOT, SMOKE, SMOKE_ONLY } from './tests/e2e/support/env';

// One id per run, chosen in the runner and inherited by its workers (they load this file again).
process.env.FOKUS_E2E_RUN ??= randomBytes(6).toString('hex');
const run = process.env.FOKUS_E2E_RUN;
const baseURL = `http://127.0.0.1:${E2E_PORT}`;

// A fresh database every run: a new PGlite folder, or a new database on the server named by
// DATABASE_URL. The launcher creates it before the app starts and removes it when it stops
// (Playwright starts webServer before globalSetup, so a global setup would come too late).
const database: Record<string, string> = process.env.DATABASE_URL
	? { E2E_ADMIN_DATABASE_URL: process.env.DATABASE_URL, E2E_DATABASE_NAME: `fokus_e2e_${run}` }
	: { E2E_DATA_DIR: path.join(os.tmpdir(), `fokus-e2e-${run}`) };

export default defineConfig({
	testDir: 'tests/e2e',
	testMatch: '*.spec.ts',
	grep: SMOKE_ONLY ? new RegExp(SMOKE.tag) : undefined,
	fullyParallel: false,
	workers: 2,
	retries: 0,
	timeout: 60_000,
	expect: { timeout: 10_000 },
	forbidOnly: Boolean(process.env.CI),
	reporter: process.env.CI ? [['list'], ['html', { open: 'never' }]] : 'list',
	use: {
		baseURL,
		locale: 'de-DE',
		timezoneId: 'Europe/Berlin',
		trace: 'retain-on-failure',
		launchOptions: {
			// Debian's Chromium: Playwright's own browser download is not available here.
			executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
			args: [
				'--headless',
				'--no-sandbox',
				'--disable-gpu',
				'--disable-quic',
				'--no-first-run',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync'
			]
		}
	},
	projects: [{ name: 'chromium', use: { browserName: 'chromium' } }],
	webServer: {
		command: 'node tests/e2e/support/server-launcher.mjs',
		cwd: ROOT,
		url: `${baseURL}/healthz`,
		reuseExistingServer: false,
		timeout: 120_000,
		stdout: 'pipe',
		stderr: 'pipe',
		gracefulShutdown: { signal: 'SIGTERM', timeout: 15_000 },
		env: {
			...database,
			PORT: String(E2E_PORT),
			HOST: '127.0.0.1',
			NODE_ENV: 'production',
			LOG_LEVEL: 'warn',
			LOGIN_MAX_FAILURES_PER_ACCOUNT: String(E2E_LOGIN_LIMITS.perAccount),
			LOGIN_MAX_FAILURES_PER_ADDRESS: String(E2E_LOGIN_LIMITS.perAddress),
			LOGIN_WINDOW_SECONDS: String(E2E_LOGIN_LIMITS.windowSeconds)
		}
	}
});
