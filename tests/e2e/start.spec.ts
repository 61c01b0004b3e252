import { expect, request as playwrightRequest, test, type APIRequestContext, type Page } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { expectNoViolations } from './support/axe';
import { demoEmail, ROOT } from './support/env';
import { encodeForm, type FormValues } from './support/http';
import { msg, type Locale } from './support/messages';
import { freePort, killAll, spawnServer, tempDir, waitUntilReady, type Spawned } from './support/processes';
import { open, signedInPage } from './support/ui';

// The start page per role on the demo towns (read only: other specs change these towns, so
// the assertions look at the page's structure, not at counts), and a new municipality whose
// first steps tick themselves as its people set it up.

const localized = (path: string, locale: Locale) => (locale === 'de' ? path : `/en${path === '/' ? '' : path}`);

test.describe('the start page per role', () => {
	test('a head sees the department as traffic lights with reasons, what changed and what is overdue; no tandem message', async ({ browser }) => {
		const page = await signedInPage(browser, demoEmail('leitung', 'stadt-c'));
		try {
			await open(page, '/');
			const head = page.getByTestId('start-head');
			await expect(head.getByRole('heading', { level: 2, name: msg('start_head_title', { name: 'Bildung' }) })).toBeVisible();
			const lights = head.getByTestId('traffic-lights').getByRole('listitem');
			expect(await lights.count()).toBeGreaterThan(0);
			// Every light says its status in words and why.
			for (const light of await lights.all()) {
				await expect(light.locator('.kern-badge').first()).toHaveText(new RegExp([msg('track_on_track'), msg('track_at_risk'), msg('track_off_track'), msg('track_no_data')].join('|')));
				await expect(light.getByTestId('track-reason')).not.toBeEmpty();
			}
			await expect(head.getByRole('heading', { level: 3, name: msg('start_changes_title') })).toBeVisible();
			await expect(head.getByTestId('start-changes')).not.toBeEmpty();
			await expect(head.getByRole('heading', { level: 3, name: msg('start_overdue_title') })).toBeVisible();
			await expect(head.getByRole('link', { name: msg('start_department_view_link') })).toHaveAttribute('href', /\/monitoring\/departments\/[0-9a-f-]{36}$/);
			await expect(page.getByText(msg('start_no_tandem'))).toHaveCount(0);
			await expect(page.getByTestId('first-steps')).toHaveCount(0);
		} finally {
			await page.context().close();
		}
	});

	test('the integration office sees the municipality: goals per forecast, the stage, monitoring, its due items', async ({ browser }) => {
		const page = await signedInPage(browser, demoEmail('focus', 'stadt-c'));
		try {
			await open(page, '/');
			const focus = page.getByTestId('start-focus');
			await expect(focus.getByRole('heading', { level: 2, name: msg('start_focus_title') })).toBeVisible();
			await expect(focus.getByTestId('start-stage')).toContainText(msg('assessment_stage_C'));
			await expect(focus.getByTestId('start-tracks').getByRole('listitem')).toHaveCount(4);
			await expect(focus.getByRole('link', { name: msg('start_monitoring_link') })).toHaveAttribute('href', '/monitoring');
			await expect(focus.getByRole('heading', { level: 3, name: msg('start_my_due_title') })).toBeVisible();
			await expect(focus.getByRole('link', { name: msg('start_due_link') })).toBeVisible();
			// stadt-c has gone the whole path: no checklist on the start page, but in the help.
			await expect(page.getByTestId('first-steps')).toHaveCount(0);
			await page.getByRole('navigation').getByRole('link', { name: msg('nav_help') }).click();
			await expect(page.getByRole('heading', { level: 1, name: msg('help_title') })).toBeVisible();
			await expect(page.getByTestId('first-steps').locator('li[data-done="true"]')).toHaveCount(8);
		} finally {
			await page.context().close();
		}
	});

	test('a tandem member sees the tandem\'s goals with status and their due items', async ({ browser }) => {
		const page = await signedInPage(browser, demoEmail('bildung', 'stadt-c'));
		try {
			await open(page, '/');
			const member = page.getByTestId('start-member');
			await expect(member.getByRole('heading', { level: 2, name: msg('start_my_tandems') })).toBeVisible();
			expect(await member.getByTestId('traffic-lights').getByRole('listitem').count()).toBeGreaterThan(0);
			await expect(member.getByTestId('due-summary')).toBeVisible();
			await expect(page.getByText(msg('start_no_tandem'))).toHaveCount(0);
		} finally {
			await page.context().close();
		}
	});

	test('an admin sees the set-up at a glance; in a town without a signed agreement, the first steps with that step open', async ({ browser }) => {
		const page = await signedInPage(browser, demoEmail('admin', 'stadt-a'));
		try {
			await open(page, '/');
			const admin = page.getByTestId('start-admin');
			await expect(admin.getByRole('heading', { level: 2, name: msg('start_admin_title') })).toBeVisible();
			await expect(admin.getByRole('link', { name: /Fachbereich/ })).toHaveAttribute('href', '/departments');
			const steps = page.getByTestId('first-steps');
			await expect(steps.locator('li[data-step="departments"]')).toHaveAttribute('data-done', 'true');
			await expect(steps.locator('li[data-step="agreement"]')).toHaveAttribute('data-done', 'false');
			// An admin does not sign agreements: that step names who does, without a link.
			await expect(steps.locator('li[data-step="agreement"]').getByRole('link')).toHaveCount(0);
			await expect(steps.locator('li[data-step="agreement"]')).toContainText(msg('first_steps_who_agreement'));
		} finally {
			await page.context().close();
		}
	});

	for (const locale of ['de', 'en'] as const) {
		for (const who of ['leitung', 'focus', 'bildung', 'admin'] as const) {
			test(`axe finds nothing on the start page of ${who}@ (${locale}), and nothing scrolls sideways at 320 px`, async ({ browser }) => {
				const page = await signedInPage(browser, demoEmail(who, who === 'admin' ? 'stadt-a' : 'stadt-c'));
				try {
					await open(page, localized('/', locale));
					await expect(page.locator('html')).toHaveAttribute('lang', locale);
					await expectNoViolations(page);
					await expectNarrow(page);
				} finally {
					await page.context().close();
				}
			});
		}
		test(`axe finds nothing on the help page (${locale})`, async ({ browser }) => {
			const page = await signedInPage(browser, demoEmail('admin', 'stadt-a'));
			try {
				await open(page, localized('/help', locale));
				await expect(page.getByRole('heading', { level: 1, name: msg('help_title', {}, locale) })).toBeVisible();
				await expectNoViolations(page);
				await expectNarrow(page);
			} finally {
				await page.context().close();
			}
		});
	}
});

