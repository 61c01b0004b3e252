import { expect, test, type Page } from '@playwright/test';
import fs from 'node:fs';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { expectNoViolations } from './support/axe';
import { demoEmail, SMOKE } from './support/env';
import { freshRequest, signInContext, unique } from './support/http';
import { msg } from './support/messages';
import { open } from './support/ui';

// Council reports in stadt-c (no other spec reads its report list): made through the form,
// shared by a link that works without an account until it is revoked, and a PDF whose pages
// say what the report says.

/** The text of each page of a PDF, as a PDF reader would extract it. */
async function pdfPages(bytes: Buffer): Promise<string[]> {
	const pdf = await getDocument({ data: new Uint8Array(bytes), isEvalSupported: false }).promise;
	const pages: string[] = [];
	for (let n = 1; n <= pdf.numPages; n++) {
		const content = await (await pdf.getPage(n)).getTextContent();
		pages.push(content.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : ' ') : '')).join(''));
	}
	await pdf.destroy();
	return pages;
}

const squash = (text: string) => text.replace(/\s+/g, ' ');

async function createReport(page: Page, title: string): Promise<string> {
	await open(page, '/snapshots');
	await page.getByRole('link', { name: msg('snapshots_new') }).click();
	await page.getByLabel(msg('snapshots_whole_department', { name: 'Jugend', count: 1 })).check();
	await page.getByRole('button', { name: msg('snapshots_step_next') }).click();

	// A threshold that is no number is explained; what was typed stays.
	await page.getByLabel(msg('snapshot_title'), { exact: true }).fill(title);
	await page.getByLabel(msg('snapshot_commentary'), { exact: true }).fill('Die offene Jugendarbeit erreicht mehr junge Geflüchtete als geplant.');
	await page.getByLabel('Offene Jugendarbeit erreicht junge Geflüchtete (Jugend)').fill('Mädchentreff seit August.');
	await page.getByLabel(msg('snapshots_min_cases')).fill('1');
	await page.getByRole('button', { name: msg('snapshots_create') }).click();
	await expect(page.getByRole('alert').filter({ hasText: msg('error_snapshot_min_cases') })).toBeVisible();
	await expect(page.getByLabel(msg('snapshot_title'), { exact: true })).toHaveValue(title);
	await expect(page.getByLabel('Offene Jugendarbeit erreicht junge Geflüchtete (Jugend)')).toHaveValue('Mädchentreff seit August.');

	await page.getByLabel(msg('snapshots_min_cases')).fill('');
	await page.getByRole('button', { name: msg('snapshots_create') }).click();
	await expect(page).toHaveURL(/\/snapshots\/[0-9a-f-]{36}$/);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(msg('snapshot_report_title', { title }));
	return (await page.getByTestId('snapshot-hash').textContent())!.trim();
}

