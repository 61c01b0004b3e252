import { expect, test, type Locator, type Page } from '@playwright/test';
import { expectNoViolations } from './support/axe';
import { demoEmail } from './support/env';
import { signInContext } from './support/http';
import { en, msg } from './support/messages';
import { open } from './support/ui';

// What a newcomer sees at 1280 px with the demo data: the timeline's labels on a chart, checked
// boxes, and the council report's first step sent without a goal.

// stadt-c, agreed in February 2025, adjusted and signed again in October 2025, an approach and a
// review, the deadline in 2028: labels close together on a long axis.
const GOAL = 'Abstand bei Schulabschlüssen verringern';

type Box = { x: number; y: number; width: number; height: number };
const boxesOf = async (locator: Locator): Promise<Box[]> => Promise.all((await locator.all()).map(async (l) => (await l.boundingBox())!));
const overlap = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
const inside = (a: Box, outer: Box) => a.x >= outer.x - 0.5 && a.y >= outer.y - 0.5 && a.x + a.width <= outer.x + outer.width + 0.5 && a.y + a.height <= outer.y + outer.height + 0.5;

async function expectTidyLabels(page: Page): Promise<void> {
	for (const chart of await page.locator('figure.chart').all()) {
		await chart.scrollIntoViewIfNeeded();
		const labels = chart.getByTestId('chart-marker-label');
		await expect(labels.first()).toBeVisible();
		const canvas = (await chart.locator('canvas').boundingBox())!;
		const boxes = await boxesOf(labels);
		for (const [i, a] of boxes.entries()) {
			expect(inside(a, canvas), `label ${i} inside the chart`).toBe(true);
			for (const [j, b] of boxes.entries()) if (j > i) expect(overlap(a, b), `labels ${i} and ${j} apart`).toBe(false);
		}
	}
}

test('the timeline’s labels on a goal’s charts never overlap and stay inside the chart, in German and English', async ({ page }) => {
	await signInContext(page.context(), demoEmail('leitung', 'stadt-c'));
	await page.setViewportSize({ width: 1280, height: 900 });
	await open(page, '/goals');
	await page.getByRole('link', { name: GOAL }).first().click();
	await expect(page).toHaveURL(/\/goals\/[0-9a-f-]{36}$/);
	// The charts are on the goal's indicators page.
	const goalUrl = `${new URL(page.url()).pathname}/indicators`;
	await open(page, goalUrl);
	await expect(page.getByTestId('chart-marker-label').first()).toBeVisible();
	// Zustimmung (twice in February, twice in October), Anpassung, the approach, the review and the deadline.
	await expect(page.getByTestId('chart-marker-label').filter({ hasText: msg('timeline_deadline_short') }).first()).toBeVisible();
	await expectTidyLabels(page);
	await expectNoViolations(page);

	await open(page, `/en${goalUrl}`);
	await expect(page.getByTestId('chart-marker-label').filter({ hasText: en('timeline_deadline_short') }).first()).toBeVisible();
	await expectTidyLabels(page);
	await expectNoViolations(page);

	// A narrow screen has fewer rows of room per label: still apart and inside.
	await page.setViewportSize({ width: 320, height: 800 });
	await expectTidyLabels(page);
});

test('a report’s first step sent without a goal says so at the choice, with focus on it; a ticked box shows one check mark', async ({ page }) => {
	await signInContext(page.context(), demoEmail('focus', 'stadt-a'));
	await open(page, '/snapshots/new');
	await page.getByRole('button', { name: msg('snapshots_step_next') }).click();
	const error = page.locator('#goals-error');
	await expect(error).toHaveText(msg('error_snapshot_goals_required'));
	await expect(error).toBeInViewport();
	const first = page.locator('form').filter({ has: error }).getByRole('checkbox').first();
	await expect(first).toBeFocused();
	await expect(first).toHaveAttribute('aria-describedby', 'goals-error');
	await expectNoViolations(page);

	// KERN draws the check mark; the browser draws none of its own.
	await first.check();
	const marks = await first.evaluate((box) => ({
		native: getComputedStyle(box).appearance,
		kern: getComputedStyle(box, '::before').borderRightStyle,
		kernWidth: getComputedStyle(box, '::before').borderRightWidth
	}));
	expect(marks).toEqual({ native: 'none', kern: 'solid', kernWidth: '2px' });

	// With a choice, the report's second step follows.
	await page.getByRole('button', { name: msg('snapshots_step_next') }).click();
	await expect(page.getByLabel(msg('snapshot_title'), { exact: true })).toBeVisible();

	await open(page, '/en/snapshots/new');
	await page.getByRole('button', { name: en('snapshots_step_next') }).click();
	await expect(page.locator('#goals-error')).toHaveText(en('error_snapshot_goals_required'));
	await expect(page.locator('form').filter({ has: page.locator('#goals-error') }).getByRole('checkbox').first()).toBeFocused();
	await expectNoViolations(page);
});
