import { expect, test, type Page } from '@playwright/test';
import { signInContext, unique } from './support/http';
import { demoEmail } from './support/env';
import { expectNoViolations } from './support/axe';
import { en, msg } from './support/messages';
import { open, signedInPage, startGoal } from './support/ui';

// Comments: a mention reaches the colleague live (their open goal page and their navigation),
// the answer comes back live, the thread is resolved; refusals keep the text, with and without
// script (axe cannot run in a page without script; the same form's refusal is checked with it
// on the goal page). Each test starts its own goal in stadt-b's Bildung tandem (Bahar Yılmaz, integration
// office, and Birgit Schneider, Bildung), so parallel runs do not meet.

const BAHAR = 'Bahar Yılmaz';
const BIRGIT = 'Birgit Schneider';

const threadWith = (page: Page, text: string) => page.getByTestId('comment-thread').filter({ hasText: text });

/** Marks the page; the mark survives everything but a reload. */
async function mark(page: Page): Promise<void> {
	await page.evaluate(() => ((window as unknown as { fokusMark: boolean }).fokusMark = true));
}
async function expectNotReloaded(page: Page): Promise<void> {
	expect(await page.evaluate(() => (window as unknown as { fokusMark?: boolean }).fokusMark)).toBe(true);
}

test('a mention reaches the colleague live, the reply comes back live, and the thread is resolved', async ({ browser }) => {
	test.slow();
	const title = unique('E2E-Kommentar');
	const bahar = await signedInPage(browser, demoEmail('focus', 'stadt-b'));
	await startGoal(bahar, title, 'Tandem Bildung (Bildung)');
	const goalUrl = new URL(bahar.url()).pathname;
	await open(bahar, goalUrl);
	const birgit = await signedInPage(browser, demoEmail('bildung', 'stadt-b'));
	await open(birgit, goalUrl);
	await mark(bahar);
	await mark(birgit);

	const text = `@${BIRGIT} bitte prüfen (${title})`;
	await bahar.getByLabel(msg('comments_new_label'), { exact: true }).fill(text);
	await bahar.getByRole('button', { name: msg('comments_submit'), exact: true }).click();
	await expect(threadWith(bahar, title)).toBeVisible();
	await expect(bahar.getByLabel(msg('comments_new_label'), { exact: true })).toHaveValue('');

	// Birgit's open page shows it without reload, the mention marked, and her navigation counts it.
	const onBirgit = threadWith(birgit, title);
	await expect(onBirgit).toBeVisible();
	await expect(onBirgit.locator('.mention')).toContainText(`@${BIRGIT}`);
	await expect(birgit.getByTestId('comments-waiting')).toBeVisible();
	await expectNotReloaded(birgit);
	await expectNoViolations(birgit);

	// Her due list names the mention.
	const due = await birgit.context().newPage();
	await open(due, '/due');
	await expect(due.getByTestId('due-comments').getByRole('listitem').filter({ hasText: title })).toContainText(msg('due_comment_mention', { author: BAHAR }));
	await due.close();

	// She answers; Bahar sees it live, and the thread now waits for Bahar, not for Birgit.
	await onBirgit.getByLabel(msg('comments_reply_label', { name: BAHAR }), { exact: true }).fill('Ist geprüft, passt.');
	await onBirgit.getByRole('button', { name: msg('comments_reply_submit'), exact: true }).click();
	await expect(threadWith(bahar, title)).toContainText('Ist geprüft, passt.');
	await expectNotReloaded(bahar);
	const baharDue = await bahar.context().newPage();
	await open(baharDue, '/due');
	await expect(baharDue.getByTestId('due-comments').getByRole('listitem').filter({ hasText: title })).toContainText(msg('due_comment_reply', { author: BIRGIT }));
	await baharDue.close();

	// Bahar resolves it; both pages show it resolved, and it waits for nobody.
	await threadWith(bahar, title).getByRole('button', { name: new RegExp(`^${msg('comments_resolve')}`) }).click();
	await expect(threadWith(birgit, title).getByText(msg('comments_resolved'), { exact: true })).toBeVisible();
	await expect(threadWith(birgit, title).getByText(msg('comments_resolved_by', { name: BAHAR }))).toBeVisible();
	await expectNotReloaded(birgit);
	const dueAfter = await birgit.context().newPage();
	await open(dueAfter, '/due');
	const waiting = dueAfter.getByRole('region', { name: msg('due_comments', { count: 0 }).replace('(0)', '') });
	await expect(waiting).toBeVisible();
	await expect(waiting.getByRole('listitem').filter({ hasText: title })).toHaveCount(0);
	await dueAfter.close();

	// The goal's history lists the conversation.
	const history = await bahar.context().newPage();
	await open(history, `${new URL(bahar.url()).pathname}/history`);
	await expect(history.getByTestId('history-comment').first()).toBeVisible();
	await expect(history.getByTestId('goal-history')).toContainText(msg('comments_kind_resolved'));
	await history.close();

	// And it can be opened again.
	await threadWith(bahar, title).getByRole('button', { name: new RegExp(`^${msg('comments_reopen')}`) }).click();
	await expect(threadWith(birgit, title).getByText(msg('comments_reopened_by', { name: BAHAR }))).toBeVisible();
	await threadWith(bahar, title).getByRole('button', { name: new RegExp(`^${msg('comments_resolve')}`) }).click();
	await expect(threadWith(bahar, title).getByText(msg('comments_resolved'), { exact: true })).toBeVisible();
});

