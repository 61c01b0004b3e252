import { expect, test, type Page } from '@playwright/test';
import { expectNoViolations } from './support/axe';
import { demoEmail } from './support/env';
import { signInContext } from './support/http';
import { en, msg } from './support/messages';
import { open } from './support/ui';

// "Stand am …" of a demo goal in stadt-c, read by the head of Bildung (who may read, not edit):
// agreed in February 2025 with the deadline 31.07.2027, adjusted to 31.07.2028 on 01.10.2025.

const GOAL = 'Abstand bei Schulabschlüssen verringern';

/**
 * Tabs to the date field, types the day there and sends the form. Chromium lays a date field out
 * in its own interface language, not the page's, so a first, unambiguous day tells the order of
 * the parts; then Shift+Tab goes back to the first part and the day is typed in that order.
 */
async function chooseDay(page: Page, iso: string): Promise<void> {
	const field = page.locator('#as-of-date');
	for (let i = 0; i < 60 && !(await field.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab');
	await expect(field).toBeFocused();
	await page.keyboard.type('01022003');
	const probe = await field.inputValue();
	const [y, m, d] = iso.split('-') as [string, string, string];
	const order: Record<string, string> = { '2003-02-01': d + m + y, '2003-01-02': m + d + y };
	expect(Object.keys(order), `date field order from ${probe}`).toContain(probe);
	await page.keyboard.press('Shift+Tab');
	await page.keyboard.press('Shift+Tab');
	await page.keyboard.type(order[probe]!);
	await expect(field).toHaveValue(iso);
	await page.keyboard.press('Enter');
}

test('a goal as it stood on a past day: through the link and the date form, by keyboard, in German and English', async ({ page }) => {
	await signInContext(page.context(), demoEmail('leitung', 'stadt-c'));
	await open(page, '/goals');
	await page.getByRole('link', { name: GOAL }).first().click();
	await expect(page).toHaveURL(/\/goals\/[0-9a-f-]{36}$/);
	const goalUrl = page.url();
	await page.getByRole('link', { name: msg('goal_tab_history') }).click();
	// Each edit in the history leads to the state at the end of its day.
	await expect(page.getByTestId('goal-history').getByRole('link', { name: /^Stand am \d{2}\.\d{2}\.\d{4}$/ }).first()).toHaveAttribute('href', /\/as-of\?date=\d{4}-\d{2}-\d{2}$/);
	await page.getByTestId('as-of-link').click();
	await expect(page).toHaveURL(/\/as-of$/);
	await expect(page.locator('html[data-hydrated]')).toBeAttached();
	const today = new Intl.DateTimeFormat('de-DE', { dateStyle: 'medium', timeZone: 'Europe/Berlin' }).format(new Date());
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(msg('goal_as_of_heading', { date: today }));
	await expect(page.getByTestId('as-of-deadline')).toHaveText('31.07.2028');

	// Before the adjustment: the deadline as agreed, values only up to that day.
	await chooseDay(page, '2025-09-30');
	await expect(page).toHaveURL(/\/as-of\?date=2025-09-30$/);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(msg('goal_as_of_heading', { date: '30.09.2025' }));
	await expect(page.getByTestId('as-of-title')).toHaveText(GOAL);
	await expect(page.getByTestId('as-of-deadline')).toHaveText('31.07.2027');
	await expect(page.getByTestId('as-of-goal')).toContainText(msg('goal_status_agreed'));
	const indicator = page.getByTestId('as-of-indicator');
	await expect(indicator.getByRole('table')).toContainText('31.07.2025');
	await expect(indicator.getByRole('table')).not.toContainText('31.07.2026');
	await expectNoViolations(page);

	// After it: the new deadline.
	await chooseDay(page, '2025-12-31');
	await expect(page).toHaveURL(/\/as-of\?date=2025-12-31$/);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(msg('goal_as_of_heading', { date: '31.12.2025' }));
	await expect(page.getByTestId('as-of-deadline')).toHaveText('31.07.2028');

	// A day that is no date is explained at the field; a day before the goal is a note.
	await open(page, `${goalUrl}/as-of?date=2025-02-30`);
	await expect(page.getByRole('alert').filter({ hasText: msg('error_date_invalid') })).toBeVisible();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(msg('goal_as_of_heading_any'));
	await open(page, `${goalUrl}/as-of?date=2020-01-01`);
	await expect(page.getByRole('status').filter({ hasText: /Das Ziel gab es am 01\.01\.2020 noch nicht \(angelegt am \d{2}\.\d{2}\.\d{4}\)\./ })).toBeVisible();

	await open(page, `${goalUrl.replace(/\/goals\//, '/en/goals/')}/as-of?date=2025-09-30`);
	// ICU versions differ on "Sep" and "Sept".
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(new RegExp(`^${en('goal_as_of_heading', { date: '30 Sept? 2025' })}$`));
	await expect(page.getByTestId('as-of-deadline')).toHaveText('31 Jul 2027');
	await expectNoViolations(page);
	await open(page, `${goalUrl.replace(/\/goals\//, '/en/goals/')}/as-of?date=2999-01-01`);
	await expect(page.getByRole('alert').filter({ hasText: en('goal_as_of_future') })).toBeVisible();
});
