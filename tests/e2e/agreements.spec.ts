import { expect, test, type Page } from '@playwright/test';
import { signInContext, unique } from './support/http';
import { demoEmail, SMOKE } from './support/env';
import { expectNoViolations } from './support/axe';
import { msg } from './support/messages';
import { connected, open, signedInPage, typeWords } from './support/ui';

// The last step of the guide (C4): the integration office and a department write an
// agreement together, both sign it, and the department's honeycomb cell reaches its last stage.



const bildungCell = (page: Page, stage: string) => page.getByRole('link', { name: msg('honeycomb_cell', { name: 'Bildung', stage: msg(stage) }) });

test('the integration office and the department head write an agreement live, sign it, and the honeycomb changes', SMOKE, async ({ browser }) => {
	// The whole story in two browsers; on a busy machine it needs more than the default minute.
	test.slow();
	const [focus, head] = await Promise.all([signedInPage(browser, demoEmail('focus', 'stadt-b')), signedInPage(browser, demoEmail('leitung', 'stadt-b'))]);
	const title = unique('E2E-Vereinbarung');

	await open(focus, '/monitoring');
	await expect(bildungCell(focus, 'stage_monitoring')).toBeVisible();

	await open(focus, '/agreements');
	await focus.getByRole('combobox', { name: msg('field_department') }).selectOption({ label: 'Bildung' });
	await focus.getByLabel(msg('agreement_title'), { exact: true }).fill(title);
	await focus.getByRole('button', { name: msg('agreements_create') }).click();
	await expect(focus).toHaveURL(/\/agreements\/[0-9a-f-]{36}$/);
	await open(head, focus.url());
	await connected(focus);
	await connected(head);
	await expect(focus.getByTestId('presence')).toContainText('Benedikt Vogel');
	await expect(head.getByTestId('presence')).toContainText('Bahar Yılmaz');

	// Both write at once, into different parts; each sees the other's words arrive.
	const structures = 'Lenkungskreis Übergang Schule–Beruf, vierteljährlich';
	const tasks = 'Der Fachbereich liefert die Abgangsdaten nach Staatsangehörigkeit.';
	await Promise.all([
		typeWords(focus.getByLabel(msg('agreement_part_structures'), { exact: true }), structures),
		typeWords(head.getByLabel(msg('agreement_part_tasks'), { exact: true }), tasks)
	]);
	await expect(head.getByLabel(msg('agreement_part_structures'), { exact: true })).toHaveValue(structures);
	await expect(focus.getByLabel(msg('agreement_part_tasks'), { exact: true })).toHaveValue(tasks);
	await head.getByLabel(msg('agreement_valid_from')).fill('2027-01-01');
	await head.getByLabel(msg('agreement_review_on')).fill('2027-12-31');
	const goal = head.getByRole('group', { name: msg('agreement_linked_goals') }).getByRole('checkbox').first();
	await goal.check();
	await expect(focus.getByRole('group', { name: msg('agreement_linked_goals') }).getByRole('checkbox').first()).toBeChecked();
	await expect(focus.getByLabel(msg('agreement_review_on'))).toHaveValue('2027-12-31');
	await expectNoViolations(focus);

	// The office signs; the head sees it arrive and signs too.
	await expect(focus.getByTestId('agreement-status')).toHaveAttribute('data-status', 'draft');
	await focus.getByRole('button', { name: msg('agreement_sign_button') }).click();
	await expect(head.locator('[data-side=focus]')).toHaveAttribute('data-signed', 'true');
	await head.getByRole('button', { name: msg('agreement_sign_button') }).click();
	for (const page of [focus, head]) await expect(page.getByTestId('agreement-status')).toHaveAttribute('data-status', 'signed');

	// The PDF carries it.
	const pdf = await head.request.get(`${new URL(head.url()).pathname}/agreement.pdf`);
	expect(pdf.status()).toBe(200);
	expect(pdf.headers()['content-type']).toBe('application/pdf');

	await open(focus, '/monitoring');
	await expect(bildungCell(focus, 'stage_agreement')).toBeVisible();
	await expect(focus.getByTestId('agreements-table')).toContainText(title);

	// A substantive change after signing asks for signatures again, and the cell steps back.
	await head.getByLabel(msg('agreement_part_competencies'), { exact: true }).pressSequentially('Mitsprache bei der Schulentwicklungsplanung');
	await expect(head.getByTestId('changed-since-agreement')).toBeVisible();
	await expect(head.getByTestId('agreement-status')).toHaveAttribute('data-status', 'changed');
	await expect(bildungCell(focus, 'stage_monitoring')).toBeVisible();
	await focus.context().close();
	await head.context().close();
});

