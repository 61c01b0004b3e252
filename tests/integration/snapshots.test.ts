import { eq } from 'drizzle-orm';
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';
import { beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { goal, snapshot, snapshotLink } from '../../src/lib/server/db/schema';
import { createGoal } from '../../src/lib/server/goals/goals';
import { signOffGoal } from '../../src/lib/server/goals/signoff';
import { createTandem } from '../../src/lib/server/tandems/tandems';
import { addMeasurement, correctMeasurement, deleteMeasurement, goalMeasurements } from '../../src/lib/server/measurements/measurements';
import { addCheckIn } from '../../src/lib/server/loop/check-ins';
import { explainAdjustment, listAdjustments, unexplainedAdjustments } from '../../src/lib/server/goals/adjustments';
import {
	chooseGoals,
	changesSince,
	comparableSnapshots,
	createSnapshot,
	defaultPrevious,
	firstGoalDay,
	getSnapshot,
	listSnapshots,
	snapshotCsv,
	snapshotPdf,
	withdrawSnapshot,
	type SnapshotInput
} from '../../src/lib/server/snapshots/snapshots';
import { createLink, listLinks, openSharedSnapshot, revokeLink, sharedPdf } from '../../src/lib/server/snapshots/links';
import { berlinToday, endOfBerlinDay } from '../../src/lib/shared/smart';
import { canonicalJson, sha256Hex } from '../../src/lib/shared/content-hash';
import { addIndicator, goalRoot, goalText, replaceText, type IndicatorDef } from '../../src/lib/shared/goal-doc';
import { SUPPRESSED_MARK } from '../../src/lib/shared/snapshot';
import { paraglideMiddleware } from '../../src/lib/paraglide/server';
import { actions as newSnapshotActions } from '../../src/routes/(app)/snapshots/new/+page.server';
import { isRedirect } from '@sveltejs/kit';
import { setDbHandle } from '../../src/lib/server/db';
import { backends, createTown, person, signInAs, useTestDatabase, type SignedIn, type Town } from '../support/db';
import { expectHttpStatus, expectValidation } from '../support/expect';
import { backdateGoal, editGoal } from '../support/goals';
import { entry } from '../support/measurements';

const RATE: Partial<Omit<IndicatorDef, 'id'>> = {
	name: 'Übergangsquote',
	unit: '%',
	frequency: 'yearly',
	breakdown: 'Staatsangehörigkeit',
	groups: ['deutsch', 'nichtdeutsch'],
	targetGroup: 'nichtdeutsch',
	baselineValue: 30,
	baselineDate: '2021-12-31',
	targetValue: 50,
	targetDate: '2029-12-31'
};

const WRITTEN = new Date('2026-01-15T09:00:00Z');

const input = (fields: Partial<SnapshotInput>): SnapshotInput => ({
	title: 'Monitoring-Bericht 2026',
	refDate: '2026-06-30',
	goalIds: [],
	departmentIds: [],
	commentary: 'Der Ausschuss erhält den ersten Bericht.',
	goalCommentary: {},
	minCases: '',
	previousId: '',
	locale: 'de',
	...fields
});

describe.each(backends)('council snapshots on %s', (backend) => {
	const t = useTestDatabase(backend);
	let town: Town;
	let other: Town;
	let focus: SignedIn, member: SignedIn, head: SignedIn, admin: SignedIn, outsider: SignedIn;
	let tandemId: string;
	let rateGoal: string, rateIndicator: string, textGoal: string;

	async function makeGoal(title: string, indicators: Partial<Omit<IndicatorDef, 'id'>>[], agree: boolean) {
		const id = await createGoal(t.db, member.actor, { tandemId, title });
		const ids: string[] = [];
		await editGoal(t.db, id, member, (doc) => {
			replaceText(goalText(doc, 'forWhom')!, 'Jugendliche ohne deutsche Staatsangehörigkeit finden häufiger einen Ausbildungsplatz.');
			goalRoot(doc).set('deadline', '2029-12-31');
			goalRoot(doc).set('criterion', 'reach');
			for (const fields of indicators) ids.push(addIndicator(doc, fields));
		});
		if (agree) {
			const [{ contentHash }] = (await t.db.select({ contentHash: goal.contentHash }).from(goal).where(eq(goal.id, id))) as [{ contentHash: string }];
			await signOffGoal(t.db, focus.actor, { goalId: id, contentHash });
			await signOffGoal(t.db, member.actor, { goalId: id, contentHash });
		}
		// Written and agreed well before the reports' reference date.
		await backdateGoal(t.db, id, WRITTEN);
		return { id, indicators: ids };
	}

	const measured = async (goalId: string) => goalMeasurements(t.db, focus.actor, goalId);

	beforeAll(async () => {
		town = await createTown(t.db, {
			departments: ['Bildung', 'Jugend'],
			people: {
				focus: { roles: ['focus'] },
				member: { roles: ['member'], department: 'Bildung' },
				head: { roles: ['head'], department: 'Bildung' }
			}
		});
		other = await createTown(t.db, { departments: ['Bildung'], people: { focus: { roles: ['focus'] }, member: { roles: ['member'], department: 'Bildung' } } });
		focus = await signInAs(t.db, person(town, 'focus'));
		member = await signInAs(t.db, person(town, 'member'));
		head = await signInAs(t.db, person(town, 'head'));
		admin = town.admin;
		outsider = await signInAs(t.db, person(other, 'focus'));
		tandemId = await createTandem(t.db, focus.actor, {
			name: 'Tandem Bildung',
			departmentId: town.departments.Bildung!,
			membershipIds: [person(town, 'focus').membershipId, person(town, 'member').membershipId]
		});
		const rate = await makeGoal('Übergänge verbessern', [RATE], true);
		rateGoal = rate.id;
		rateIndicator = rate.indicators[0]!;
		for (const [date, deutsch, nichtdeutsch, cases] of [
			['2022-12-31', '52', '32', '40'],
			['2023-12-31', '53', '35', '8'],
			['2024-12-31', '53,5', '37', ''],
			['2025-12-31', '54', '40', '45'],
			// After the reference date: not part of a report made for 30.06.2026.
			['2026-09-30', '55', '42', '50']
		] as const) {
			await addMeasurement(t.db, member.actor, rateIndicator, entry({ group: 'deutsch', date, value: deutsch, cases }), 'de');
			await addMeasurement(t.db, member.actor, rateIndicator, entry({ group: 'nichtdeutsch', date, value: nichtdeutsch, cases, flags: date === '2025-12-31' ? ['provisional'] : [] }), 'de');
		}
		await addCheckIn(t.db, member.actor, rateGoal, { date: '2026-03-15', overall: 'onTrack', confidence: '7', happened: 'Lernpaten gewonnen.', decided: 'Weiter so.', participants: 'Tandem' }, '2026-11-25');
		textGoal = (await makeGoal('Eltern erreichen', [], false)).id;
	});

	describe('making one', () => {
		it('freezes the goals at the reference date, with a hash over the canonical JSON and a PDF', async () => {
			const id = await createSnapshot(t.db, focus.actor, input({ goalIds: [rateGoal], goalCommentary: { [rateGoal]: 'Gute Entwicklung.' } }));
			const s = await getSnapshot(t.db, member.actor, id);
			expect(s.contentHash).toBe(sha256Hex(s.json));
			expect(s.json).toBe(canonicalJson(s.content));
			expect(s.content).toMatchObject({ version: 1, locale: 'de', municipality: town.name, title: 'Monitoring-Bericht 2026', refDate: '2026-06-30', previous: null, minCases: null });
			const [g] = s.content.goals;
			expect(g).toMatchObject({ title: 'Übergänge verbessern', department: 'Bildung', tandem: 'Tandem Bildung', status: 'agreed', commentary: 'Gute Entwicklung.', criterion: 'reach' });
			const values = g!.indicators[0]!.values;
			expect(values.map((v) => v.date)).not.toContain('2026-09-30');
			expect(values.filter((v) => v.group === 'nichtdeutsch').map((v) => v.value)).toEqual([32, 35, 37, 40]);
			expect(values.find((v) => v.group === 'nichtdeutsch' && v.date === '2025-12-31')!.flags).toEqual(['provisional']);
			// Progress at the reference date: (40 − 30) / (50 − 30).
			expect(g!.indicators[0]!.forecast.progress).toBeCloseTo(0.5);
			expect(g!.progress).toBeCloseTo(0.5);
			expect(g!.checkIns).toEqual([expect.objectContaining({ date: '2026-03-15', confidence: 7 })]);
			expect(g!.indicators[0]!.chart.series.map((series) => series.kind)).toEqual(['measured', 'measured', 'planned', 'forecast']);
			const { pdf } = await snapshotPdf(t.db, head.actor, id);
			expect(Buffer.from(pdf.subarray(0, 5)).toString()).toBe('%PDF-');
			expect((await t.db.select({ pdfHash: snapshot.pdfHash }).from(snapshot).where(eq(snapshot.id, id)))[0]!.pdfHash).toBe(encodeHexLowerCase(sha256(pdf)));
		});

		it('takes whole departments, and keeps the input errors together', async () => {
			const id = await createSnapshot(t.db, admin.actor, input({ departmentIds: [town.departments.Bildung!], previousId: 'none', title: 'Fachbereich Bildung' }));
			expect((await getSnapshot(t.db, admin.actor, id)).content.goals.map((g) => g.title).sort()).toEqual(['Eltern erreichen', 'Übergänge verbessern']);
			await expectValidation(createSnapshot(t.db, focus.actor, input({ title: ' ', refDate: '2999-01-01', departmentIds: [town.departments.Jugend!], minCases: '1', locale: 'fr' })), {
				title: 'error_snapshot_title_required',
				refDate: 'error_snapshot_ref_date_future',
				goals: 'error_snapshot_goals_required',
				minCases: 'error_snapshot_min_cases',
				locale: 'error_snapshot_locale'
			});
			// Another municipality's goal is unknown here, whoever asks.
			const foreignTandem = await createTandem(t.db, outsider.actor, { name: 'Fremd', departmentId: other.departments.Bildung!, membershipIds: [person(other, 'focus').membershipId, person(other, 'member').membershipId] });
			const foreignGoal = await createGoal(t.db, outsider.actor, { tandemId: foreignTandem, title: 'Fremdes Ziel' });
			await expectValidation(createSnapshot(t.db, focus.actor, input({ goalIds: [rateGoal, foreignGoal] })), { goals: 'error_snapshot_goal_unknown' });
			await expectValidation(createSnapshot(t.db, focus.actor, input({ goalIds: ['kein-uuid'] })), { goals: 'error_snapshot_goal_unknown' });
		});

		it('asks for at least one goal before the report is written, keeping what was ticked', async () => {
			await expectValidation(chooseGoals(t.db, focus.actor, [], []), { goals: 'error_snapshot_goals_required' });
			// A department without goals chooses nothing either.
			await expectValidation(chooseGoals(t.db, focus.actor, [], [town.departments.Jugend!]), { goals: 'error_snapshot_goals_required' });
			await expectValidation(chooseGoals(t.db, focus.actor, ['kein-uuid'], []), { goals: 'error_snapshot_goal_unknown' });
			expect(await chooseGoals(t.db, focus.actor, [rateGoal], [])).toEqual([rateGoal]);
			await expectHttpStatus(chooseGoals(t.db, member.actor, [rateGoal], []), 403);

			// The route's action, as a browser posts the first step.
			setDbHandle(t.handle);
			onTestFinished(() => setDbHandle(undefined));
			const post = (path: string, fields: [string, string][]) => {
				const body = new FormData();
				for (const [key, value] of fields) body.append(key, value);
				return paraglideMiddleware(new Request(`http://localhost${path}`, { method: 'POST', body }), ({ request }) =>
					newSnapshotActions.choose({ request, locals: { actor: focus.actor } } as never)
				).then(
					(answer) => answer,
					(thrown: unknown) => thrown
				);
			};
			expect(await post('/snapshots/new?/choose', [])).toMatchObject({
				status: 400,
				data: { form: 'choose', values: { goals: '', departments: '' }, errors: { goals: 'Bitte wählen Sie mindestens ein Ziel oder einen Fachbereich mit Zielen.' } }
			});
			expect(await post('/en/snapshots/new?/choose', [['department', town.departments.Jugend!]])).toMatchObject({
				status: 400,
				data: { values: { departments: town.departments.Jugend! }, errors: { goals: 'Please choose at least one goal, or a department with goals.' } }
			});
			// A choice goes on to the second step with the selection in the address.
			const chosen = await post('/en/snapshots/new?/choose', [['goal', rateGoal]]);
			expect(isRedirect(chosen) && chosen.status === 303 ? chosen.location : chosen).toBe(`/en/snapshots/new?goal=${rateGoal}#write-heading`);
		});

		it('takes a reference date from the day the first goal was created until today', async () => {
			expect(await firstGoalDay(t.db, town.municipalityId)).toBe('2026-01-15');
			await expectValidation(createSnapshot(t.db, focus.actor, input({ goalIds: [rateGoal], refDate: '2026-01-14' })), { refDate: 'plausible_report_before_first_goal' });
			await expectValidation(createSnapshot(t.db, focus.actor, input({ goalIds: [rateGoal], refDate: '1900-01-01' })), { refDate: 'plausible_report_before_first_goal' });
			const id = await createSnapshot(t.db, focus.actor, input({ goalIds: [rateGoal], refDate: '2026-01-15', previousId: 'none', title: 'Am ersten Tag' }));
			expect((await getSnapshot(t.db, focus.actor, id)).content.goals.map((g) => g.title)).toEqual(['Übergänge verbessern']);
			await withdrawSnapshot(t.db, focus.actor, id, 'Nur zur Probe.');
		});

		it('is for the integration office and admins; everyone of the municipality reads; nobody else', async () => {
			await expectHttpStatus(createSnapshot(t.db, member.actor, input({ goalIds: [rateGoal] })), 403);
			await expectHttpStatus(createSnapshot(t.db, head.actor, input({ goalIds: [rateGoal] })), 403);
			const [latest] = await listSnapshots(t.db, head.actor);
			expect(latest).toBeDefined();
			await expectHttpStatus(getSnapshot(t.db, outsider.actor, latest!.id), 404);
			await expectHttpStatus(snapshotPdf(t.db, outsider.actor, latest!.id), 404);
			expect(await listSnapshots(t.db, outsider.actor)).toEqual([]);
			await expectHttpStatus(withdrawSnapshot(t.db, member.actor, latest!.id, ''), 403);
			await expectHttpStatus(createLink(t.db, head.actor, latest!.id, { label: '', validUntil: '' }), 403);
		});
	});

	describe('frozen for good', () => {
		it('keeps content, hash and PDF byte-identical through later changes, and the next one lists exactly them', async () => {
			const first = await createSnapshot(t.db, focus.actor, input({ title: 'Bericht Frühjahr', goalIds: [rateGoal], previousId: 'none' }));
			const before = await getSnapshot(t.db, focus.actor, first);
			const pdfBefore = Buffer.from((await snapshotPdf(t.db, focus.actor, first)).pdf);

			// Afterwards: a new value, a correction, a deletion, and an adjustment of the agreed goal.
			const rows = await measured(rateGoal);
			const at = (group: string, date: string) => rows.find((r) => r.group === group && r.date === date)!;
			await addMeasurement(t.db, member.actor, rateIndicator, entry({ group: 'nichtdeutsch', date: '2026-03-31', value: '41' }), 'de');
			await correctMeasurement(t.db, member.actor, at('nichtdeutsch', '2025-12-31').id, entry({ group: 'nichtdeutsch', date: '2025-12-31', value: '39,5', flags: ['revised'], cases: '45' }), 'de');
			await deleteMeasurement(t.db, member.actor, at('deutsch', '2022-12-31').id);
			await editGoal(t.db, rateGoal, member, (doc) => {
				goalRoot(doc).set('deadline', '2030-06-30');
				replaceText(goalText(doc, 'title')!, 'Übergänge deutlich verbessern');
			});
			const [adjusted] = (await listAdjustments(t.db, focus.actor, rateGoal)).filter((a) => a.field === 'deadline');
			// Before the next report: the form lists the adjustment without a reason, until it has one.
			expect((await unexplainedAdjustments(t.db, town.municipalityId, [rateGoal, textGoal])).map((a) => [a.goalTitle, a.field, a.before, a.after])).toEqual([
				['Übergänge deutlich verbessern', 'deadline', '2029-12-31', '2030-06-30']
			]);
			expect(await unexplainedAdjustments(t.db, other.municipalityId, [rateGoal])).toEqual([]);
			await explainAdjustment(t.db, focus.actor, rateGoal, { adjustmentId: adjusted!.id, reason: 'Förderung verlängert.' });
			expect(await unexplainedAdjustments(t.db, town.municipalityId, [rateGoal, textGoal])).toEqual([]);

			const after = await getSnapshot(t.db, focus.actor, first);
			expect(after.json).toBe(before.json);
			expect(after.contentHash).toBe(before.contentHash);
			expect(sha256Hex(after.json)).toBe(before.contentHash);
			expect(Buffer.from((await snapshotPdf(t.db, focus.actor, first)).pdf).equals(pdfBefore)).toBe(true);

			// A report for the same date made now still shows the goal as it stood then.
			const late = await getSnapshot(t.db, focus.actor, await createSnapshot(t.db, focus.actor, input({ title: 'Nachzügler', goalIds: [rateGoal], previousId: 'none' })));
			expect(late.content.goals[0]).toMatchObject({ title: 'Übergänge verbessern', deadline: '2029-12-31', status: 'agreed', adjustments: [] });
			expect(late.content.goals[0]!.indicators[0]!.values.map((v) => v.value)).toContain(39.5);
			await withdrawSnapshot(t.db, focus.actor, late.id, 'Nur zum Vergleich erstellt.');

			const second = await createSnapshot(t.db, focus.actor, input({ title: 'Bericht Herbst', refDate: berlinToday(), goalIds: [rateGoal, textGoal], previousId: first }));
			const next = await getSnapshot(t.db, focus.actor, second);
			expect(next.content.goals.find((g) => g.id === rateGoal)).toMatchObject({ title: 'Übergänge deutlich verbessern', deadline: '2030-06-30', status: 'changed' });
			expect(next.content.previous).toMatchObject({ id: first, hash: before.contentHash, title: 'Bericht Frühjahr' });
			const changes = (await changesSince(t.db, focus.actor, second, null))!;
			const describe = (list: typeof changes.newValues) =>
				list.map((c) => `${c.group} ${c.date}: ${c.before?.value ?? '–'} → ${c.after?.value ?? '–'}${c.after?.flags.length ? ` ${c.after.flags.join()}` : ''}`);
			expect(describe(changes.newValues)).toEqual(['nichtdeutsch 2026-03-31: – → 41', 'deutsch 2026-09-30: – → 55', 'nichtdeutsch 2026-09-30: – → 42']);
			expect(describe(changes.correctedValues)).toEqual(['nichtdeutsch 2025-12-31: 40 → 39.5 revised']);
			expect(describe(changes.removedValues)).toEqual(['deutsch 2022-12-31: 52 → –']);
			expect(changes.adjustments.map((a) => [a.field, a.before, a.after, a.reason])).toEqual([['deadline', '2029-12-31', '2030-06-30', 'Förderung verlängert.']]);
			expect(changes.goalsAdded.map((g) => g.title)).toEqual(['Eltern erreichen']);
			expect(changes.goalsDropped).toEqual([]);
			expect(changes.progressDeltas).toHaveLength(1);
			expect(changes.progressDeltas[0]!.before).toBeCloseTo(0.5);
		});

		it('compares with another chosen snapshot, and finds the latest earlier one not withdrawn by default', async () => {
			const all = await listSnapshots(t.db, focus.actor);
			const autumn = all.find((s) => s.title === 'Bericht Herbst')!;
			const spring = all.find((s) => s.title === 'Bericht Frühjahr')!;
			expect((await defaultPrevious(t.db, town.municipalityId, [rateGoal], new Date(Date.now() + 60_000)))!.id).toBe(autumn.id);
			await withdrawSnapshot(t.db, focus.actor, autumn.id, 'Zahlen noch nicht abgestimmt.');
			expect((await defaultPrevious(t.db, town.municipalityId, [rateGoal], new Date(Date.now() + 60_000)))!.id).toBe(spring.id);
			// Withdrawn: kept and readable, marked, not offered for comparison.
			expect(await getSnapshot(t.db, head.actor, autumn.id)).toMatchObject({ withdrawnReason: 'Zahlen noch nicht abgestimmt.' });
			expect((await comparableSnapshots(t.db, focus.actor, spring.id)).map((s) => s.id)).not.toContain(autumn.id);
			await expectValidation(withdrawSnapshot(t.db, focus.actor, autumn.id, ''), { reason: 'error_snapshot_already_withdrawn' });
			// Against none: no changes part; against itself as the older one: nothing changed.
			expect(await changesSince(t.db, focus.actor, spring.id, 'none')).toBeNull();
			const same = (await changesSince(t.db, focus.actor, spring.id, spring.id))!;
			expect([same.newValues, same.correctedValues, same.removedValues, same.statusChanges, same.goalsAdded]).toEqual([[], [], [], [], []]);
			await expectValidation(createSnapshot(t.db, focus.actor, input({ goalIds: [rateGoal], previousId: autumn.id })), { previousId: 'error_snapshot_previous_unknown' });
		});
	});

	describe('small values', () => {
		it('are suppressed below the threshold, in the content, the CSV and the forecast; values without cases are shown', async () => {
			const id = await createSnapshot(t.db, focus.actor, input({ title: 'Zur Veröffentlichung', goalIds: [rateGoal], minCases: '10', previousId: 'none' }));
			const { content } = await getSnapshot(t.db, focus.actor, id);
			expect(content.minCases).toBe(10);
			const values = content.goals[0]!.indicators[0]!.values.filter((v) => v.group === 'nichtdeutsch');
			expect(values.map((v) => [v.date, v.value, v.suppressed])).toEqual([
				['2022-12-31', 32, false],
				['2023-12-31', null, true],
				['2024-12-31', 37, false],
				['2025-12-31', 39.5, false],
				['2026-03-31', 41, false]
			]);
			expect(values[1]!.cases).toBeNull();
			expect(content.goals[0]!.indicators[0]!.chart.series[1]!.points.map((p) => p.date)).not.toContain('2023-12-31');
			const csv = snapshotCsv(content);
			expect(csv.startsWith('\uFEFFZiel;Fachbereich;Prognose;')).toBe(true);
			expect(csv).toContain(`;nichtdeutsch;31.12.2023;;${SUPPRESSED_MARK};\r\n`);
			expect(csv).toContain(';nichtdeutsch;31.12.2025;39,5;r;45\r\n');
		});
	});

	describe('share links', () => {
		let id: string;
		beforeAll(async () => {
			id = await createSnapshot(t.db, focus.actor, input({ title: 'Für den Ausschuss', goalIds: [rateGoal], previousId: 'none' }));
		});

		it('open without an account, count views, and stop when revoked', async () => {
			const token = await createLink(t.db, focus.actor, id, { label: 'Sitzung 12.12.', validUntil: '' });
			expect(token).toMatch(/^[a-z2-7]{32}$/);
			const shared = await openSharedSnapshot(t.db, token);
			expect(shared!.content.title).toBe('Für den Ausschuss');
			expect(sha256Hex(shared!.json)).toBe(shared!.contentHash);
			expect((await sharedPdf(t.db, token))!.pdf.subarray(0, 5)).toEqual(new Uint8Array(Buffer.from('%PDF-')));
			const [link] = await listLinks(t.db, focus.actor, id);
			expect(link).toMatchObject({ label: 'Sitzung 12.12.', views: 2, revokedAt: null });
			// Only the hash is stored.
			expect((await t.db.select().from(snapshotLink).where(eq(snapshotLink.id, link!.id)))[0]!.tokenHash).not.toContain(token);
			await revokeLink(t.db, admin.actor, id, link!.id);
			expect(await openSharedSnapshot(t.db, token)).toBeNull();
			expect(await sharedPdf(t.db, token)).toBeNull();
			expect((await listLinks(t.db, focus.actor, id))[0]!.views).toBe(2);
		});

		it('stop after their last day (Berlin time) and when the snapshot is withdrawn; wrong tokens find nothing', async () => {
			const now = new Date('2026-06-30T10:00:00Z');
			const token = await createLink(t.db, focus.actor, id, { label: '', validUntil: '2026-07-01' }, now);
			expect(await openSharedSnapshot(t.db, token, new Date('2026-07-01T21:59:59Z'))).not.toBeNull();
			expect(await openSharedSnapshot(t.db, token, new Date('2026-07-01T22:00:00Z'))).toBeNull();
			await expectValidation(createLink(t.db, focus.actor, id, { label: '', validUntil: '2026-06-29' }, now), { validUntil: 'error_link_expiry_past' });
			await expectValidation(createLink(t.db, focus.actor, id, { label: '', validUntil: '2040-01-01' }, now), { validUntil: 'error_link_expiry_far' });
			for (const wrong of ['', 'a'.repeat(32), token.slice(0, -1), `${token}x`, 'x'.repeat(5000)]) expect(await openSharedSnapshot(t.db, wrong)).toBeNull();

			const open = await createLink(t.db, focus.actor, id, { label: '', validUntil: '' });
			await withdrawSnapshot(t.db, focus.actor, id, 'Ersetzt.');
			expect(await openSharedSnapshot(t.db, open)).toBeNull();
			expect((await listLinks(t.db, focus.actor, id)).every((l) => l.revokedAt !== null)).toBe(true);
			await expectValidation(createLink(t.db, focus.actor, id, { label: '', validUntil: '' }), { label: 'error_snapshot_withdrawn' });
			await expectHttpStatus(listLinks(t.db, outsider.actor, id), 404);
		});

		it('end at midnight in Berlin, summer and winter', () => {
			expect(endOfBerlinDay('2026-07-01').toISOString()).toBe('2026-07-01T22:00:00.000Z');
			expect(endOfBerlinDay('2026-12-31').toISOString()).toBe('2026-12-31T23:00:00.000Z');
			expect(endOfBerlinDay('2026-03-28').toISOString()).toBe('2026-03-28T23:00:00.000Z');
			expect(endOfBerlinDay('2026-03-29').toISOString()).toBe('2026-03-29T22:00:00.000Z');
		});
	});
});

