import { expect, test, type Locator, type Page } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, demoEmail, SMOKE } from './support/env';
import { freshRequest, ORIGIN, postForm, signInContext } from './support/http';
import { fuzzFile } from '../support/fuzz-files';
import { expectNoViolations } from './support/axe';
import { msg, type Locale } from './support/messages';
import { open, shownLink, signedInPage, submitConfirmed } from './support/ui';

// Measurements: entering values live between tandem partners, form errors, the CSV import with
// its preview, corrections and deletions in the change log, keyboard access to the chart's
// table, the calendar subscription, the CSV export and the due list.
//
// Values go to stadt-c's agreed goal (no other spec changes it); the calendar and the due list
// read stadt-b, whose overdue yearly indicator no other spec touches. Reference dates are chosen
// per run and per test, so a second run on the same database finds no clash.

const GOAL = 'Abstand bei Schulabschlüssen verringern';
const INDICATOR = 'Schulabgänger/innen ohne Ersten Schulabschluss';
const UNIT = '%';
const GROUPS = ['deutsch', 'nichtdeutsch', 'insgesamt'] as const;
type Group = (typeof GROUPS)[number];
/** stadt-c's plan for the gap between nichtdeutsch and deutsch (demo data). */
const PLAN = { baseline: 6.5, target: 3.25 };

const OVERDUE_INDICATOR = 'Übergänge aus dem Übergangsbereich in Ausbildung';
const OVERDUE_GOAL = 'Übergänge aus dem Übergangsbereich in Ausbildung erhöhen';

const DAY = 86_400_000;

/**
 * A past reference date between 1990 and 2018, before every demo value (from 2019 on): a block
 * of eight days drawn at random per call, so repeated runs on one database do not meet, and in
 * it the test's own slot (0–7), so two tests of a run never share a date.
 */
function pastDate(slot: number): string {
	const block = Math.floor(Math.random() * 1300);
	return new Date(Date.UTC(1990, 0, 1) + (block * 8 + slot) * DAY).toISOString().slice(0, 10);
}
const addDay = (iso: string) => new Date(Date.parse(`${iso}T00:00:00Z`) + DAY).toISOString().slice(0, 10);
/** A date as the German pages show it (dateStyle medium: 31.07.2026). */
const de = (iso: string) => iso.split('-').reverse().join('.');
const fromDe = (text: string) => text.split('.').reverse().join('-');
const berlinToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin' }).format(new Date());
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** A message with a count in it, as a pattern matching any count. */
const anyCount = (key: string, locale: Locale = 'de') => new RegExp(`^${escapeRegExp(msg(key, { count: '§' }, locale)).replace('§', '\\d+')}$`);

/**
 * Counts from now on the data loads of the page at its current address (SvelteKit's
 * `__data.json` requests). Loads of other addresses are left out: the pointer resting on a link
 * after a click preloads that link's data, which is no reload of this page.
 */
function dataLoads(page: Page): { count: () => number; seen: () => string[] } {
	const own = `${new URL(page.url()).pathname.replace(/\/$/, '')}/__data.json`;
	const seen: string[] = [];
	page.on('request', (request) => {
		const url = new URL(request.url());
		if (url.pathname.endsWith('/__data.json')) seen.push(`${url.pathname}${url.search}`);
	});
	return { count: () => seen.filter((path) => path.split('?')[0] === own).length, seen: () => seen };
}

/** Counts from now on the live events the page's municipality sends (through a stream of its own). */
async function liveEventsOf(page: Page): Promise<() => Promise<number>> {
	await page.evaluate(
		() =>
			new Promise<void>((resolve) => {
				const heard: unknown[] = [];
				const source = new EventSource('/api/events');
				// The same kinds of event the app's layout reloads on.
				for (const type of ['goal', 'monitoring', 'comments']) source.addEventListener(type, (event) => heard.push(event.data));
				source.addEventListener('open', () => resolve());
				(window as unknown as { heardEvents: unknown[] }).heardEvents = heard;
			})
	);
	return () => page.evaluate(() => (window as unknown as { heardEvents: unknown[] }).heardEvents.length);
}


