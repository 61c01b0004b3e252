import fs from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { expectNoViolations } from './support/axe';
import { demoEmail } from './support/env';
import { signInContext } from './support/http';
import { en, msg } from './support/messages';
import { open } from './support/ui';

// The period evaluation of a demo town, read by the head of Bildung in stadt-c: the goal below was
// agreed in February 2025, its deadline adjusted on 01.10.2025, in the fourth quarter, and agreed again.

const GOAL = 'Abstand bei Schulabschlüssen verringern';

/** Tabs forward to an element of the page and checks that it has the focus. */
async function tabTo(page: Page, selector: string): Promise<void> {
	const target = page.locator(selector);
	for (let i = 0; i < 60 && !(await target.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab');
	await expect(target).toBeFocused();
}

test('the quarterly evaluation: from /monitoring, a period chosen by keyboard, its sections and its CSV', async ({ page }) => {
	await signInContext(page.context(), demoEmail('leitung', 'stadt-c'));
	await open(page, '/monitoring');
	await page.getByTestId('evaluation-link').click();
	await expect(page).toHaveURL(/\/monitoring\/evaluation$/);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(msg('evaluation_title'));
	// The head starts with the last ended quarter of the own department.
	await expect(page.locator('#evaluation-department option:checked')).toHaveText('Bildung');

	// By keyboard: the year typed, the quarter chosen by its first letter, the form sent.
	await tabTo(page, '#evaluation-year');
	await page.keyboard.press('ControlOrMeta+A');
	await page.keyboard.type('2025');
	await page.keyboard.press('Tab');
	await expect(page.locator('#evaluation-quarter')).toBeFocused();
	await page.keyboard.type('4');
	await expect(page.locator('#evaluation-quarter')).toHaveValue('4');
	await tabTo(page, 'form[data-testid="evaluation-form"] button[type="submit"]');
	await page.keyboard.press('Enter');
	await expect(page).toHaveURL(/\/monitoring\/evaluation\?year=2025&quarter=4&department=[0-9a-f-]{36}$/);
	await expect(page.getByTestId('evaluation-heading')).toHaveText(`${msg('evaluation_period_quarter', { quarter: 4, year: 2025 })} – Bildung`);

	const goal = page.getByTestId('evaluation-goal').filter({ hasText: GOAL });
	await expect(goal.getByRole('rowheader').first()).toContainText(GOAL);
	await expect(goal.getByRole('link', { name: GOAL })).toHaveAttribute('href', /\/goals\/[0-9a-f-]{36}\/as-of\?date=2025-12-31$/);
	// Agreed at the start; the deadline adjusted in the quarter, with or without its reason.
	await expect(goal.locator('.goal-row td').nth(0)).toContainText(msg('goal_status_agreed'));
	await expect(page.getByTestId('evaluation-adjustments').getByRole('row').filter({ hasText: GOAL }).filter({ hasText: msg('goal_field_deadline') }).first()).toBeVisible();
	await expectNoViolations(page);

	// The CSV of the same period, for a German spreadsheet.
	const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('evaluation-csv').click()]);
	expect(download.suggestedFilename()).toBe('auswertung-2025-q4.csv');
	const csv = fs.readFileSync((await download.path())!, 'utf8');
	expect(csv.startsWith(`\uFEFF${msg('evaluation_csv_section')};${msg('csv_header_department')};`)).toBe(true);
	expect(csv).toContain(`${msg('evaluation_csv_goal')};Bildung;${GOAL};`);
	expect(csv).toContain(`${msg('evaluation_csv_adjustment')};Bildung;${GOAL};${msg('goal_field_deadline')};`);
});

test('the evaluation explains a period that is none at its field, and reads in English', async ({ page }) => {
	await signInContext(page.context(), demoEmail('focus', 'stadt-c'));
	const response = await open(page, '/monitoring/evaluation?year=20x5&quarter=4');
	expect(response?.status()).toBe(200);
	await expect(page.getByText(msg('evaluation_error_year'))).toBeVisible();
	await expect(page.locator('#evaluation-year')).toHaveAttribute('aria-invalid', 'true');
	await expectNoViolations(page);

	await open(page, '/en/monitoring/evaluation?year=2025&quarter=4&department=all');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(en('evaluation_title'));
	await expect(page.getByTestId('evaluation-heading')).toHaveText(`${en('evaluation_period_quarter', { quarter: 4, year: 2025 })} – ${en('evaluation_all_departments')}`);
	// All departments compared, a row each, leading to the department's own evaluation with its goals.
	const bildung = page.getByTestId('evaluation-departments').getByRole('row').filter({ has: page.getByRole('link', { name: 'Bildung', exact: true }) });
	await expect(bildung.getByRole('link', { name: 'Bildung', exact: true })).toHaveAttribute('href', /^\?year=2025&quarter=4&department=[0-9a-f-]{36}$/);
	await expect(page.getByTestId('evaluation-goal')).toHaveCount(0);
	await expectNoViolations(page);
	await bildung.getByRole('link', { name: 'Bildung', exact: true }).click();
	await expect(page).toHaveURL(/\/en\/monitoring\/evaluation\?year=2025&quarter=4&department=[0-9a-f-]{36}$/);
	await expect(page.getByTestId('evaluation-goal').filter({ hasText: GOAL }).first()).toBeVisible();
	await open(page, '/en/monitoring/evaluation?year=2025&quarter=9&department=all');
	await expect(page.getByText(en('evaluation_error_quarter'))).toBeVisible();
	await expectNoViolations(page);
});