async function expectNarrow(page: Page): Promise<void> {
	await page.setViewportSize({ width: 320, height: 720 });
	const width = await page.evaluate(() => document.documentElement.scrollWidth);
	expect(width, `page width at 320 px on ${page.url()}`).toBeLessThanOrEqual(320);
}

// ---------------------------------------------------------------------------------------------

test.describe('a new municipality', () => {
	// A server of its own on a fresh embedded database, as `npm run admin` leaves it.
	test.slow();
	let dir: string;
	test.afterAll(async () => {
		await killAll();
		if (dir) fs.rmSync(dir, { recursive: true, force: true });
	});

	test('its checklist ticks through to the first agreed goal as its people set it up', async ({ page }) => {
		dir = tempDir('start');
		const data = path.join(dir, 'data');
		const created = spawnSync(
			process.execPath,
			[path.join(ROOT, 'build/admin.js'), 'create-municipality', '--slug', 'stadt-neu', '--name', 'Stadt Neu', '--email', 'admin@neu.example', '--admin-name', 'Nina Neu', '--password', 'ein-sicheres-passwort'],
			{ cwd: ROOT, env: { ...process.env, DATA_DIR: data, DATABASE_URL: '', LOG_LEVEL: 'warn' }, encoding: 'utf8' }
		);
		expect(created.status, created.stdout + created.stderr).toBe(0);
		const server = spawnServer(data, await freePort());
		await waitUntilReady(server);
		const base = server.url;
		const people: APIRequestContext[] = [];
		try {
			await signIn(page.request, base, 'admin@neu.example', 'ein-sicheres-passwort');
			const steps = page.getByTestId('first-steps');
			const step = (name: string) => steps.locator(`li[data-step="${name}"]`);
			const expectDone = async (done: string[]) => {
				await page.goto(`${base}/`);
				for (const name of ['departments', 'members', 'assessment', 'tandem', 'goal', 'measurement', 'checkIn', 'agreement']) {
					await expect(step(name), name).toHaveAttribute('data-done', String(done.includes(name)));
				}
				await expect(page.getByTestId('first-steps-progress')).toHaveText(msg('first_steps_progress', { count: done.length, total: 8 }));
			};

			// A new municipality opens on its first steps, not on "no tandem" and zero counters.
			await expectDone([]);
			await expect(page.getByText(msg('start_no_tandem'))).toHaveCount(0);
			await expect(step('departments')).toContainText(msg('first_step_departments_why'));

			// The admin follows the first step's link and sets up Bildung.
			await step('departments').getByRole('link', { name: msg('first_step_departments') }).click();
			await expect(page).toHaveURL(`${base}/departments`);
			await expect(page.locator('html[data-hydrated]')).toBeAttached();
			await page.getByLabel(msg('field_name')).fill('Bildung');
			await page.getByRole('button', { name: msg('departments_create') }).click();
			await expect(page.getByRole('textbox', { name: msg('departments_rename_label', { name: 'Bildung' }) })).toBeVisible();
			await expectDone(['departments']);

			// Invitations for the integration office and for a member of Bildung; both join.
			const html = await (await page.request.get(`${base}/invitations`)).text();
			const bildung = html.match(/<option value="([0-9a-f-]{36})"[^>]*>Bildung<\/option>/)?.[1];
			expect(bildung, 'Bildung in the invitation form').toBeTruthy();
			const focus = await join(base, await invite(page.request, base, { roles: ['focus'], departmentId: '' }), 'Fiona Fokus', 'fiona@neu.example');
			const member = await join(base, await invite(page.request, base, { roles: ['member'], departmentId: bildung! }), 'Bernd Bildung', 'bernd@neu.example');
			people.push(focus, member);
			await expectDone(['departments', 'members']);

			// The integration office completes the baseline assessment.
			const assessment = await post(focus, base, '/assessments?/create', { assessedOn: new Date().toISOString().slice(0, 10) });
			expect(assessment.status()).toBe(303);
			const assessmentPath = new URL(assessment.headers().location!, base).pathname;
			expect((await post(focus, base, `${assessmentPath}?/complete`)).status()).toBeLessThan(400);
			await expectDone(['departments', 'members', 'assessment']);

			// … forms the tandem with Bernd …
			const memberships = await (await focus.get(`${base}/tandems/new`)).text();
			const ids = ['Fiona Fokus', 'Bernd Bildung'].map((name) => personId(memberships, name));
			expect((await post(focus, base, '/tandems/new', { name: 'Tandem Bildung', departmentId: bildung!, membershipIds: ids })).status()).toBe(303);
			await expectDone(['departments', 'members', 'assessment', 'tandem']);

			// … and both sides agree the first goal.
			const newGoal = await (await focus.get(`${base}/goals/new`)).text();
			const tandemId = newGoal.match(/<option value="([0-9a-f-]{36})"[^>]*>Tandem Bildung/)?.[1];
			expect(tandemId, 'the tandem in the goal form').toBeTruthy();
			const started = await post(focus, base, '/goals/new', { tandemId: tandemId!, title: 'Mehr Jugendliche in Ausbildung', criterion: '' });
			expect(started.status()).toBe(303);
			const goalPath = new URL(started.headers().location!, base).pathname;
			const hash = (await (await member.get(`${base}${goalPath}`)).text()).match(/name="contentHash" value="([0-9a-f]{64})"/)?.[1];
			expect(hash, 'the content hash in the sign-off form').toBeTruthy();
			for (const side of [focus, member]) expect((await post(side, base, `${goalPath}?/signoff`, { contentHash: hash! })).status()).toBeLessThan(400);
			await expectDone(['departments', 'members', 'assessment', 'tandem', 'goal']);
			// The steps still open name why they matter; the list stays until all are done.
			await expect(step('measurement')).toContainText(msg('first_step_measurement_why'));
		} finally {
			for (const request of people) await request.dispose();
			await stop(server);
		}
	});
});