/** The id of stadt-c's demo goal, from the goal list (signed in as someone of stadt-c). */
async function goalId(page: Page): Promise<string> {
	const html = await (await page.context().request.get('/goals')).text();
	const match = html.match(new RegExp(`href="/goals/([0-9a-f-]{36})">${escapeRegExp(GOAL)}</a>`));
	expect(match, `"${GOAL}" in the goal list`).toBeTruthy();
	return match![1]!;
}

/** Opens a goal's indicators and measurements and waits until its live document is connected (the page has hydrated by then). */
async function openGoal(page: Page, id: string, locale: Locale = 'de'): Promise<void> {
	await page.goto(locale === 'de' ? `/goals/${id}/indicators` : `/en/goals/${id}/indicators`);
	await expect(page.getByTestId('connection-state')).toHaveAttribute('data-state', 'connected');
}

const measurements = (page: Page) => page.getByTestId('indicator-measurements').filter({ has: page.getByRole('heading', { level: 3, name: INDICATOR, exact: true }) });
const chartTable = (page: Page) => measurements(page).getByTestId('chart-table');
const entryForm = (page: Page) => page.getByRole('form', { name: msg('measurement_add_heading', { name: INDICATOR }) });
/** The chart table's row of a reference date (not the baseline or target row of the same date). */
const chartRow = (page: Page, iso: string) => chartTable(page).getByRole('row').filter({ has: page.getByRole('rowheader', { name: de(iso), exact: true }) });
/** A group's cell in that row: the columns follow the indicator's groups. */
const chartCell = (page: Page, iso: string, group: Group) => chartRow(page, iso).getByRole('cell').nth(GROUPS.indexOf(group));

/** The latest reference date with a value in the chart table. */
async function latestValueDate(page: Page): Promise<string> {
	const headers = await chartTable(page).getByRole('rowheader').allTextContents();
	const dates = headers.map((text) => text.trim()).filter((text) => /^\d{2}\.\d{2}\.\d{4}$/.test(text)).map(fromDe);
	expect(dates.length, 'values in the chart table').toBeGreaterThan(0);
	return dates.sort().at(-1)!;
}

async function enterMeasurement(page: Page, values: { group: Group; date: string; value: string; note?: string }): Promise<void> {
	const form = entryForm(page);
	await form.getByLabel(msg('measurement_group'), { exact: true }).selectOption(values.group);
	await form.getByLabel(msg('measurement_date'), { exact: true }).fill(values.date);
	await form.getByLabel(msg('measurement_value'), { exact: true }).fill(values.value);
	if (values.note !== undefined) await form.getByLabel(msg('measurement_note'), { exact: true }).fill(values.note);
	await submitMeasurement(page, form, msg('measurement_add'));
}

/**
 * Submits a measurement form and, when the app questions the value as a jump in its series,
 * confirms it as a person would. Tests enter values at random dates of shared demo series, so
 * whether a value counts as a jump depends on what other tests entered around it.
 */
async function submitMeasurement(page: Page, scope: Locator | Page, button: string): Promise<void> {
	const answered = page.waitForResponse((response) => response.request().method() === 'POST');
	await scope.getByRole('button', { name: button }).click();
	// A redirect (saved without JavaScript) has no body to read.
	const body = await (await answered).text().catch(() => '');
	if (!body.includes('plausible_jump') && !body.includes(msg('plausible_jump'))) return;
	await scope.getByLabel(msg('plausible_jump_confirm')).check();
	await scope.getByRole('button', { name: button }).click();
}

/** From the goal page to the indicator's import page, as a person gets there; its goal and path. */
async function openImport(page: Page): Promise<{ id: string; importUrl: string }> {
	const id = await goalId(page);
	await openGoal(page, id);
	await measurements(page).getByRole('link', { name: msg('measurement_import') }).click();
	await expect(page).toHaveURL(new RegExp(`/goals/${id}/indicators/[0-9a-f-]{36}/import$`));
	return { id, importUrl: new URL(page.url()).pathname };
}

/** Opens a `<details>` by its summary, with the keyboard. */
async function openDetails(page: Page, scope: Page | Locator, summary: RegExp): Promise<Locator> {
	const details = scope.locator('details').filter({ has: page.locator('summary', { hasText: summary }) });
	const toggle = details.locator('summary');
	await toggle.focus();
	await toggle.press('Enter');
	await expect(details).toHaveAttribute('open', '');
	return details;
}

