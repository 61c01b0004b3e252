import { isRedirect } from '@sveltejs/kit';
import { eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setDbHandle } from '../../src/lib/server/db';
import {
	adjustment,
	checkIn,
	docCheckpoint,
	docUpdate,
	experiment,
	goal,
	goalSignoff,
	indicator,
	measurement,
	measurementAudit,
	measurementImport
} from '../../src/lib/server/db/schema';
import { compact } from '../../src/lib/server/documents/update-log';
import { createGoal, getGoal, listGoals } from '../../src/lib/server/goals/goals';
import { deleteDraftGoal } from '../../src/lib/server/goals/deletion';
import { goalDocName } from '../../src/lib/server/goals/projection';
import { signOffGoal } from '../../src/lib/server/goals/signoff';
import { addMeasurement, deleteMeasurement } from '../../src/lib/server/measurements/measurements';
import { uploadImport } from '../../src/lib/server/measurements/import';
import { dueList } from '../../src/lib/server/measurements/due';
import { addExperiment } from '../../src/lib/server/loop/experiments';
import { addCheckIn } from '../../src/lib/server/loop/check-ins';
import { municipalityView } from '../../src/lib/server/monitoring/monitoring';
import { createSnapshot } from '../../src/lib/server/snapshots/snapshots';
import { createAgreement } from '../../src/lib/server/agreements/agreements';
import { agreementDocName, projectAgreement } from '../../src/lib/server/agreements/projection';
import { paraglideMiddleware } from '../../src/lib/paraglide/server';
import { actions as newGoalActions } from '../../src/routes/(app)/goals/new/+page.server';
import { linkGoal, readAgreementContent } from '../../src/lib/shared/agreement-doc';
import { CloseCode } from '../../src/lib/shared/documents';
import { addIndicator, goalRoot } from '../../src/lib/shared/goal-doc';
import { berlinToday } from '../../src/lib/shared/smart';
import { addDays } from '../../src/lib/server/measurements/due';
import type { SignedIn } from '../support/db';
import { backends, useTestDatabase } from '../support/db';
import { expectConflict, expectHttpStatus, expectValidation } from '../support/expect';
import { changeStoredDoc, editGoal } from '../support/goals';
import { entry } from '../support/measurements';
import { cookie, delay, goalWorld, handshake, startSync, storedUpdates, waitFor, type GoalWorld } from '../support/sync';

