import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { snapshot } from '../../src/lib/server/db/schema';
import { agreementDocName, projectAgreement } from '../../src/lib/server/agreements/projection';
import { createAgreement, getAgreement } from '../../src/lib/server/agreements/agreements';
import { signAgreement } from '../../src/lib/server/agreements/signing';
import { assessmentDocName, completeAssessment, createAssessment, freezeAssessment, projectAssessment } from '../../src/lib/server/assessments/assessments';
import { createGoal } from '../../src/lib/server/goals/goals';
import { changesSince, createSnapshot, getSnapshot, type SnapshotInput } from '../../src/lib/server/snapshots/snapshots';
import { createTandem } from '../../src/lib/server/tandems/tandems';
import { agreementText, readAgreementContent } from '../../src/lib/shared/agreement-doc';
import { readAssessmentContent, setRating } from '../../src/lib/shared/assessment-doc';
import { replaceText } from '../../src/lib/shared/goal-doc';
import { backends, createTown, signInAs, useTestDatabase, type SignedIn, type Town } from '../support/db';
import { expectValidation } from '../support/expect';
import { backdateGoal, changeStoredDoc } from '../support/goals';

const input = (fields: Partial<SnapshotInput>): SnapshotInput => ({
	title: 'Bericht',
	refDate: '2026-06-30',
	goalIds: [],
	departmentIds: [],
	commentary: '',
	goalCommentary: {},
	minCases: '',
	previousId: '',
	locale: 'de',
	...fields
});