const entriesOf = (page: Page) => openDetails(page, measurements(page), anyCount('measurement_entries'));
const auditOf = (page: Page) => openDetails(page, page, anyCount('audit_heading'));
/** The change log's row of an action on a value (the "before" or "after" text in words). */
const auditRow = (audit: Locator, action: string, values: string) =>
	audit
		.getByRole('row')
		.filter({ has: audit.page().getByRole('cell', { name: action, exact: true }) })
		.filter({ has: audit.page().getByRole('cell', { name: values, exact: true }) });

test('a value one partner enters shows in the other partner’s chart at once, with the summary and forecast updated', SMOKE, async ({ browser }) => {
	const member = await signedInPage(browser, demoEmail('bildung', 'stadt-c'));
	const focus = await signedInPage(browser, demoEmail('focus', 'stadt-c'));
	try {
		const id = await goalId(member);
		await openGoal(focus, id);
		await openGoal(member, id);

		// A new latest date, so the gap at that date becomes the latest point of the target series.
		const date = addDay(await latestValueDate(focus));
		expect(date < berlinToday(), `${date} lies in the past`).toBe(true);

		// The gap needs both groups: first deutsch (with a note, to see that nothing stays behind) …
		const note = `E2E-Notiz ${date}`;
		await enterMeasurement(member, { group: 'deutsch', date, value: '5,2', note });
		const form = entryForm(member);
		await expect(form.getByRole('status')).toHaveText(msg('measurement_added'));
		await expect(chartCell(member, date, 'deutsch')).toHaveText('5,2');
		await expect(form.getByLabel(msg('measurement_date'), { exact: true })).toHaveValue('');
		await expect(form.getByLabel(msg('measurement_value'), { exact: true })).toHaveValue('');
		await expect(form.getByLabel(msg('measurement_note'), { exact: true })).toHaveValue('');
		await expect(form.getByLabel(msg('measurement_cases'), { exact: true })).toHaveValue('');
		await expect(form.getByRole('checkbox', { checked: true })).toHaveCount(0);
		// … back at the group the target refers to.
		await expect(form.getByLabel(msg('measurement_group'), { exact: true })).toHaveValue('nichtdeutsch');
		await expect(chartCell(focus, date, 'deutsch')).toHaveText('5,2', { timeout: 1_500 });

		// … then nichtdeutsch with a decimal comma: the partner sees it within a second. The member's
		// page loads its data once, with the form's result: the live event for their own change adds
		// no second load. Other tests write in this town at the same time; each of their events may
		// reload the page once more, so those are counted and allowed.
		// Events are counted from before the loads, so a reload of an event heard just before counts
		// as allowed: the layout reloads 200 ms after an event, so loads are counted from 500 ms on.
		const events = await liveEventsOf(member);
		await member.waitForTimeout(500);
		const memberLoads = dataLoads(member);
		const focusLoads = dataLoads(focus);
		await enterMeasurement(member, { group: 'nichtdeutsch', date, value: '7,4' });
		await expect(chartCell(member, date, 'nichtdeutsch')).toHaveText('7,4');
		await expect(form.getByLabel(msg('measurement_value'), { exact: true })).toHaveValue('');
		await expect(chartCell(focus, date, 'nichtdeutsch')).toHaveText('7,4', { timeout: 1_500 });
		await member.waitForTimeout(1_500);
		const othersEvents = (await events()) - 1;
		expect(memberLoads.count()).toBeGreaterThanOrEqual(1);
		expect(memberLoads.count(), `data loads of the member's page with ${othersEvents} events of others: ${memberLoads.seen().join(', ')}`).toBeLessThanOrEqual(1 + othersEvents);
		expect(focusLoads.count()).toBeGreaterThanOrEqual(1);

		// The gap of 2,2 points is below the target of 3,25: the target is met. Both the chart's
		// text alternative and the forecast sentence say so.
		const gap = 7.4 - 5.2;
		const progress = Math.round(((PLAN.baseline - gap) / (PLAN.baseline - PLAN.target)) * 100);
		const reason = msg('forecast_target_met', { progress });
		const summary = `${msg('chart_summary_latest', { name: INDICATOR, value: `2,2 ${UNIT}`, date: de(date) })} ${reason}`;
		for (const page of [focus, member]) {
			await expect(measurements(page).getByTestId('forecast-reason')).toHaveText(reason, { timeout: 1_500 });
			await expect(measurements(page).getByRole('img', { name: summary, exact: true })).toBeVisible({ timeout: 1_500 });
			await expect(measurements(page).locator('figcaption')).toHaveText(summary);
			await expect(measurements(page).getByText(msg('track_on_track'), { exact: true })).toBeVisible();
			await expect(measurements(page).getByText(msg('progress_percent_exact', { percent: 100, exact: progress }), { exact: true })).toBeVisible();
		}

		// The entries list of the member names who entered the values.
		const entries = await entriesOf(member);
		const row = entries.getByRole('row').filter({ has: member.getByRole('cell', { name: `${note} (Schulstatistik des Landes)`, exact: true }) });
		await expect(row.getByRole('rowheader')).toHaveText(de(date));
		await expect(row).toContainText('Christina Wolf');
	} finally {
		await member.context().close();
		await focus.context().close();
	}
});

