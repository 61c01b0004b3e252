import { expect, test, type Browser, type Locator, type Page } from '@playwright/test';
import { unique } from './support/http';
import { demoEmail } from './support/env';
import { expectNoViolations } from './support/axe';
import { en, msg } from './support/messages';
import { connected, open, signedInPage, startGoal, submitConfirmed, typeWords } from './support/ui';

// Every field of a shared document is live: what one person types reaches the other before
// they leave the field, survives closing the page at once, and their focus shows on the field.



/** The frame of one field: label, hint, error, the control, and who else is in it. */
const frameOf = (field: Locator) => field.page().locator('.kern-form-input', { has: field });

async function openSame(browser: Browser, email: string, url: string): Promise<Page> {
	const page = await signedInPage(browser, email);
	await open(page, url);
	await connected(page);
	return page;
}

test('indicator fields reach the partner while typing, survive closing the page, and show who is in them', async ({ browser }) => {
	test.slow();
	// Cem Aksoy (integration office) and Christina Wolf (Bildung) form stadt-c's Bildung tandem.
	const focus = await signedInPage(browser, demoEmail('focus', 'stadt-c'));
	await startGoal(focus, unique('E2E-Live'), 'Tandem Bildung (Bildung)');
	await focus.getByRole('link', { name: msg('goal_tab_indicators') }).click();
	await expect(focus).toHaveURL(/\/indicators$/);
	const goalUrl = focus.url();
	await connected(focus);
	let member = await openSame(browser, demoEmail('bildung', 'stadt-c'), goalUrl);
	await member.getByRole('button', { name: msg('goal_indicator_add') }).click();

	const field = (page: Page, key: string) => page.getByLabel(msg(key), { exact: true });
	const christina = msg('sync_editing_field', { name: 'Christina Wolf' });

	// A number arrives while the member is still in the field, and the field shows who is there.
	await field(member, 'goal_indicator_target').pressSequentially('45');
	await expect(field(focus, 'goal_indicator_target')).toHaveValue('45');
	await expect(field(member, 'goal_indicator_target')).toBeFocused();
	await expect(frameOf(field(focus, 'goal_indicator_target')).getByText(christina)).toBeVisible();
	await expect(focus.getByText(christina)).toHaveCount(1);

	// "45," is no number yet: it stays in the member's field, named as not saved.
	await field(member, 'goal_indicator_target').press(',');
	await expect(frameOf(field(member, 'goal_indicator_target')).getByText(msg('field_unsaved_number'))).toBeVisible();
	await expect(field(member, 'goal_indicator_target')).toHaveAttribute('aria-invalid', 'true');
	await expectNoViolations(member);
	// Updates arrive in order: once the unit typed afterwards is there, the "45," would be too.
	await field(member, 'goal_indicator_unit').pressSequentially('%');
	await expect(field(focus, 'goal_indicator_unit')).toHaveValue('%');
	await expect(field(focus, 'goal_indicator_target')).toHaveValue('45');
	// The marker moved with the member to the unit.
	await expect(frameOf(field(focus, 'goal_indicator_unit')).getByText(christina)).toBeVisible();
	await expect(frameOf(field(focus, 'goal_indicator_target')).getByText(christina)).toHaveCount(0);
	await expectNoViolations(focus);
	// Completed, it is a number again and arrives.
	await field(member, 'goal_indicator_target').press('End');
	await field(member, 'goal_indicator_target').press('5');
	await expect(field(focus, 'goal_indicator_target')).toHaveValue('45,5');
	await expect(frameOf(field(member, 'goal_indicator_target')).getByText(msg('field_unsaved_number'))).toHaveCount(0);

	// Text arrives word by word; a partner's change before the caret does not move the member's typing.
	await typeWords(field(member, 'goal_indicator_name'), 'Übergangsquote Ausbildung');
	await expect(field(focus, 'goal_indicator_name')).toHaveValue('Übergangsquote Ausbildung');
	await field(member, 'goal_indicator_name').press('End');
	for (let i = 0; i < 'Ausbildung'.length; i++) await field(member, 'goal_indicator_name').press('ArrowLeft');
	await field(focus, 'goal_indicator_name').press('Home');
	await focus.keyboard.insertText('Die ');
	await expect(field(member, 'goal_indicator_name')).toHaveValue('Die Übergangsquote Ausbildung');
	await member.keyboard.insertText('in ');
	await expect(field(focus, 'goal_indicator_name')).toHaveValue('Die Übergangsquote in Ausbildung');

	// Typed, and the page closed at once: the value is kept.
	await field(member, 'goal_indicator_baseline').pressSequentially('37,5');
	await member.close({ runBeforeUnload: true });
	await expect(field(focus, 'goal_indicator_baseline')).toHaveValue('37,5');
	await expect(focus.getByText(christina)).toHaveCount(0);
	member = await openSame(browser, demoEmail('bildung', 'stadt-c'), goalUrl);
	await expect(field(member, 'goal_indicator_baseline')).toHaveValue('37,5');

	// Typed, and away to another page at once: kept as well.
	await typeWords(field(member, 'indicator_source'), 'Statistisches Landesamt');
	await member.getByRole('link', { name: `← ${msg('goals_title')}` }).click();
	await expect(member).toHaveURL(/\/goals$/);
	await expect(field(focus, 'indicator_source')).toHaveValue('Statistisches Landesamt');

	// In English: the partner's marker and a weight out of range, and axe finds nothing.
	const english = await openSame(browser, demoEmail('bildung', 'stadt-c'), goalUrl.replace(/\/goals\//, '/en/goals/'));
	await field(focus, 'goal_indicator_unit').click();
	await expect(frameOf(english.getByLabel(en('goal_indicator_unit'), { exact: true })).getByText(en('sync_editing_field', { name: 'Cem Aksoy' }))).toBeVisible();
	await english.getByLabel(en('indicator_weight'), { exact: true }).fill('150');
	await expect(english.getByText(en('field_unsaved_range', { min: 0, max: 100 }))).toBeVisible();
	await expect(field(focus, 'indicator_weight')).toHaveValue('1');
	await expectNoViolations(english);
	await focus.context().close();
	await member.context().close();
	await english.context().close();
});

test('an agreement’s dates reach the partner while typing; half a date stays with the one typing', async ({ browser }) => {
	test.slow();
	const focus = await signedInPage(browser, demoEmail('focus', 'stadt-c'));
	await open(focus, '/agreements');
	await focus.getByRole('combobox', { name: msg('field_department') }).selectOption({ label: 'Bildung' });
	await focus.getByLabel(msg('agreement_title'), { exact: true }).fill(unique('E2E-Live-Vereinbarung'));
	await focus.getByRole('button', { name: msg('agreements_create') }).click();
	await expect(focus).toHaveURL(/\/agreements\/[0-9a-f-]{36}$/);
	await connected(focus);
	const head = await openSame(browser, demoEmail('leitung', 'stadt-c'), focus.url());

	const validFrom = (page: Page) => page.getByLabel(msg('agreement_valid_from'), { exact: true });
	await validFrom(head).fill('2027-01-01');
	await expect(validFrom(head)).toBeFocused();
	await expect(validFrom(focus)).toHaveValue('2027-01-01');
	await expect(frameOf(validFrom(focus)).getByText(msg('sync_editing_field', { name: 'Clemens Richter' }))).toBeVisible();

	// Clearing one part of the date leaves no date the browser can report: nothing is written.
	await validFrom(head).press('Backspace');
	await expect(frameOf(validFrom(head)).getByText(msg('field_unsaved_date'))).toBeVisible();
	await validFrom(head).blur();
	await expect(frameOf(validFrom(focus)).getByText(msg('sync_editing_field', { name: 'Clemens Richter' }))).toHaveCount(0);
	await expect(validFrom(focus)).toHaveValue('2027-01-01');

	await submitConfirmed(focus, msg('agreement_delete'));
	await expect(focus).toHaveURL(/\/agreements$/);
	await focus.context().close();
	await head.context().close();
});

test('an assessment’s date reaches the other office account while typing', async ({ browser }) => {
	test.slow();
	const focus = await signedInPage(browser, demoEmail('focus', 'stadt-c'));
	await open(focus, '/assessments');
	await focus.getByRole('button', { name: msg('assessments_create') }).click();
	await expect(focus).toHaveURL(/\/assessments\/[0-9a-f-]{36}$/);
	await connected(focus);
	const network = await openSame(browser, 'netzwerk@stadt-c.example', focus.url());

	const date = (page: Page) => page.getByLabel(msg('assessment_date'), { exact: true });
	await date(network).fill('2025-11-28');
	await expect(date(network)).toBeFocused();
	await expect(date(focus)).toHaveValue('2025-11-28');
	await expect(frameOf(date(focus)).getByText(msg('sync_editing_field', { name: 'Canan Öztürk' }))).toBeVisible();

	await submitConfirmed(focus, msg('assessment_delete'));
	await expect(focus).toHaveURL(/\/assessments$/);
	await focus.context().close();
	await network.context().close();
});
