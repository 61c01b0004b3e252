import { expect, test, type Page } from '@playwright/test';
import { demoEmail, SMOKE } from './support/env';
import { signInContext, unique } from './support/http';
import { expectNoViolations } from './support/axe';
import { en, msg } from './support/messages';
import { open } from './support/ui';

// The monitoring loop on a goal's loop page, and the monitoring views. Uses stadt-c's draft goal
// "Vertragslösungen in der Ausbildung senken", which no other spec changes.

const GOAL = 'Vertragslösungen in der Ausbildung senken';

async function openGoal(page: Page): Promise<void> {
	await open(page, '/goals');
	await page.getByRole('link', { name: GOAL, exact: true }).first().click();
	await page.getByRole('link', { name: msg('goal_tab_loop') }).click();
	await expect(page).toHaveURL(/\/loop$/);
	await expect(page.getByTestId('connection-state')).toHaveAttribute('data-state', 'connected');
}

test('a tandem member records an approach and a review; both show on the goal', SMOKE, async ({ page }) => {
	await signInContext(page.context(), demoEmail('bildung', 'stadt-c'));
	await openGoal(page);
	const title = unique('Ausbildungsbegleitung');

	await page.getByText(msg('experiment_add'), { exact: true }).click();
	const experimentForm = page.locator('form[action="?/addExperiment"]');
	await experimentForm.getByLabel(msg('experiment_title'), { exact: true }).fill(title);
	await experimentForm.getByLabel(msg('experiment_hypothesis'), { exact: true }).fill('Wenn Kammern früh begleiten, dann sinkt die Lösungsquote.');
	await experimentForm.getByLabel(msg('experiment_status'), { exact: true }).selectOption({ label: msg('experiment_status_running') });
	await experimentForm.getByRole('button', { name: msg('experiment_add_submit') }).click();
	const experiment = page.getByTestId('experiment').filter({ hasText: title });
	await expect(experiment).toContainText(msg('experiment_status_running'));

	// A review without any text is explained, and what was chosen stays.
	await page.getByText(msg('check_in_add'), { exact: true }).click();
	const checkInForm = page.locator('form[action="?/addCheckIn"]');
	await checkInForm.getByRole('radio', { name: msg('track_at_risk') }).check();
	await checkInForm.getByRole('button', { name: msg('check_in_add_submit') }).click();
	await expect(checkInForm.getByTestId('error-summary')).toContainText(msg('error_check_in_empty'));
	await expect(checkInForm.getByRole('radio', { name: msg('track_at_risk') })).toBeChecked();
	const happened = unique('Gespräch mit der Kammer');
	await checkInForm.getByLabel(msg('check_in_happened'), { exact: true }).fill(happened);
	await checkInForm.getByLabel(msg('check_in_confidence'), { exact: true }).selectOption('7');
	await checkInForm.getByRole('button', { name: msg('check_in_add_submit') }).click();
	const review = page.getByTestId('check-in').filter({ hasText: happened });
	await expect(review).toContainText(msg('check_in_confidence_value', { confidence: 7 }));
	await expect(page.getByTestId('check-in-due')).not.toContainText(msg('check_in_none_yet'));
});

test('a department head reads the views of their municipality but cannot record anything', async ({ page }) => {
	await signInContext(page.context(), demoEmail('leitung', 'stadt-c'));
	await openGoal(page);
	await expect(page.getByRole('heading', { name: msg('experiments_heading') })).toBeVisible();
	await expect(page.getByText(msg('experiment_add'), { exact: true })).toHaveCount(0);
	await expect(page.getByText(msg('check_in_add'), { exact: true })).toHaveCount(0);

	await open(page, '/monitoring');
	await expect(page.getByTestId('departments-table')).toContainText('Wirtschaftsförderung');
	await expect(page.getByTestId('departments-table')).not.toContainText('Stadt Auental');
});

