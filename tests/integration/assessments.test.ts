import fs from 'node:fs';
import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { assessment, goal } from '../../src/lib/server/db/schema';
import { rowsOf, type Db } from '../../src/lib/server/db';
import {
	assessmentDocName,
	completeAssessment,
	createAssessment,
	deleteAssessment,
	freezeAssessment,
	getAssessment,
	latestCompletedAssessment,
	listAssessments,
	projectAssessment,
	startGoalForCriterion
} from '../../src/lib/server/assessments/assessments';
import { documentAccess } from '../../src/lib/server/access/targets';
import { municipalityView } from '../../src/lib/server/monitoring/monitoring';
import { loadState } from '../../src/lib/server/documents/update-log';
import { createTandem } from '../../src/lib/server/tandems/tandems';
import { assessmentText, readAssessmentContent, setRating } from '../../src/lib/shared/assessment-doc';
import type { CriterionItem } from '../../src/lib/shared/assessment';
import { replaceText } from '../../src/lib/shared/goal-doc';
import { berlinToday } from '../../src/lib/shared/smart';
import { backends, createTown, migrateTestDatabase, migrationsUpTo, openTestDatabase, signInAs, useTestDatabase, type SignedIn, type Town } from '../support/db';
import { expectHttpStatus, expectValidation } from '../support/expect';
import { changeStoredDoc } from '../support/goals';

const row = async (db: Db, id: string) => (await db.select().from(assessment).where(eq(assessment.id, id)))[0]!;