test('an assessment is drafted live without changing the stage, a weak criterion starts a goal, and completing it makes it count', async ({ browser }) => {
	// Two browsers, a completion and four page loads: more than the default minute on a busy machine.
	test.slow();
	const focus = await signedInPage(browser, demoEmail('focus', 'stadt-b'));
	const member = await signedInPage(browser, demoEmail('bildung', 'stadt-b'));

	await open(focus, '/assessments');
	await expect(focus.getByTestId('current-stage')).toHaveAttribute('data-stage', 'B');
	// Starts from the latest completed assessment's ratings (the box is ticked by default).
	await focus.getByRole('button', { name: msg('assessments_create') }).click();
	await expect(focus).toHaveURL(/\/assessments\/[0-9a-f-]{36}$/);
	await open(member, focus.url());
	await connected(focus);
	await connected(member);
	await expect(focus.getByTestId('assessment-state')).toHaveAttribute('data-state', 'draft');
	await expect(focus.getByTestId('assessment-stage')).toHaveAttribute('data-stage', 'B');

	// The member reads but cannot rate, nor complete.
	const commissioner = (page: Page) => page.getByRole('group', { name: msg('assessment_criterion_commissioner') });
	await expect(commissioner(member).getByRole('radio').first()).toBeDisabled();
	await expect(member.getByRole('button', { name: msg('assessment_complete') })).toHaveCount(0);

	// Criterion 3c up to 3: institutionalisation averages 2.33, the draft's stage becomes C on both pages.
	await commissioner(focus).getByLabel(new RegExp(`^3 – ${msg('assessment_criterion_commissioner_step_3')}`)).check();
	for (const page of [focus, member]) await expect(page.getByTestId('assessment-stage')).toHaveAttribute('data-stage', 'C');
	await focus.getByLabel(msg('assessment_evidence')).nth(10).fill('Die Beauftragte sitzt im Verwaltungsvorstand.');
	await expect(member.getByLabel(msg('assessment_evidence')).nth(10)).toHaveValue('Die Beauftragte sitzt im Verwaltungsvorstand.');
	await expectNoViolations(focus);

	// Reach is weak: the member starts a goal for it in their tandem.
	const proposal = member.locator('[data-criterion=reach]');
	await expect(proposal).toContainText(msg('assessment_action_reach'));
	await proposal.getByRole('button', { name: msg('assessment_start_goal') }).click();
	await expect(member).toHaveURL(/\/goals\/[0-9a-f-]{36}$/);
	await expect(member.getByTestId('goal-title')).toHaveText(msg('assessment_action_reach'));

	// A draft counts for nothing: the town still stands at B.
	await open(member, '/assessments');
	await expect(member.getByTestId('current-stage')).toHaveAttribute('data-stage', 'B');

	// The integration office completes it after confirming; the page turns into the read-only record.
	await expect(focus.getByLabel(msg('assessment_evidence')).nth(10)).toHaveValue('Die Beauftragte sitzt im Verwaltungsvorstand.');
	await focus.getByRole('button', { name: msg('assessment_complete'), exact: true }).click();
	const dialog = focus.getByRole('dialog', { name: msg('assessment_complete_title') });
	await expect(dialog).toBeVisible();
	await expectNoViolations(focus);
	await dialog.getByRole('button', { name: msg('assessment_complete'), exact: true }).click();
	const today = new Intl.DateTimeFormat('de-DE', { dateStyle: 'medium', timeZone: 'Europe/Berlin' }).format(new Date());
	await expect(focus.getByTestId('assessment-state')).toHaveAttribute('data-state', 'completed');
	await expect(focus.getByTestId('assessment-state')).toHaveText(msg('assessment_completed_note', { date: today, name: 'Bahar Yılmaz' }));
	await expect(commissioner(focus).getByRole('radio').first()).toBeDisabled();
	await expect(focus.getByLabel(msg('assessment_evidence')).nth(10)).toHaveJSProperty('readOnly', true);
	await expect(focus.getByLabel(msg('assessment_evidence')).nth(10)).toHaveValue('Die Beauftragte sitzt im Verwaltungsvorstand.');
	await expect(focus.getByRole('button', { name: msg('assessment_complete') })).toHaveCount(0);
	await expect(focus.getByRole('button', { name: msg('assessment_delete') })).toHaveCount(0);
	await expect(focus.getByTestId('assessment-stage')).toHaveAttribute('data-stage', 'C');
	await expectNoViolations(focus);

	// Now it counts: the list, the comparison and the municipality view show the new stage.
	const completed = new URL(focus.url()).pathname;
	await open(focus, '/assessments');
	await expect(focus.getByTestId('current-stage')).toHaveAttribute('data-stage', 'C');
	const row = focus.getByTestId('assessments').getByRole('row').filter({ has: focus.locator(`a[href="${completed}"]`) });
	await expect(row).toHaveAttribute('data-state', 'completed');
	await expect(row).toContainText(msg('assessment_state_completed', { date: today }));
	// stadt-b's demo draft is listed as one.
	await expect(focus.getByTestId('assessments').locator('tr[data-state=draft]')).not.toHaveCount(0);
	await expect(focus.getByRole('table', { name: msg('assessment_radar_table_caption', { max: 3 }) })).toContainText(msg('assessment_radar_change_improved'));
	await open(focus, '/monitoring');
	await expect(focus.getByTestId('municipality-stage')).toHaveAttribute('data-stage', 'C');
	await focus.context().close();
	await member.context().close();
});

