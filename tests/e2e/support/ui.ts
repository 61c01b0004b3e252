import { expect, type Browser, type Locator, type Page, type Response } from '@playwright/test';
import { signInContext } from './http';

/**
 * Clicks a submit button for something that cannot be undone and, where the app asks first in
 * a dialog, confirms there. Without JavaScript (or without a dialog) the click submits directly.
 */
export async function submitConfirmed(page: Page, label: string): Promise<void> {
	await page.getByRole('button', { name: label, exact: true }).click();
	const dialog = page.getByRole('dialog');
	const asked = await dialog.waitFor({ state: 'visible', timeout: 2_000 }).then(
		() => true,
		() => false
	);
	if (asked) {
		await dialog.getByRole('button', { name: label, exact: true }).click();
		await expect(dialog).toBeHidden();
	}
}

/** The value of a read-only link field (invitation or reset link) once it is shown. */
export async function shownLink(page: Page, fieldId: string): Promise<string> {
	const field = page.locator(`#${fieldId}`);
	await expect(field).toHaveValue(/^https?:\/\//);
	return field.inputValue();
}

/**
 * Opens a page and waits until its scripts have run: a field filled before hydration can be
 * reset by it, and a click before it submits without the enhanced form handling.
 */
export async function open(page: Page, url: string): Promise<Response | null> {
	const response = await page.goto(url);
	await expect(page.locator('html[data-hydrated]')).toBeAttached();
	return response;
}

/**
 * Types word by word, as people do in bursts: each word is one input event, and two
 * people's words still interleave. Key-by-key typing into two live pages at once took longer
 * than the rest of the test on a loaded machine.
 */
export async function typeWords(field: Locator, text: string): Promise<void> {
	await field.focus();
	for (const word of text.match(/\S+\s*/g) ?? []) await field.page().keyboard.insertText(word);
}

/** A page in a browser context of its own, signed in as `email` (one person of a story). */
export async function signedInPage(browser: Browser, email: string): Promise<Page> {
	const context = await browser.newContext();
	await signInContext(context, email);
	return context.newPage();
}

/** Waits until the page's live document is connected. */
export async function connected(page: Page): Promise<void> {
	await expect(page.getByTestId('connection-state')).toHaveAttribute('data-state', 'connected');
}

/** Starts a goal as a person does: "Ziel anlegen" on the list, the title, the tandem. Lands on the goal. */
export async function startGoal(page: Page, title: string, tandem: string): Promise<void> {
	await open(page, '/goals');
	await page.getByRole('link', { name: 'Ziel anlegen' }).click();
	await expect(page).toHaveURL(/\/goals\/new$/);
	await page.getByLabel('Titel').fill(title);
	await page.locator('select[name="tandemId"]').selectOption({ label: tandem });
	await page.getByRole('button', { name: 'Ziel anlegen' }).click();
	await expect(page).toHaveURL(/\/goals\/[0-9a-f-]{36}$/);
}