test('a report is made, shared by a link without an account, and its PDF has the expected pages and text', SMOKE, async ({ page, browser }) => {
	await signInContext(page.context(), demoEmail('focus', 'stadt-c'));
	const title = unique('Bericht an den Jugendhilfeausschuss');
	const hash = await createReport(page, title);
	expect(hash).toMatch(/^[0-9a-f]{64}$/);
	await expect(page.getByTestId('snapshot-report')).toContainText('Mädchentreff seit August.');
	const today = new Intl.DateTimeFormat('de-DE', { dateStyle: 'medium', timeZone: 'Europe/Berlin' }).format(new Date());
	expect(await page.getByTestId('council-text').inputValue()).toContain(msg('council_resolution', { title, date: today }));
	await expectNoViolations(page);

	// A link with a last day; the address is shown once.
	await page.getByLabel(msg('snapshot_link_label')).fill('Jugendhilfeausschuss');
	await page.getByRole('button', { name: msg('snapshot_link_create') }).click();
	const shareUrl = await page.getByLabel(msg('snapshot_link_url')).inputValue();
	expect(new URL(shareUrl).pathname).toMatch(/^\/s\/[a-z2-7]{32}$/);

	// A council member without an account opens it: the report, nothing else of the app.
	const council = await browser.newContext();
	const reader = await council.newPage();
	const response = await reader.goto(shareUrl);
	expect(response!.status()).toBe(200);
	expect(response!.headers()['x-robots-tag']).toBe('noindex, nofollow');
	expect(response!.headers()['referrer-policy']).toBe('no-referrer');
	await expect(reader.locator('meta[name="robots"]')).toHaveAttribute('content', 'noindex, nofollow');
	await expect(reader.getByRole('heading', { level: 1 })).toHaveText(msg('snapshot_report_title', { title }));
	await expect(reader.getByTestId('snapshot-hash')).toHaveText(hash);
	await expect(reader.getByRole('link', { name: msg('nav_goals') })).toHaveCount(0);
	await expect(reader.getByRole('link', { name: 'Fokus' })).toHaveCount(0);
	await expectNoViolations(reader);

	const [download] = await Promise.all([reader.waitForEvent('download'), reader.getByRole('link', { name: msg('snapshot_download_pdf') }).click()]);
	expect(download.suggestedFilename()).toMatch(/\.pdf$/);
	const pages = await pdfPages(fs.readFileSync((await download.path())!));
	expect(pages.length).toBeGreaterThanOrEqual(2);
	pages.forEach((text, i) => {
		expect(squash(text), `page ${i + 1}`).toContain(msg('report_page', { page: i + 1, pages: pages.length }));
		expect(squash(text).replace(/\s/g, ''), `page ${i + 1}`).toContain(hash);
	});
	const first = squash(pages[0]!);
	expect(first).toContain('Stadt Carlsfelde (Demo)');
	expect(first).toContain(title);
	expect(first).toContain('Die offene Jugendarbeit erreicht mehr junge Geflüchtete als geplant.');
	const all = squash(pages.join(' '));
	expect(all).toContain('Offene Jugendarbeit erreicht junge Geflüchtete');
	expect(all).toContain('Mädchentreff seit August.');
	expect(all).toContain('Junge Geflüchtete in Angeboten der offenen Jugendarbeit');

	// Revoked: the same link now gets the same 404 as a token that never existed.
	await page.getByRole('button', { name: new RegExp(msg('snapshot_link_revoke')) }).click();
	await expect(page.getByTestId('snapshot-links')).toContainText(msg('snapshot_link_views'));
	await expect(page.getByTestId('snapshot-links').getByRole('button', { name: new RegExp(msg('snapshot_link_revoke')) })).toHaveCount(0);
	const anyone = await freshRequest();
	try {
		const token = shareUrl.slice(-32);
		const revoked = await anyone.get(shareUrl);
		const unknown = await anyone.get(shareUrl.replace(token, 'a'.repeat(32)));
		expect([revoked.status(), unknown.status()]).toEqual([404, 404]);
		// The same page, but for the address it echoes (language switch) and the request's own id.
		const same = (body: string, echoed: string) => body.replaceAll(echoed, 'TOKEN').replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, 'REQUEST');
		expect(same(await revoked.text(), token)).toBe(same(await unknown.text(), 'a'.repeat(32)));
		expect((await anyone.get(`${new URL(shareUrl).pathname}/report.pdf`)).status()).toBe(404);
	} finally {
		await anyone.dispose();
		await council.close();
	}
	// The view count stayed with the link: the page and the PDF.
	await expect(page.getByTestId('snapshot-links').getByRole('row').filter({ hasText: 'Jugendhilfeausschuss' }).getByRole('cell').nth(2)).toHaveText('2');

	// Withdrawn: kept, marked, no new links.
	await page.getByLabel(msg('snapshot_withdraw_reason')).fill('Zahlen des Jugendamts nachgereicht.');
	await page.getByRole('button', { name: msg('snapshot_withdraw') }).click();
	await page.getByRole('dialog').getByRole('button', { name: msg('snapshot_withdraw') }).click();
	await expect(page.getByRole('alert').filter({ hasText: 'Zahlen des Jugendamts nachgereicht.' })).toBeVisible();
	await expect(page.getByRole('button', { name: msg('snapshot_link_create') })).toHaveCount(0);
	await expect(page.getByTestId('snapshot-hash')).toHaveText(hash);
});

test('the demo report of stadt-c shows what changed since the one before, and a head reads it but cannot share it', async ({ page }) => {
	await signInContext(page.context(), demoEmail('leitung', 'stadt-c'));
	await open(page, '/snapshots');
	await page.getByRole('link', { name: 'Monitoring 1. Halbjahr 2026', exact: true }).click();
	const changes = page.getByTestId('snapshot-changes');
	await expect(changes).toContainText(msg('snapshot_changes_since', { title: 'Monitoring 2025', date: '31.12.2025' }));
	await expect(changes.getByTestId('changes-new')).toContainText('Arbeitslosenquote unter 25 Jahren');
	await expect(page.getByRole('heading', { name: msg('snapshot_links') })).toHaveCount(0);
	await expect(page.getByRole('button', { name: msg('snapshot_withdraw') })).toHaveCount(0);
	await expect(page.getByRole('link', { name: msg('snapshots_new') })).toHaveCount(0);

	// On paper: the report without the controls around it.
	await page.emulateMedia({ media: 'print' });
	await expect(page.getByTestId('snapshot-report')).toBeVisible();
	await expect(page.getByRole('button', { name: msg('snapshot_compare_show') })).toBeHidden();
	await expect(page.getByRole('link', { name: msg('snapshot_download_pdf') })).toBeHidden();
	await expect(page.getByTestId('council-text')).toBeHidden();
	expect((await page.pdf({ format: 'A4' })).subarray(0, 5).toString()).toBe('%PDF-');
	await page.emulateMedia({ media: 'screen' });

	// Compared with nothing: no changes part.
	await page.getByLabel(msg('snapshot_compare_with')).selectOption(msg('snapshot_compare_none'));
	await page.getByRole('button', { name: msg('snapshot_compare_show') }).click();
	await expect(page).toHaveURL(/compare=none/);
	await expect(changes).toHaveCount(0);
});

