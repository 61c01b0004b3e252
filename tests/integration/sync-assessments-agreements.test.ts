import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { agreement, assessment } from '../../src/lib/server/db/schema';
import { agreementDocName } from '../../src/lib/server/agreements/projection';
import { createAgreement, deleteAgreement } from '../../src/lib/server/agreements/agreements';
import { signAgreement } from '../../src/lib/server/agreements/signing';
import { CloseCode } from '../../src/lib/shared/documents';
import { assessmentDocName, completeAssessment, createAssessment } from '../../src/lib/server/assessments/assessments';
import { loadState } from '../../src/lib/server/documents/update-log';
import { agreementText, readAgreementContent } from '../../src/lib/shared/agreement-doc';
import { assessmentText, readAssessmentContent, setRating } from '../../src/lib/shared/assessment-doc';
import { backends, useTestDatabase } from '../support/db';
import { cookie, delay, goalWorld, handshake, startSync, storedUpdates, waitFor, type GoalWorld, type SyncHarness } from '../support/sync';

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
	const assessmentRow = async (id: string) => (await t.db.select().from(assessment).where(eq(assessment.id, id)))[0]!;
	const stored = async (name: string) => {
		const doc = new Y.Doc();
		Y.applyUpdate(doc, (await loadState(t.db, name)).state!);
		return readAssessmentContent(doc);
	};

	it('upgrades whoever may read and refuses other municipalities alike for every kind', async () => {
		for (const name of [assessmentDocName(assessmentId), agreementDocName(agreementId)]) {
			expect(await upgrade(world.as.jugend.token, name), name).toBe('HTTP/1.1 101 Switching Protocols');
			expect(await upgrade(world.as.foreign.token, name), name).toBe('close 4403');
		}
		// A goal's id under another kind's name is no document.
		expect(await upgrade(world.as.focus.token, `assessment/${world.goalId}`)).toBe('close 4403');
		expect(await upgrade(world.as.focus.token, `agreement/${world.goalId}`)).toBe('close 4403');
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
		expect(await upgrade(world.as.focus.token, agreementDocName(draft))).toBe('close 4403');
	});

	it('opens a completed assessment read-only for everyone: a writer’s socket closes, and what it sent after the completion changes nothing', async () => {
		const id = await createAssessment(t.db, world.as.focus.actor, { assessedOn: '2026-02-01' });
		const name = assessmentDocName(id);
		const draft = await createAssessment(t.db, world.as.focus.actor, { assessedOn: '2026-02-02' });
		const stale = sync.connect(world.as.focus.token, name);
		const watcher = sync.connect(world.as.bildung.token, name);
		const elsewhere = sync.connect(world.as.focus2.token, assessmentDocName(draft));
		await Promise.all([stale.synced(), watcher.synced(), elsewhere.synced()]);
		setRating(stale.doc, 'agreements', 2);
		await waitFor(async () => (await stored(name)).ratings.agreements === 2, 'the rating to be stored');
		const rows = (await storedUpdates(t.db, name)).length;

		await completeAssessment(t.db, world.as.focus.actor, id);
		// Typed right after the completion through the stock provider, whose socket is still open.
		setRating(stale.doc, 'attention', 3);
		assessmentText(stale.doc, 'summary')!.insert(0, 'Zu spät');
		// Someone writing in another draft of the town meanwhile is not disturbed.
		setRating(elsewhere.doc, 'attention', 1);
		await waitFor(() => stale.closes.includes(CloseCode.forbidden), 'the writer’s socket to close with 4403');
		await waitFor(async () => (await assessmentRow(draft)).ratings.attention === 1, 'the other draft’s rating to be projected');
		expect(elsewhere.closes).toEqual([]);
		await delay(150);
		expect(readAssessmentContent(watcher.doc)).toMatchObject({ ratings: { agreements: 2, attention: null }, summary: '' });
		expect(watcher.closes).toEqual([]);
		expect(await storedUpdates(t.db, name)).toHaveLength(rows);
		expect(await assessmentRow(id)).toMatchObject({ ratings: expect.objectContaining({ agreements: 2, attention: null }), summary: '', completedBy: world.as.focus.actor.userId });

		// Coming back, even as the integration office, gives a socket that only reads.
		expect(await upgrade(world.as.focus.token, name)).toBe('HTTP/1.1 101 Switching Protocols');
		const again = sync.connect(world.as.focus.token, name);
		await again.synced();
		setRating(again.doc, 'reach', 3);
		await delay(150);
		const fresh = sync.connect(world.as.focus2.token, name);
		await fresh.synced();
		expect(readAssessmentContent(fresh.doc).ratings).toMatchObject({ agreements: 2, attention: null, reach: null });
		expect(await storedUpdates(t.db, name)).toHaveLength(rows);
		expect(again.closes).toEqual([]);
	});
});
