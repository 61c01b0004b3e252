import { isRedirect } from '@sveltejs/kit';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setDbHandle } from '../../src/lib/server/db';
import { docUpdate, goal } from '../../src/lib/server/db/schema';
import { createGoal } from '../../src/lib/server/goals/goals';
import { goalDocName } from '../../src/lib/server/goals/projection';
import { paraglideMiddleware } from '../../src/lib/paraglide/server';
import { actions as newGoalActions } from '../../src/routes/(app)/goals/new/+page.server';
import { backends, useTestDatabase } from '../support/db';
import { expectHttpStatus, expectValidation } from '../support/expect';
import { goalWorld, storedUpdates, type GoalWorld } from '../support/sync';

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
});
