import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agreement, assessment } from '../../src/lib/server/db/schema';
import { agreementDocName } from '../../src/lib/server/agreements/projection';
import { createAgreement, deleteAgreement } from '../../src/lib/server/agreements/agreements';
import { signAgreement } from '../../src/lib/server/agreements/signing';
import { CloseCode } from '../../src/lib/shared/documents';
import { assessmentDocName, createAssessment } from '../../src/lib/server/assessments/assessments';
import { agreementText, readAgreementContent } from '../../src/lib/shared/agreement-doc';
import { assessmentText, readAssessmentContent, setRating } from '../../src/lib/shared/assessment-doc';
import { backends, useTestDatabase } from '../support/db';
import { cookie, delay, goalWorld, handshake, startSync, waitFor, type GoalWorld, type SyncHarness } from '../support/sync';

/** Assessments and agreements are documents on the same sync server, with their own rights. */
describe.each(backends)('sync: assessments and agreements on %s', (backend) => {
	const t = useTestDatabase(backend);
	let world: GoalWorld;
	let sync: SyncHarness;
	let assessmentId: string, agreementId: string;

	beforeAll(async () => {
		world = await goalWorld(t.db);
		sync = await startSync(t.db);
		assessmentId = await createAssessment(t.db, world.as.focus.actor, { assessedOn: '2026-01-15' });
		agreementId = await createAgreement(t.db, world.as.focus.actor, { departmentId: world.town.departments.Bildung!, title: 'Verstetigung Bildung' });
	});
	afterAll(async () => {
		await sync?.close();
	});

	const upgrade = (token: string, name: string) => handshake(sync.port, `/sync/${name}`, { cookie: cookie(token), origin: sync.origin });

	it('upgrades whoever may read and refuses other municipalities alike for every kind', async () => {
		for (const name of [assessmentDocName(assessmentId), agreementDocName(agreementId)]) {
			expect(await upgrade(world.as.jugend.token, name), name).toBe('HTTP/1.1 101 Switching Protocols');
			expect(await upgrade(world.as.foreign.token, name), name).toBe('HTTP/1.1 403 Forbidden');
		}
		// A goal's id under another kind's name is no document.
		expect(await upgrade(world.as.focus.token, `assessment/${world.goalId}`)).toBe('HTTP/1.1 403 Forbidden');
		expect(await upgrade(world.as.focus.token, `agreement/${world.goalId}`)).toBe('HTTP/1.1 403 Forbidden');
	});

	it('lets the focus office rate live while a department member only watches; the stage follows', async () => {
		const name = assessmentDocName(assessmentId);
		const writer = sync.connect(world.as.focus.token, name);
		const watcher = sync.connect(world.as.bildung.token, name);
		await Promise.all([writer.synced(), watcher.synced()]);
		writer.doc.transact(() => {
			setRating(writer.doc, 'agreements', 3);
			setRating(writer.doc, 'attention', 2);
			assessmentText(writer.doc, 'summary')!.insert(0, 'Gemeinsam mit dem Rat eingeschätzt');
		});
		await waitFor(() => readAssessmentContent(watcher.doc).ratings.attention === 2, 'the member to see the rating');
		// The member's own changes stay in their copy.
		setRating(watcher.doc, 'agreements', 0);
		await delay(150);
		const check = sync.connect(world.as.focus2.token, name);
		await check.synced();
		expect(readAssessmentContent(check.doc)).toMatchObject({ ratings: { agreements: 3, attention: 2 }, summary: 'Gemeinsam mit dem Rat eingeschätzt' });
		await waitFor(async () => (await t.db.select().from(assessment).where(eq(assessment.id, assessmentId)))[0]?.stage === 'B', 'the stage to be projected');
	});

	it('lets both partners write an agreement live; an edit after signing asks for signatures again', async () => {
		const name = agreementDocName(agreementId);
		const office = sync.connect(world.as.focus.token, name);
		const department = sync.connect(world.as.leitung.token, name);
		const otherDepartment = sync.connect(world.as.jugend.token, name);
		await Promise.all([office.synced(), department.synced(), otherDepartment.synced()]);
		agreementText(office.doc, 'structures')!.insert(0, 'Quartalsrunde');
		agreementText(department.doc, 'tasks')!.insert(0, 'Daten liefern');
		await waitFor(() => {
			const parts = readAgreementContent(otherDepartment.doc).parts;
			return parts.structures === 'Quartalsrunde' && parts.tasks === 'Daten liefern';
		}, 'both edits to arrive everywhere');
		agreementText(otherDepartment.doc, 'goals')!.insert(0, 'FREMD');
		const row = async () => (await t.db.select().from(agreement).where(eq(agreement.id, agreementId)))[0]!;
		await waitFor(async () => (await row()).parts.tasks === 'Daten liefern', 'the parts to be projected');
		expect((await row()).parts.goals).toBe('');

		const hash = (await row()).contentHash;
		await signAgreement(t.db, world.as.focus.actor, { agreementId, contentHash: hash });
		await signAgreement(t.db, world.as.leitung.actor, { agreementId, contentHash: hash });
		expect((await row()).status).toBe('signed');
		agreementText(department.doc, 'competencies')!.insert(0, 'Mitsprache');
		await waitFor(async () => (await row()).status === 'changed', 'the change to undo the signed state');
	});
	it('closes the sockets on a deleted draft with 4403 and refuses new ones', async () => {
		const draft = await createAgreement(t.db, world.as.focus.actor, { departmentId: world.town.departments.Bildung!, title: 'Wird gelöscht' });
		const client = sync.connect(world.as.bildung.token, agreementDocName(draft));
		await client.synced();
		await deleteAgreement(t.db, world.as.focus.actor, draft);
		await waitFor(() => client.closes.includes(CloseCode.forbidden), 'the socket to be closed with 4403');
		client.destroy();
		expect(await upgrade(world.as.focus.token, agreementDocName(draft))).toBe('HTTP/1.1 403 Forbidden');
	});
});