describe.each(backends)('draft goals on %s', (backend) => {
	const t = useTestDatabase(backend);
	let world: GoalWorld;

	beforeAll(async () => {
		world = await goalWorld(t.db);
		setDbHandle(t.handle);
	});
	afterAll(() => setDbHandle(undefined));

	const goalCount = async () => (await t.db.select({ id: goal.id }).from(goal).where(eq(goal.municipalityId, world.town.municipalityId))).length;
	const updateCount = async () => (await t.db.select({ n: sql<number>`count(*)::int` }).from(docUpdate))[0]!.n;

	/** A draft of the Bildung tandem with one yearly indicator, its deadline in ten days. */
	async function draft(title: string, by: SignedIn = world.as.bildung): Promise<{ id: string; indicatorId: string; hash: string }> {
		const id = await createGoal(t.db, by.actor, { tandemId: world.tandemId, title, criterion: 'reach' });
		let indicatorId = '';
		const hash = await editGoal(t.db, id, by, (doc) => {
			goalRoot(doc).set('deadline', addDays(berlinToday(), 10));
			indicatorId = addIndicator(doc, { name: 'Übergangsquote', unit: '%', baselineValue: 30, baselineDate: '2024-12-31', targetValue: 40 });
		});
		return { id, indicatorId, hash };
	}

	describe('starting a goal', () => {
		it('asks for a title first and stores nothing without one', async () => {
			const [goals, updates] = [await goalCount(), await updateCount()];
			const bildung = world.as.bildung.actor;
			await expectValidation(createGoal(t.db, bildung, { tandemId: world.tandemId, title: '   ' }), { title: 'error_goal_title_required' });
			await expectValidation(createGoal(t.db, bildung, { tandemId: world.tandemId, title: 'x'.repeat(501) }), { title: 'error_goal_title_too_long' });
			await expectValidation(createGoal(t.db, bildung, { tandemId: world.tandemId, title: 'Eltern', criterion: 'unbekannt' }), { criterion: 'error_criterion_unknown' });
			// Every problem at once; a person who may not write in the tandem is refused before any of them.
			await expectValidation(createGoal(t.db, bildung, { tandemId: 'kein-tandem', title: '' }), { tandemId: 'error_tandem_unknown', title: 'error_goal_title_required' });
			await expectHttpStatus(createGoal(t.db, world.as.leitung.actor, { tandemId: world.tandemId, title: '' }), 403);
			expect([await goalCount(), await updateCount()]).toEqual([goals, updates]);

			const id = await createGoal(t.db, bildung, { tandemId: world.tandemId, title: '  Eltern erreichen ', criterion: 'attention' });
			expect((await t.db.select().from(goal).where(eq(goal.id, id)))[0]).toMatchObject({ title: 'Eltern erreichen', criterion: 'attention', status: 'draft' });
			expect(await storedUpdates(t.db, goalDocName(id))).toHaveLength(1);
		});

		it('answers the form with what was typed and the error in the page’s language', async () => {
			const post = (path: string, values: Record<string, string>) => {
				const body = new FormData();
				for (const [key, value] of Object.entries(values)) body.set(key, value);
				return paraglideMiddleware(new Request(`http://localhost${path}`, { method: 'POST', body }), ({ request }) =>
					newGoalActions.default({ request, locals: { actor: world.as.bildung.actor } } as never)
				);
			};
			const goals = await goalCount();
			const typed = { tandemId: world.tandemId, title: ' ', criterion: 'reach' };
			expect(await post('/goals/new', typed)).toMatchObject({ status: 400, data: { values: typed, errors: { title: 'Bitte geben Sie dem Ziel einen Titel.' } } });
			expect(await post('/en/goals/new', typed)).toMatchObject({ status: 400, data: { values: typed, errors: { title: 'Please give the goal a title.' } } });
			expect(await goalCount()).toBe(goals);

			const created = await post('/en/goals/new', { ...typed, title: 'Mentoring' }).then(
				() => undefined,
				(thrown: unknown) => thrown
			);
			expect(isRedirect(created) && created.status === 303 ? created.location : created).toMatch(/^\/en\/goals\/[0-9a-f-]{36}$/);
			expect(await goalCount()).toBe(goals + 1);
		});
	});

	describe('deleting a draft', () => {
		/** Every row that hangs on a goal and its indicator. */
		async function rowsOf(id: string, indicatorId: string) {
			const count = async (rows: Promise<unknown[]>) => (await rows).length;
			return {
				goal: await count(t.db.select({ id: goal.id }).from(goal).where(eq(goal.id, id))),
				indicators: await count(t.db.select({ id: indicator.id }).from(indicator).where(eq(indicator.goalId, id))),
				signoffs: await count(t.db.select({ id: goalSignoff.id }).from(goalSignoff).where(eq(goalSignoff.goalId, id))),
				adjustments: await count(t.db.select({ id: adjustment.id }).from(adjustment).where(eq(adjustment.goalId, id))),
				audit: await count(t.db.select({ id: measurementAudit.id }).from(measurementAudit).where(eq(measurementAudit.indicatorId, indicatorId))),
				imports: await count(t.db.select({ id: measurementImport.id }).from(measurementImport).where(eq(measurementImport.indicatorId, indicatorId))),
				updates: await count(t.db.select({ id: docUpdate.id }).from(docUpdate).where(eq(docUpdate.docName, goalDocName(id)))),
				checkpoints: await count(t.db.select({ name: docCheckpoint.docName }).from(docCheckpoint).where(eq(docCheckpoint.docName, goalDocName(id))))
			};
		}

		it('deletes a never agreed draft with everything that hangs on it; lists and counts forget it', async () => {
			const { id, indicatorId, hash } = await draft('Aus Versehen angelegt');
			const bildung = world.as.bildung.actor;
			// One side signed (not agreed); a value entered and taken back; an import previewed.
			await signOffGoal(t.db, world.as.focus.actor, { goalId: id, contentHash: hash });
			await deleteMeasurement(t.db, bildung, await addMeasurement(t.db, bildung, indicatorId, entry({ date: '2025-06-30', value: '31' }), 'de'));
			await uploadImport(t.db, bildung, indicatorId, new File(['Datum;Wert\n31.12.2025;33\n'], 'werte.csv', { type: 'text/csv' }));
			await compact(t.db, goalDocName(id), 0);

			expect((await getGoal(t.db, bildung, id))!.canDelete).toBe(true);
			expect((await getGoal(t.db, world.as.leitung.actor, id))!.canDelete).toBe(false);
			const today = berlinToday();
			const draftsBefore = (await municipalityView(t.db, world.as.leitung.actor, today)).departments.find((d) => d.name === 'Bildung')!.goalsByStatus.draft;
			expect((await dueList(t.db, bildung, today)).deadlines.map((d) => d.goalId)).toContain(id);
			expect((await municipalityView(t.db, bildung, today)).criteria.find((c) => c.criterion === 'reach')!.goals.map((g) => g.id)).toContain(id);

			expect(await rowsOf(id, indicatorId)).toEqual({ goal: 1, indicators: 1, signoffs: 1, adjustments: 0, audit: 2, imports: 1, updates: 2, checkpoints: 1 });
			await deleteDraftGoal(t.db, bildung, id);
			expect(await rowsOf(id, indicatorId)).toEqual({ goal: 0, indicators: 0, signoffs: 0, adjustments: 0, audit: 0, imports: 0, updates: 0, checkpoints: 0 });

			expect((await listGoals(t.db, bildung)).map((g) => g.id)).not.toContain(id);
			expect((await dueList(t.db, bildung, today)).deadlines.map((d) => d.goalId)).not.toContain(id);
			const view = await municipalityView(t.db, world.as.leitung.actor, today);
			expect(view.criteria.find((c) => c.criterion === 'reach')!.goals.map((g) => g.id)).not.toContain(id);
			expect(view.departments.find((d) => d.name === 'Bildung')!.goalsByStatus.draft).toBe(draftsBefore - 1);
			await expectHttpStatus(deleteDraftGoal(t.db, bildung, id), 404);
		});

		it('refuses a goal with measurements, approaches, reviews, an agreement once, a report or an agreement naming it, and says why', async () => {
			const bildung = world.as.bildung.actor;
			const measured = await draft('Gemessen');
			await addMeasurement(t.db, bildung, measured.indicatorId, entry({ date: '2025-06-30', value: '31' }), 'de');
			const tried = await draft('Ausprobiert');
			await addExperiment(t.db, bildung, tried.id, { title: 'Elternabend', hypothesis: '', indicatorIds: [], startDate: '', endDate: '', status: 'planned', learned: '', decision: '' });
			const reviewed = await draft('Besprochen');
			await addCheckIn(t.db, bildung, reviewed.id, { date: '2025-06-30', overall: 'onTrack', confidence: '6', happened: 'Erstes Gespräch', decided: '', participants: '' });
			// Agreed once, changed since: no longer agreed, but it was.
			const agreed = await draft('Vereinbart');
			await signOffGoal(t.db, world.as.focus.actor, { goalId: agreed.id, contentHash: agreed.hash });
			await signOffGoal(t.db, bildung, { goalId: agreed.id, contentHash: agreed.hash });
			await editGoal(t.db, agreed.id, world.as.bildung, (doc) => goalRoot(doc).set('deadline', '2031-12-31'));
			expect((await t.db.select({ status: goal.status }).from(goal).where(eq(goal.id, agreed.id)))[0]!.status).toBe('changed');
			const reported = await draft('Berichtet');
			await createSnapshot(t.db, world.as.focus.actor, {
				title: 'Bericht',
				refDate: berlinToday(),
				goalIds: [reported.id],
				departmentIds: [],
				commentary: '',
				goalCommentary: {},
				minCases: '',
				previousId: 'none',
				locale: 'de'
			});
			const named = await draft('In einer Vereinbarung');
			const agreementId = await createAgreement(t.db, world.as.focus.actor, { departmentId: world.town.departments.Bildung!, title: 'Verstetigung' });
			const content = await changeStoredDoc(t.db, agreementDocName(agreementId), world.as.focus, (doc) => linkGoal(doc, named.id, true), readAgreementContent);
			await projectAgreement(t.db, agreementId, content);

			const cases: [string, string][] = [
				[measured.id, 'error_goal_delete_measurements'],
				[tried.id, 'error_goal_delete_experiments'],
				[reviewed.id, 'error_goal_delete_check_ins'],
				[agreed.id, 'error_goal_delete_agreed'],
				[reported.id, 'error_goal_delete_snapshots'],
				[named.id, 'error_goal_delete_agreements']
			];
			for (const [id, reason] of cases) {
				expect((await getGoal(t.db, bildung, id))!.canDelete, reason).toBe(false);
				await expectConflict(deleteDraftGoal(t.db, bildung, id), [reason]);
			}
			const ids = cases.map(([id]) => id);
			expect((await t.db.select({ id: goal.id }).from(goal).where(inArray(goal.id, ids))).length).toBe(ids.length);
			expect((await t.db.select({ id: measurement.id }).from(measurement).where(eq(measurement.goalId, measured.id))).length).toBe(1);
			expect((await t.db.select({ id: experiment.id }).from(experiment).where(eq(experiment.goalId, tried.id))).length).toBe(1);
			expect((await t.db.select({ id: checkIn.id }).from(checkIn).where(eq(checkIn.goalId, reviewed.id))).length).toBe(1);
			for (const id of ids) expect(await storedUpdates(t.db, goalDocName(id))).not.toHaveLength(0);
		});

		it('lets those who write the goal delete it: readers and other departments are refused, other municipalities find nothing', async () => {
			const { id } = await draft('Nur für das Tandem');
			await expectHttpStatus(deleteDraftGoal(t.db, world.as.leitung.actor, id), 403);
			await expectHttpStatus(deleteDraftGoal(t.db, world.as.jugend.actor, id), 403);
			await expectHttpStatus(deleteDraftGoal(t.db, world.town.admin.actor, id), 403);
			await expectHttpStatus(deleteDraftGoal(t.db, world.as.foreign.actor, id), 404);
			await expectHttpStatus(deleteDraftGoal(t.db, world.as.foreign.actor, 'kein-ziel'), 404);
			expect(await goalCount()).toBeGreaterThan(0);
			expect((await t.db.select({ id: goal.id }).from(goal).where(eq(goal.id, id))).length).toBe(1);
			// Every integration office member writes every goal, so may take back a draft too.
			await deleteDraftGoal(t.db, world.as.focus2.actor, id);
			expect((await t.db.select({ id: goal.id }).from(goal).where(eq(goal.id, id))).length).toBe(0);
		});

		it('closes the open sockets of the deleted goal’s document and refuses new ones', async () => {
			const sync = await startSync(t.db);
			try {
				const { id } = await draft('Gleich wieder weg');
				const name = goalDocName(id);
				const [writer, reader] = [sync.connect(world.as.bildung.token, name), sync.connect(world.as.leitung.token, name)];
				await Promise.all([writer.synced(), reader.synced()]);
				await deleteDraftGoal(t.db, world.as.bildung.actor, id);
				await waitFor(() => writer.closes.includes(CloseCode.forbidden) && reader.closes.includes(CloseCode.forbidden), 'both sockets to be closed with 4403');
				writer.destroy();
				reader.destroy();
				const upgrade = await handshake(sync.port, `/sync/${name}`, { cookie: cookie(world.as.bildung.token), origin: sync.origin });
				expect(upgrade).toBe('close 4403');
				// The room let go of the document without writing it back.
				await delay(200);
				expect(await storedUpdates(t.db, name)).toEqual([]);
			} finally {
				await sync.close();
			}
		});
	});
});
