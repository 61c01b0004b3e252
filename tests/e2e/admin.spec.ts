import { expect, test } from '@playwright/test';
import { createInvitedAccount } from './support/accounts';
import { demoEmail, SMOKE } from './support/env';
import { freshRequest, postForm, signInContext, signedInRequest, unique } from './support/http';
import { msg } from './support/messages';
import { open, shownLink, submitConfirmed } from './support/ui';

// Everything here changes data, so it happens in stadt-b and stadt-c; stadt-a stays as seeded
// for the specs that read it.

test('an invitation link lets a new person join once and lands them signed in', async ({ page, browser }) => {
	await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
	await signInContext(page.context(), demoEmail('admin', 'stadt-b'));
	await open(page, '/invitations');
	const note = unique('Einladung Jugend');
	await page.getByLabel(msg('field_invitation_note')).fill(note);
	for (const role of ['admin', 'focus', 'head'] as const) {
		await page.getByRole('checkbox', { name: msg(`role_${role}`), exact: true }).uncheck();
	}
	await page.getByRole('checkbox', { name: msg('role_member'), exact: true }).check();
	await page.getByRole('combobox', { name: msg('field_department') }).selectOption({ label: 'Jugend' });
	await page.getByRole('button', { name: msg('invitations_create') }).click();

	const shown = await shownLink(page, 'invite-url');
	await page.getByRole('button', { name: msg('action_copy') }).click();
	await expect(page.getByRole('status').filter({ hasText: msg('action_copied') })).toBeVisible();
	const link = await page.evaluate(() => navigator.clipboard.readText());
	expect(link).toBe(shown);
	expect(new URL(link).pathname).toMatch(/^\/join\/[a-z0-9]+$/);

	// The invited person, in a browser of their own.
	const name = `Jana ${unique('Jugend')}`;
	const email = `${unique('jana')}@e2e.example`;
	const invitedContext = await browser.newContext();
	try {
		const invited = await invitedContext.newPage();
		await open(invited, link);
		await expect(invited.getByRole('heading', { level: 1, name: msg('join_title') })).toBeVisible();
		await expect(invited.getByText(msg('join_intro', { municipality: 'Stadt Brückenfeld (Demo)' }))).toBeVisible();
		await invited.getByLabel(msg('field_name')).fill(name);
		await invited.getByLabel(msg('field_email')).fill(email);
		await invited.getByLabel(msg('field_password'), { exact: true }).fill('ein-langes-passwort');
		await invited.getByLabel(msg('field_password_repeat')).fill('ein-langes-passwort');
		await invited.getByRole('button', { name: msg('join_submit') }).click();
		await expect(invited).toHaveURL(/\/$/);
		await expect(invited.getByRole('heading', { level: 1, name: msg('start_greeting', { name }) })).toBeVisible();
		await expect(invited.getByText('Stadt Brückenfeld (Demo)').first()).toBeVisible();
		// A department member has no invitation management.
		await expect(invited.getByRole('navigation').getByRole('link', { name: msg('nav_invitations') })).toHaveCount(0);
	} finally {
		await invitedContext.close();
	}

	// The link is used up: a second person gets the "no longer valid" page and no form.
	const secondContext = await browser.newContext();
	try {
		const second = await secondContext.newPage();
		await open(second, link);
		await expect(second.getByRole('alert')).toContainText(msg('join_invalid'));
		await expect(second.getByRole('button', { name: msg('join_submit') })).toHaveCount(0);
		// Posting to it anyway creates nothing and signs nobody in.
		const response = await postForm(second.context().request, new URL(link).pathname, {
			name: 'Zweite Person',
			email: `${unique('zweite')}@e2e.example`,
			password: 'noch-ein-passwort',
			passwordRepeat: 'noch-ein-passwort'
		});
		expect(response.status()).toBe(200);
		expect(response.headers()['set-cookie'] ?? '').not.toContain('fokus_session=');
	} finally {
		await secondContext.close();
	}

	// The admin sees the invitation as accepted and the new member in the list, in Jugend.
	await open(page, '/invitations');
	const row = page.getByRole('row').filter({ hasText: note });
	await expect(row).toContainText(msg('invitation_state_used'));
	await open(page, '/members');
	const memberRow = page.getByRole('row').filter({ hasText: email });
	await expect(memberRow).toContainText(name);
	await expect(memberRow).toContainText('Jugend');
});

test('a reset link sets a new password and ends the member\'s old sessions', async ({ page, browser }) => {
	const admin = await signedInRequest(demoEmail('admin', 'stadt-b'));
	const joiner = await freshRequest();
	const memberContext = await browser.newContext();
	const resetContext = await browser.newContext();
	try {
		const account = await createInvitedAccount(admin, joiner, { prefix: 'reset' });
		// The member is signed in elsewhere.
		const memberPage = await memberContext.newPage();
		await signInContext(memberContext, account.email, account.password);
		await open(memberPage, '/tandems');
		await expect(memberPage.getByRole('heading', { level: 1, name: msg('tandems_title') })).toBeVisible();

		await signInContext(page.context(), demoEmail('admin', 'stadt-b'));
		await open(page, '/members');
		await page.getByRole('link', { name: account.name }).click();
		await expect(page.getByRole('heading', { level: 1, name: account.name })).toBeVisible();
		await page.getByRole('button', { name: msg('member_reset_create') }).click();
		const link = await shownLink(page, 'reset-url');
		expect(new URL(link).pathname).toMatch(/^\/reset\/[a-z0-9]+$/);

		const resetPage = await resetContext.newPage();
		await open(resetPage, link);
		await expect(resetPage.getByText(msg('reset_intro', { email: account.email }))).toBeVisible();
		const newPassword = 'ein-ganz-neues-passwort';
		await resetPage.getByLabel(msg('field_new_password')).fill(newPassword);
		await resetPage.getByLabel(msg('field_password_repeat')).fill(newPassword);
		await resetPage.getByRole('button', { name: msg('reset_submit') }).click();
		await expect(resetPage).toHaveURL(/\/login\?reset=1$/);
		await expect(resetPage.getByRole('status')).toContainText(msg('login_reset_done'));

		// The old session is over.
		await memberPage.reload();
		await expect(memberPage).toHaveURL(/\/login\?redirectTo=%2Ftandems$/);

		// The old password no longer works, the new one does, and the link works only once.
		const anonymous = resetContext.request;
		expect((await postForm(anonymous, '/login', { email: account.email, password: account.password })).status()).toBe(400);
		expect((await postForm(anonymous, '/login', { email: account.email, password: newPassword })).status()).toBe(303);
		await open(resetPage, link);
		await expect(resetPage.getByRole('alert')).toContainText(msg('reset_invalid'));
	} finally {
		await admin.dispose();
		await joiner.dispose();
		await memberContext.close();
		await resetContext.close();
	}
});

