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