test('an unknown mention is refused with its name and the text kept; axe in German and English', async ({ browser }) => {
	const title = unique('E2E-Kommentar-Fehler');
	const page = await signedInPage(browser, demoEmail('focus', 'stadt-b'));
	await startGoal(page, title, 'Tandem Bildung (Bildung)');
	const goalUrl = new URL(page.url()).pathname;
	await open(page, goalUrl);
	await page.getByLabel(msg('comments_new_label'), { exact: true }).fill(`Eine Frage zu ${title}`);
	await page.getByRole('button', { name: msg('comments_submit'), exact: true }).click();
	await expect(threadWith(page, title)).toBeVisible();

	for (const [prefix, t] of [['', msg], ['/en', en]] as const) {
		await open(page, `${prefix}${goalUrl}`);
		const field = page.getByLabel(t('comments_new_label'), { exact: true });
		await field.fill('@Niemand Unbekannt bitte prüfen');
		await page.getByRole('button', { name: t('comments_submit'), exact: true }).click();
		await expect(page.getByRole('alert').filter({ hasText: '@Niemand Unbekannt' })).toBeVisible();
		await expect(field).toHaveValue('@Niemand Unbekannt bitte prüfen');
		await expect(field).toHaveAttribute('aria-invalid', 'true');
		await expectNoViolations(page);
		// The goal's comments page, where the forms land without script.
		await open(page, `${prefix}${goalUrl}/comments`);
		await expect(threadWith(page, title)).toBeVisible();
		await expectNoViolations(page);
	}
});

test('without script, a comment is written, and a refusal shows on the comments page with the text kept', async ({ browser }) => {
	const title = unique('E2E-Kommentar-ohne-Skript');
	const setup = await signedInPage(browser, demoEmail('focus', 'stadt-b'));
	await startGoal(setup, title, 'Tandem Bildung (Bildung)');
	const goalUrl = new URL(setup.url()).pathname;
	const context = await browser.newContext({ javaScriptEnabled: false });
	await signInContext(context, demoEmail('bildung', 'stadt-b'));
	const page = await context.newPage();
	await page.goto(goalUrl);
	await page.getByLabel(msg('comments_new_label'), { exact: true }).fill(`@${BAHAR} ohne Skript`);
	await page.getByRole('button', { name: msg('comments_submit'), exact: true }).click();
	await expect(page).toHaveURL(new RegExp(`${goalUrl}#thread-`));
	await expect(threadWith(page, 'ohne Skript')).toBeVisible();

	await page.getByLabel(msg('comments_new_label'), { exact: true }).fill('@Niemand Unbekannt');
	await page.getByRole('button', { name: msg('comments_submit'), exact: true }).click();
	await expect(page).toHaveURL(new RegExp(`${goalUrl}/comments`));
	await expect(page.getByLabel(msg('comments_new_label'), { exact: true })).toHaveValue('@Niemand Unbekannt');
	await expect(page.locator('.kern-error').filter({ hasText: '@Niemand Unbekannt' })).toBeVisible();
	await context.close();
});