test('a council report says where the town stood and carries its signed agreements', async ({ page }) => {
	await signInContext(page.context(), demoEmail('leitung', 'stadt-c'));
	await open(page, '/snapshots');
	await page.getByRole('link', { name: 'Monitoring 1. Halbjahr 2026' }).click();
	await expect(page.getByTestId('report-assessment')).toContainText(msg('assessment_stage_C'));
	const agreements = page.getByTestId('report-agreements');
	await expect(agreements.getByRole('heading', { name: 'Fokus Migration im Fachbereich Bildung' })).toBeVisible();
	await expect(agreements).toContainText('Clemens Richter');
	// The Jugend agreement was signed after the previous report: the changes say so.
	await expect(page.getByTestId('changes-agreements')).toContainText(`Offene Jugendarbeit für alle (Jugend): ${msg('snapshot_changes_agreement_new')} → ${msg('agreement_status_signed')}`);
	await expectNoViolations(page);
});

test('a new council report offers the assessment and the covered departments’ signed agreements', async ({ page }) => {
	await signInContext(page.context(), demoEmail('focus', 'stadt-c'));
	await open(page, '/snapshots/new');
	// Other specs may add goals: the department's box is found by its name, whatever the count.
	const wholeJugend = msg('snapshots_whole_department', { name: 'Jugend', count: 0 }).split('(')[0]!;
	await page.getByRole('checkbox', { name: new RegExp(`^${wholeJugend.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`) }).check();
	await page.getByRole('button', { name: msg('snapshots_step_next') }).click();
	await expect(page.getByRole('checkbox', { name: msg('snapshots_include_assessment') })).toBeChecked();
	const include = (title: string, department: string, status: string) =>
		page.getByRole('checkbox', { name: msg('snapshots_include_agreement', { title, department, status: msg(status) }) });
	await expect(include('Offene Jugendarbeit für alle', 'Jugend', 'agreement_status_signed')).toBeChecked();
	await expect(include('Fokus Migration im Fachbereich Bildung', 'Bildung', 'agreement_status_signed')).not.toBeChecked();
	await expect(include('Ausbildung in Migrantenbetrieben', 'Arbeitsmarkt', 'agreement_status_draft')).not.toBeChecked();
	await expectNoViolations(page);
});