test('deactivating a member signs them out at once; reactivating lets them back in', SMOKE, async ({ page, browser }) => {
	const admin = await signedInRequest(demoEmail('admin', 'stadt-c'));
	const joiner = await freshRequest();
	const memberContext = await browser.newContext();
	try {
		const account = await createInvitedAccount(admin, joiner, { prefix: 'deactivate' });
		const memberPage = await memberContext.newPage();
		await signInContext(memberContext, account.email, account.password);
		await open(memberPage, '/');
		await expect(memberPage.getByRole('heading', { level: 1, name: msg('start_greeting', { name: account.name }) })).toBeVisible();

		await signInContext(page.context(), demoEmail('admin', 'stadt-c'));
		await open(page, '/members');
		await page.getByRole('link', { name: account.name }).click();
		await submitConfirmed(page, msg('member_deactivate'));
		await expect(page.getByText(msg('member_inactive_hint'))).toBeVisible();

		await open(memberPage, '/departments');
		await expect(memberPage).toHaveURL(/\/login\?redirectTo=%2Fdepartments$/);
		expect((await postForm(memberContext.request, '/login', { email: account.email, password: account.password })).status()).toBe(400);

		await page.getByRole('button', { name: msg('member_activate') }).click();
		await expect(page.getByRole('button', { name: msg('member_deactivate'), exact: true })).toBeVisible();
		expect((await postForm(memberContext.request, '/login', { email: account.email, password: account.password })).status()).toBe(303);
	} finally {
		await admin.dispose();
		await joiner.dispose();
		await memberContext.close();
	}
});

test('an admin creates a department and a tandem; invalid input is explained and kept', async ({ page }) => {
	await signInContext(page.context(), demoEmail('admin', 'stadt-c'));
	await open(page, '/departments');
	const department = unique('Kultur');
	const create = page.locator('form[action="?/create"]');
	await create.getByLabel(msg('field_name'), { exact: true }).fill(department);
	await page.getByRole('button', { name: msg('departments_create') }).click();
	await expect(page.getByRole('status').filter({ hasText: msg('action_saved') })).toBeVisible();
	await expect(page.getByRole('rowheader', { name: department, exact: true })).toBeVisible();

	// The same name again is refused with the input kept.
	await create.getByLabel(msg('field_name'), { exact: true }).fill(department);
	await page.getByRole('button', { name: msg('departments_create') }).click();
	await expect(create.getByRole('alert')).toContainText(msg('error_department_exists'));
	await expect(create.getByLabel(msg('field_name'), { exact: true })).toHaveValue(department);

	// A tandem in the new department lacks a person of that department.
	await open(page, '/tandems/new');
	const tandem = unique('Tandem Kultur');
	await page.getByLabel(msg('field_name'), { exact: true }).fill(tandem);
	await page.getByRole('combobox', { name: msg('field_department') }).selectOption({ label: department });
	const focus = page.getByRole('checkbox', { name: /^Cem Aksoy/ });
	const bildung = page.getByRole('checkbox', { name: /^Christina Wolf/ });
	await focus.check();
	await bildung.check();
	await page.getByRole('button', { name: msg('tandems_create') }).click();
	await expect(page.getByRole('alert')).toContainText(msg('error_tandem_needs_department_member'));
	await expect(page).toHaveURL(/\/tandems\/new$/);
	await expect(page.getByLabel(msg('field_name'), { exact: true })).toHaveValue(tandem);
	await expect(page.getByRole('combobox', { name: msg('field_department') }).locator('option:checked')).toHaveText(department);
	await expect(focus).toBeChecked();
	await expect(bildung).toBeChecked();

	// With the department the person works in, the tandem is formed.
	await page.getByRole('combobox', { name: msg('field_department') }).selectOption({ label: 'Bildung' });
	await page.getByRole('button', { name: msg('tandems_create') }).click();
	await expect(page).toHaveURL(/\/tandems$/);
	const row = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: tandem }) });
	await expect(row).toContainText('Bildung');
	await expect(row).toContainText('Cem Aksoy');
	await expect(row).toContainText('Christina Wolf');

	// And it can be dissolved again.
	await row.getByRole('link', { name: tandem }).click();
	await submitConfirmed(page, msg('tandems_delete'));
	await expect(page).toHaveURL(/\/tandems$/);
	await expect(page.getByRole('rowheader', { name: tandem })).toHaveCount(0);
});
