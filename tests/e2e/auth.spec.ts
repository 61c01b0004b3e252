import { expect, test, type APIResponse } from '@playwright/test';
import { createInvitedAccount } from './support/accounts';
import { DEMO_PASSWORD, E2E_LOGIN_LIMITS, demoEmail, SMOKE } from './support/env';
import { freshRequest, getPage, postForm, signedInRequest } from './support/http';
import { en, msg } from './support/messages';
import { open } from './support/ui';

/** The title of the alert on a server-rendered page (KERN alert markup). */
async function alertText(response: APIResponse): Promise<string | undefined> {
	const html = await response.text();
	return html.match(/class="kern-alert[^"]*"[^>]*>[\s\S]*?<span class="kern-title">([^<]*)<\/span>/)?.[1];
}

test.describe('sign-in in the browser', () => {
	test('signs in, shows the start page, signs out', SMOKE, async ({ page }) => {
		const email = demoEmail('focus', 'stadt-c');
		await open(page, '/');
		await expect(page).toHaveURL(/\/login\?redirectTo=%2F$/);
		await expect(page.getByRole('heading', { level: 1, name: msg('login_title') })).toBeVisible();
		await page.getByLabel(msg('field_email')).fill(email);
		await page.getByLabel(msg('field_password'), { exact: true }).fill(DEMO_PASSWORD);
		await page.getByRole('button', { name: msg('login_submit') }).click();
		await expect(page).toHaveURL(/\/$/);
		await expect(page.getByRole('heading', { level: 1, name: msg('start_greeting', { name: 'Cem Aksoy' }) })).toBeVisible();

		await page.getByRole('button', { name: msg('shell_sign_out') }).click();
		await expect(page).toHaveURL(/\/login$/);
		await open(page, '/members');
		await expect(page).toHaveURL(/\/login\?redirectTo=%2Fmembers$/);
	});

	test('a wrong password shows the error and keeps the email', async ({ page }) => {
		const email = demoEmail('leitung', 'stadt-c');
		await open(page, '/login');
		await page.getByLabel(msg('field_email')).fill(email);
		await page.getByLabel(msg('field_password'), { exact: true }).fill('not-the-password');
		await page.getByRole('button', { name: msg('login_submit') }).click();
		await expect(page.getByRole('alert')).toContainText(msg('error_login_invalid'));
		await expect(page.getByLabel(msg('field_email'))).toHaveValue(email);
		await expect(page).toHaveURL(/\/login$/);

		// The right password still works afterwards (and clears the account's failure count).
		await page.getByLabel(msg('field_password'), { exact: true }).fill(DEMO_PASSWORD);
		await page.getByRole('button', { name: msg('login_submit') }).click();
		await expect(page.getByRole('heading', { level: 1, name: msg('start_greeting', { name: 'Clemens Richter' }) })).toBeVisible();
	});

	test('returns to the page asked for', async ({ page }) => {
		await open(page, '/tandems');
		await expect(page).toHaveURL(/\/login\?redirectTo=%2Ftandems$/);
		await page.getByLabel(msg('field_email')).fill(demoEmail('bildung', 'stadt-c'));
		await page.getByLabel(msg('field_password'), { exact: true }).fill(DEMO_PASSWORD);
		await page.getByRole('button', { name: msg('login_submit') }).click();
		await expect(page).toHaveURL(/\/tandems$/);
		await expect(page.getByRole('heading', { level: 1, name: msg('tandems_title') })).toBeVisible();
	});

	test('English sign-in stays in English', async ({ page }) => {
		await open(page, '/en/login');
		await expect(page.locator('html')).toHaveAttribute('lang', 'en');
		await page.getByLabel(en('field_email')).fill(demoEmail('focus', 'stadt-b'));
		await page.getByLabel(en('field_password'), { exact: true }).fill(DEMO_PASSWORD);
		await page.getByRole('button', { name: en('login_submit') }).click();
		await expect(page).toHaveURL(/\/en\/?$/);
		await expect(page.getByRole('heading', { level: 1, name: en('start_greeting', { name: 'Bahar Yılmaz' }) })).toBeVisible();
	});
});

