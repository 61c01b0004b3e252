import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { createInvitation, createShareLink, departmentId, membershipIdOf } from './support/accounts';
import { demoEmail } from './support/env';
import { getPage, idsIn, postForm, signInContext, signedInRequest, unique } from './support/http';
import { expectNoViolations } from './support/axe';
import { msg, type Locale } from './support/messages';
import { open } from './support/ui';

// WCAG 2.1 AA (BITV 2.0): axe finds nothing on any page, signed out and signed in, in both
// languages; the skip link leads the keyboard; at 320 px nothing scrolls sideways.


// Each page is its own test and nothing here changes what another test reads.
test.describe.configure({ mode: 'parallel' });

interface Links {
	join: string;
	reset: string;
	member: string;
	tandem: string;
	goal: string;
	bildung: string;
	snapshot: string;
	/** stadt-a's latest assessment (completed), stadt-b's demo draft and stadt-c's signed agreement with Bildung. */
	assessment: string;
	draft: string;
	agreement: string;
	/** A share link to one of stadt-c's council reports. */
	shared: string;
}
let links: Links;

test.beforeAll(async () => {
	// Tokens come from stadt-c (making a link changes nothing visible); ids from stadt-a as seeded,
	// and stadt-b's demo draft assessment.
	const adminC = await signedInRequest(demoEmail('admin', 'stadt-c'));
	const adminA = await signedInRequest(demoEmail('admin', 'stadt-a'));
	const adminB = await signedInRequest(demoEmail('admin', 'stadt-b'));
	try {
		const join = await createInvitation(adminC, { roles: ['member'], department: 'Jugend', note: 'a11y' });
		const [reportC] = idsIn(await (await getPage(adminC, '/snapshots')).text(), '/snapshots/');
		const shared = await createShareLink(adminC, reportC!, { label: 'a11y' });
		const reset = await resetLink(adminC, await membershipIdOf(adminC, 'Christina Wolf'));
		const member = await membershipIdOf(adminA, 'Andreas Brandt');
		const [tandem] = idsIn(await (await getPage(adminA, '/tandems')).text(), '/tandems/');
		const [goal] = idsIn(await (await getPage(adminA, '/goals')).text(), '/goals/');
		const [snapshot] = idsIn(await (await getPage(adminA, '/snapshots')).text(), '/snapshots/');
		const [assessment] = idsIn(await (await getPage(adminA, '/assessments')).text(), '/assessments/');
		const draft = (await (await getPage(adminB, '/assessments')).text()).match(/href="\/assessments\/([0-9a-f-]{36})">20\.11\.2026</)?.[1];
		const agreementsC = await (await getPage(adminC, '/agreements')).text();
		const agreement = agreementsC.match(/href="\/agreements\/([0-9a-f-]{36})">Fokus Migration im Fachbereich Bildung</)?.[1];
		expect(tandem && goal && assessment && draft && agreement, 'a demo tandem, goal and assessment in stadt-a, a draft assessment in stadt-b, an agreement in stadt-c').toBeTruthy();
		links = { join, reset, member, tandem: tandem!, goal: goal!, bildung: await departmentId(adminA, 'Bildung'), snapshot: snapshot!, assessment: assessment!, draft: draft!, agreement: agreement!, shared };
	} finally {
		await adminC.dispose();
		await adminA.dispose();
		await adminB.dispose();
	}
});

async function resetLink(admin: APIRequestContext, membershipId: string): Promise<string> {
	const response = await postForm(admin, `/members/${membershipId}?/reset`);
	expect(response.status()).toBe(200);
	const match = (await response.text()).match(/value="https?:\/\/[^"]*?(\/reset\/[a-z0-9]+)"/);
	expect(match, 'the reset link on the page').toBeTruthy();
	return match![1]!;
}

function localized(path: string, locale: Locale): string {
	return locale === 'de' ? path : `/en${path === '/' ? '' : path}`;
}

async function expectNoSidewaysScrolling(page: Page): Promise<void> {
	await page.setViewportSize({ width: 320, height: 720 });
	// Charts redraw for the new width in the frames after a resize, as a reader would see it.
	await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
	const widths = await page.evaluate(() => ({ document: document.documentElement.scrollWidth, body: document.body.scrollWidth }));
	expect(widths.document, `page width at 320 px on ${page.url()}`).toBeLessThanOrEqual(320);
	expect(widths.body, `body width at 320 px on ${page.url()}`).toBeLessThanOrEqual(320);
}