test('the honeycomb is operated with the keyboard and opens the department view', async ({ page }) => {
	await signInContext(page.context(), demoEmail('focus', 'stadt-c'));
	await open(page, '/monitoring');
	const bildung = page.getByRole('link', { name: msg('honeycomb_cell', { name: 'Bildung', stage: msg('stage_agreement') }) });
	await expect(bildung).toBeVisible();
	// Tab from the heading above the honeycomb until the Bildung cell has the focus.
	await page.getByRole('heading', { name: msg('honeycomb_heading') }).click();
	for (let i = 0; i < 40 && !(await bildung.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab');
	await expect(bildung).toBeFocused();
	await page.keyboard.press('Enter');
	await expect(page).toHaveURL(/\/monitoring\/departments\/[0-9a-f-]{36}$/);
	await expect(page.getByRole('heading', { level: 1, name: msg('department_view_title', { name: 'Bildung' }) })).toBeVisible();
	// Weakest first (other specs may move a goal's status meanwhile, so the order is what is checked).
	const order = ['track_off_track', 'track_at_risk', 'track_no_data', 'track_on_track'].map((key) => msg(key));
	const rows = page.getByTestId('department-goals').locator('tbody tr');
	await expect(rows).not.toHaveCount(0);
	const shown = await rows.evaluateAll((trs) => trs.map((tr) => tr.querySelectorAll('td')[0]?.querySelector('.kern-badge .kern-label')?.textContent?.trim() ?? ''));
	const ranks = shown.map((label) => order.indexOf(label));
	expect(ranks.every((rank) => rank >= 0)).toBe(true);
	expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
});

test('an agreed goal’s adjustments show in its history, and its timeline prints legibly', async ({ page }) => {
	// Only reading: stadt-c's agreed goal with the deadline adjustment of the demo data.
	await signInContext(page.context(), demoEmail('bildung', 'stadt-c'));
	await open(page, '/goals');
	await page.getByRole('link', { name: 'Abstand bei Schulabschlüssen verringern', exact: true }).first().click();
	await page.getByRole('link', { name: msg('goal_tab_history') }).click();
	await expect(page.getByTestId('connection-state')).toHaveAttribute('data-state', 'connected');

	const adjustment = page.getByTestId('goal-history').getByTestId('history-adjustment').first();
	await expect(adjustment).toContainText(msg('goal_history_adjustment', { field: msg('goal_field_deadline'), before: '31.07.2027', after: '31.07.2028' }));
	await expect(adjustment).toContainText(msg('goal_history_adjustment_reason', { reason: 'Das Landesprogramm wurde um ein Jahr verlängert; das Netzwerk misst bis zum Ende der Förderung.' }));
	// The way to the adjustment leads to the loop page, where it is explained.
	await adjustment.getByRole('link', { name: new RegExp(msg('goal_history_adjustment_view')) }).click();
	await expect(page).toHaveURL(/\/loop#adjustment-[0-9a-f-]{36}$/);
	await expect(page.getByTestId('adjustment').first()).toBeInViewport();
	const timeline = page.getByTestId('timeline');
	await expect(timeline).toContainText(msg('timeline_adjustment', { field: msg('goal_field_deadline') }));
	await expectNoViolations(page);

	// On paper: the record stays, the controls go, and no table is cut off at a scroll edge.
	const addCheckIn = page.getByText(msg('check_in_add'), { exact: true });
	await expect(addCheckIn).toBeVisible();
	await page.emulateMedia({ media: 'print' });
	await expect(addCheckIn).toBeHidden();
	await expect(timeline).toBeVisible();
	await expect(page.getByRole('heading', { name: msg('timeline_heading') })).toBeVisible();
	for (const form of ['?/addCheckIn', '?/addExperiment', '?/explainAdjustment']) await expect(page.locator(`form[action="${form}"]`).first()).toBeHidden();
	await expect(page.getByRole('navigation').first()).toBeHidden();
	await expect(page.getByTestId('presence')).toBeHidden();
	const clipped = await page.locator('.table-wrap').evaluateAll((wraps) => wraps.filter((w) => w.scrollHeight > w.clientHeight + 1 && getComputedStyle(w).overflowY !== 'visible').length);
	expect(clipped, 'tables that would scroll on paper').toBe(0);
	const pdf = await page.pdf({ format: 'A4', printBackground: true });
	expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
});

test('an uncovered criterion leads to a new goal for it', async ({ page }) => {
	// Only reading: the form is opened, not sent.
	await signInContext(page.context(), demoEmail('focus', 'stadt-a'));
	await open(page, '/monitoring');
	const start = page.getByTestId('criteria-coverage').getByRole('link', { name: new RegExp(`^${msg('goals_create')} \\(`) }).first();
	await expect(start).toBeVisible();
	const criterion = new URL((await start.getAttribute('href'))!, page.url()).searchParams.get('criterion');
	await expectNoViolations(page);
	await start.click();
	await expect(page).toHaveURL(/\/goals\/new\?criterion=/);
	await expect(page.getByRole('combobox', { name: msg('goal_field_criterion') })).toHaveValue(criterion!);
	await expect(page.getByLabel(msg('goal_field_title'), { exact: true })).toBeEmpty();
});

const STANDINGS = ['onTrack', 'atRisk', 'offTrack', 'noData', 'closed'] as const;
const WEAKEST_FIRST = ['offTrack', 'atRisk', 'noData', 'onTrack'] as const;
const TRACK_LABEL = { onTrack: 'track_on_track', atRisk: 'track_at_risk', offTrack: 'track_off_track', noData: 'track_no_data' } as const;

/** The status table, per department its counts by status. Other specs add goals meanwhile, so the tests compare, not count. */
async function statusTable(page: Page): Promise<{ name: string; counts: Record<(typeof STANDINGS)[number], number> }[]> {
	return page
		.getByTestId('status-table')
		.locator('tbody tr')
		.evaluateAll((rows, standings) =>
			rows.map((row) => ({
				name: row.getAttribute('data-department') ?? '',
				counts: Object.fromEntries(standings.map((s) => [s, Number(row.querySelector(`td[data-standing="${s}"]`)?.textContent?.trim())])) as Record<string, number>
			})),
			[...STANDINGS]
		) as Promise<{ name: string; counts: Record<(typeof STANDINGS)[number], number> }[]>;
}

test('monitoring opens with the goals per department by status: a chart, its table and a summary, the share per quarter, the honeycomb rings', async ({ page }) => {
	// Two charts drawn and axe over a long page.
	test.slow();
	await signInContext(page.context(), demoEmail('focus', 'stadt-c'));
	await open(page, '/monitoring');
	const chart = page.getByTestId('status-chart');
	await expect(chart.getByRole('img', { name: msg('status_chart_label') })).toBeVisible();
	const canvas = chart.locator('canvas[data-drawn]');
	await expect(canvas).toBeAttached();

	// The chart draws exactly the table's numbers, department by department.
	const rows = await statusTable(page);
	expect(rows.map((r) => r.name)).toContain('Bildung');
	const drawn = JSON.parse((await canvas.getAttribute('data-drawn'))!) as Record<string, number[]>;
	for (const s of STANDINGS) expect(drawn[s], s).toEqual(rows.map((r) => r.counts[s]));

	// The demo's Bildung has open goals (whose status other specs' measurements may move); the
	// summary names every department with a goal off track, with its count.
	const bildung = rows.find((r) => r.name === 'Bildung')!;
	expect(bildung.counts.onTrack + bildung.counts.atRisk + bildung.counts.offTrack + bildung.counts.noData).toBeGreaterThanOrEqual(2);
	const open_ = rows.reduce((sum, r) => sum + r.counts.onTrack + r.counts.atRisk + r.counts.offTrack + r.counts.noData, 0);
	const onTrack = rows.reduce((sum, r) => sum + r.counts.onTrack, 0);
	const summary = page.getByTestId('status-summary');
	await expect(summary).toContainText(`${onTrack} von ${open_} laufenden`);
	for (const row of rows.filter((r) => r.counts.offTrack > 0)) {
		await expect(summary).toContainText(msg('status_summary_off_track', { list: '' }).replace(/\.$/, '').trim());
		await expect(summary).toContainText(new RegExp(`${row.name} \\(${row.counts.offTrack} Ziele?\\)`));
	}

	// The share on track per quarter: a chart and a table, the running quarter last.
	const share = page.getByTestId('share-chart');
	await expect(share.getByRole('img', { name: msg('share_chart_label') })).toBeVisible();
	const quarters = page.getByTestId('share-table').locator('tbody tr');
	await expect(quarters).not.toHaveCount(0);
	await expect(quarters.last()).toContainText(msg('share_basis_running'));

	// Each cell of the honeycomb: the stage as fill, the weakest open goal as ring and sign, both in its name.
	for (const row of rows) {
		const cell = page.locator(`[data-testid="honeycomb-cell"][aria-label^="${row.name}:"]`);
		const weakest = WEAKEST_FIRST.find((s) => row.counts[s] > 0);
		await expect(cell).toHaveAttribute('data-weakest', weakest ?? 'none');
		if (weakest) {
			await expect(cell.getByTestId('honeycomb-ring')).toHaveCount(1);
			await expect(cell.getByTestId('honeycomb-badge')).toHaveCount(1);
			await expect(cell).toHaveAttribute('aria-label', new RegExp(msg('honeycomb_cell_weakest', { status: msg(TRACK_LABEL[weakest]) })));
		}
	}
	const legend = page.getByTestId('honeycomb-legend-status');
	for (const key of Object.values(TRACK_LABEL)) await expect(legend).toContainText(msg(key));
	await expect(legend).toContainText(msg('honeycomb_legend_no_ring'));
	await expectNoViolations(page);
});

test('the monitoring charts in English and on a 320 px screen, without sideways scrolling', async ({ page }) => {
	test.slow();
	await signInContext(page.context(), demoEmail('focus', 'stadt-c'));
	await open(page, '/en/monitoring');
	await expect(page.getByTestId('status-chart').locator('canvas[data-drawn]')).toBeAttached();
	await expect(page.getByTestId('status-summary')).toContainText(en('status_summary_off_track', { list: '' }).replace(/\.$/, '').trim());
	await expectNoViolations(page);
	await page.setViewportSize({ width: 320, height: 800 });
	await open(page, '/monitoring');
	await expect(page.getByTestId('status-chart').locator('canvas[data-drawn]')).toBeAttached();
	expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
	await expectNoViolations(page);
});