test.describe('sign-in as a plain form post', () => {
	test('the right password answers 303 to / with a session cookie (HttpOnly, SameSite=Lax, not Secure on http)', async ({ request }) => {
		const response = await postForm(request, '/login', { email: demoEmail('focus', 'stadt-b'), password: DEMO_PASSWORD });
		expect(response.status()).toBe(303);
		expect(response.headers()['location']).toBe('/');
		const cookie = response.headersArray().find((h) => h.name.toLowerCase() === 'set-cookie' && h.value.startsWith('fokus_session='));
		expect(cookie, 'a session cookie').toBeTruthy();
		const attributes = cookie!.value.split(';').map((part) => part.trim().toLowerCase());
		expect(attributes).toContain('httponly');
		expect(attributes).toContain('samesite=lax');
		expect(attributes).toContain('path=/');
		expect(attributes).not.toContain('secure');
		// The cookie opens the app.
		const start = await getPage(request, '/');
		expect(start.status()).toBe(200);
	});

	test('a wrong password answers 400 without a session', async ({ request }) => {
		const response = await postForm(request, '/login', { email: demoEmail('bildung', 'stadt-b'), password: 'wrong-password' });
		expect(response.status()).toBe(400);
		expect(response.headers()['set-cookie'] ?? '').not.toContain('fokus_session=');
		expect(await alertText(response)).toBe(msg('error_login_invalid'));
	});

	test('a post from a foreign origin is refused with 403', async ({ request }) => {
		const response = await postForm(request, '/login', { email: demoEmail('focus', 'stadt-b'), password: DEMO_PASSWORD }, 'http://evil.example');
		expect(response.status()).toBe(403);
		expect(response.headers()['set-cookie'] ?? '').not.toContain('fokus_session=');
	});

	test('unknown email and wrong password get the same answer', async ({ request }) => {
		const unknown = await postForm(request, '/login', { email: 'nobody-here@stadt-b.example', password: 'wrong-password' });
		const wrong = await postForm(request, '/login', { email: demoEmail('leitung', 'stadt-b'), password: 'wrong-password' });
		expect(unknown.status()).toBe(400);
		expect(wrong.status()).toBe(400);
		expect(await alertText(unknown)).toBe(msg('error_login_invalid'));
		expect(await alertText(unknown)).toBe(await alertText(wrong));
	});

	test('too many failures for one account answer 429, even with the right password', async ({ request }) => {
		const admin = await signedInRequest(demoEmail('admin', 'stadt-c'));
		const joiner = await freshRequest();
		try {
			const account = await createInvitedAccount(admin, joiner, { prefix: 'locked' });
			for (let i = 0; i < E2E_LOGIN_LIMITS.perAccount; i++) {
				const response = await postForm(request, '/login', { email: account.email, password: `wrong-${i}-password` });
				expect(response.status(), `failure ${i + 1}`).toBe(400);
			}
			const blocked = await postForm(request, '/login', { email: account.email, password: account.password });
			expect(blocked.status()).toBe(429);
			expect(blocked.headers()['set-cookie'] ?? '').not.toContain('fokus_session=');
			expect(await alertText(blocked)).toBe(msg('error_login_blocked'));
			// The lock is per account: another account from the same address still signs in.
			const other = await postForm(request, '/login', { email: demoEmail('focus', 'stadt-c'), password: DEMO_PASSWORD });
			expect(other.status()).toBe(303);
		} finally {
			await admin.dispose();
			await joiner.dispose();
		}
	});
});

test.describe('languages', () => {
	test('/en/login renders English', async ({ request }) => {
		const response = await getPage(request, '/en/login');
		expect(response.status()).toBe(200);
		const html = await response.text();
		expect(html).toMatch(/<html[^>]* lang="en"/);
		expect(html).toContain(`<h1 class="kern-heading-large">${en('login_title')}</h1>`);
		expect(html).toContain(en('login_intro'));
	});

	test('/login answers 200 directly in German, whatever the browser prefers', async ({ request }) => {
		for (const language of ['de-DE,de;q=0.9', 'en-US,en;q=0.9']) {
			const response = await request.get('/login', { maxRedirects: 0, headers: { 'accept-language': language } });
			expect(response.status(), language).toBe(200);
			const html = await response.text();
			expect(html).toMatch(/<html[^>]* lang="de"/);
			expect(html).toContain(`<h1 class="kern-heading-large">${msg('login_title')}</h1>`);
		}
	});

	test('the language switch leads to the same page in the other language', async ({ page }) => {
		await open(page, '/login');
		await page.getByRole('link', { name: msg('shell_switch_language') }).click();
		await expect(page).toHaveURL(/\/en\/login$/);
		await expect(page.getByRole('heading', { level: 1, name: en('login_title') })).toBeVisible();
		await page.getByRole('link', { name: en('shell_switch_language') }).click();
		await expect(page).toHaveURL(/\/login$/);
		await expect(page.getByRole('heading', { level: 1, name: msg('login_title') })).toBeVisible();
	});
});