test('a value that is no number is explained next to the field, and everything typed stays', async ({ page }) => {
	await signInContext(page.context(), demoEmail('bildung', 'stadt-c'));
	const id = await goalId(page);
	await openGoal(page, id);
	const date = pastDate(1);
	const note = `Bemerkung zum Tippfehler ${date}`;
	await enterMeasurement(page, { group: 'insgesamt', date, value: 'abc', note });

	const form = entryForm(page);
	const value = form.getByLabel(msg('measurement_value'), { exact: true });
	// The error summary above the form and the message at the field.
	await expect(form.getByTestId('error-summary')).toContainText(msg('error_number_invalid'));
	await expect(form.locator('.kern-error[role="alert"]')).toHaveText(msg('error_number_invalid'));
	await expect(value).toHaveAttribute('aria-invalid', 'true');
	await expect(value).toHaveAccessibleDescription(new RegExp(escapeRegExp(msg('error_number_invalid'))));
	await expect(value).toHaveValue('abc');
	await expect(form.getByLabel(msg('measurement_note'), { exact: true })).toHaveValue(note);
	await expect(form.getByLabel(msg('measurement_date'), { exact: true })).toHaveValue(date);
	await expect(form.getByLabel(msg('measurement_group'), { exact: true })).toHaveValue('insgesamt');
	await expect(form.getByRole('status')).toHaveCount(0);
	await expect(chartRow(page, date)).toHaveCount(0);

	// Fixing the value is enough: the rest was kept.
	await value.fill('6,1');
	await submitMeasurement(page, form, msg('measurement_add'));
	await expect(form.getByRole('status')).toHaveText(msg('measurement_added'));
	await expect(form.getByRole('alert')).toHaveCount(0);
	await expect(chartCell(page, date, 'insgesamt')).toHaveText('6,1');
});

