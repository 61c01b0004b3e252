import { expect, test, type Page } from '@playwright/test';
import { expectNoViolations } from './support/axe';
import { demoEmail } from './support/env';
import { signInContext } from './support/http';
import { en, msg } from './support/messages';
import { connected, open } from './support/ui';

// The readable history of a demo goal in stadt-c, by the integration office (who may edit it):
// agreed in February 2025 with the deadline 31.07.2027, adjusted to 31.07.2028 on 01.10.2025.
// Other specs read that goal as agreed at the same time, so the live edit goes to a goal no other
// spec opens.

const GOAL = 'Abstand bei Schulabschlüssen verringern';
const EDITED = 'Jugendarbeitslosigkeit junger Menschen ohne deutsche Staatsangehörigkeit senken';

/** Tabs forward until `selector` has the focus. */
async function tabTo(page: Page, selector: string): Promise<void> {
	const target = page.locator(selector);
	for (let i = 0; i < 80 && !(await target.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab');
	await expect(target).toBeFocused();
}

test('the history summarises editing sessions; a before/after, naming a version and comparing it by keyboard, in German and English', async ({ page }) => {
	// A walk through four pages in two languages, with a live edit and its undoing.
	test.slow();
	await signInContext(page.context(), demoEmail('focus', 'stadt-c'));
	await open(page, '/goals');
	await page.getByRole('link', { name: GOAL }).first().click();
	await expect(page).toHaveURL(/\/goals\/[0-9a-f-]{36}$/);
	const goalPath = new URL(page.url()).pathname;
	await open(page, `${goalPath}/history`);

	// Each session is one row: who changed which fields, from when to when.
	const history = page.getByTestId('goal-history');
	const sessions = history.getByTestId('history-session');
	await expect(sessions.first()).toContainText(/ änderte /);
	const deadline = sessions.filter({ hasText: msg('goal_field_deadline') }).first();
	await expect(deadline).toContainText(/^\d{2}\.\d{2}\.\d{4}, \d{2}:\d{2}/);
	expect(await sessions.count()).toBeLessThan(40);

	// The before/after of the session that moved the deadline.
	await deadline.getByRole('link', { name: new RegExp(`^${msg('history_before_after')}`) }).click();
	await expect(page).toHaveURL(/\/versions\/compare\?from=\d+&to=\d+$/);
	const changes = page.getByTestId('field-changes');
	await expect(changes.getByRole('heading', { name: msg('goal_field_deadline'), exact: true })).toBeVisible();
	await expect(changes).toContainText('31.07.2028');
	await expectNoViolations(page);

	// Naming the current state from the history.
	await open(page, '/goals');
	await page.getByRole('link', { name: EDITED }).first().click();
	await expect(page).toHaveURL(/\/goals\/[0-9a-f-]{36}$/);
	const editedPath = new URL(page.url()).pathname;
	await open(page, `${editedPath}/history`);
	const name = `Stand Ausschuss ${Date.now()}`;
	const form = page.getByTestId('history-name-version');
	await form.getByLabel(msg('history_name_label')).fill(name);
	await form.getByRole('button', { name: msg('history_name_submit') }).click();
	await expect(page).toHaveURL(/\/versions\?saved=/);
	await expect(page.getByRole('status')).toContainText(msg('history_name_saved', { name }));
	await expect(page.getByTestId('named-versions')).toContainText(name);
	await expectNoViolations(page);

	// The same name again is refused, and what was typed stays.
	const again = page.getByTestId('name-version');
	await again.getByLabel(msg('history_name_label')).fill(name);
	await again.getByRole('button', { name: msg('history_name_submit') }).click();
	await expect(page.getByText(msg('error_version_name_taken'))).toBeVisible();
	await expect(page.getByTestId('name-version').getByLabel(msg('history_name_label'))).toHaveValue(name);

	// The named version is in the history; then the goal changes.
	await open(page, `${editedPath}/history`);
	await expect(history.getByTestId('history-version').filter({ hasText: name })).toContainText(msg('history_version', { name }));
	await open(page, editedPath);
	await connected(page);
	await page.getByLabel(msg('goal_field_for_whom')).pressSequentially(' Auch junge Geflüchtete.');

	// Compared with today by keyboard only, from the versions page: the change, removed and inserted words marked.
	await expect(async () => {
		await open(page, `${editedPath}/versions`);
		await tabTo(page, `tr:has-text("${name}") a:has-text("${msg('history_compare_now')}")`);
		await page.keyboard.press('Enter');
		await expect(page).toHaveURL(/\/versions\/compare\?from=\d+&to=$/);
		await expect(page.getByTestId('field-changes').locator('ins')).toContainText(['Geflüchtete'], { timeout: 1000 });
	}).toPass({ timeout: 30_000 });
	await expect(page.getByTestId('field-changes').locator('ins').first()).toContainText(msg('compare_inserted'));
	await expect(page.locator('html[data-hydrated]')).toBeAttached();

	// Then with the beginning, through the form.
	await tabTo(page, '#compare-from');
	await page.keyboard.type(msg('compare_start').slice(0, 6));
	await expect(page.locator('#compare-from')).toHaveValue('0');
	await tabTo(page, 'button[type="submit"]:has-text("' + msg('compare_submit') + '")');
	await page.keyboard.press('Enter');
	await expect(page).toHaveURL(/\/versions\/compare\?from=0&to=$/);
	const all = page.getByTestId('field-changes');
	await expect(all.getByRole('heading', { name: msg('goal_field_title'), exact: true })).toBeVisible();
	await expect(all).toContainText(EDITED);
	await expect(all).toContainText(msg('compare_empty'));
	await expectNoViolations(page);

	// The same pages in English.
	const compareUrl = new URL(page.url());
	await open(page, `/en${compareUrl.pathname}${compareUrl.search}`);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(en('compare_title'));
	await expect(page.getByTestId('field-changes')).toContainText(en('compare_empty'));
	await expectNoViolations(page);
	await open(page, `/en${editedPath}/versions`);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(en('versions_title'));
	await expectNoViolations(page);
	await open(page, `/en${editedPath}/history`);
	await expect(page.getByTestId('goal-history').getByTestId('history-session').first()).toContainText(/ changed /);

	// The goal is agreed again for the next run: the words typed above go again.
	await open(page, editedPath);
	await connected(page);
	const forWhom = page.getByLabel(msg('goal_field_for_whom'));
	await forWhom.focus();
	await page.keyboard.press('Control+End');
	for (let i = 0; i < ' Auch junge Geflüchtete.'.length; i++) await page.keyboard.press('Backspace');
	await expect(forWhom).not.toHaveValue(/Geflüchtete\.$/);
	await expect(page.getByTestId('goal-status')).toHaveText(msg('goal_status_agreed'));
});