describe.each(backends)('assessments on %s', (backend) => {
	const t = useTestDatabase(backend);
	let town: Town;
	let focus: SignedIn, member: SignedIn, outsider: SignedIn;
	let tandemId: string;

	beforeAll(async () => {
		town = await createTown(t.db, {
			departments: ['Bildung'],
			people: { focus: { roles: ['focus'] }, member: { roles: ['member'], department: 'Bildung' } }
		});
		const other = await createTown(t.db, { people: { focus: { roles: ['focus'] } } });
		[focus, member, outsider] = await Promise.all([signInAs(t.db, town.people.focus!), signInAs(t.db, town.people.member!), signInAs(t.db, other.people.focus!)]);
		tandemId = await createTandem(t.db, focus.actor, { name: 'Tandem Bildung', departmentId: town.departments.Bildung!, membershipIds: [focus.actor.membershipId, member.actor.membershipId] });
	});

	/** Rates in the stored document as the sync server would, optionally with the projection. */
	const rate = (id: string, ratings: Partial<Record<CriterionItem, number>>, options: { note?: string; project?: boolean } = {}) =>
		changeStoredDoc(t.db, assessmentDocName(id), focus, (doc) => {
			for (const [item, value] of Object.entries(ratings)) setRating(doc, item as CriterionItem, value);
			if (options.note) replaceText(assessmentText(doc, { note: 'attention' })!, options.note);
			if (options.note) replaceText(assessmentText(doc, { links: 'attention' })!, 'https://example.org/ratsbeschluss\nkein link');
		}, readAssessmentContent).then((content) => (options.project === false ? undefined : projectAssessment(t.db, id, content)));
	const stageNow = async () => (await municipalityView(t.db, focus.actor, berlinToday())).assessment;

	it('is started as a draft by the focus office or an admin at a date not in the future', async () => {
		const first = await createAssessment(t.db, focus.actor, { assessedOn: '2025-03-01' });
		expect(await row(t.db, first)).toMatchObject({ assessedOn: '2025-03-01', stage: 'A', ratings: expect.objectContaining({ agreements: null }), completedAt: null, completedBy: null });
		await createAssessment(t.db, town.admin.actor, { assessedOn: '2025-02-01' });
		await expectHttpStatus(createAssessment(t.db, member.actor, { assessedOn: '2025-03-01' }), 403);
		await expectValidation(createAssessment(t.db, focus.actor, { assessedOn: '3000-01-01' }), { assessedOn: 'error_assessment_date_range' });
		await expectValidation(createAssessment(t.db, focus.actor, { assessedOn: '2025-02-30' }), { assessedOn: 'error_date_invalid' });
		expect(await getAssessment(t.db, member.actor, first)).toMatchObject({ canEdit: false, canComplete: false });
		expect(await getAssessment(t.db, town.admin.actor, first)).toMatchObject({ canEdit: true, canComplete: false });
		expect(await getAssessment(t.db, focus.actor, first)).toMatchObject({ canEdit: true, canComplete: true });
		await expectHttpStatus(getAssessment(t.db, outsider.actor, first), 404);
		expect(await listAssessments(t.db, outsider.actor)).toEqual([]);
	});

	it('derives a draft’s stage from the co-authored ratings, without changing where the municipality stands', async () => {
		const id = await createAssessment(t.db, focus.actor, { assessedOn: '2025-06-01' });
		await rate(id, { agreements: 2, attention: 2 }, { note: 'Ratsbeschluss 2024' });
		expect(await row(t.db, id)).toMatchObject({ stage: 'B', notes: { attention: 'Ratsbeschluss 2024' }, links: { attention: ['https://example.org/ratsbeschluss'] } });
		await rate(id, { funding: 2, organisation: 2, commissioner: 3 });
		expect((await row(t.db, id)).stage).toBe('C');
		// Only drafts so far: no stage for anyone, in the municipality view or a report.
		expect(await stageNow()).toBeUndefined();
		expect(await latestCompletedAssessment(t.db, town.municipalityId)).toBeUndefined();
		expect(await freezeAssessment(t.db, town.municipalityId, berlinToday())).toBeUndefined();
	});

	it('is completed by the integration office alone, once, with the stored document as its final ratings', async () => {
		const id = await createAssessment(t.db, focus.actor, { assessedOn: '2025-07-01' });
		await rate(id, { agreements: 2, attention: 2 });
		await expectHttpStatus(completeAssessment(t.db, member.actor, id), 403);
		await expectHttpStatus(completeAssessment(t.db, town.admin.actor, id), 403);
		await expectHttpStatus(completeAssessment(t.db, outsider.actor, id), 404);
		await expectHttpStatus(completeAssessment(t.db, outsider.actor, crypto.randomUUID()), 404);
		expect((await row(t.db, id)).completedAt).toBeNull();

		// Stored but not projected yet (the sync server projects a moment later): the completion projects it.
		await rate(id, { funding: 3, organisation: 3, commissioner: 3 }, { project: false });
		expect((await row(t.db, id)).stage).toBe('B');
		await completeAssessment(t.db, focus.actor, id);
		const completed = await row(t.db, id);
		expect(completed).toMatchObject({ stage: 'C', ratings: expect.objectContaining({ funding: 3 }), completedBy: focus.actor.userId });
		expect(completed.completedAt).toBeInstanceOf(Date);
		expect(await stageNow()).toMatchObject({ id, stage: 'C' });

		// Read-only for ever: for every role, in the page and on the sync server; completed once.
		await expectValidation(completeAssessment(t.db, focus.actor, id), { assessment: 'error_assessment_completed' });
		for (const person of [focus, town.admin, member]) {
			expect(await getAssessment(t.db, person.actor, id)).toMatchObject({ canEdit: false, canComplete: false, completedByName: town.people.focus!.name });
			expect(await documentAccess(t.db, person.actor, { kind: 'assessment', id })).toBe('read');
		}
		// A projection of a later document changes nothing.
		const content = await changeStoredDoc(t.db, assessmentDocName(id), focus, (doc) => setRating(doc, 'agreements', 0), readAssessmentContent);
		expect(await projectAssessment(t.db, id, content)).toEqual({ changed: false, municipalityId: town.municipalityId });
		expect(await row(t.db, id)).toEqual(completed);
	});

	it('takes the stage from the latest completed assessment: a newer draft changes nothing', async () => {
		const [official] = (await listAssessments(t.db, focus.actor)).filter((a) => a.completedAt !== null);
		expect(official).toMatchObject({ assessedOn: '2025-07-01', stage: 'C' });
		const newer = await createAssessment(t.db, focus.actor, { assessedOn: '2025-08-01', carryOver: true });
		await rate(newer, { agreements: 0, attention: 0 });
		expect((await row(t.db, newer)).stage).toBe('A');
		expect(await stageNow()).toMatchObject({ id: official!.id, stage: 'C' });
		expect((await freezeAssessment(t.db, town.municipalityId, '2025-12-31'))?.id).toBe(official!.id);
		// Before the completed one's date there was none.
		expect(await freezeAssessment(t.db, town.municipalityId, '2025-06-30')).toBeUndefined();

		await completeAssessment(t.db, focus.actor, newer);
		expect(await stageNow()).toMatchObject({ id: newer, stage: 'A' });
		expect((await freezeAssessment(t.db, town.municipalityId, '2025-07-31'))?.id).toBe(official!.id);
		const listed = await listAssessments(t.db, member.actor);
		expect(listed.map((a) => [a.assessedOn, a.completedAt !== null])).toEqual([
			['2025-02-01', false],
			['2025-03-01', false],
			['2025-06-01', false],
			['2025-07-01', true],
			['2025-08-01', true]
		]);
	});

	it('starts a new draft from the latest completed one, not from a newer draft', async () => {
		const draft = await createAssessment(t.db, focus.actor, { assessedOn: '2025-09-01' });
		await rate(draft, { agreements: 1, attention: 1, funding: 0 }, { note: 'nur im Entwurf' });
		const next = await createAssessment(t.db, focus.actor, { assessedOn: '2025-10-01', carryOver: true });
		// The latest completed one is 2025-08-01 (agreements and attention 0, the rest from July).
		expect(await row(t.db, next)).toMatchObject({ stage: 'A', ratings: expect.objectContaining({ agreements: 0, attention: 0, funding: 3, commissioner: 3 }), notes: {}, completedAt: null });
		const fresh = await createAssessment(t.db, focus.actor, { assessedOn: '2025-10-02' });
		expect((await row(t.db, fresh)).ratings).toMatchObject({ agreements: null, funding: null });
	});

	it('deletes drafts with their document; a completed assessment stays on record', async () => {
		const id = await createAssessment(t.db, focus.actor, { assessedOn: '2024-01-01' });
		await expectHttpStatus(deleteAssessment(t.db, member.actor, id), 403);
		await expectHttpStatus(deleteAssessment(t.db, outsider.actor, id), 404);
		await deleteAssessment(t.db, town.admin.actor, id);
		await expectHttpStatus(getAssessment(t.db, focus.actor, id), 404);
		expect((await loadState(t.db, assessmentDocName(id))).state).toBeNull();

		const completed = await createAssessment(t.db, focus.actor, { assessedOn: '2024-02-01' });
		await completeAssessment(t.db, focus.actor, completed);
		await expectHttpStatus(deleteAssessment(t.db, member.actor, completed), 403);
		await expectHttpStatus(deleteAssessment(t.db, outsider.actor, completed), 404);
		for (const person of [focus, town.admin]) {
			await expectValidation(deleteAssessment(t.db, person.actor, completed), { assessment: 'error_assessment_completed_kept' });
		}
		expect((await row(t.db, completed)).completedAt).not.toBeNull();
		expect((await loadState(t.db, assessmentDocName(completed))).state).not.toBeNull();
	});

	it('starts a goal for a weak criterion in a tandem the person may write in', async () => {
		const id = await createAssessment(t.db, focus.actor, { assessedOn: '2025-10-01' });
		const goalId = await startGoalForCriterion(t.db, member.actor, { assessmentId: id, criterion: 'reach', tandemId });
		const [created] = await t.db.select().from(goal).where(eq(goal.id, goalId));
		expect(created).toMatchObject({ criterion: 'reach', title: 'Fokus vernetzen', tandemId });
		await expectValidation(startGoalForCriterion(t.db, member.actor, { assessmentId: id, criterion: 'unbekannt', tandemId }), { criterion: 'error_criterion_unknown' });
		await expectValidation(startGoalForCriterion(t.db, member.actor, { assessmentId: id, criterion: 'reach', tandemId: crypto.randomUUID() }), { tandemId: 'error_tandem_unknown' });
		await expectHttpStatus(startGoalForCriterion(t.db, town.admin.actor, { assessmentId: id, criterion: 'reach', tandemId }), 403);
		await expectHttpStatus(startGoalForCriterion(t.db, outsider.actor, { assessmentId: id, criterion: 'reach', tandemId }), 404);
	});
});