test('typing @ suggests colleagues: chosen by keyboard, the mention is written out; axe with the list open', async ({ browser }) => {
	const title = unique('E2E-Kommentar-Vorschlag');
	const page = await signedInPage(browser, demoEmail('focus', 'stadt-b'));
	await startGoal(page, title, 'Tandem Bildung (Bildung)');
	await open(page, new URL(page.url()).pathname);
	const field = page.getByLabel(msg('comments_new_label'), { exact: true });
	await field.pressSequentially('Bitte @schn');
	const list = page.getByRole('listbox', { name: msg('mention_suggestions_label') });
	await expect(list.getByRole('option', { name: BIRGIT })).toBeVisible();
	await expect(field).toHaveAttribute('aria-activedescendant', /-mentions-0$/);
	await expect(page.getByRole('status').filter({ hasText: msg('mention_suggestions_count', { count: await list.getByRole('option').count() }) })).toBeAttached();
	await expectNoViolations(page);
	// Arrow keys move the choice and wrap; Escape closes the list and leaves the text alone.
	const options = await list.getByRole('option').count();
	for (let i = 0; i < options; i++) await field.press('ArrowDown');
	await expect(list.getByRole('option', { selected: true })).toHaveText(BIRGIT);
	await field.press('Escape');
	await expect(list).toHaveCount(0);
	await expect(field).toHaveValue('Bitte @schn');
	// Typing on opens it again; Enter takes the name.
	await field.press('e');
	await expect(list.getByRole('option', { name: BIRGIT })).toBeVisible();
	await field.press('Enter');
	await expect(field).toHaveValue(`Bitte @${BIRGIT} `);
	await expect(list).toHaveCount(0);
	await field.pressSequentially(`prüfen (${title})`);
	// A name nobody has: the list says so, the text stays.
	await field.pressSequentially(' @Zzz');
	await expect(page.getByRole('status').filter({ hasText: msg('mention_suggestions_none') })).toBeAttached();
	for (let i = 0; i < 5; i++) await field.press('Backspace');
	await page.getByRole('button', { name: msg('comments_submit'), exact: true }).click();
	await expect(threadWith(page, title).locator('.mention')).toContainText(`@${BIRGIT}`);
});

test('a department head opens a measurement from the goal they read and comments on it, without a correction form', async ({ page }) => {
	await signInContext(page.context(), demoEmail('leitung', 'stadt-c'));
	await open(page, '/goals');
	await page.getByRole('link', { name: 'Abstand bei Schulabschlüssen verringern' }).first().click();
	await expect(page).toHaveURL(/\/goals\/[0-9a-f-]{36}$/);
	await open(page, `${new URL(page.url()).pathname}/indicators`);
	const entries = page.getByTestId('indicator-measurements').first();
	await entries.locator('summary').click();
	await entries.getByRole('link', { name: new RegExp(`^${msg('measurement_discuss')}`) }).first().click();
	await expect(page).toHaveURL(/\/measurements\/[0-9a-f-]{36}$/);
	await expect(page.getByTestId('measurement-values')).toBeVisible();
	await expect(page.getByRole('button', { name: msg('measurement_correct_save') })).toHaveCount(0);
	const question = unique('Woher stammt dieser Wert?');
	await page.getByLabel(msg('comments_new_label'), { exact: true }).fill(question);
	await page.getByRole('button', { name: msg('comments_submit'), exact: true }).click();
	const thread = threadWith(page, question);
	await expect(thread).toBeVisible();
	await expectNoViolations(page);
	// Resolved again, so the shared demo goal carries no open question for the next test.
	await thread.getByRole('button', { name: new RegExp(`^${msg('comments_resolve')}`) }).click();
	await expect(thread.getByText(msg('comments_resolved'), { exact: true })).toBeVisible();
	// Correcting stays with the tandem: the form's action refuses the head.
	const response = await page.request.post(`${new URL(page.url()).pathname}?/correct`, { form: { date: '2025-01-01', value: '1' }, headers: { origin: new URL(page.url()).origin } });
	expect(response.status()).toBe(403);
});