interface PageCase {
	name: string;
	path: () => string;
	status?: number;
	/** Brings the page into a state worth checking (errors shown, a link displayed). */
	act?: (page: Page, locale: Locale) => Promise<void>;
}

const signedOut: PageCase[] = [
	{ name: 'login', path: () => '/login' },
	{
		name: 'login with an error',
		path: () => '/login',
		act: async (page, locale) => {
			await page.getByLabel(msg('field_email', {}, locale)).fill('nobody@e2e.example');
			await page.getByLabel(msg('field_password', {}, locale), { exact: true }).fill('wrong-password');
			await page.getByRole('button', { name: msg('login_submit', {}, locale) }).click();
			await expect(page.getByRole('alert')).toBeVisible();
		}
	},
	{ name: 'join with a valid token', path: () => links.join },
	{ name: 'join with an invalid token', path: () => '/join/not-a-valid-token' },
	{ name: 'reset with a valid token', path: () => links.reset },
	{ name: 'reset with an invalid token', path: () => '/reset/not-a-valid-token' },
	{ name: 'a shared council report', path: () => links.shared },
	{ name: 'a shared report with an unknown token', path: () => '/s/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', status: 404 },
	{ name: 'the 404 page', path: () => '/does-not-exist', status: 404 }
];

const signedIn: PageCase[] = [
	{ name: 'start', path: () => '/' },
	{ name: 'account', path: () => '/account' },
	{ name: 'members', path: () => '/members' },
	{ name: 'member detail', path: () => `/members/${links.member}` },
	{ name: 'invitations', path: () => '/invitations' },
	{ name: 'departments', path: () => '/departments' },
	{ name: 'tandems', path: () => '/tandems' },
	{ name: 'new tandem', path: () => '/tandems/new' },
	{
		name: 'new tandem with errors',
		path: () => '/tandems/new',
		act: async (page, locale) => {
			// Name and department pass the browser's own checks; the missing people reach the server.
			await page.getByLabel(msg('field_name', {}, locale), { exact: true }).fill('Tandem ohne Personen');
			await page.getByRole('combobox', { name: msg('field_department', {}, locale) }).selectOption({ label: 'Jugend' });
			await page.getByRole('button', { name: msg('tandems_create', {}, locale) }).click();
			await expect(page.getByRole('alert').first()).toBeVisible();
		}
	},
	{ name: 'tandem detail', path: () => `/tandems/${links.tandem}` },
	{ name: 'goals', path: () => '/goals' },
	{ name: 'goals filtered', path: () => '/goals?status=agreed' },
	{ name: 'new goal, for someone in no tandem', path: () => '/goals/new' },
	{ name: 'monitoring', path: () => '/monitoring' },
	{ name: 'department view', path: () => `/monitoring/departments/${links.bildung}` },
	{ name: 'due', path: () => '/due' },
	{ name: 'council reports', path: () => '/snapshots' },
	{ name: 'new council report, goals chosen', path: () => `/snapshots/new?department=${links.bildung}` },
	{
		name: 'new council report with errors',
		path: () => `/snapshots/new?department=${links.bildung}`,
		act: async (page, locale) => {
			await page.getByLabel(msg('snapshots_min_cases', {}, locale)).fill('1');
			await page.getByLabel(msg('snapshot_title', {}, locale), { exact: true }).fill('Bericht mit Fehler');
			await page.getByRole('button', { name: msg('snapshots_create', {}, locale) }).click();
			await expect(page.getByRole('alert').first()).toBeVisible();
		}
	},
	{ name: 'council report', path: () => `/snapshots/${links.snapshot}` },
	{ name: 'assessments with the radar chart', path: () => '/assessments' },
	{
		name: 'new assessment with errors',
		path: () => '/assessments',
		act: async (page, locale) => {
			// The browser would refuse a date after `max`; the server's check is what is shown.
			await page.getByLabel(msg('assessment_date', {}, locale), { exact: true }).evaluate((input: HTMLInputElement) => input.removeAttribute('max'));
			await page.getByLabel(msg('assessment_date', {}, locale), { exact: true }).fill('2999-01-01');
			await page.getByRole('button', { name: msg('assessments_create', {}, locale) }).click();
			await expect(page.getByRole('alert').first()).toBeVisible();
		}
	},
	{
		name: 'a completed assessment (read by an admin)',
		path: () => `/assessments/${links.assessment}`,
		act: async (page) => {
			await expect(page.getByTestId('assessment-state')).toHaveAttribute('data-state', 'completed');
		}
	},
	{ name: 'agreements', path: () => '/agreements' },
	{
		name: 'goal (read by an admin outside the tandem)',
		path: () => `/goals/${links.goal}`,
		act: async (page) => {
			await expect(page.getByTestId('connection-state')).toHaveAttribute('data-state', 'connected');
		}
	},
	...(['indicators', 'loop', 'history'] as const).map((part) => ({
		name: `goal: its ${part} page (read by an admin outside the tandem)`,
		path: () => `/goals/${links.goal}/${part}`,
		act: async (page: Page) => {
			await expect(page.getByTestId('connection-state')).toHaveAttribute('data-state', 'connected');
		}
	})),
	{ name: 'an earlier version of a goal', path: () => `/goals/${links.goal}/versions/999999999` },
	{
		name: 'a goal as it stood at a date, with its charts and values',
		path: () => `/goals/${links.goal}/as-of`,
		act: async (page) => {
			await expect(page.getByTestId('as-of-indicator').first()).toBeVisible();
		}
	},
	{ name: 'the 404 page', path: () => '/does-not-exist', status: 404 }
];

