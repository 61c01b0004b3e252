import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { goal, indicator } from '../../src/lib/server/db/schema';
import type { Db } from '../../src/lib/server/db';
import { history, loadState } from '../../src/lib/server/documents/update-log';
import { closeGoal, reopenGoal, signOffGoal } from '../../src/lib/server/goals/signoff';
import { createGoal, listGoals, waitingForSignoff } from '../../src/lib/server/goals/goals';
import { goalDocName, rebuildProjection } from '../../src/lib/server/goals/projection';
import { restoreVersion } from '../../src/lib/server/goals/history';
import { createTandem } from '../../src/lib/server/tandems/tandems';
import { contentHash } from '../../src/lib/shared/content-hash';
import { addIndicator, goalRoot, goalText, readGoalContent, removeIndicator, replaceText } from '../../src/lib/shared/goal-doc';
import { backends, createTown, signInAs, useTestDatabase, type SignedIn, type Town } from '../support/db';
import { expectHttpStatus, expectValidation } from '../support/expect';
import { editGoal } from '../support/goals';

const row = async (db: Db, id: string) => (await db.select().from(goal).where(eq(goal.id, id)))[0]!;

describe.each(backends)('goals on %s', (backend) => {
	const t = useTestDatabase(backend);
	let town: Town;
	let other: Town;
	let focus: SignedIn, member: SignedIn, head: SignedIn, outsider: SignedIn;
	let tandemId: string;

	beforeAll(async () => {
		town = await createTown(t.db, {
			departments: ['Bildung', 'Jugend'],
			people: { focus: { roles: ['focus'] }, member: { roles: ['member'], department: 'Bildung' }, head: { roles: ['head'], department: 'Bildung' } }
		});
		other = await createTown(t.db, { departments: ['Bildung'], people: { focus: { roles: ['focus'] } } });
		[focus, member, head, outsider] = await Promise.all([
			signInAs(t.db, town.people.focus!),
			signInAs(t.db, town.people.member!),
			signInAs(t.db, town.people.head!),
			signInAs(t.db, other.people.focus!)
		]);
		tandemId = await createTandem(t.db, focus.actor, {
			name: 'Tandem Bildung',
			departmentId: town.departments.Bildung!,
			membershipIds: [town.people.focus!.membershipId, town.people.member!.membershipId]
		});
	});

	it('is started by the tandem or the focus office only, never for another municipality', async () => {
		const id = await createGoal(t.db, member.actor, { tandemId, title: 'Eltern erreichen' });
		expect(await row(t.db, id)).toMatchObject({ title: 'Eltern erreichen', status: 'draft', tandemId, departmentId: town.departments.Bildung });
		expect((await history(t.db, goalDocName(id)))[0]).toMatchObject({ userId: member.actor.userId, changes: 1 });
		await expectHttpStatus(createGoal(t.db, head.actor, { tandemId, title: 'Nicht hier' }), 403);
		await expectHttpStatus(createGoal(t.db, town.admin.actor, { tandemId, title: 'Nicht hier' }), 403);
		await expectValidation(createGoal(t.db, outsider.actor, { tandemId, title: 'Anderswo' }), { tandemId: 'error_tandem_unknown' });
		await expectValidation(createGoal(t.db, focus.actor, { tandemId: 'nope', title: 'Nirgends' }), { tandemId: 'error_tandem_unknown' });
	});

	it('goes draft → agreed → changed → agreed, signed over the content each side saw', async () => {
		const id = await createGoal(t.db, focus.actor, { tandemId, title: 'Übergänge verbessern' });
		let hash = await editGoal(t.db, id, member, (doc) => {
			replaceText(goalText(doc, 'forWhom')!, 'Jugendliche ohne Abschluss finden häufiger einen Ausbildungsplatz.');
			replaceText(goalText(doc, 'resources')!, 'Zwei Lernbegleiterinnen');
			goalRoot(doc).set('deadline', '2030-07-31');
			addIndicator(doc, { name: 'Übergangsquote', unit: '%', baselineValue: 37.5, baselineDate: '2025-07-31', targetValue: 45 });
		});
		expect(await row(t.db, id)).toMatchObject({ contentHash: hash, smartScore: 4, status: 'draft' });
		expect((await waitingForSignoff(t.db, member.actor)).map((g) => g.id)).toContain(id);

		await expectValidation(signOffGoal(t.db, focus.actor, { goalId: id, contentHash: 'something else' }), { contentHash: 'error_signoff_outdated' });
		await expectHttpStatus(signOffGoal(t.db, head.actor, { goalId: id, contentHash: hash }), 403);
		await expectHttpStatus(signOffGoal(t.db, outsider.actor, { goalId: id, contentHash: hash }), 404);

		await signOffGoal(t.db, focus.actor, { goalId: id, contentHash: hash });
		expect((await row(t.db, id)).status).toBe('draft');
		expect((await waitingForSignoff(t.db, focus.actor)).map((g) => g.id)).not.toContain(id);
		expect((await waitingForSignoff(t.db, member.actor)).map((g) => g.id)).toContain(id);
		await signOffGoal(t.db, member.actor, { goalId: id, contentHash: hash });
		expect(await row(t.db, id)).toMatchObject({ status: 'agreed', smartScore: 5 });
		expect((await waitingForSignoff(t.db, member.actor)).map((g) => g.id)).not.toContain(id);

		// A description or title change is not substantive; a deadline change is.
		await editGoal(t.db, id, member, (doc) => replaceText(goalText(doc, 'title')!, 'Übergänge deutlich verbessern'));
		expect((await row(t.db, id)).status).toBe('agreed');
		hash = await editGoal(t.db, id, member, (doc) => goalRoot(doc).set('deadline', '2030-12-31'));
		expect(await row(t.db, id)).toMatchObject({ status: 'changed', contentHash: hash });
		expect((await row(t.db, id)).smart!.ratings.acceptable).toMatchObject({ ok: false, reason: 'smart_acceptable_changed' });

		await signOffGoal(t.db, member.actor, { goalId: id, contentHash: hash });
		expect((await row(t.db, id)).status).toBe('changed');
		await signOffGoal(t.db, focus.actor, { goalId: id, contentHash: hash });
		expect((await row(t.db, id)).status).toBe('agreed');
	});

	it('closes with an outcome and a comment, refuses sign-offs then, and reopens', async () => {
		const id = await createGoal(t.db, focus.actor, { tandemId, title: 'Abschließen' });
		await expectValidation(closeGoal(t.db, member.actor, { goalId: id, outcome: '', comment: ' ' }), {
			outcome: 'error_outcome_required',
			comment: 'error_comment_required'
		});
		await expectHttpStatus(closeGoal(t.db, head.actor, { goalId: id, outcome: 'dropped', comment: 'x' }), 403);
		await expectHttpStatus(closeGoal(t.db, outsider.actor, { goalId: id, outcome: 'dropped', comment: 'x' }), 404);
		await closeGoal(t.db, member.actor, { goalId: id, outcome: 'dropped', comment: 'Vom Landesprogramm übernommen.' });
		expect(await row(t.db, id)).toMatchObject({ status: 'closed', closedOutcome: 'dropped', closingComment: 'Vom Landesprogramm übernommen.' });
		const { state } = await loadState(t.db, goalDocName(id));
		const doc = new Y.Doc();
		Y.applyUpdate(doc, state!);
		await expectValidation(signOffGoal(t.db, focus.actor, { goalId: id, contentHash: contentHash(readGoalContent(doc)) }), { goalId: 'error_goal_closed' });
		await reopenGoal(t.db, focus.actor, { goalId: id });
		expect(await row(t.db, id)).toMatchObject({ status: 'draft', closedAt: null, closedOutcome: null });
	});

	it('archives removed indicators (never deletes them) and rebuilds rows from the log', async () => {
		const id = await createGoal(t.db, focus.actor, { tandemId, title: 'Indikatoren' });
		let kept = '';
		let removed = '';
		await editGoal(t.db, id, member, (doc) => {
			kept = addIndicator(doc, { name: 'Bleibt', unit: '%' });
			removed = addIndicator(doc, { name: 'Geht', unit: '%' });
		});
		await editGoal(t.db, id, focus, (doc) => removeIndicator(doc, removed));
		const rows = await t.db.select().from(indicator).where(eq(indicator.goalId, id));
		expect(rows.find((r) => r.id === kept)).toMatchObject({ name: 'Bleibt', archivedAt: null });
		expect(rows.find((r) => r.id === removed)!.archivedAt).toBeInstanceOf(Date);

		await t.db.update(goal).set({ title: 'verdorben', contentHash: '', status: 'agreed' }).where(eq(goal.id, id));
		await rebuildProjection(t.db, id);
		expect(await row(t.db, id)).toMatchObject({ title: 'Indikatoren', status: 'draft' });
	});

	it('restores an earlier version as a new change by the restoring person', async () => {
		const id = await createGoal(t.db, focus.actor, { tandemId, title: 'Erste Fassung' });
		await editGoal(t.db, id, member, (doc) => replaceText(goalText(doc, 'forWhom')!, 'Erste Zielgruppe'));
		const [first] = await history(t.db, goalDocName(id), 0);
		await editGoal(t.db, id, member, (doc) => {
			replaceText(goalText(doc, 'title')!, 'Zweite Fassung');
			replaceText(goalText(doc, 'forWhom')!, 'Zweite Zielgruppe');
		});
		await expectHttpStatus(restoreVersion(t.db, head.actor, { goalId: id, upToId: first!.upToId }), 403);
		await expectValidation(restoreVersion(t.db, focus.actor, { goalId: id, upToId: 0 }), { upToId: 'error_version_unknown' });
		await restoreVersion(t.db, focus.actor, { goalId: id, upToId: first!.upToId });
		expect(await row(t.db, id)).toMatchObject({ title: 'Erste Fassung', forWhom: 'Erste Zielgruppe' });
		const entries = await history(t.db, goalDocName(id), 0);
		expect(entries[0]!.userId).toBe(focus.actor.userId);
		expect(entries.length).toBe(4);
	});

	it('lists the municipality’s goals with filters, nothing of another municipality', async () => {
		const closed = await createGoal(t.db, member.actor, { tandemId, title: 'Für die Liste' });
		await closeGoal(t.db, member.actor, { goalId: closed, outcome: 'achieved', comment: 'Erreicht.' });
		const all = await listGoals(t.db, head.actor);
		expect(all.map((g) => g.id)).toContain(closed);
		expect(all.every((g) => g.departmentName === 'Bildung' && g.tandemName === 'Tandem Bildung')).toBe(true);
		expect((await listGoals(t.db, head.actor, { status: 'closed' })).map((g) => g.id)).toEqual([closed]);
		expect((await listGoals(t.db, head.actor, { status: 'draft' })).map((g) => g.id)).not.toContain(closed);
		expect(await listGoals(t.db, head.actor, { departmentId: town.departments.Jugend })).toEqual([]);
		expect((await listGoals(t.db, head.actor, { tandemId })).length).toBe(all.length);
		expect(await listGoals(t.db, outsider.actor)).toEqual([]);
	});
});
