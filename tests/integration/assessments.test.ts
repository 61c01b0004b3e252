import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { assessment, goal } from '../../src/lib/server/db/schema';
import type { Db } from '../../src/lib/server/db';
import {
	assessmentDocName,
	createAssessment,
	deleteAssessment,
	getAssessment,
	latestAssessment,
	listAssessments,
	projectAssessment,
	startGoalForCriterion
} from '../../src/lib/server/assessments/assessments';
import { municipalityView } from '../../src/lib/server/monitoring/monitoring';
import { loadState } from '../../src/lib/server/documents/update-log';
import { createTandem } from '../../src/lib/server/tandems/tandems';
import { assessmentText, readAssessmentContent, setRating } from '../../src/lib/shared/assessment-doc';
import { CRITERION_ITEMS } from '../../src/lib/shared/assessment';
import { replaceText } from '../../src/lib/shared/goal-doc';
import { berlinToday } from '../../src/lib/shared/smart';
import { backends, createTown, signInAs, useTestDatabase, type SignedIn, type Town } from '../support/db';
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

	it('is started by the focus office or an admin at a date not in the future', async () => {
		const first = await createAssessment(t.db, focus.actor, { assessedOn: '2025-03-01' });
		expect(await row(t.db, first)).toMatchObject({ assessedOn: '2025-03-01', stage: 'A', ratings: expect.objectContaining({ agreements: null }) });
		await createAssessment(t.db, town.admin.actor, { assessedOn: '2025-02-01' });
		await expectHttpStatus(createAssessment(t.db, member.actor, { assessedOn: '2025-03-01' }), 403);
		await expectValidation(createAssessment(t.db, focus.actor, { assessedOn: '3000-01-01' }), { assessedOn: 'error_assessment_date_range' });
		await expectValidation(createAssessment(t.db, focus.actor, { assessedOn: '2025-02-30' }), { assessedOn: 'error_date_invalid' });
		expect((await getAssessment(t.db, member.actor, first)).canEdit).toBe(false);
		await expectHttpStatus(getAssessment(t.db, outsider.actor, first), 404);
		expect(await listAssessments(t.db, outsider.actor)).toEqual([]);
	});

	it('derives the stage from the co-authored ratings, and a new one starts from the latest', async () => {
		const id = await createAssessment(t.db, focus.actor, { assessedOn: '2025-06-01' });
		const rate = (ratings: Partial<Record<(typeof CRITERION_ITEMS)[number], number>>, note?: string) =>
			changeStoredDoc(t.db, assessmentDocName(id), focus, (doc) => {
				for (const [item, value] of Object.entries(ratings)) setRating(doc, item as never, value);
				if (note) replaceText(assessmentText(doc, { note: 'attention' })!, note);
				if (note) replaceText(assessmentText(doc, { links: 'attention' })!, 'https://example.org/ratsbeschluss\nkein link');
			}, readAssessmentContent).then((content) => projectAssessment(t.db, id, content));
		await rate({ agreements: 2, attention: 2 }, 'Ratsbeschluss 2024');
		expect(await row(t.db, id)).toMatchObject({ stage: 'B', notes: { attention: 'Ratsbeschluss 2024' }, links: { attention: ['https://example.org/ratsbeschluss'] } });
		await rate({ funding: 2, organisation: 2, commissioner: 3 });
		expect((await row(t.db, id)).stage).toBe('C');
		expect((await municipalityView(t.db, focus.actor, berlinToday())).assessment).toMatchObject({ id, stage: 'C' });
		expect((await latestAssessment(t.db, town.municipalityId, '2025-05-31'))?.id).not.toBe(id);

		const next = await createAssessment(t.db, focus.actor, { assessedOn: '2025-09-01', carryOver: true });
		expect(await row(t.db, next)).toMatchObject({ stage: 'C', ratings: expect.objectContaining({ commissioner: 3 }), notes: { attention: 'Ratsbeschluss 2024' } });
		expect((await listAssessments(t.db, focus.actor)).map((a) => a.assessedOn)).toEqual(['2025-02-01', '2025-03-01', '2025-06-01', '2025-09-01']);
	});

	it('is deleted by the focus office or an admin, document and all', async () => {
		const id = await createAssessment(t.db, focus.actor, { assessedOn: '2024-01-01' });
		await expectHttpStatus(deleteAssessment(t.db, member.actor, id), 403);
		await expectHttpStatus(deleteAssessment(t.db, outsider.actor, id), 404);
		await deleteAssessment(t.db, town.admin.actor, id);
		await expectHttpStatus(getAssessment(t.db, focus.actor, id), 404);
		expect((await loadState(t.db, assessmentDocName(id))).state).toBeNull();
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