test('a CSV import shows a preview, takes a changed column mapping, and lands in the chart and the change log; a broken file cannot be imported', SMOKE, async ({ page }) => {
	await signInContext(page.context(), demoEmail('bildung', 'stadt-c'));
	const { id, importUrl } = await openImport(page);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(msg('import_title', { name: INDICATOR }));

	// The note column has a header the import does not recognise by itself.
	const date = pastDate(2);
	const note = `Sonderauswertung ${date}`;
	const fileName = `e2e-${date}.csv`;
	const csv = ['Stichtag;Gruppe;Wert;Erläuterung', `${de(date)};deutsch;4,4;${note}`, `${de(date)};nichtdeutsch;9,9;${note}`, `${de(date)};insgesamt;(5,5);`, ''].join('\r\n');
	await page.getByLabel(msg('import_file'), { exact: true }).setInputFiles({ name: fileName, mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
	await page.getByRole('button', { name: msg('import_upload') }).click();
	await expect(page).toHaveURL(/\?draft=[0-9a-f-]{36}$/);

	const preview = page.getByTestId('import-preview');
	await expect(preview.getByRole('heading', { level: 2 })).toHaveText(msg('import_step_preview', { file: fileName }));
	const summary = msg('import_summary', { added: 3, changed: 0, unchanged: 0 });
	await expect(preview.getByTestId('import-summary')).toHaveText(summary);
	const added = preview.getByRole('table', { name: msg('import_added_caption', { count: 3 }) });
	await expect(added.getByRole('row')).toHaveCount(4);
	await expect(added.getByRole('row').filter({ has: page.getByRole('rowheader', { name: '2', exact: true }) })).toContainText(`deutsch, ${de(date)}: 4,4`);
	await expect(added).toContainText(`nichtdeutsch, ${de(date)}: 9,9`);
	await expect(added).toContainText(`insgesamt, ${de(date)}: (5,5)`);
	await expect(preview.getByTestId('import-problems')).toHaveCount(0);
	await expectNoViolations(page);

	// Map the note column and refresh the preview with the keyboard.
	const noteColumn = page.getByLabel(msg('import_role_note'), { exact: true });
	await noteColumn.selectOption({ label: 'Erläuterung' });
	const refresh = page.getByRole('button', { name: msg('import_refresh') });
	await refresh.focus();
	await page.keyboard.press('Enter');
	await expect(page).toHaveURL(/[?&]col_note=3(&|$)/);
	await expect(noteColumn).toHaveValue('3');
	await expect(page.getByLabel(msg('import_separator'), { exact: true })).toHaveValue('semicolon');
	await expect(preview.getByTestId('import-summary')).toHaveText(summary);

	// Values far from the series' steps are listed; the import takes them once ticked.
	const warned = page.getByLabel(msg('import_warnings_confirm'));
	if ((await warned.count()) > 0) await warned.check();
	await page.getByRole('button', { name: msg('import_confirm', { count: 3 }) }).click();
	// The count shows once; the address drops it, so a reload does not announce the import again.
	await expect(page.getByRole('status').filter({ hasText: msg('import_done', { count: 3 }) })).toBeVisible();
	await expect(page).toHaveURL(new RegExp(`/goals/${id}/indicators$`));
	await expect(chartCell(page, date, 'deutsch')).toHaveText('4,4');
	await expect(chartCell(page, date, 'nichtdeutsch')).toHaveText('9,9');
	await expect(chartCell(page, date, 'insgesamt')).toHaveText('(5,5)');

	// The mapped notes arrived, with the file as the source.
	const entries = await entriesOf(page);
	await expect(entries.getByRole('cell', { name: `${note} (${fileName})`, exact: true })).toHaveCount(2);

	// The change log lists the three values as imported.
	const audit = await auditOf(page);
	const imported = `${msg('audit_created')} (${msg('audit_imported')})`;
	for (const [group, value] of [['deutsch', '4,4'], ['nichtdeutsch', '9,9'], ['insgesamt', '(5,5)']] as const) {
		const row = auditRow(audit, imported, `${de(date)}, ${group}: ${value}`);
		await expect(row).toHaveCount(1);
		await expect(row.getByRole('cell').nth(1)).toHaveText('Christina Wolf');
		await expect(row.getByRole('cell').nth(2)).toHaveText(INDICATOR);
		await expect(row.getByRole('cell').nth(4)).toHaveText('–');
	}
	await page.reload();
	await expect(chartCell(page, date, 'deutsch')).toHaveText('4,4');
	await expect(page.getByRole('status').filter({ hasText: msg('import_done', { count: 3 }) })).toHaveCount(0);

	// A broken file: every problem with its line and column, and nothing to confirm.
	await open(page, importUrl);
	await page.getByLabel(msg('import_file'), { exact: true }).setInputFiles(path.join(ROOT, 'tests/fixtures/csv/broken-wrong-column.csv'));
	await page.getByRole('button', { name: msg('import_upload') }).click();
	await expect(page).toHaveURL(/\?draft=[0-9a-f-]{36}$/);
	const problems = page.getByTestId('import-problems');
	await expect(page.getByRole('alert').filter({ has: problems })).toContainText(msg('import_problems', { count: 3 }));
	await expect(problems.getByRole('listitem')).toHaveText([
		msg('csv_column_missing', { line: 4, column: 4 }),
		msg('csv_duplicate', { line: 6, column: 1, value: '31.12.2022', first: 4 }),
		msg('csv_group_unknown', { line: 7, column: 2, value: 'ausländisch', groups: GROUPS.join(', ') })
	]);
	await expect(page.getByTestId('import-summary')).toHaveCount(0);
	await expect(page.getByRole('button', { name: anyCount('import_confirm') })).toHaveCount(0);
	await expectNoViolations(page);
});

test('Excel’s "Unicode text" is read, a binary file is refused by name, and 100 fuzzed uploads never break the server', async ({ page }) => {
	await signInContext(page.context(), demoEmail('bildung', 'stadt-c'));
	const { importUrl } = await openImport(page);
	await open(page, importUrl);

	// UTF-16 with a BOM, as `iconv -t UTF-16` and Excel write it.
	const date = pastDate(7);
	const unicode = Buffer.from(`\uFEFFStichtag;Gruppe;Wert\r\n${de(date)};deutsch;25,0\r\n`, 'utf16le');
	await page.getByLabel(msg('import_file'), { exact: true }).setInputFiles({ name: 'u16.csv', mimeType: 'text/csv', buffer: unicode });
	await page.getByRole('button', { name: msg('import_upload') }).click();
	await expect(page).toHaveURL(/\?draft=[0-9a-f-]{36}$/);
	await expect(page.getByTestId('import-preview')).toContainText('UTF-16 LE');
	await expect(page.getByTestId('import-summary')).toHaveText(msg('import_summary', { added: 1, changed: 0, unchanged: 0 }));

	// A file that is no text gets the reason next to the field, not an error page.
	await open(page, importUrl);
	const binary = Buffer.from(Array.from({ length: 2048 }, (_, i) => (i * 7919) % 256));
	await page.getByLabel(msg('import_file'), { exact: true }).setInputFiles({ name: 'bild.csv', mimeType: 'text/csv', buffer: binary });
	await page.getByRole('button', { name: msg('import_upload') }).click();
	await expect(page.getByRole('alert').filter({ hasText: msg('error_import_not_text') })).toBeVisible();
	await expect(page).toHaveURL(new RegExp(`${importUrl}$`));

	// Random and mutated files over HTTP: each answer is a draft's preview or a refusal.
	const request = page.context().request;
	const answers = new Map<number, number>();
	for (let seed = 1; seed <= 100; seed++) {
		const { name, bytes } = fuzzFile(seed);
		const response = await request.post(`${importUrl}?/upload`, {
			headers: { origin: ORIGIN, accept: 'text/html' },
			multipart: { file: { name, mimeType: 'text/csv', buffer: Buffer.from(bytes) } },
			maxRedirects: 0
		});
		answers.set(response.status(), (answers.get(response.status()) ?? 0) + 1);
		expect([303, 400], `seed ${seed}: ${response.status()}`).toContain(response.status());
		if (response.status() === 303) expect((await request.get(response.headers().location!)).status(), `preview of seed ${seed}`).toBe(200);
	}
	expect(answers.get(303)).toBeGreaterThan(0);
	expect(answers.get(400)).toBeGreaterThan(0);
	expect((await request.get('/healthz')).status()).toBe(200);
});

test('a correction and a deletion go back to the goal and into the change log with before and after', async ({ page }) => {
	await signInContext(page.context(), demoEmail('bildung', 'stadt-c'));
	const id = await goalId(page);
	const date = pastDate(3);
	await openGoal(page, id);
	const indicatorId = (await measurements(page).getByRole('link', { name: msg('measurement_import') }).getAttribute('href'))!.match(/indicators\/([0-9a-f-]{36})\//)![1]!;
	// The value to correct, entered without the form (that has its own test).
	const added = await postForm(page.context().request, `/goals/${id}/indicators?/addMeasurement`, { indicatorId, group: 'insgesamt', date, value: '3,3', confirmJump: 'on' });
	expect(added.status(), 'entering the value to correct').toBe(200);
	await expect(chartCell(page, date, 'insgesamt')).toHaveText('3,3', { timeout: 1_500 });

	const correctLink = `${msg('measurement_correct')} ${de(date)} insgesamt`;
	await (await entriesOf(page)).getByRole('link', { name: correctLink, exact: true }).click();
	await expect(page).toHaveURL(new RegExp(`/goals/${id}/measurements/[0-9a-f-]{36}$`));
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(msg('measurement_correct_title', { name: INDICATOR, date: de(date) }));
	const value = page.getByLabel(msg('measurement_value'), { exact: true });
	await expect(value).toHaveValue('3,3');
	await expect(page.getByLabel(msg('measurement_date'), { exact: true })).toHaveValue(date);
	await expect(page.getByLabel(msg('measurement_group'), { exact: true })).toHaveValue('insgesamt');
	await expectNoViolations(page);

	await value.fill('3,9');
	await submitMeasurement(page, page, msg('measurement_correct_save'));
	await expect(page).toHaveURL(new RegExp(`/goals/${id}/indicators$`));
	await expect(chartCell(page, date, 'insgesamt')).toHaveText('3,9');

	// Deleting asks first, in a dialog.
	await (await entriesOf(page)).getByRole('link', { name: correctLink, exact: true }).click();
	await expect(value).toHaveValue('3,9');
	await page.getByRole('button', { name: msg('measurement_delete'), exact: true }).click();
	const dialog = page.getByRole('dialog', { name: msg('measurement_delete_title') });
	await expect(dialog).toBeVisible();
	await expect(dialog).toContainText(msg('measurement_delete_text'));
	await dialog.getByRole('button', { name: msg('action_cancel') }).click();
	await expect(dialog).toBeHidden();
	await expect(page).toHaveURL(/\/measurements\/[0-9a-f-]{36}$/);
	await submitConfirmed(page, msg('measurement_delete'));
	await expect(page).toHaveURL(new RegExp(`/goals/${id}/indicators$`));
	await expect(chartRow(page, date)).toHaveCount(0);

	const audit = await auditOf(page);
	const corrected = auditRow(audit, msg('audit_updated'), `${de(date)}, insgesamt: 3,3`);
	await expect(corrected).toHaveCount(1);
	await expect(corrected.getByRole('cell').nth(5)).toHaveText(`${de(date)}, insgesamt: 3,9`);
	await expect(corrected.getByRole('cell').nth(1)).toHaveText('Christina Wolf');
	const deleted = auditRow(audit, msg('audit_deleted'), `${de(date)}, insgesamt: 3,9`);
	await expect(deleted).toHaveCount(1);
	await expect(deleted.getByRole('cell').nth(5)).toHaveText('–');
	await expect(auditRow(audit, msg('audit_created'), `${de(date)}, insgesamt: 3,3`)).toHaveCount(1);
});

test('the chart’s data table is reached with Tab and has a name', async ({ page }) => {
	await signInContext(page.context(), demoEmail('leitung', 'stadt-c'));
	const id = await goalId(page);
	await openGoal(page, id);
	const table = chartTable(page);
	// Start at the last stop before the indicator's section and go on with the keyboard only.
	await page.getByRole('link', { name: msg('measurement_export_goal') }).focus();
	let reached = false;
	for (let presses = 0; presses < 10 && !reached; presses++) {
		await page.keyboard.press('Tab');
		reached = await table.evaluate((element) => element === document.activeElement);
	}
	expect(reached, 'the chart table region became the focused element').toBe(true);
	await expect(table).toBeFocused();
	await expect(table).toHaveRole('region');
	await expect(table).toHaveAccessibleName(`${msg('chart_table_caption', { name: INDICATOR })} (${UNIT})`);
	// The canvas itself is no stop: its content is the text alternative and this table.
	await expect(measurements(page).getByRole('img')).toHaveAccessibleName(new RegExp(`^${escapeRegExp(INDICATOR)}: `));
});

test('axe finds nothing on the goal page of a tandem member, with forms and lists open, in German and English', async ({ page }) => {
	await signInContext(page.context(), demoEmail('bildung', 'stadt-c'));
	const id = await goalId(page);
	for (const locale of ['de', 'en'] as const) {
		await openGoal(page, id, locale);
		await expect(page.locator('html')).toHaveAttribute('lang', locale);
		await expect(page.getByRole('form', { name: msg('measurement_add_heading', { name: INDICATOR }, locale) })).toBeVisible();
		for (const summary of [anyCount('measurement_entries', locale), anyCount('audit_heading', locale)]) {
			if ((await page.locator('summary', { hasText: summary }).count()) > 0) await openDetails(page, page, summary);
		}
		await expect(page.locator('details[open]').first()).toBeVisible();
		await expectNoViolations(page);
	}
});

test('a calendar link serves the member’s overdue measurements until it is revoked', async ({ page }) => {
	await signInContext(page.context(), demoEmail('bildung', 'stadt-b'));
	await open(page, '/account');
	await page.getByRole('button', { name: msg('calendar_create') }).click();
	const url = await shownLink(page, 'calendar-url');
	expect(new URL(url).pathname).toMatch(/^\/calendar\/[a-z2-7]{32}\.ics$/);
	await expect(page.getByRole('button', { name: msg('calendar_revoke') })).toBeVisible();
	await expectNoViolations(page);

	// A calendar app has no session: the URL alone is the credential.
	const calendarApp = await freshRequest();
	try {
		const response = await calendarApp.get(url, { maxRedirects: 0 });
		expect(response.status()).toBe(200);
		expect(response.headers()['content-type']).toMatch(/^text\/calendar\b/);
		// Long lines are folded at 75 octets; unfold before reading (RFC 5545 §3.1).
		const feed = (await response.text()).replace(/\r\n[ \t]/g, '');
		expect(feed).toMatch(/^BEGIN:VCALENDAR\r\n/);
		const events = feed.split('BEGIN:VEVENT').slice(1);
		const summary = `SUMMARY:${msg('calendar_measurement_due', { indicator: OVERDUE_INDICATOR, goal: OVERDUE_GOAL })}`;
		const due = events.find((event) => event.split('\r\n').includes(summary));
		expect(due, `an event "${summary}" in\n${feed}`).toBeTruthy();
		// It leads to where the value is entered: the goal's indicators page.
		expect(due).toMatch(/\r\nURL:https?:\/\/[^/]+\/goals\/[0-9a-f-]{36}\/indicators\r\n/);

		await page.getByRole('button', { name: msg('calendar_revoke') }).click();
		await expect(page.getByRole('status').filter({ hasText: msg('calendar_revoked') })).toBeVisible();
		await expect(page.getByText(msg('calendar_none'))).toBeVisible();
		expect((await calendarApp.get(url, { maxRedirects: 0 })).status()).toBe(404);
	} finally {
		await calendarApp.dispose();
	}
});

test('the CSV export is a German spreadsheet file with the values the page shows', async ({ page }) => {
	await signInContext(page.context(), demoEmail('bildung', 'stadt-c'));
	const id = await goalId(page);
	await openGoal(page, id);
	// A demo value with a decimal comma, as the chart table shows it.
	const date = '2025-07-31';
	await expect(chartCell(page, date, 'deutsch')).toHaveText('5,3');

	const [download] = await Promise.all([page.waitForEvent('download'), measurements(page).getByRole('link', { name: msg('measurement_export'), exact: true }).click()]);
	expect(download.suggestedFilename()).toMatch(/\.csv$/);
	const bytes = fs.readFileSync((await download.path())!);
	expect([...bytes.subarray(0, 3)], 'the UTF-8 byte order mark').toEqual([0xef, 0xbb, 0xbf]);
	const lines = bytes.subarray(3).toString('utf8').split('\r\n');
	const header = ['csv_header_indicator', 'csv_header_unit', 'csv_header_group', 'csv_header_date', 'csv_header_value'].map((key) => msg(key));
	expect(lines[0]!.split(';').slice(0, 5)).toEqual(header);
	expect(lines.filter((line) => line.startsWith(`${INDICATOR};${UNIT};deutsch;${de(date)};5,3;`))).toHaveLength(1);
});

test('the due list shows the overdue indicator to the member and the head; axe finds nothing there', async ({ browser }) => {
	for (const local of ['bildung', 'leitung'] as const) {
		const page = await signedInPage(browser, demoEmail(local, 'stadt-b'));
		try {
			await open(page, '/due');
			await expect(page.getByRole('heading', { level: 1 })).toHaveText(msg('due_title'));
			const overdue = page.getByTestId('due-overdue').getByRole('listitem').filter({ has: page.getByRole('link', { name: OVERDUE_INDICATOR, exact: true }) });
			await expect(overdue).toHaveCount(1);
			await expect(overdue).toContainText(OVERDUE_GOAL);
			await expect(overdue).toContainText(msg('due_measurement_since', { date: de('2026-07-31') }));
			await expectNoViolations(page);
		} finally {
			await page.context().close();
		}
	}
});
