import { expect, test, type Page } from '@playwright/test';
import { unique } from './support/http';
import { demoEmail, SMOKE } from './support/env';
import { expectNoViolations } from './support/axe';
import { msg } from './support/messages';
import { connected, open, signedInPage, startGoal, submitConfirmed, typeWords } from './support/ui';

// Two tandem partners write one goal at the same time, each in their own browser.


const smart = (page: Page, criterion: string) => page.locator(`[data-testid=smart-panel] [data-criterion=${criterion}]`);

test('two partners co-author a goal live, sign it off, and see a later change', SMOKE, async ({ browser }) => {
	// The whole story in two browsers; on a busy machine it needs more than the default minute.
	test.slow();
	const [focus, member] = await Promise.all([
		signedInPage(browser, demoEmail('focus', 'stadt-c')),
		signedInPage(browser, demoEmail('bildung', 'stadt-c'))
	]);
	const title = unique('E2E-Ziel');

	// Typed only once the page runs: hydration would set the field back to what the server sent.
	// Cem Aksoy works in several tandems; this goal is the Bildung tandem's, with Christina Wolf.
	await startGoal(focus, title, 'Tandem Bildung (Bildung)');
	await open(member, focus.url());
	await connected(focus);
	await connected(member);

	// Presence: each sees the other.
	await expect(focus.getByTestId('presence')).toContainText('Christina Wolf');
	await expect(member.getByTestId('presence')).toContainText('Cem Aksoy');

	// Both type at once, into different fields.
	const forWhom = 'Jugendliche ohne Ersten Schulabschluss finden häufiger einen Ausbildungsplatz.';
	const resources = 'Zwei Lernbegleiterinnen und Räume der Jugendberufsagentur';
	await Promise.all([
		typeWords(focus.getByLabel('Was ändert sich, für wen?'), forWhom),
		typeWords(member.getByLabel('Benötigte Ressourcen'), resources)
	]);
	await expect(member.getByLabel('Was ändert sich, für wen?')).toHaveValue(forWhom);
	await expect(focus.getByLabel('Benötigte Ressourcen')).toHaveValue(resources);
	for (const page of [focus, member]) await expect(smart(page, 'specific')).toHaveAttribute('data-ok', 'true');

	// An indicator with a German decimal comma, on the indicators' page; the deadline.
	for (const page of [focus, member]) {
		await page.getByRole('link', { name: msg('goal_tab_indicators') }).click();
		await expect(page).toHaveURL(/\/indicators$/);
	}
	await member.getByRole('button', { name: 'Indikator hinzufügen' }).click();
	await member.getByLabel('Bezeichnung').fill('Übergangsquote in Ausbildung');
	await member.getByLabel('Einheit').fill('%');
	await member.getByLabel('Ausgangswert', { exact: true }).fill('37,5');
	await member.getByLabel('Ausgangswert', { exact: true }).blur();
	await member.getByLabel('Datum des Ausgangswerts').fill('2025-07-31');
	await member.getByLabel('Zielwert', { exact: true }).fill('45');
	await member.getByLabel('Zielwert', { exact: true }).blur();
	await expect(focus.getByLabel('Bezeichnung')).toHaveValue('Übergangsquote in Ausbildung');
	await expect(focus.getByLabel('Ausgangswert', { exact: true })).toHaveValue('37,5');
	// Back to the content: the same live document, no new connection.
	for (const page of [focus, member]) {
		await page.getByRole('link', { name: msg('goal_tab_content') }).click();
		await expect(page).toHaveURL(/\/goals\/[0-9a-f-]{36}$/);
		await connected(page);
	}
	await focus.getByLabel('Frist', { exact: true }).fill('2028-07-31');
	for (const page of [focus, member]) {
		await expect(smart(page, 'measurable')).toHaveAttribute('data-ok', 'true');
		await expect(smart(page, 'terminated')).toHaveAttribute('data-ok', 'true');
		await expect(smart(page, 'acceptable')).toHaveAttribute('data-ok', 'false');
	}

	// The description is rich text: the partner's caret shows with their name.
	const description = member.getByRole('textbox', { name: 'Beschreibung' });
	await description.click();
	await description.pressSequentially('Gemeinsam mit der Jugendberufsagentur.');
	await expect(focus.getByRole('textbox', { name: 'Beschreibung' })).toContainText('Gemeinsam mit der Jugendberufsagentur.');
	await expect(focus.locator('.rich-text__caret-label', { hasText: 'Christina Wolf' })).toBeVisible();

	// Both sides sign; each sees the other's signature arrive.
	await focus.getByRole('button', { name: 'Ziel vereinbaren' }).click();
	await expect(member.locator('[data-side=focus]')).toHaveAttribute('data-signed', 'true');
	await member.getByRole('button', { name: 'Ziel vereinbaren' }).click();
	for (const page of [focus, member]) {
		await expect(smart(page, 'acceptable')).toHaveAttribute('data-ok', 'true');
		await expect(page.getByTestId('goal-status')).toHaveText('Vereinbart');
	}

	// A substantive change afterwards: both see "changed since agreement" at once.
	await member.getByLabel('Was ändert sich, für wen?').press('End');
	await member.getByLabel('Was ändert sich, für wen?').pressSequentially(' Auch junge Geflüchtete.');
	for (const page of [focus, member]) {
		await expect(page.getByTestId('changed-since-agreement')).toBeVisible();
		await expect(smart(page, 'acceptable')).toHaveAttribute('data-ok', 'false');
	}

	// The list shows the projected status; the history names both authors.
	await focus.goto('/goals?status=changed');
	await expect(focus.getByRole('rowheader').getByRole('link', { name: title })).toBeVisible();
	await focus.goBack();
	await focus.getByRole('link', { name: msg('goal_tab_history') }).click();
	await expect(focus.getByRole('table', { name: msg('goal_history') })).toContainText('Christina Wolf');
	await expectNoViolations(focus);
	await focus.context().close();
	await member.context().close();
});