async function post(request: APIRequestContext, base: string, url: string, values: FormValues = {}) {
	return request.post(`${base}${url}`, {
		headers: { origin: base, 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
		data: encodeForm(values),
		maxRedirects: 0
	});
}

async function signIn(request: APIRequestContext, base: string, email: string, password: string) {
	expect((await post(request, base, '/login', { email, password })).status(), `sign-in of ${email}`).toBe(303);
}

async function invite(admin: APIRequestContext, base: string, form: { roles: string[]; departmentId: string }): Promise<string> {
	const response = await post(admin, base, '/invitations?/create', { ...form, note: '' });
	expect(response.status()).toBe(200);
	const link = (await response.text()).match(/value="https?:\/\/[^"]*?(\/join\/[a-z0-9]+)"/)?.[1];
	expect(link, 'the invitation link').toBeTruthy();
	return link!;
}

/** Joins through an invitation in a cookie jar of its own, which stays signed in. */
async function join(base: string, link: string, name: string, email: string): Promise<APIRequestContext> {
	const request = await playwrightRequest.newContext();
	const password = 'ein-langes-passwort';
	expect((await post(request, base, link, { name, email, password, passwordRepeat: password })).status(), `${email} joins`).toBe(303);
	return request;
}

/** The membership id of the tandem form's checkbox whose label names this person. */
function personId(html: string, name: string): string {
	const id = [...html.matchAll(/name="membershipIds" value="([0-9a-f-]{36})"/g)].find((m) => html.slice(m.index, html.indexOf('</label>', m.index)).includes(name))?.[1];
	expect(id, `${name} offered for the tandem`).toBeTruthy();
	return id!;
}

async function stop(server: Spawned) {
	server.process.kill('SIGTERM');
	await server.exited;
}
