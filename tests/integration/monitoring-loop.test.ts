import { count, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { adjustment, checkIn, experiment, goal } from '../../src/lib/server/db/schema';
import type { Db } from '../../src/lib/server/db';
import { closeGoal, reopenGoal, signOffGoal } from '../../src/lib/server/goals/signoff';
import { createGoal } from '../../src/lib/server/goals/goals';
import { explainAdjustment, listAdjustments, MAX_REASON } from '../../src/lib/server/goals/adjustments';
import { addExperiment, listExperiments, MAX_TEXT, MAX_TITLE, updateExperiment, type ExperimentInput } from '../../src/lib/server/loop/experiments';
import { addCheckIn, listCheckIns, setCheckInInterval, type CheckInInput } from '../../src/lib/server/loop/check-ins';
import { createTandem } from '../../src/lib/server/tandems/tandems';
import { addIndicator, DESCRIPTION, findIndicator, goalRoot, goalText, removeIndicator, replaceText, type IndicatorDef } from '../../src/lib/shared/goal-doc';
import { checkInDue, DEFAULT_CHECK_IN_MONTHS } from '../../src/lib/shared/loop';
import { berlinToday } from '../../src/lib/shared/smart';
import { backends, createTown, person, signInAs, useTestDatabase, type SignedIn, type Town } from '../support/db';
import { expectHttpStatus, expectValidation } from '../support/expect';
import { editGoal } from '../support/goals';

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

const AGREED_FOR_WHOM = 'Jugendliche ohne Abschluss finden häufiger einen Ausbildungsplatz.';
const AGREED_DEADLINE = '2030-07-31';
const QUOTE: Partial<Omit<IndicatorDef, 'id'>> = {
	name: 'Übergangsquote',
	unit: '%',
	baselineValue: 37.5,
	baselineDate: '2025-07-31',
	targetValue: 45,
	targetDate: '2030-07-31'
};
const COUNT: Partial<Omit<IndicatorDef, 'id'>> = { name: 'Beratene Jugendliche', unit: 'Personen', baselineValue: 80, baselineDate: '2025-07-31', targetValue: 120 };

const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

const storedGoal = async (db: Db, id: string) => (await db.select().from(goal).where(eq(goal.id, id)))[0]!;
const storedExperiment = async (db: Db, id: string) => (await db.select().from(experiment).where(eq(experiment.id, id)))[0];

/** Rows in the loop's tables, to prove a refused call wrote nothing. */
async function loopCounts(db: Db) {
	const [e] = await db.select({ n: count() }).from(experiment);
	const [c] = await db.select({ n: count() }).from(checkIn);
	const [a] = await db.select({ n: count() }).from(adjustment);
	return { experiments: e!.n, checkIns: c!.n, adjustments: a!.n };
}

/** What the experiment form sends, with defaults for everything not given. */
const experimentInput = (fields: Partial<ExperimentInput> = {}): ExperimentInput => ({
	title: 'Elternabende in der Muttersprache',
	hypothesis: '',
	indicatorIds: [],
	startDate: '',
	endDate: '',
	status: 'planned',
	learned: '',
	decision: '',
	...fields
});

/** What the check-in form sends, with defaults for everything not given. */
const checkInInput = (fields: Partial<CheckInInput> = {}): CheckInInput => ({
	date: '2025-12-01',
	overall: 'onTrack',
	confidence: '7',
	happened: 'Zwei Elternabende durchgeführt.',
	decided: '',
	participants: '',
	...fields
});

/** The day after today in Berlin (the first date a check-in must refuse). */
function tomorrow(): string {
	return new Date(Date.parse(`${berlinToday()}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

describe.each(backends)('monitoring loop on %s', (backend) => {
	const t = useTestDatabase(backend);
	let town: Town;
	let other: Town;
	/** In the tandem: focus (integration office) and member (Bildung). Outside it: the rest. */
	let focus: SignedIn, member: SignedIn, focus2: SignedIn, head: SignedIn, plain: SignedIn, outsider: SignedIn;
	let tandemId: string;
	let otherTandemId: string;

	beforeAll(async () => {
		town = await createTown(t.db, {
			departments: ['Bildung'],
			people: {
				focus: { roles: ['focus'] },
				member: { roles: ['member'], department: 'Bildung' },
				focus2: { roles: ['focus'] },
				head: { roles: ['head'], department: 'Bildung' },
				plain: { roles: ['member'], department: 'Bildung' }
			}
		});
		other = await createTown(t.db, { departments: ['Bildung'], people: { focus: { roles: ['focus'] }, member: { roles: ['member'], department: 'Bildung' } } });
		[focus, member, focus2, head, plain, outsider] = await Promise.all([
			signInAs(t.db, person(town, 'focus')),
			signInAs(t.db, person(town, 'member')),
			signInAs(t.db, person(town, 'focus2')),
			signInAs(t.db, person(town, 'head')),
			signInAs(t.db, person(town, 'plain')),
			signInAs(t.db, person(other, 'focus'))
		]);
		tandemId = await createTandem(t.db, focus.actor, {
			name: 'Tandem Bildung',
			departmentId: town.departments.Bildung!,
			membershipIds: [person(town, 'focus').membershipId, person(town, 'member').membershipId]
		});
		otherTandemId = await createTandem(t.db, outsider.actor, {
			name: 'Tandem anderswo',
			departmentId: other.departments.Bildung!,
			membershipIds: [person(other, 'focus').membershipId, person(other, 'member').membershipId]
		});
	});

	/** Both sides sign the goal's current content. */
	async function signBoth(goalId: string) {
		const { contentHash } = await storedGoal(t.db, goalId);
		await signOffGoal(t.db, focus.actor, { goalId, contentHash });
		await signOffGoal(t.db, member.actor, { goalId, contentHash });
		expect((await storedGoal(t.db, goalId)).status).toBe('agreed');
	}

	/** A goal with "for whom", deadline, resources and the indicator QUOTE, signed by both sides. */
	async function agreedGoal(title: string) {
		const goalId = await createGoal(t.db, member.actor, { tandemId, title });
		let indicatorId = '';
		await editGoal(t.db, goalId, member, (doc) => {
			replaceText(goalText(doc, 'forWhom')!, AGREED_FOR_WHOM);
			replaceText(goalText(doc, 'resources')!, 'Zwei Lernbegleiterinnen');
			goalRoot(doc).set('deadline', AGREED_DEADLINE);
			indicatorId = addIndicator(doc, QUOTE);
		});
		await signBoth(goalId);
		return { goalId, indicatorId };
	}

	const setForWhom = (goalId: string, text: string, author: SignedIn = member) =>
		editGoal(t.db, goalId, author, (doc) => replaceText(goalText(doc, 'forWhom')!, text));

	const adjustmentsOf = (goalId: string, actor: SignedIn = member) => listAdjustments(t.db, actor.actor, goalId);

	// -----------------------------------------------------------------------------------------
	describe('adjustments', () => {
		it('records nothing while the goal is a draft, however much changes', async () => {
			const goalId = await createGoal(t.db, member.actor, { tandemId, title: 'Entwurf' });
			let indicatorId = '';
			await editGoal(t.db, goalId, member, (doc) => {
				replaceText(goalText(doc, 'forWhom')!, 'Erste Zielgruppe');
				goalRoot(doc).set('deadline', '2029-12-31');
				indicatorId = addIndicator(doc, QUOTE);
			});
			await setForWhom(goalId, 'Zweite Zielgruppe');
			await editGoal(t.db, goalId, focus, (doc) => findIndicator(doc, indicatorId)!.set('targetValue', 50));
			await editGoal(t.db, goalId, focus, (doc) => removeIndicator(doc, indicatorId));
			expect((await storedGoal(t.db, goalId)).status).toBe('draft');
			expect(await adjustmentsOf(goalId)).toEqual([]);
		});

		it('records nothing when both sides sign (the goal becomes agreed)', async () => {
			const { goalId } = await agreedGoal('Vereinbart ohne Änderung');
			expect(await adjustmentsOf(goalId)).toEqual([]);
		});

		it('records a changed "for whom" of an agreed goal with the text before and after', async () => {
			const { goalId } = await agreedGoal('Für wen');
			await setForWhom(goalId, 'Jugendliche ohne Abschluss und ihre Eltern.');
			expect((await storedGoal(t.db, goalId)).status).toBe('changed');
			const list = await adjustmentsOf(goalId);
			expect(list).toHaveLength(1);
			expect(list[0]).toMatchObject({
				field: 'forWhom',
				label: '',
				before: AGREED_FOR_WHOM,
				after: 'Jugendliche ohne Abschluss und ihre Eltern.',
				reason: null,
				reasonBy: null,
				reasonAt: null
			});
			expect(list[0]!.detectedAt).toBeInstanceOf(Date);
			const [row] = await t.db.select().from(adjustment).where(eq(adjustment.id, list[0]!.id));
			expect(row).toMatchObject({ goalId, municipalityId: town.municipalityId });
		});

		it('keeps one open adjustment while someone types on: "after" follows, "before" stays as agreed', async () => {
			const { goalId } = await agreedGoal('Weiter tippen');
			await setForWhom(goalId, `${AGREED_FOR_WHOM} U`);
			const [first] = await adjustmentsOf(goalId);
			await setForWhom(goalId, `${AGREED_FOR_WHOM} Und`);
			await setForWhom(goalId, `${AGREED_FOR_WHOM} Und ihre`, focus);
			await setForWhom(goalId, `${AGREED_FOR_WHOM} Und ihre Eltern.`);
			const list = await adjustmentsOf(goalId);
			expect(list).toHaveLength(1);
			expect(list[0]).toMatchObject({ id: first!.id, field: 'forWhom', before: AGREED_FOR_WHOM, after: `${AGREED_FOR_WHOM} Und ihre Eltern.`, reason: null });
			const [row] = await t.db.select().from(adjustment).where(eq(adjustment.id, first!.id));
			expect(row!.updatedAt.getTime()).toBeGreaterThanOrEqual(row!.detectedAt.getTime());
		});

		it('drops the open adjustment when the field is back at the agreed text (and the goal is agreed again)', async () => {
			const { goalId } = await agreedGoal('Zurück');
			await setForWhom(goalId, 'Etwas ganz anderes');
			await setForWhom(goalId, 'Etwas ganz anderes, länger');
			expect(await adjustmentsOf(goalId)).toHaveLength(1);
			await setForWhom(goalId, AGREED_FOR_WHOM);
			expect(await adjustmentsOf(goalId)).toEqual([]);
			expect((await storedGoal(t.db, goalId)).status).toBe('agreed');
		});

		it('records a deadline change and an indicator target change each as its own adjustment', async () => {
			const { goalId, indicatorId } = await agreedGoal('Frist und Ziel');
			await editGoal(t.db, goalId, member, (doc) => goalRoot(doc).set('deadline', '2030-12-31'));
			await editGoal(t.db, goalId, focus, (doc) => findIndicator(doc, indicatorId)!.set('targetValue', 40));
			const list = await adjustmentsOf(goalId);
			expect(list.map((a) => a.field).sort()).toEqual(['deadline', `indicator:${indicatorId}`]);
			expect(list.find((a) => a.field === 'deadline')).toMatchObject({ label: '', before: AGREED_DEADLINE, after: '2030-12-31', reason: null });
			const target = list.find((a) => a.field === `indicator:${indicatorId}`)!;
			expect(target.label).toBe('Übergangsquote');
			expect(target.before).toMatchObject({ id: indicatorId, name: 'Übergangsquote', unit: '%', baselineValue: 37.5, baselineDate: '2025-07-31', targetValue: 45, targetDate: '2030-07-31' });
			expect(target.after).toMatchObject({ id: indicatorId, name: 'Übergangsquote', unit: '%', baselineValue: 37.5, targetValue: 40, targetDate: '2030-07-31' });
		});

		it('records changes of several fields in one edit, one adjustment per field', async () => {
			const { goalId, indicatorId } = await agreedGoal('Mehrere Felder');
			await editGoal(t.db, goalId, member, (doc) => {
				replaceText(goalText(doc, 'forWhom')!, 'Alle Jugendlichen');
				goalRoot(doc).set('deadline', '2031-07-31');
				findIndicator(doc, indicatorId)!.set('baselineValue', 38);
			});
			const list = await adjustmentsOf(goalId);
			expect(list.map((a) => a.field).sort()).toEqual(['deadline', 'forWhom', `indicator:${indicatorId}`].sort());
		});

		it('records a removed indicator with after = null and an added one with before = null, labelled by name', async () => {
			const { goalId, indicatorId } = await agreedGoal('Indikator weg');
			await editGoal(t.db, goalId, member, (doc) => removeIndicator(doc, indicatorId));
			let addedId = '';
			await editGoal(t.db, goalId, member, (doc) => {
				addedId = addIndicator(doc, COUNT);
			});
			const list = await adjustmentsOf(goalId);
			expect(list).toHaveLength(2);
			const removed = list.find((a) => a.field === `indicator:${indicatorId}`)!;
			expect(removed).toMatchObject({ label: 'Übergangsquote', after: null });
			expect(removed.before).toMatchObject({ id: indicatorId, name: 'Übergangsquote', targetValue: 45 });
			const added = list.find((a) => a.field === `indicator:${addedId}`)!;
			expect(added).toMatchObject({ label: 'Beratene Jugendliche', before: null });
			expect(added.after).toMatchObject({ id: addedId, name: 'Beratene Jugendliche', targetValue: 120 });

			// Removing the added indicator again brings it back to where it was: nothing to record.
			await editGoal(t.db, goalId, member, (doc) => removeIndicator(doc, addedId));
			expect((await adjustmentsOf(goalId)).map((a) => a.field)).toEqual([`indicator:${indicatorId}`]);
		});

		it('follows a renamed indicator with its label', async () => {
			const { goalId, indicatorId } = await agreedGoal('Umbenannt');
			await editGoal(t.db, goalId, member, (doc) => findIndicator(doc, indicatorId)!.set('name', 'Übergangsquote Ausbildung'));
			const [renamed] = await adjustmentsOf(goalId);
			expect(renamed).toMatchObject({ field: `indicator:${indicatorId}`, label: 'Übergangsquote Ausbildung' });
			expect(renamed!.before).toMatchObject({ name: 'Übergangsquote' });
			expect(renamed!.after).toMatchObject({ name: 'Übergangsquote Ausbildung' });
		});

		it('records nothing for title, resources, description or whitespace in "for whom"', async () => {
			const { goalId } = await agreedGoal('Nicht wesentlich');
			await editGoal(t.db, goalId, member, (doc) => replaceText(goalText(doc, 'title')!, 'Ein neuer Titel'));
			await editGoal(t.db, goalId, member, (doc) => replaceText(goalText(doc, 'resources')!, 'Drei Lernbegleiterinnen und ein Budget'));
			await editGoal(t.db, goalId, focus, (doc) => {
				const paragraph = new Y.XmlElement('paragraph');
				paragraph.insert(0, [new Y.XmlText('Eine ausführliche Beschreibung.')]);
				doc.getXmlFragment(DESCRIPTION).insert(0, [paragraph]);
			});
			await setForWhom(goalId, `  ${AGREED_FOR_WHOM.replace(' ', '   ')}  `);
			expect(await adjustmentsOf(goalId)).toEqual([]);
			expect(await storedGoal(t.db, goalId)).toMatchObject({ status: 'agreed', title: 'Ein neuer Titel' });
		});

		it('opens a new adjustment after a reason was given; its "before" is the explained "after"', async () => {
			const { goalId } = await agreedGoal('Begründet');
			await setForWhom(goalId, 'Zweite Fassung');
			const [first] = await adjustmentsOf(goalId);
			await explainAdjustment(t.db, member.actor, goalId, { adjustmentId: first!.id, reason: '  Der Stadtrat hat die Zielgruppe erweitert.  ' });
			await setForWhom(goalId, 'Dritte Fassung');
			await setForWhom(goalId, 'Dritte Fassung, ergänzt');
			const list = await adjustmentsOf(goalId);
			expect(list).toHaveLength(2);
			expect(list[0]).toMatchObject({
				id: first!.id,
				field: 'forWhom',
				before: AGREED_FOR_WHOM,
				after: 'Zweite Fassung',
				reason: 'Der Stadtrat hat die Zielgruppe erweitert.',
				reasonBy: person(town, 'member').name
			});
			expect(list[0]!.reasonAt).toBeInstanceOf(Date);
			expect(list[1]).toMatchObject({ field: 'forWhom', before: 'Zweite Fassung', after: 'Dritte Fassung, ergänzt', reason: null });
		});

		it('lets a reason be corrected, by whoever may write the goal', async () => {
			const { goalId } = await agreedGoal('Korrigiert');
			await setForWhom(goalId, 'Geändert');
			const [open] = await adjustmentsOf(goalId);
			await explainAdjustment(t.db, member.actor, goalId, { adjustmentId: open!.id, reason: 'Erster Grund' });
			await explainAdjustment(t.db, focus2.actor, goalId, { adjustmentId: open!.id, reason: 'Besserer Grund' });
			expect((await adjustmentsOf(goalId))[0]).toMatchObject({ reason: 'Besserer Grund', reasonBy: person(town, 'focus2').name });
		});

		it('records again after the goal was signed again, against the newly agreed text', async () => {
			const { goalId } = await agreedGoal('Neu vereinbart');
			await setForWhom(goalId, 'Zweite Fassung');
			const [first] = await adjustmentsOf(goalId);
			await explainAdjustment(t.db, focus.actor, goalId, { adjustmentId: first!.id, reason: 'Neue Förderrichtlinie.' });
			await signBoth(goalId);
			expect(await adjustmentsOf(goalId)).toHaveLength(1);

			await editGoal(t.db, goalId, member, (doc) => goalRoot(doc).set('deadline', '2031-12-31'));
			await setForWhom(goalId, 'Dritte Fassung');
			const list = await adjustmentsOf(goalId);
			expect(list).toHaveLength(3);
			expect(list.find((a) => a.field === 'deadline')).toMatchObject({ before: AGREED_DEADLINE, after: '2031-12-31', reason: null });
			expect(list.find((a) => a.field === 'forWhom' && a.reason === null)).toMatchObject({ before: 'Zweite Fassung', after: 'Dritte Fassung' });
			expect((await storedGoal(t.db, goalId)).status).toBe('changed');
		});

		it('records a change made after the goal was signed again even when the earlier adjustment has no reason yet', async () => {
			// Agreed on A; changed to B (open adjustment A → B, no reason); both sides sign B.
			const { goalId } = await agreedGoal('Neu vereinbart ohne Grund');
			await setForWhom(goalId, 'Zweite Fassung');
			const [first] = await adjustmentsOf(goalId);
			await signBoth(goalId);
			// The newly agreed B is changed to C: that change is measured against B, the agreed text.
			await setForWhom(goalId, 'Dritte Fassung');
			expect((await storedGoal(t.db, goalId)).status).toBe('changed');
			const list = await adjustmentsOf(goalId);
			// The change A → B that both sides signed stays on record as it was …
			expect(list.find((a) => a.id === first!.id)).toMatchObject({ before: AGREED_FOR_WHOM, after: 'Zweite Fassung' });
			// … and B → C is a new adjustment.
			expect(list.map((a) => [a.field, a.before, a.after])).toEqual([
				['forWhom', AGREED_FOR_WHOM, 'Zweite Fassung'],
				['forWhom', 'Zweite Fassung', 'Dritte Fassung']
			]);
		});

		it('records a change made while an agreed goal was closed, once it is reopened', async () => {
			const { goalId } = await agreedGoal('Geschlossen geändert');
			await closeGoal(t.db, member.actor, { goalId, outcome: 'notAchieved', comment: 'Nicht erreicht.' });
			await setForWhom(goalId, 'Im geschlossenen Ziel geändert');
			await reopenGoal(t.db, focus.actor, { goalId });
			expect((await storedGoal(t.db, goalId)).status).toBe('changed');
			expect((await adjustmentsOf(goalId)).map((a) => [a.field, a.before, a.after])).toEqual([['forWhom', AGREED_FOR_WHOM, 'Im geschlossenen Ziel geändert']]);
		});

		describe('explaining', () => {
			let goalId: string;
			let adjustmentId: string;
			let otherGoalAdjustmentId: string;

			beforeAll(async () => {
				({ goalId } = await agreedGoal('Erklären'));
				await setForWhom(goalId, 'Erklärt werden');
				adjustmentId = (await adjustmentsOf(goalId))[0]!.id;
				const second = await agreedGoal('Anderes Ziel');
				await setForWhom(second.goalId, 'Auch geändert');
				otherGoalAdjustmentId = (await adjustmentsOf(second.goalId))[0]!.id;
			});

			const reasonOf = async () => (await t.db.select().from(adjustment).where(eq(adjustment.id, adjustmentId)))[0]!.reason;

			it.each([
				['an empty reason', '', 'error_reason_required'],
				['a reason of spaces only', ' \n\t ', 'error_reason_required'],
				['a reason over 2000 characters', 'x'.repeat(MAX_REASON + 1), 'error_reason_too_long']
			])('refuses %s (field reason)', async (_, reason, key) => {
				await expectValidation(explainAdjustment(t.db, member.actor, goalId, { adjustmentId, reason }), { reason: key });
				expect(await reasonOf()).toBeNull();
			});

			it('takes a reason of exactly 2000 characters', async () => {
				const reason = 'x'.repeat(MAX_REASON);
				await explainAdjustment(t.db, member.actor, goalId, { adjustmentId, reason: ` ${reason} ` });
				expect(await reasonOf()).toBe(reason);
			});

			it('is open to tandem members and the integration office; others of the town 403, other towns 404', async () => {
				await explainAdjustment(t.db, member.actor, goalId, { adjustmentId, reason: 'Vom Tandem' });
				await explainAdjustment(t.db, focus.actor, goalId, { adjustmentId, reason: 'Von der Fokusstelle im Tandem' });
				await explainAdjustment(t.db, focus2.actor, goalId, { adjustmentId, reason: 'Von der Fokusstelle außerhalb' });
				expect(await reasonOf()).toBe('Von der Fokusstelle außerhalb');
				await expectHttpStatus(explainAdjustment(t.db, head.actor, goalId, { adjustmentId, reason: 'Amtsleitung' }), 403);
				await expectHttpStatus(explainAdjustment(t.db, plain.actor, goalId, { adjustmentId, reason: 'Mitglied außerhalb' }), 403);
				await expectHttpStatus(explainAdjustment(t.db, outsider.actor, goalId, { adjustmentId, reason: 'Andere Stadt' }), 404);
				expect(await reasonOf()).toBe('Von der Fokusstelle außerhalb');
			});

			it('answers 404 for an unknown, malformed or foreign adjustment id, even with an empty reason', async () => {
				await expectHttpStatus(explainAdjustment(t.db, member.actor, goalId, { adjustmentId: UNKNOWN_ID, reason: 'Grund' }), 404);
				await expectHttpStatus(explainAdjustment(t.db, member.actor, goalId, { adjustmentId: 'kein-uuid', reason: 'Grund' }), 404);
				await expectHttpStatus(explainAdjustment(t.db, member.actor, goalId, { adjustmentId: UNKNOWN_ID, reason: '' }), 404);
				// An adjustment of another goal, named through this goal.
				await expectHttpStatus(explainAdjustment(t.db, member.actor, goalId, { adjustmentId: otherGoalAdjustmentId, reason: 'Grund' }), 404);
				expect((await t.db.select().from(adjustment).where(eq(adjustment.id, otherGoalAdjustmentId)))[0]!.reason).toBeNull();
				await expectHttpStatus(explainAdjustment(t.db, member.actor, UNKNOWN_ID, { adjustmentId, reason: 'Grund' }), 404);
				await expectHttpStatus(explainAdjustment(t.db, member.actor, 'kein-ziel', { adjustmentId, reason: 'Grund' }), 404);
			});

			it('lists adjustments to every member of the town, to nobody else', async () => {
				for (const reader of [head, plain, focus2]) expect((await adjustmentsOf(goalId, reader)).map((a) => a.id)).toEqual([adjustmentId]);
				await expectHttpStatus(listAdjustments(t.db, outsider.actor, goalId), 404);
				await expectHttpStatus(listAdjustments(t.db, member.actor, UNKNOWN_ID), 404);
				await expectHttpStatus(listAdjustments(t.db, member.actor, 'kein-ziel'), 404);
			});
		});
	});

	// -----------------------------------------------------------------------------------------
	describe('experiments', () => {
		let goalId: string;
		let quoteId: string;
		let countId: string;
		let foreignIndicatorId: string;
		let otherTownGoalId: string;

		beforeAll(async () => {
			goalId = await createGoal(t.db, member.actor, { tandemId, title: 'Experimente' });
			await editGoal(t.db, goalId, member, (doc) => {
				quoteId = addIndicator(doc, QUOTE);
				countId = addIndicator(doc, COUNT);
			});
			const second = await createGoal(t.db, member.actor, { tandemId, title: 'Zweites Ziel' });
			await editGoal(t.db, second, member, (doc) => {
				foreignIndicatorId = addIndicator(doc, { name: 'Fremd', unit: '%' });
			});
			otherTownGoalId = await createGoal(t.db, outsider.actor, { tandemId: otherTandemId, title: 'Anderswo' });
		});

		it('stores an experiment with all its fields, trimmed', async () => {
			const id = await addExperiment(
				t.db,
				member.actor,
				goalId,
				experimentInput({
					title: '  Elternabende in der Muttersprache  ',
					hypothesis: ' Wenn wir Eltern in ihrer Sprache einladen, steigt die Übergangsquote. ',
					indicatorIds: [quoteId, countId, quoteId],
					startDate: ' 2025-09-01 ',
					endDate: '2026-06-30',
					status: 'running',
					learned: ' Noch nichts. ',
					decision: ''
				})
			);
			expect(await storedExperiment(t.db, id)).toMatchObject({
				goalId,
				municipalityId: town.municipalityId,
				title: 'Elternabende in der Muttersprache',
				hypothesis: 'Wenn wir Eltern in ihrer Sprache einladen, steigt die Übergangsquote.',
				indicatorIds: [quoteId, countId],
				startDate: '2025-09-01',
				endDate: '2026-06-30',
				status: 'running',
				learned: 'Noch nichts.',
				decision: null,
				createdBy: member.actor.userId,
				updatedBy: null,
				updatedAt: null
			});
			const listed = (await listExperiments(t.db, head.actor, goalId)).find((e) => e.id === id);
			expect(listed).toMatchObject({ title: 'Elternabende in der Muttersprache', indicatorIds: [quoteId, countId], status: 'running', decision: null });
		});

		it('takes a title of exactly 300 characters and open dates', async () => {
			const id = await addExperiment(t.db, focus2.actor, goalId, experimentInput({ title: 't'.repeat(MAX_TITLE), hypothesis: 'h'.repeat(MAX_TEXT) }));
			expect(await storedExperiment(t.db, id)).toMatchObject({ title: 't'.repeat(MAX_TITLE), startDate: null, endDate: null, status: 'planned', indicatorIds: [], createdBy: focus2.actor.userId });
		});

		it('lists by start date (open start last), then by creation', async () => {
			const goal2 = await createGoal(t.db, focus.actor, { tandemId, title: 'Reihenfolge' });
			const late = await addExperiment(t.db, member.actor, goal2, experimentInput({ title: 'Spät', startDate: '2026-03-01' }));
			const open = await addExperiment(t.db, member.actor, goal2, experimentInput({ title: 'Offen' }));
			const early = await addExperiment(t.db, member.actor, goal2, experimentInput({ title: 'Früh', startDate: '2025-09-01' }));
			const early2 = await addExperiment(t.db, focus.actor, goal2, experimentInput({ title: 'Auch früh', startDate: '2025-09-01' }));
			expect((await listExperiments(t.db, plain.actor, goal2)).map((e) => e.id)).toEqual([early, early2, late, open]);
		});

		it.each([
			['keep', 'finished'],
			['change', 'finished'],
			['stop', 'stopped']
		])('is updated with what was learned and the decision %s', async (decision, status) => {
			const id = await addExperiment(t.db, member.actor, goalId, experimentInput({ title: `Versuch ${decision}`, indicatorIds: [quoteId], startDate: '2025-01-01', status: 'running' }));
			await updateExperiment(
				t.db,
				focus2.actor,
				goalId,
				id,
				experimentInput({ title: `Versuch ${decision}`, indicatorIds: [countId], startDate: '2025-01-01', endDate: '2025-06-30', status, learned: ' Eltern kamen zahlreich. ', decision: ` ${decision} ` })
			);
			const row = await storedExperiment(t.db, id);
			expect(row).toMatchObject({ status, learned: 'Eltern kamen zahlreich.', decision, indicatorIds: [countId], endDate: '2025-06-30', createdBy: member.actor.userId, updatedBy: focus2.actor.userId });
			expect(row!.updatedAt).toBeInstanceOf(Date);
			expect((await listExperiments(t.db, member.actor, goalId)).find((e) => e.id === id)).toMatchObject({ status, decision });
		});

		const INVALID: [label: string, fields: () => Partial<ExperimentInput>, errors: Record<string, string>][] = [
			['an empty title', () => ({ title: '   ' }), { title: 'error_experiment_title_required' }],
			['a title over 300 characters', () => ({ title: 'x'.repeat(MAX_TITLE + 1) }), { title: 'error_experiment_title_too_long' }],
			['a hypothesis over 5000 characters', () => ({ hypothesis: 'x'.repeat(MAX_TEXT + 1) }), { hypothesis: 'error_text_too_long' }],
			['learned over 5000 characters', () => ({ learned: 'x'.repeat(MAX_TEXT + 1) }), { learned: 'error_text_too_long' }],
			['an impossible start date', () => ({ startDate: '2025-02-30' }), { startDate: 'error_date_invalid' }],
			['a German start date', () => ({ startDate: '01.09.2025' }), { startDate: 'error_date_invalid' }],
			['a word as end date', () => ({ endDate: 'bald' }), { endDate: 'error_date_invalid' }],
			['an end before the start', () => ({ startDate: '2025-09-01', endDate: '2025-08-31' }), { endDate: 'error_experiment_dates_order' }],
			['an unknown status', () => ({ status: 'done' }), { status: 'error_experiment_status_unknown' }],
			['an empty status', () => ({ status: '' }), { status: 'error_experiment_status_unknown' }],
			['an unknown decision', () => ({ decision: 'maybe' }), { decision: 'error_experiment_decision_unknown' }],
			['an indicator of another goal', () => ({ indicatorIds: [quoteId, foreignIndicatorId] }), { indicatorIds: 'error_experiment_indicator_unknown' }],
			['an unknown indicator id', () => ({ indicatorIds: [UNKNOWN_ID] }), { indicatorIds: 'error_experiment_indicator_unknown' }],
			['a malformed indicator id', () => ({ indicatorIds: ['kein-uuid'] }), { indicatorIds: 'error_experiment_indicator_unknown' }],
			[
				'several problems at once',
				() => ({ title: '', startDate: '2025-13-01', status: 'x', decision: 'y' }),
				{ title: 'error_experiment_title_required', startDate: 'error_date_invalid', status: 'error_experiment_status_unknown', decision: 'error_experiment_decision_unknown' }
			]
		];

		it.each(INVALID)('refuses %s and writes nothing', async (_, fields, errors) => {
			const before = await loopCounts(t.db);
			await expectValidation(addExperiment(t.db, member.actor, goalId, experimentInput(fields())), errors);
			expect(await loopCounts(t.db)).toEqual(before);
		});

		it.each(INVALID)('refuses an update with %s and leaves the experiment as it was', async (_, fields, errors) => {
			const id = await addExperiment(t.db, member.actor, goalId, experimentInput({ title: 'Unverändert', indicatorIds: [quoteId], startDate: '2025-01-01', status: 'running' }));
			const stored = await storedExperiment(t.db, id);
			await expectValidation(updateExperiment(t.db, member.actor, goalId, id, experimentInput(fields())), errors);
			expect(await storedExperiment(t.db, id)).toEqual(stored);
		});

		it('refuses an indicator the goal no longer has (archived)', async () => {
			const goal2 = await createGoal(t.db, member.actor, { tandemId, title: 'Archiviert' });
			let gone = '';
			await editGoal(t.db, goal2, member, (doc) => {
				gone = addIndicator(doc, { name: 'Weg', unit: '%' });
			});
			await editGoal(t.db, goal2, member, (doc) => removeIndicator(doc, gone));
			await expectValidation(addExperiment(t.db, member.actor, goal2, experimentInput({ indicatorIds: [gone] })), { indicatorIds: 'error_experiment_indicator_unknown' });
		});

		it('is written by the tandem and the integration office; others of the town 403, other towns 404', async () => {
			const before = await loopCounts(t.db);
			await expectHttpStatus(addExperiment(t.db, head.actor, goalId, experimentInput()), 403);
			await expectHttpStatus(addExperiment(t.db, plain.actor, goalId, experimentInput()), 403);
			await expectHttpStatus(addExperiment(t.db, town.admin.actor, goalId, experimentInput()), 403);
			await expectHttpStatus(addExperiment(t.db, outsider.actor, goalId, experimentInput()), 404);
			await expectHttpStatus(addExperiment(t.db, member.actor, otherTownGoalId, experimentInput()), 404);
			await expectHttpStatus(addExperiment(t.db, member.actor, UNKNOWN_ID, experimentInput()), 404);
			await expectHttpStatus(addExperiment(t.db, member.actor, 'kein-ziel', experimentInput()), 404);
			// Permission comes before validation: a refused caller learns nothing about the input.
			await expectHttpStatus(addExperiment(t.db, head.actor, goalId, experimentInput({ title: '' })), 403);
			expect(await loopCounts(t.db)).toEqual(before);

			const id = await addExperiment(t.db, focus.actor, goalId, experimentInput({ title: 'Rechte' }));
			const stored = await storedExperiment(t.db, id);
			await expectHttpStatus(updateExperiment(t.db, head.actor, goalId, id, experimentInput({ title: 'Amtsleitung' })), 403);
			await expectHttpStatus(updateExperiment(t.db, plain.actor, goalId, id, experimentInput({ title: 'Mitglied' })), 403);
			await expectHttpStatus(updateExperiment(t.db, outsider.actor, goalId, id, experimentInput({ title: 'Andere Stadt' })), 404);
			await expectHttpStatus(updateExperiment(t.db, member.actor, goalId, UNKNOWN_ID, experimentInput()), 404);
			await expectHttpStatus(updateExperiment(t.db, member.actor, goalId, 'kein-uuid', experimentInput()), 404);
			expect(await storedExperiment(t.db, id)).toEqual(stored);
		});

		it('answers 404 for an experiment named through another goal', async () => {
			const goal2 = await createGoal(t.db, member.actor, { tandemId, title: 'Falsches Ziel' });
			const id = await addExperiment(t.db, member.actor, goalId, experimentInput({ title: 'Gehört zu goalId' }));
			const stored = await storedExperiment(t.db, id);
			await expectHttpStatus(updateExperiment(t.db, member.actor, goal2, id, experimentInput({ title: 'Entführt' })), 404);
			const foreign = await addExperiment(t.db, outsider.actor, otherTownGoalId, experimentInput({ title: 'Anderswo' }));
			await expectHttpStatus(updateExperiment(t.db, member.actor, goalId, foreign, experimentInput({ title: 'Übernommen' })), 404);
			expect(await storedExperiment(t.db, id)).toEqual(stored);
			expect((await storedExperiment(t.db, foreign))!.title).toBe('Anderswo');
		});

		it('is read by every member of the town, by nobody else', async () => {
			const ids = (await listExperiments(t.db, member.actor, goalId)).map((e) => e.id);
			expect(ids.length).toBeGreaterThan(0);
			for (const reader of [head, plain, focus2, town.admin]) expect((await listExperiments(t.db, reader.actor, goalId)).map((e) => e.id)).toEqual(ids);
			await expectHttpStatus(listExperiments(t.db, outsider.actor, goalId), 404);
			await expectHttpStatus(listExperiments(t.db, member.actor, UNKNOWN_ID), 404);
			await expectHttpStatus(listExperiments(t.db, member.actor, 'kein-ziel'), 404);
		});
	});

	// -----------------------------------------------------------------------------------------
	describe('check-ins', () => {
		let goalId: string;
		let otherTownGoalId: string;

		beforeAll(async () => {
			goalId = await createGoal(t.db, member.actor, { tandemId, title: 'Check-ins' });
			otherTownGoalId = await createGoal(t.db, outsider.actor, { tandemId: otherTandemId, title: 'Anderswo' });
		});

		it('stores a check-in, trimmed, with the confidence as a number', async () => {
			const id = await addCheckIn(
				t.db,
				member.actor,
				goalId,
				checkInInput({ date: ' 2025-11-20 ', overall: 'atRisk', confidence: ' 4 ', happened: ' Wenig Resonanz. ', decided: ' Einladungen übersetzen. ', participants: ' Frau A, Herr B ' })
			);
			const [row] = await t.db.select().from(checkIn).where(eq(checkIn.id, id));
			expect(row).toMatchObject({
				goalId,
				municipalityId: town.municipalityId,
				date: '2025-11-20',
				overall: 'atRisk',
				confidence: 4,
				happened: 'Wenig Resonanz.',
				decided: 'Einladungen übersetzen.',
				participants: 'Frau A, Herr B',
				createdBy: member.actor.userId
			});
		});

		it.each([
			['0', 0],
			['10', 10]
		])('takes the confidence %s', async (confidence, stored) => {
			const goal2 = await createGoal(t.db, member.actor, { tandemId, title: `Zuversicht ${confidence}` });
			await addCheckIn(t.db, focus2.actor, goal2, checkInInput({ confidence, happened: '', decided: 'Nur eine Entscheidung.' }));
			expect((await listCheckIns(t.db, member.actor, goal2))[0]).toMatchObject({ confidence: stored, happened: '', decided: 'Nur eine Entscheidung.', createdBy: focus2.actor.userId });
		});

		it('takes today and lists newest first (the later entry first on the same day)', async () => {
			const goal2 = await createGoal(t.db, member.actor, { tandemId, title: 'Reihenfolge' });
			const march = await addCheckIn(t.db, member.actor, goal2, checkInInput({ date: '2025-03-01' }));
			const september = await addCheckIn(t.db, member.actor, goal2, checkInInput({ date: '2025-09-30' }));
			const june = await addCheckIn(t.db, focus.actor, goal2, checkInInput({ date: '2025-06-15' }));
			const june2 = await addCheckIn(t.db, focus.actor, goal2, checkInInput({ date: '2025-06-15', happened: 'Nachtrag' }));
			const today = await addCheckIn(t.db, member.actor, goal2, checkInInput({ date: berlinToday() }));
			const listed = await listCheckIns(t.db, plain.actor, goal2);
			expect(listed.map((c) => c.id)).toEqual([today, september, june2, june, march]);
		});

		const INVALID: [label: string, fields: () => Partial<CheckInInput>, errors: Record<string, string>][] = [
			['a missing date', () => ({ date: ' ' }), { date: 'error_check_in_date_required' }],
			['an impossible date', () => ({ date: '2025-02-29' }), { date: 'error_date_invalid' }],
			['a German date', () => ({ date: '01.12.2025' }), { date: 'error_date_invalid' }],
			['a future date', () => ({ date: tomorrow() }), { date: 'error_check_in_date_future' }],
			['an empty overall view', () => ({ overall: '' }), { overall: 'error_check_in_overall_required' }],
			['an unknown overall view', () => ({ overall: 'great' }), { overall: 'error_check_in_overall_required' }],
			['a confidence below 0', () => ({ confidence: '-1' }), { confidence: 'error_confidence_invalid' }],
			['a confidence above 10', () => ({ confidence: '11' }), { confidence: 'error_confidence_invalid' }],
			['a fractional confidence', () => ({ confidence: '7,5' }), { confidence: 'error_confidence_invalid' }],
			['a word as confidence', () => ({ confidence: 'hoch' }), { confidence: 'error_confidence_invalid' }],
			['no confidence', () => ({ confidence: '' }), { confidence: 'error_confidence_invalid' }],
			['neither what happened nor what was decided', () => ({ happened: '  ', decided: '\n' }), { happened: 'error_check_in_empty' }],
			['what happened over 5000 characters', () => ({ happened: 'x'.repeat(MAX_TEXT + 1) }), { happened: 'error_text_too_long' }],
			['what was decided over 5000 characters', () => ({ decided: 'x'.repeat(MAX_TEXT + 1) }), { decided: 'error_text_too_long' }],
			['participants over 5000 characters', () => ({ participants: 'x'.repeat(MAX_TEXT + 1) }), { participants: 'error_text_too_long' }],
			[
				'several problems at once',
				() => ({ date: '', overall: 'x', confidence: '12', happened: '', decided: '' }),
				{ date: 'error_check_in_date_required', overall: 'error_check_in_overall_required', confidence: 'error_confidence_invalid', happened: 'error_check_in_empty' }
			]
		];

		it.each(INVALID)('refuses %s and writes nothing', async (_, fields, errors) => {
			const before = await loopCounts(t.db);
			await expectValidation(addCheckIn(t.db, member.actor, goalId, checkInInput(fields())), errors);
			expect(await loopCounts(t.db)).toEqual(before);
		});

		it('judges "future" against the given day', async () => {
			await expectValidation(addCheckIn(t.db, member.actor, goalId, checkInInput({ date: '2025-06-02' }), '2025-06-01'), { date: 'error_check_in_date_future' });
			const id = await addCheckIn(t.db, member.actor, goalId, checkInInput({ date: '2025-06-01' }), '2025-06-01');
			expect((await listCheckIns(t.db, member.actor, goalId)).map((c) => c.id)).toContain(id);
		});

		it('is written by the tandem and the integration office; others of the town 403, other towns 404', async () => {
			const before = await loopCounts(t.db);
			await expectHttpStatus(addCheckIn(t.db, head.actor, goalId, checkInInput()), 403);
			await expectHttpStatus(addCheckIn(t.db, plain.actor, goalId, checkInInput()), 403);
			await expectHttpStatus(addCheckIn(t.db, town.admin.actor, goalId, checkInInput()), 403);
			await expectHttpStatus(addCheckIn(t.db, outsider.actor, goalId, checkInInput()), 404);
			await expectHttpStatus(addCheckIn(t.db, member.actor, otherTownGoalId, checkInInput()), 404);
			await expectHttpStatus(addCheckIn(t.db, member.actor, UNKNOWN_ID, checkInInput()), 404);
			await expectHttpStatus(addCheckIn(t.db, member.actor, 'kein-ziel', checkInInput()), 404);
			await expectHttpStatus(addCheckIn(t.db, head.actor, goalId, checkInInput({ date: '' })), 403);
			expect(await loopCounts(t.db)).toEqual(before);
			await addCheckIn(t.db, focus.actor, goalId, checkInInput());
			await addCheckIn(t.db, focus2.actor, goalId, checkInInput());
			expect(await loopCounts(t.db)).toEqual({ ...before, checkIns: before.checkIns + 2 });
		});

		it('is read by every member of the town, by nobody else', async () => {
			const ids = (await listCheckIns(t.db, member.actor, goalId)).map((c) => c.id);
			expect(ids.length).toBeGreaterThan(0);
			for (const reader of [head, plain, focus2, town.admin]) expect((await listCheckIns(t.db, reader.actor, goalId)).map((c) => c.id)).toEqual(ids);
			await expectHttpStatus(listCheckIns(t.db, outsider.actor, goalId), 404);
			await expectHttpStatus(listCheckIns(t.db, member.actor, UNKNOWN_ID), 404);
			await expectHttpStatus(listCheckIns(t.db, member.actor, 'kein-ziel'), 404);
		});

		describe('interval', () => {
			let intervalGoalId: string;
			beforeAll(async () => {
				intervalGoalId = await createGoal(t.db, member.actor, { tandemId, title: 'Abstand' });
			});
			const months = async () => (await storedGoal(t.db, intervalGoalId)).checkInMonths;

			it('starts at the default of three months', async () => {
				expect(await months()).toBe(DEFAULT_CHECK_IN_MONTHS);
			});

			it.each([
				['1', 1],
				['24', 24],
				[' 6 ', 6],
				['06', 6],
				['12', 12]
			])('takes %j months', async (input, stored) => {
				await setCheckInInterval(t.db, member.actor, intervalGoalId, input);
				expect(await months()).toBe(stored);
			});

			it.each(['0', '25', 'x', '', '-1', '1.5', '100'])('refuses %j (field checkInMonths) and keeps the interval', async (input) => {
				await setCheckInInterval(t.db, member.actor, intervalGoalId, '5');
				await expectValidation(setCheckInInterval(t.db, member.actor, intervalGoalId, input), { checkInMonths: 'error_check_in_interval_invalid' });
				expect(await months()).toBe(5);
			});

			it('is set by the tandem and the integration office; others of the town 403, other towns 404', async () => {
				await setCheckInInterval(t.db, focus2.actor, intervalGoalId, '4');
				expect(await months()).toBe(4);
				await expectHttpStatus(setCheckInInterval(t.db, head.actor, intervalGoalId, '9'), 403);
				await expectHttpStatus(setCheckInInterval(t.db, plain.actor, intervalGoalId, '9'), 403);
				await expectHttpStatus(setCheckInInterval(t.db, outsider.actor, intervalGoalId, '9'), 404);
				await expectHttpStatus(setCheckInInterval(t.db, member.actor, UNKNOWN_ID, '9'), 404);
				await expectHttpStatus(setCheckInInterval(t.db, member.actor, 'kein-ziel', '9'), 404);
				expect(await months()).toBe(4);
			});

			it('makes the next check-in due one stored interval after the last one (or after the start)', async () => {
				const since = '2025-01-31';
				const dueNow = async () => {
					const [last] = await listCheckIns(t.db, head.actor, intervalGoalId);
					return checkInDue(last?.date ?? null, since, await months());
				};
				await setCheckInInterval(t.db, member.actor, intervalGoalId, '3');
				expect(await dueNow()).toBe('2025-04-30');
				await setCheckInInterval(t.db, member.actor, intervalGoalId, '1');
				expect(await dueNow()).toBe('2025-02-28');

				await addCheckIn(t.db, member.actor, intervalGoalId, checkInInput({ date: '2025-05-31' }));
				expect(await dueNow()).toBe('2025-06-30');
				// An older check-in entered later does not move the due date back.
				await addCheckIn(t.db, member.actor, intervalGoalId, checkInInput({ date: '2025-04-15' }));
				expect(await dueNow()).toBe('2025-06-30');
				await setCheckInInterval(t.db, focus.actor, intervalGoalId, '6');
				expect(await dueNow()).toBe('2025-11-30');
				await setCheckInInterval(t.db, focus.actor, intervalGoalId, '24');
				expect(await dueNow()).toBe('2027-05-31');
			});
		});
	});
});