test('a goal starts with its title; a draft without a history is deleted after asking', async ({ browser }) => {
	// Berna Aydın's Arbeitsmarkt tandem in stadt-b, which no other spec writes in.
	const page = await signedInPage(browser, 'arbeit@stadt-b.example');
	await open(page, '/goals');
	await page.getByRole('link', { name: msg('goals_create') }).click();
	await expect(page).toHaveURL(/\/goals\/new$/);
	const titleField = page.getByLabel(msg('goal_field_title'), { exact: true });
	// Spaces pass the browser's own check; the server asks for a title and keeps the tandem.
	await titleField.fill('   ');
	await page.getByRole('button', { name: msg('goals_create') }).click();
	await expect(page.getByRole('alert')).toContainText(msg('error_goal_title_required'));
	await expect(titleField).toHaveAttribute('aria-invalid', 'true');
	await expect(page.getByRole('combobox', { name: msg('field_tandem') })).toHaveValue(/[0-9a-f-]{36}/);

	const title = unique('Zweimal angelegt');
	await titleField.fill(title);
	await page.getByRole('button', { name: msg('goals_create') }).click();
	await expect(page).toHaveURL(/\/goals\/[0-9a-f-]{36}$/);
	await expect(page.getByTestId('goal-title')).toHaveText(title);
	await connected(page);

	// The keyboard opens the question; Escape leaves everything as it was.
	const remove = page.getByRole('button', { name: msg('goal_delete'), exact: true });
	await remove.focus();
	await page.keyboard.press('Enter');
	const dialog = page.getByRole('dialog');
	await expect(dialog).toBeVisible();
	await expect(dialog).toContainText(title);
	await expect(dialog.getByRole('button', { name: msg('action_cancel') })).toBeFocused();
	await page.keyboard.press('Escape');
	await expect(dialog).toBeHidden();
	await expect(page.getByTestId('goal-title')).toHaveText(title);

	await submitConfirmed(page, msg('goal_delete'));
	await expect(page).toHaveURL(/\/goals$/);
	await expect(page.getByText(msg('goals_deleted'))).toBeVisible();
	await expect(page.getByRole('link', { name: title })).toHaveCount(0);
	await page.context().close();
});

test('a goal with measurements offers closing, not deleting', async ({ browser }) => {
	const member = await signedInPage(browser, demoEmail('bildung', 'stadt-a'));
	await open(member, '/goals');
	await member.getByRole('link', { name: 'Eltern mit Migrationsgeschichte in die Berufsorientierung einbinden' }).first().click();
	await connected(member);
	await expect(member.getByRole('button', { name: msg('goal_close') })).toBeVisible();
	await expect(member.getByRole('button', { name: msg('goal_delete') })).toHaveCount(0);
	await member.context().close();
});

test('a department head reads a goal but cannot change it', async ({ browser }) => {
	const head = await signedInPage(browser, demoEmail('leitung', 'stadt-a'));
	await head.goto('/goals');
	await head.getByRole('link', { name: 'Eltern mit Migrationsgeschichte in die Berufsorientierung einbinden' }).first().click();
	await connected(head);
	await expect(head.getByText('Sie können dieses Ziel lesen, aber nicht bearbeiten.')).toBeVisible();
	const field = head.getByLabel('Titel');
	await expect(field).toHaveAttribute('readonly', '');
	await expect(head.getByRole('button', { name: 'Ziel vereinbaren' })).toHaveCount(0);
	await head.getByRole('link', { name: msg('goal_tab_indicators') }).click();
	await expect(head.getByLabel('Bezeichnung').first()).toHaveAttribute('readonly', '');
	await expect(head.getByRole('button', { name: 'Indikator hinzufügen' })).toHaveCount(0);
	await head.context().close();
});

test('signing out deletes the offline copies of documents in this browser', async ({ browser }) => {
	const page = await signedInPage(browser, demoEmail('focus', 'stadt-b'));
	await page.goto('/goals');
	await page.getByRole('rowheader').getByRole('link').first().click();
	await connected(page);
	const stores = () => page.evaluate(async () => (await indexedDB.databases()).map((db) => db.name ?? '').filter((name) => name.startsWith('fokus:')));
	await expect.poll(stores).toHaveLength(1);
	await page.getByRole('button', { name: 'Abmelden' }).click();
	await expect(page).toHaveURL(/\/login$/);
	expect(await stores()).toEqual([]);
	await page.context().close();
});
