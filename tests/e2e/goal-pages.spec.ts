import { expect, test, type Page } from '@playwright/test';
import { demoEmail } from './support/env';
import { getPage, idsIn, signInContext, unique } from './support/http';
import { expectNoViolations } from './support/axe';
import { msg, type Locale } from './support/messages';
import { connected, open, startGoal, submitConfirmed } from './support/ui';

// A goal's sub-pages: the header on each, tabs with their own addresses, one live document for all.
// Reading uses stadt-c's agreed Bildung goal, read by the department head (who changes nothing).

const GOAL = 'Abstand bei Schulabschlüssen verringern';
const TABS = [
	{ key: 'goal_tab_content', path: '' },
	{ key: 'goal_tab_indicators', path: '/indicators' },
	{ key: 'goal_tab_loop', path: '/loop' },
	{ key: 'goal_tab_history', path: '/history' }
] as const;

async function goalIdOf(page: Page, title: string): Promise<string> {
	const html = await (await getPage(page.context().request, '/goals')).text();
	const id = html.match(new RegExp(`href="/goals/([0-9a-f-]{36})">${title}<`))?.[1];
	expect(id, `"${title}" in the goal list`).toBeTruthy();
	return id!;
}

const tabs = (page: Page, locale: Locale = 'de') => page.getByRole('navigation', { name: msg('goal_tabs_label', {}, locale) });

test('the header shows where the goal stands on every sub-page; switching keeps one live connection', async ({ page }) => {
	await signInContext(page.context(), demoEmail('leitung', 'stadt-c'));
	const id = await goalIdOf(page, GOAL);
	const sockets: string[] = [];
	page.on('websocket', (socket) => {
		if (socket.url().includes('/sync/')) sockets.push(socket.url());
	});
	await open(page, `/goals/${id}`);
	await connected(page);

	for (const tab of TABS) {
		await tabs(page).getByRole('link', { name: msg(tab.key) }).click();
		await expect(page).toHaveURL(new RegExp(`/goals/${id}${tab.path}$`));
		await expect(tabs(page).getByRole('link', { name: msg(tab.key) })).toHaveAttribute('aria-current', 'page');
		await expect(tabs(page).locator('[aria-current="page"]')).toHaveCount(1);
		await expect(page.getByTestId('goal-title')).toHaveText(GOAL);
		await expect(page.getByTestId('goal-status')).toHaveText(msg('goal_status_agreed'));
		await expect(page.getByTestId('goal-progress')).toContainText('%');
		await expect(page.getByText(msg('goal_header_tandem_value', { tandem: 'Tandem Bildung', department: 'Bildung' }))).toBeVisible();
		await expect(page.getByTestId('goal-next-due')).toHaveText(/\d{2}\.\d{2}\.\d{4}/);
		await expect(page.getByTestId('connection-state')).toHaveAttribute('data-state', 'connected');
	}
	// Each sub-page shows its own part.
	await expect(page.getByTestId('goal-history')).toBeVisible();
	await tabs(page).getByRole('link', { name: msg('goal_tab_indicators') }).click();
	await expect(page.getByTestId('indicator-measurements').first()).toBeVisible();
	await tabs(page).getByRole('link', { name: msg('goal_tab_loop') }).click();
	await expect(page.getByTestId('timeline')).toBeVisible();
	await tabs(page).getByRole('link', { name: msg('goal_tab_content') }).click();
	await expect(page.getByTestId('smart-panel')).toBeVisible();
	await connected(page);
	expect(sockets, 'one WebSocket for all sub-pages').toHaveLength(1);

	if (process.env.UPDATE_SCREENSHOTS === '1') {
		await page.setViewportSize({ width: 1280, height: 800 });
		await page.locator('main').evaluate((main) => main.scrollIntoView());
		const box = (await page.locator('main .header-layout').boundingBox())!;
		const nav = (await tabs(page).boundingBox())!;
		await page.screenshot({ path: 'docs/screenshots/goal-header.png', clip: { x: 0, y: Math.max(0, box.y - 24), width: 1280, height: nav.y + nav.height - box.y + 48 } });
	}
});