for (const locale of ['de', 'en'] as const) {
	test.describe(`signed out (${locale})`, () => {
		for (const item of signedOut) {
			test(`${item.name}: axe finds nothing, no sideways scrolling at 320 px`, async ({ page }) => {
				const response = await open(page, localized(item.path(), locale));
				expect(response?.status()).toBe(item.status ?? 200);
				await expect(page.locator('html')).toHaveAttribute('lang', locale);
				await item.act?.(page, locale);
				await expectNoViolations(page);
				await expectNoSidewaysScrolling(page);
			});
		}
	});

	test.describe(`signed in as admin (${locale})`, () => {
		test.beforeEach(async ({ context }) => {
			// Only reading happens here, so stadt-a's admin is safe to use.
			await signInContext(context, demoEmail('admin', 'stadt-a'));
		});
		for (const item of signedIn) {
			test(`${item.name}: axe finds nothing, no sideways scrolling at 320 px`, async ({ page }) => {
				const response = await open(page, localized(item.path(), locale));
				expect(response?.status()).toBe(item.status ?? 200);
				await expect(page.locator('html')).toHaveAttribute('lang', locale);
				await item.act?.(page, locale);
				await expectNoViolations(page);
				await expectNoSidewaysScrolling(page);
			});
		}
	});
}

test.describe('an agreement, read by its department head', () => {
	for (const locale of ['de', 'en'] as const) {
		test(`a signed agreement (${locale}): axe finds nothing, no sideways scrolling at 320 px`, async ({ page }) => {
			await signInContext(page.context(), demoEmail('leitung', 'stadt-c'));
			await open(page, localized(`/agreements/${links.agreement}`, locale));
			await expect(page.getByTestId('connection-state')).toHaveAttribute('data-state', 'connected');
			await expect(page.getByTestId('agreement-status')).toHaveAttribute('data-status', 'signed');
			await expectNoViolations(page);
			await expectNoSidewaysScrolling(page);
		});
	}
});

test.describe('an assessment draft, opened by the integration office', () => {
	for (const locale of ['de', 'en'] as const) {
		test(`the draft and its confirmation to complete it (${locale}): axe finds nothing, no sideways scrolling at 320 px`, async ({ page }) => {
			await signInContext(page.context(), demoEmail('focus', 'stadt-b'));
			await open(page, localized(`/assessments/${links.draft}`, locale));
			await expect(page.getByTestId('connection-state')).toHaveAttribute('data-state', 'connected');
			await expect(page.getByTestId('assessment-state')).toHaveAttribute('data-state', 'draft');
			await expectNoViolations(page);
			await expectNoSidewaysScrolling(page);
			// Asked first, and left without completing: the keyboard reaches the button, Escape closes the dialog.
			await page.getByRole('button', { name: msg('assessment_complete', {}, locale), exact: true }).focus();
			await page.keyboard.press('Enter');
			const dialog = page.getByRole('dialog', { name: msg('assessment_complete_title', {}, locale) });
			await expect(dialog).toBeVisible();
			await expectNoViolations(page);
			await page.keyboard.press('Escape');
			await expect(dialog).toBeHidden();
			await expect(page.getByTestId('assessment-state')).toHaveAttribute('data-state', 'draft');
		});
	}
});