describe.each(backends)('a database from before assessments had drafts, on %s', (backend) => {
	it('counts the assessments it holds as completed once migrated, so no stage changes', async () => {
		const folder = migrationsUpTo('0005_assessments_and_agreements');
		const old = await openTestDatabase(backend, folder);
		try {
			// Written as the app of then wrote it (today's code would write columns the schema of then lacks).
			const slug = `alt-${crypto.randomUUID().slice(0, 8)}`;
			const [town] = await rowsOf<{ id: string }>(old.db, sql`insert into municipality (slug, name) values (${slug}, 'Altstadt') returning id`);
			const [admin] = await rowsOf<{ id: string }>(old.db, sql`insert into "user" (email, name, password_hash) values (${`${slug}@example.org`}, 'Anna Alt', 'x') returning id`);
			const projectedAt = new Date('2025-05-02T10:00:00Z');
			// The table has no completion columns yet.
			await old.db.execute(sql`insert into assessment (municipality_id, assessed_on, stage, created_by, projected_at) values (${town!.id}, '2025-05-01', 'B', ${admin!.id}, ${projectedAt.toISOString()})`);
			await migrateTestDatabase(old);
			const [migrated] = await old.db.select().from(assessment).where(eq(assessment.municipalityId, town!.id));
			expect(migrated).toMatchObject({ stage: 'B', completedAt: projectedAt, completedBy: admin!.id });
			expect(await latestCompletedAssessment(old.db, town!.id)).toEqual(migrated);
		} finally {
			await old.close();
			fs.rmSync(folder, { recursive: true, force: true });
		}
	});
});