test('a goal changed after the reference date appears in the report as it stood then; an adjustment without a reason is named before freezing and printed so', async ({ page }) => {
	// The Soziales goal of stadt-c, agreed in 2025 with the deadline 31.12.2027; no other spec changes it.
	const goal = 'Migrationsberatung und Allgemeiner Sozialdienst verweisen wechselseitig';
	await signInContext(page.context(), 'netzwerk@stadt-c.example');
	await open(page, '/goals');
	await page.getByRole('link', { name: goal, exact: true }).click();
	await expect(page.getByTestId('connection-state')).toHaveAttribute('data-state', 'connected');
	const later = `20${28 + Math.floor(Math.random() * 20)}-12-31`;
	await page.locator('#goal-deadline').fill(later);
	await page.getByRole('link', { name: msg('goal_tab_loop') }).click();
	await expect(page.getByTestId('adjustment').filter({ hasText: msg('goal_field_deadline') })).toBeVisible();

	// The form names the adjustment without a reason, with a way to the goal.
	await open(page, '/snapshots/new');
	await page.getByLabel(goal).check();
	await page.getByRole('button', { name: msg('snapshots_step_next') }).click();
	const warning = page.getByTestId('unexplained-adjustments');
	await expect(warning).toContainText(goal);
	await expect(warning.getByRole('link')).toHaveAttribute('href', /\/goals\/[0-9a-f-]{36}\/loop#adjustment-[0-9a-f-]{36}$/);
	await expectNoViolations(page);
	// The same form in English: the warning in its words, and nothing for axe either.
	const chosen = new URL(page.url());
	await open(page, `/en${chosen.pathname}${chosen.search}`);
	await expect(page.getByTestId('unexplained-adjustments')).toContainText(goal);
	await expect(page.getByText(msg('snapshots_unexplained_title', { count: 1 }, 'en'))).toBeVisible();
	await expectNoViolations(page);
	await open(page, `${chosen.pathname}${chosen.search}`);

	// As of 30.06.2026 the goal had its old deadline; the change of today is not part of it.
	const then = unique('Stand Sommer');
	await page.getByLabel(msg('snapshot_title'), { exact: true }).fill(then);
	await page.getByLabel(msg('snapshot_ref_date'), { exact: true }).fill('2026-06-30');
	await page.getByRole('button', { name: msg('snapshots_create') }).click();
	await expect(page).toHaveURL(/\/snapshots\/[0-9a-f-]{36}$/);
	const report = page.getByTestId('snapshot-report');
	await expect(report).toContainText('31.12.2027');
	await expect(report).not.toContainText(later.split('-').reverse().join('.'));
	const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: msg('snapshot_download_pdf') }).click()]);
	const pdf = squash((await pdfPages(fs.readFileSync((await download.path())!))).join(' '));
	expect(pdf).toContain(msg('report_ref_date', { date: '30.06.2026' }));
	expect(pdf).toContain('31.12.2027');
	expect(pdf).not.toContain(later.split('-').reverse().join('.'));

	// As of today: the new deadline, and the adjustment printed without a reason.
	await open(page, '/snapshots/new');
	await page.getByLabel(goal).check();
	await page.getByRole('button', { name: msg('snapshots_step_next') }).click();
	await page.getByLabel(msg('snapshot_title'), { exact: true }).fill(unique('Stand heute'));
	await page.getByRole('button', { name: msg('snapshots_create') }).click();
	await expect(page).toHaveURL(/\/snapshots\/[0-9a-f-]{36}$/);
	await expect(page.getByTestId('snapshot-report')).toContainText(later.split('-').reverse().join('.'));
	await expect(page.getByTestId('snapshot-report')).toContainText(msg('adjustment_reason_missing'));
});