test.describe('a draft started and deleted by a tandem member', () => {
	for (const locale of ['de', 'en'] as const) {
		test(`the title form with errors, the delete question, the list after (${locale}): axe finds nothing, no sideways scrolling at 320 px`, async ({ page }) => {
			// stadt-b's Arbeitsmarkt tandem; the draft is gone again when the test ends.
			await signInContext(page.context(), 'arbeit@stadt-b.example');
			await open(page, localized('/goals/new?criterion=reach', locale));
			const title = page.getByLabel(msg('goal_field_title', {}, locale), { exact: true });
			await title.fill(' ');
			await page.getByRole('button', { name: msg('goals_create', {}, locale) }).click();
			await expect(page.getByRole('alert')).toContainText(msg('error_goal_title_required', {}, locale));
			await expect(page.getByRole('combobox', { name: msg('goal_field_criterion', {}, locale) })).toHaveValue('reach');
			await expectNoViolations(page);
			await expectNoSidewaysScrolling(page);

			await page.setViewportSize({ width: 1280, height: 720 });
			await title.fill(unique('Zu löschen'));
			await page.getByRole('button', { name: msg('goals_create', {}, locale) }).click();
			await expect(page.getByTestId('connection-state')).toHaveAttribute('data-state', 'connected');
			await page.getByRole('button', { name: msg('goal_delete', {}, locale), exact: true }).click();
			const dialog = page.getByRole('dialog');
			await expect(dialog).toBeVisible();
			await expectNoViolations(page);
			await dialog.getByRole('button', { name: msg('goal_delete', {}, locale), exact: true }).click();
			await expect(page.getByText(msg('goals_deleted', {}, locale))).toBeVisible();
			await expectNoViolations(page);
			await expectNoSidewaysScrolling(page);
		});
	}
});

test.describe('states with a link shown', () => {
	test('a fresh invitation link and a fresh reset link', async ({ page }) => {
		await signInContext(page.context(), demoEmail('admin', 'stadt-c'));
		await open(page, '/invitations');
		await page.getByRole('combobox', { name: msg('field_department') }).selectOption({ label: 'Jugend' });
		await page.getByRole('button', { name: msg('invitations_create') }).click();
		await expect(page.locator('#invite-url')).toHaveValue(/\/join\//);
		await expectNoViolations(page);
		await expectNoSidewaysScrolling(page);

		await page.setViewportSize({ width: 1280, height: 720 });
		await open(page, '/members');
		await page.getByRole('link', { name: 'Christina Wolf' }).click();
		await page.getByRole('button', { name: msg('member_reset_create') }).click();
		await expect(page.locator('#reset-url')).toHaveValue(/\/reset\//);
		await expectNoViolations(page);
		await expectNoSidewaysScrolling(page);
	});
});

test.describe('keyboard', () => {
	for (const signed of [false, true]) {
		test(`the skip link is the first Tab stop and moves focus to main (${signed ? 'signed in' : 'signed out'})`, async ({ page, context }) => {
			if (signed) await signInContext(context, demoEmail('focus', 'stadt-a'));
			await open(page, signed ? '/tandems' : '/login');
			await page.keyboard.press('Tab');
			const skip = page.getByRole('link', { name: msg('shell_skip_to_content') });
			await expect(skip).toBeFocused();
			await expect(skip).toBeInViewport();
			await page.keyboard.press('Enter');
			await expect(page.locator('main#main')).toBeFocused();
			// The next Tab continues inside main, not back in the header.
			await page.keyboard.press('Tab');
			expect(await page.evaluate(() => document.activeElement?.closest('main') !== null)).toBe(true);
		});
	}
});