test('an agreed goal shows "agreed" from the first paint to the live connection, and its SMART check does not change', async ({ page }) => {
	await signInContext(page.context(), demoEmail('leitung', 'stadt-c'));
	const id = await goalIdOf(page, GOAL);
	// Records every text the status badge and every state the SMART list showed, from the server's parsed HTML on.
	await page.addInitScript(() => {
		const seen: { status: string[]; smart: string[] } = { status: [], smart: [] };
		(window as unknown as { seen: typeof seen }).seen = seen;
		const record = () => {
			const status = document.querySelector('[data-testid=goal-status]')?.textContent?.trim();
			if (status && seen.status.at(-1) !== status) seen.status.push(status);
			const smart = [...document.querySelectorAll('[data-testid=smart-panel] [data-criterion]')].map((item) => `${item.getAttribute('data-criterion')}=${item.getAttribute('data-ok')}`).join(' ');
			if (smart && seen.smart.at(-1) !== smart) seen.smart.push(smart);
		};
		// From the parsed document on: while the HTML is still parsing a list is only partly there.
		document.addEventListener('DOMContentLoaded', () => {
			record();
			new MutationObserver(record).observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
		});
	});
	for (let round = 0; round < 2; round++) {
		// The second round opens the goal with its offline copy already in the browser.
		await page.goto(`/goals/${id}`);
		await connected(page);
		await page.waitForTimeout(1500);
		const seen = await page.evaluate(() => (window as unknown as { seen: { status: string[]; smart: string[] } }).seen);
		expect(seen.status, 'the status badge never showed another status').toEqual([msg('goal_status_agreed')]);
		expect(seen.smart, 'the SMART check never changed').toHaveLength(1);
	}
});

test('fast navigation between goals and their sub-pages raises no error', async ({ page }) => {
	const errors: string[] = [];
	page.on('pageerror', (error) => errors.push(`page error: ${error.message}`));
	page.on('console', (message) => {
		if (message.type() === 'error') errors.push(`console: ${message.text()}`);
	});
	await signInContext(page.context(), demoEmail('leitung', 'stadt-c'));
	const ids = idsIn(await (await getPage(page.context().request, '/goals')).text(), '/goals/').slice(0, 3);
	expect(ids.length).toBeGreaterThanOrEqual(3);
	// A page opened with an import's count (as the import leads there) drops it from the address.
	await open(page, `/goals/${ids[0]}/indicators?imported=2`);
	await expect(page.getByRole('status').filter({ hasText: msg('import_done', { count: 2 }) })).toBeVisible();
	await expect(page).toHaveURL(new RegExp(`/goals/${ids[0]}/indicators$`));
	for (const id of ids) {
		await page.goto(`/goals/${id}`, { waitUntil: 'commit' });
		await tabs(page).waitFor();
		// Clicked one after the other at once, without waiting for the pages they lead to: out to the
		// last tab and back to the second, so the address shows when the last one has landed.
		await page.evaluate(async (paths) => {
			for (const path of paths) {
				document.querySelector<HTMLAnchorElement>(`nav a[href$="${path}"]`)?.click();
				await new Promise((resolve) => setTimeout(resolve, 30));
			}
		}, [...TABS, ...TABS.slice(1).reverse()].map((tab) => `${id}${tab.path}`));
		// Back and forward once it has: a traversal started while a page is still on its way can be
		// aborted by the browser itself, which says nothing about the app.
		await expect(page).toHaveURL(new RegExp(`/goals/${id}${TABS[1].path}$`));
		await page.goBack({ waitUntil: 'commit' });
		await page.goForward({ waitUntil: 'commit' });
		await expect(page).toHaveURL(new RegExp(`/goals/${id}${TABS[1].path}$`));
	}
	await page.getByRole('link', { name: `← ${msg('goals_title')}` }).click();
	await expect(page).toHaveURL(/\/goals$/);
	await page.waitForTimeout(1000);
	expect(errors).toEqual([]);
});