describe.each(backends)('council snapshots with assessments and agreements on %s', (backend) => {
	const t = useTestDatabase(backend);
	let town: Town;
	let focus: SignedIn, head: SignedIn;
	let goalId: string, agreementId: string, otherAgreement: string;

	const rate = async (id: string, ratings: Record<string, number>) => {
		const content = await changeStoredDoc(t.db, assessmentDocName(id), focus, (doc) => {
			for (const [item, value] of Object.entries(ratings)) setRating(doc, item as never, value);
		}, readAssessmentContent);
		await projectAssessment(t.db, id, content);
	};
	const editAgreement = async (change: (doc: Y.Doc) => void) => {
		const content = await changeStoredDoc(t.db, agreementDocName(agreementId), focus, change, readAgreementContent);
		await projectAgreement(t.db, agreementId, content);
		return (await getAgreement(t.db, focus.actor, agreementId)).agreement.contentHash;
	};

	beforeAll(async () => {
		town = await createTown(t.db, { departments: ['Bildung'], people: { focus: { roles: ['focus'] }, head: { roles: ['head'], department: 'Bildung' }, member: { roles: ['member'], department: 'Bildung' } } });
		[focus, head] = await Promise.all([signInAs(t.db, town.people.focus!), signInAs(t.db, town.people.head!)]);
		const tandemId = await createTandem(t.db, focus.actor, { name: 'Tandem Bildung', departmentId: town.departments.Bildung!, membershipIds: [focus.actor.membershipId, town.people.member!.membershipId] });
		goalId = await createGoal(t.db, focus.actor, { tandemId, title: 'Eltern erreichen' });
		await backdateGoal(t.db, goalId, new Date('2026-01-15T09:00:00Z'));
		const assessment = await createAssessment(t.db, focus.actor, { assessedOn: '2026-03-01' });
		await rate(assessment, { agreements: 2, attention: 2, funding: 1 });
		await completeAssessment(t.db, focus.actor, assessment);
		agreementId = await createAgreement(t.db, focus.actor, { departmentId: town.departments.Bildung!, title: 'Verstetigung Bildung' });
		const hash = await editAgreement((doc) => replaceText(agreementText(doc, 'structures')!, 'Quartalsrunde'));
		await signAgreement(t.db, focus.actor, { agreementId, contentHash: hash });
		await signAgreement(t.db, head.actor, { agreementId, contentHash: hash });
		const elsewhere = await createTown(t.db, { departments: ['Bildung'], people: { focus: { roles: ['focus'] } } });
		otherAgreement = await createAgreement(t.db, (await signInAs(t.db, elsewhere.people.focus!)).actor, { departmentId: elsewhere.departments.Bildung!, title: 'Fremd' });
	});

	it('freezes where the municipality stood and the chosen agreements, and reports how they moved', async () => {
		const first = await createSnapshot(t.db, focus.actor, input({ goalIds: [goalId], includeAssessment: true, agreementIds: [agreementId] }), new Date('2026-07-01T08:00:00Z'));
		const frozen = (await getSnapshot(t.db, focus.actor, first)).content;
		expect(frozen.assessment).toMatchObject({ assessedOn: '2026-03-01', stage: 'B', weak: expect.arrayContaining(['institutionalisation']) });
		expect(frozen.assessment!.reasons.map((r) => r.key)).toEqual(['stage_reason_attention', 'stage_reason_institution']);
		expect(frozen.agreements).toEqual([
			expect.objectContaining({ id: agreementId, title: 'Verstetigung Bildung', department: 'Bildung', status: 'signed', parts: expect.objectContaining({ structures: 'Quartalsrunde' }) })
		]);
		expect(frozen.agreements![0]!.signatures.map((s) => s.side).sort()).toEqual(['focus', 'head']);
		const [stored] = await t.db.select().from(snapshot).where(eq(snapshot.id, first));

		// Afterwards: a new assessment at stage C, and the agreement changed after signing. As a
		// draft it is not where the municipality stands; completed, it is.
		const later = await createAssessment(t.db, focus.actor, { assessedOn: '2026-09-01', carryOver: true });
		await rate(later, { funding: 2, organisation: 2, commissioner: 2 });
		expect(await freezeAssessment(t.db, town.municipalityId, '2026-10-31')).toMatchObject({ assessedOn: '2026-03-01', stage: 'B' });
		await completeAssessment(t.db, focus.actor, later);
		await editAgreement((doc) => replaceText(agreementText(doc, 'tasks')!, 'Daten liefern'));

		// The first report stays as it was, byte for byte.
		const [again] = await t.db.select().from(snapshot).where(eq(snapshot.id, first));
		expect(again!.content).toBe(stored!.content);
		expect(again!.pdfHash).toBe(stored!.pdfHash);

		const second = await createSnapshot(t.db, focus.actor, input({ title: 'Bericht 2', refDate: '2026-10-31', goalIds: [goalId], includeAssessment: true, agreementIds: [agreementId] }), new Date('2026-11-01T08:00:00Z'));
		const changes = (await changesSince(t.db, focus.actor, second, null))!;
		expect(changes.stage).toEqual({ before: 'B', after: 'C', assessedOn: '2026-09-01' });
		expect(changes.agreements).toEqual([{ id: agreementId, title: 'Verstetigung Bildung', department: 'Bildung', before: 'signed', after: 'changed' }]);
		// The reference date picks the assessment: a report as of May still shows March's.
		const may = await createSnapshot(t.db, focus.actor, input({ title: 'Mai', refDate: '2026-05-31', goalIds: [goalId], includeAssessment: true }));
		expect((await getSnapshot(t.db, focus.actor, may)).content.assessment?.assessedOn).toBe('2026-03-01');
	});

	it('leaves both out unless asked, and refuses agreements that are not the municipality’s', async () => {
		const plain = await createSnapshot(t.db, focus.actor, input({ goalIds: [goalId], previousId: 'none' }));
		const [row] = await t.db.select().from(snapshot).where(eq(snapshot.id, plain));
		expect(row!.content).not.toContain('"assessment"');
		expect(row!.content).not.toContain('"agreements"');
		for (const agreementIds of [[otherAgreement], ['kaputt'], [crypto.randomUUID()]]) {
			await expectValidation(createSnapshot(t.db, focus.actor, input({ goalIds: [goalId], agreementIds })), { agreements: 'error_snapshot_agreement_unknown' });
		}
	});
});
