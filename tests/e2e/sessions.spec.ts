import { expect, test, type Browser, type Page } from '@playwright/test';
import { createInvitedAccount } from './support/accounts';
import { expectNoViolations } from './support/axe';
import { demoEmail } from './support/env';
import { freshRequest, signedInRequest } from './support/http';
import { en, msg } from './support/messages';
import { open } from './support/ui';

const PHONE = 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1';
const DESK = 'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0';

/** Signs in through the form in a browser of its own, as that device. */
async function signInAs(browser: Browser, userAgent: string, account: { email: string; password: string }, locale: 'de' | 'en' = 'de'): Promise<Page> {
	const page = await (await browser.newContext({ userAgent })).newPage();
	const text = locale === 'de' ? msg : en;
	await open(page, locale === 'de' ? '/login' : '/en/login');
	await page.getByLabel(text('field_email')).fill(account.email);
	await page.getByLabel(text('field_password'), { exact: true }).fill(account.password);
	await page.getByRole('button', { name: text('login_submit') }).click();
	await expect(page).toHaveURL(locale === 'de' ? /\/$/ : /\/en\/?$/);
	return page;
}

// A person of their own: signing out everywhere must not end the demo people's sessions other tests use.
test('a person sees where they are signed in, ends the session of a lost phone, and signs out on all devices', async ({ browser }) => {
	const admin = await signedInRequest(demoEmail('admin', 'stadt-c'));
	const joiner = await freshRequest();
	const account = await createInvitedAccount(admin, joiner, { prefix: 'sessions' });
	await admin.dispose();
	await joiner.dispose();
	const phone = await signInAs(browser, PHONE, account);
	const desk = await signInAs(browser, DESK, account);
	try {
		await open(desk, '/account');
		const table = desk.getByTestId('sessions');
		// The invitation's session, the phone's and this one, this one first (used last).
		await expect(table.getByRole('row')).toHaveCount(4);
		const current = table.getByTestId('session-current');
		await expect(current.getByRole('rowheader')).toHaveText(`${msg('sessions_device_named', { browser: 'Firefox', system: 'Linux' })} ${msg('sessions_this_device')}`);
		await expect(current.getByRole('cell').first()).toHaveText(msg('sessions_method_password'));
		const phoneRow = table.getByTestId('session').filter({ has: desk.getByRole('rowheader', { name: msg('sessions_device_named', { browser: 'Safari', system: 'iOS' }) }) });
		await expect(phoneRow).toHaveCount(1);
		await expectNoViolations(desk);

		// The phone is lost: its session ends, and its next page is the sign-in.
		await phoneRow.getByRole('button', { name: new RegExp(`^${msg('sessions_end')} – `) }).click();
		await expect(desk.getByRole('status')).toContainText(msg('sessions_ended'));
		await expect(table.getByRole('row')).toHaveCount(3);
		await open(phone, '/goals');
		await expect(phone).toHaveURL(/\/login\?redirectTo=%2Fgoals$/);
		// The desk stays signed in.
		await open(desk, '/goals');
		await expect(desk).toHaveURL(/\/goals$/);

		// Everywhere: this browser too is signed out, and so is a session opened in English. It is
		// signing out, so this browser's offline copies of documents go too.
		const other = await signInAs(browser, PHONE, account, 'en');
		await open(desk, '/account');
		const offlineCopy = 'fokus:e2e:goal/00000000-0000-4000-8000-000000000000';
		await desk.evaluate(
			(name) =>
				new Promise<void>((resolve) => {
					const request = indexedDB.open(name);
					request.onsuccess = () => {
						request.result.close();
						resolve();
					};
				}),
			offlineCopy
		);
		const stores = () => desk.evaluate(async () => (await indexedDB.databases()).map((db) => db.name));
		expect(await stores()).toContain(offlineCopy);
		await desk.getByRole('button', { name: msg('sessions_end_all') }).click();
		await expect(desk).toHaveURL(/\/login$/);
		expect(await stores()).not.toContain(offlineCopy);
		await open(desk, '/account');
		await expect(desk).toHaveURL(/\/login\?redirectTo=%2Faccount$/);
		await open(other, '/en/account');
		await expect(other).toHaveURL(/\/en\/login\?redirectTo=/);
		await other.context().close();
	} finally {
		await phone.context().close();
		await desk.context().close();
	}
});

test('the list of sessions reads in English too, without axe findings', async ({ browser }) => {
	const admin = await signedInRequest(demoEmail('admin', 'stadt-c'));
	const joiner = await freshRequest();
	const account = await createInvitedAccount(admin, joiner, { prefix: 'sessions-en' });
	await admin.dispose();
	await joiner.dispose();
	const page = await signInAs(browser, DESK, account, 'en');
	try {
		await open(page, '/en/account');
		await expect(page.getByRole('heading', { level: 2, name: en('sessions_heading') })).toBeVisible();
		await expect(page.getByTestId('session-current').getByRole('rowheader')).toHaveText(`${en('sessions_device_named', { browser: 'Firefox', system: 'Linux' })} ${en('sessions_this_device')}`);
		await expectNoViolations(page);
	} finally {
		await page.context().close();
	}
});