test('the keyboard reaches every sub-page and "Ziel vereinbaren" from the header, past no indicator field', async ({ page }) => {
	test.slow();
	await signInContext(page.context(), demoEmail('focus', 'stadt-a'));
	const title = unique('E2E-Tastatur');
	await startGoal(page, title, 'Tandem Bildung (Bildung)');
	await connected(page);
	const back = page.getByRole('link', { name: `← ${msg('goals_title')}` });

	// From the header, Tab by Tab to each tab; Enter opens it and the focus stays on the tab.
	for (const [index, tab] of TABS.entries()) {
		await back.focus();
		for (let i = 0; i <= index; i++) await page.keyboard.press('Tab');
		const link = tabs(page).getByRole('link', { name: msg(tab.key) });
		await expect(link).toBeFocused();
		await page.keyboard.press('Enter');
		await expect(page).toHaveURL(new RegExp(`/goals/[0-9a-f-]{36}${tab.path}$`));
		await expect(link).toHaveAttribute('aria-current', 'page');
		await expect(link).toBeFocused();
	}
	await tabs(page).getByRole('link', { name: msg('goal_tab_content') }).click();
	await connected(page);

	// "Ziel vereinbaren" comes after the goal's few text fields, not after dozens of indicator fields.
	const sign = page.getByRole('button', { name: msg('goal_signoff_button') });
	await expect(sign).toBeEnabled();
	await back.focus();
	const passed: string[] = [];
	// The text fields, the description's four formatting buttons and the date's three parts come first.
	for (let presses = 0; presses < 25; presses++) {
		await page.keyboard.press('Tab');
		if (await sign.evaluate((button) => button === document.activeElement)) break;
		passed.push(await page.evaluate(() => document.activeElement?.id || document.activeElement?.textContent?.trim() || ''));
	}
	await expect(sign, `focus went through ${passed.join(', ')}`).toBeFocused();
	expect(passed.filter((id) => id.startsWith('ind-'))).toEqual([]);

	await submitConfirmed(page, msg('goal_delete'));
	await expect(page).toHaveURL(/\/goals$/);
});

test('a refused form shows the error summary at its top, focused, with links to the fields', async ({ page }) => {
	test.slow();
	await signInContext(page.context(), demoEmail('focus', 'stadt-a'));
	await startGoal(page, unique('E2E-Fehler'), 'Tandem Bildung (Bildung)');
	await connected(page);
	const goalUrl = page.url();

	// Closing without an outcome.
	await page.getByRole('button', { name: msg('goal_close') }).click();
	const summary = page.getByTestId('error-summary');
	await expect(summary).toBeFocused();
	await expect(summary).toContainText(msg('error_summary_title'));
	await summary.getByRole('link', { name: new RegExp(`^${msg('goal_outcome')}:`) }).click();
	await expect(page.locator('#outcome-achieved')).toBeFocused();
	await expectNoViolations(page);

	// A review without any text, on the loop page; then in English.
	for (const locale of ['de', 'en'] as const) {
		await open(page, `${locale === 'en' ? goalUrl.replace('/goals/', '/en/goals/') : goalUrl}/loop`);
		await page.getByText(msg('check_in_add', {}, locale), { exact: true }).click();
		await page.getByRole('radio', { name: msg('track_at_risk', {}, locale) }).check();
		await page.getByRole('button', { name: msg('check_in_add_submit', {}, locale) }).click();
		await expect(summary).toBeFocused();
		await summary.getByRole('link', { name: new RegExp(`^${msg('check_in_happened', {}, locale)}:`) }).click();
		await expect(page.locator('#check-in-happened')).toBeFocused();
		await expectNoViolations(page);
	}

	await open(page, goalUrl);
	await submitConfirmed(page, msg('goal_delete'));
	await expect(page).toHaveURL(/\/goals$/);
});

test.describe('axe finds nothing on the sub-pages of a goal the person writes', () => {
	for (const locale of ['de', 'en'] as const) {
		test(`as a tandem member (${locale})`, async ({ page }) => {
			test.slow();
			await signInContext(page.context(), demoEmail('bildung', 'stadt-c'));
			const id = await goalIdOf(page, GOAL);
			for (const tab of TABS) {
				await open(page, `${locale === 'en' ? '/en' : ''}/goals/${id}${tab.path}`);
				await connected(page);
				await expect(page.locator('html')).toHaveAttribute('lang', locale);
				await expectNoViolations(page);
			}
		});
	}
});
