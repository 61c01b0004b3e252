import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { agreement, agreementSignoff } from '../../src/lib/server/db/schema';
import type { Db } from '../../src/lib/server/db';
import { agreementDocName, projectAgreement } from '../../src/lib/server/agreements/projection';
import { agreementPdf, createAgreement, deleteAgreement, dueAgreements, getAgreement, listAgreements } from '../../src/lib/server/agreements/agreements';
import { signAgreement } from '../../src/lib/server/agreements/signing';
import { createGoal } from '../../src/lib/server/goals/goals';
import { loadState } from '../../src/lib/server/documents/update-log';
import { municipalityView } from '../../src/lib/server/monitoring/monitoring';
import { createTandem } from '../../src/lib/server/tandems/tandems';
import { agreementText, linkGoal, readAgreementContent, setAgreementDate } from '../../src/lib/shared/agreement-doc';
import { replaceText } from '../../src/lib/shared/goal-doc';
import { berlinToday } from '../../src/lib/shared/smart';
import { backends, createTown, signInAs, useTestDatabase, type SignedIn, type Town } from '../support/db';
import { expectHttpStatus, expectValidation } from '../support/expect';
import { changeStoredDoc } from '../support/goals';

const row = async (db: Db, id: string) => (await db.select().from(agreement).where(eq(agreement.id, id)))[0]!;

describe.each(backends)('agreements on %s', (backend) => {
	const t = useTestDatabase(backend);
	let town: Town;
	let focus: SignedIn, head: SignedIn, member: SignedIn, otherHead: SignedIn, outsider: SignedIn;
	let bildungGoal: string, jugendGoal: string;
	const today = berlinToday();

	/** An edit as the sync server stores and projects it; returns the new content hash. */
	async function edit(id: string, author: SignedIn, change: (doc: Y.Doc) => void): Promise<string> {
		const content = await changeStoredDoc(t.db, agreementDocName(id), author, change, readAgreementContent);
		await projectAgreement(t.db, id, content);
		return (await row(t.db, id)).contentHash;
	}
	const stageOf = async (department: string) =>
		(await municipalityView(t.db, focus.actor, today)).departments.find((d) => d.id === town.departments[department])!.stage;

	beforeAll(async () => {
		town = await createTown(t.db, {
			departments: ['Bildung', 'Jugend'],
			people: {
				focus: { roles: ['focus'] },
				head: { roles: ['head'], department: 'Bildung' },
				member: { roles: ['member'], department: 'Bildung' },
				otherHead: { roles: ['head'], department: 'Jugend' }
			}
		});
		const other = await createTown(t.db, { departments: ['Bildung'], people: { focus: { roles: ['focus'] } } });
		[focus, head, member, otherHead, outsider] = await Promise.all([
			signInAs(t.db, town.people.focus!),
			signInAs(t.db, town.people.head!),
			signInAs(t.db, town.people.member!),
			signInAs(t.db, town.people.otherHead!),
			signInAs(t.db, other.people.focus!)
		]);
		const bildung = await createTandem(t.db, focus.actor, {
			name: 'Tandem Bildung',
			departmentId: town.departments.Bildung!,
			membershipIds: [focus.actor.membershipId, member.actor.membershipId]
		});
		const jugend = await createTandem(t.db, focus.actor, {
			name: 'Tandem Jugend',
			departmentId: town.departments.Jugend!,
			membershipIds: [focus.actor.membershipId, otherHead.actor.membershipId]
		});
		bildungGoal = await createGoal(t.db, focus.actor, { tandemId: bildung, title: 'Eltern erreichen' });
		jugendGoal = await createGoal(t.db, focus.actor, { tandemId: jugend, title: 'Jugendarbeit öffnen' });
	});

	it('is started by the focus office for any department and by a department for itself only', async () => {
		const id = await createAgreement(t.db, focus.actor, { departmentId: town.departments.Bildung!, title: ' Vereinbarung Bildung ' });
		expect(await row(t.db, id)).toMatchObject({ title: 'Vereinbarung Bildung', status: 'draft', departmentId: town.departments.Bildung, goalIds: [] });
		await createAgreement(t.db, member.actor, { departmentId: town.departments.Bildung!, title: 'Von der Abteilung' });
		await expectHttpStatus(createAgreement(t.db, member.actor, { departmentId: town.departments.Jugend!, title: 'Fremd' }), 403);
		await expectHttpStatus(createAgreement(t.db, town.admin.actor, { departmentId: town.departments.Jugend!, title: 'Admin' }), 403);
		await expectValidation(createAgreement(t.db, focus.actor, { departmentId: town.departments.Bildung!, title: '  ' }), { title: 'error_agreement_title_required' });
		await expectValidation(createAgreement(t.db, outsider.actor, { departmentId: town.departments.Bildung!, title: 'X' }), { departmentId: 'error_department_unknown' });
		await expectValidation(createAgreement(t.db, focus.actor, { departmentId: 'kaputt', title: 'X' }), { departmentId: 'error_department_unknown' });
		// Another municipality's person finds nothing: the same 404 as an id that does not exist.
		await expectHttpStatus(getAgreement(t.db, outsider.actor, id), 404);
		await expectHttpStatus(getAgreement(t.db, focus.actor, crypto.randomUUID()), 404);
		expect((await listAgreements(t.db, outsider.actor)).length).toBe(0);
	});

	it('is signed by one focus member and the department head; a substantive change asks for both again', async () => {
		const id = await createAgreement(t.db, focus.actor, { departmentId: town.departments.Bildung!, title: 'Verstetigung Bildung' });
		let hash = await edit(id, member, (doc) => {
			replaceText(agreementText(doc, 'structures')!, 'Quartalsrunde Bildung und Integration');
			replaceText(agreementText(doc, 'tasks')!, 'Daten zum Übergang Schule–Beruf liefern');
			setAgreementDate(doc, 'validFrom', '2026-01-01');
			setAgreementDate(doc, 'reviewOn', '2027-06-30');
			linkGoal(doc, bildungGoal, true);
			// A goal of another department cannot be linked: the projection drops it.
			linkGoal(doc, jugendGoal, true);
		});
		expect(await row(t.db, id)).toMatchObject({ goalIds: [bildungGoal], validFrom: '2026-01-01', reviewOn: '2027-06-30', status: 'draft' });
		expect(await stageOf('Bildung')).not.toBe('agreement');

		// Neither a member nor another department's head signs; a stale hash is refused.
		await expectHttpStatus(signAgreement(t.db, member.actor, { agreementId: id, contentHash: hash }), 403);
		await expectHttpStatus(signAgreement(t.db, otherHead.actor, { agreementId: id, contentHash: hash }), 403);
		await expectValidation(signAgreement(t.db, focus.actor, { agreementId: id, contentHash: 'alt' }), { contentHash: 'error_signoff_outdated' });

		await signAgreement(t.db, focus.actor, { agreementId: id, contentHash: hash });
		expect((await row(t.db, id)).status).toBe('draft');
		await signAgreement(t.db, head.actor, { agreementId: id, contentHash: hash });
		const signed = await row(t.db, id);
		expect(signed.status).toBe('signed');
		expect(signed.signedAt).toBeInstanceOf(Date);
		expect(await stageOf('Bildung')).toBe('agreement');
		expect((await getAgreement(t.db, head.actor, id)).signoffs.map((s) => s.side).sort()).toEqual(['focus', 'head']);

		// Not substantive: the title and whitespace. Still signed.
		expect(
			await edit(id, member, (doc) => {
				replaceText(agreementText(doc, 'title')!, 'Verstetigung Bildung 2026');
				replaceText(agreementText(doc, 'tasks')!, '  Daten zum Übergang   Schule–Beruf liefern\n');
			})
		).toBe(hash);
		expect(await row(t.db, id)).toMatchObject({ status: 'signed', title: 'Verstetigung Bildung 2026' });

		// Substantive: a part's words. The signatures stay on the old content.
		hash = await edit(id, member, (doc) => replaceText(agreementText(doc, 'competencies')!, 'Mitsprache bei der Schulentwicklungsplanung'));
		expect((await row(t.db, id)).status).toBe('changed');
		expect((await row(t.db, id)).signedAt).toBeNull();
		expect(await stageOf('Bildung')).not.toBe('agreement');
		await signAgreement(t.db, head.actor, { agreementId: id, contentHash: hash });
		expect((await row(t.db, id)).status).toBe('changed');
		await signAgreement(t.db, focus.actor, { agreementId: id, contentHash: hash });
		expect((await row(t.db, id)).status).toBe('signed');

		// Each of the other substantive fields asks again too.
		for (const change of [
			(doc: Y.Doc) => setAgreementDate(doc, 'validUntil', '2028-12-31'),
			(doc: Y.Doc) => setAgreementDate(doc, 'reviewOn', '2027-03-31'),
			(doc: Y.Doc) => linkGoal(doc, bildungGoal, false)
		]) {
			hash = await edit(id, focus, change);
			expect((await row(t.db, id)).status).toBe('changed');
			await signAgreement(t.db, focus.actor, { agreementId: id, contentHash: hash });
			await signAgreement(t.db, head.actor, { agreementId: id, contentHash: hash });
			expect((await row(t.db, id)).status).toBe('signed');
		}
	});

	it('cannot be signed while its term ends before it begins; nothing is signed', async () => {
		const id = await createAgreement(t.db, otherHead.actor, { departmentId: town.departments.Jugend!, title: 'Verkehrte Laufzeit' });
		const hash = await edit(id, otherHead, (doc) => {
			setAgreementDate(doc, 'validFrom', '2027-01-01');
			setAgreementDate(doc, 'validUntil', '2026-01-01');
		});
		await expectValidation(signAgreement(t.db, focus.actor, { agreementId: id, contentHash: hash }), { validUntil: 'plausible_agreement_end_before_start' });
		await expectValidation(signAgreement(t.db, otherHead.actor, { agreementId: id, contentHash: hash }), { validUntil: 'plausible_agreement_end_before_start' });
		expect(await t.db.select().from(agreementSignoff).where(eq(agreementSignoff.agreementId, id))).toEqual([]);
		const fixed = await edit(id, otherHead, (doc) => setAgreementDate(doc, 'validUntil', '2028-12-31'));
		await signAgreement(t.db, focus.actor, { agreementId: id, contentHash: fixed });
	});

	it('counts for the honeycomb once signed, until it expires', async () => {
		const id = await createAgreement(t.db, otherHead.actor, { departmentId: town.departments.Jugend!, title: 'Jugend' });
		const hash = await edit(id, otherHead, (doc) => {
			setAgreementDate(doc, 'validFrom', '2020-01-01');
			setAgreementDate(doc, 'validUntil', '2021-12-31');
		});
		await signAgreement(t.db, focus.actor, { agreementId: id, contentHash: hash });
		await signAgreement(t.db, otherHead.actor, { agreementId: id, contentHash: hash });
		expect((await row(t.db, id)).status).toBe('signed');
		expect(await stageOf('Jugend')).not.toBe('agreement');
		const stageOn = async (day: string) => (await municipalityView(t.db, focus.actor, day)).departments.find((d) => d.id === town.departments.Jugend)!.stage;
		// Signed before it begins already counts: the department has committed itself.
		expect(await stageOn('2019-06-30')).toBe('agreement');
		expect(await stageOn('2021-12-31')).toBe('agreement');
		expect(await stageOn('2022-01-01')).not.toBe('agreement');
		const listed = (await listAgreements(t.db, focus.actor)).find((a) => a.id === id)!;
		expect(listed).toMatchObject({ status: 'signed', phase: 'expired', departmentName: 'Jugend' });
	});

	it('is due for whoever must sign next, and for its review', async () => {
		const id = await createAgreement(t.db, focus.actor, { departmentId: town.departments.Bildung!, title: 'Fällig' });
		const hash = await edit(id, focus, (doc) => setAgreementDate(doc, 'reviewOn', '2027-01-15'));
		const due = async (who: SignedIn, until = '2026-12-31') => (await dueAgreements(t.db, who.actor, until)).filter((a) => a.id === id);
		// Nobody has signed yet: nothing is awaited of anyone.
		expect(await due(head)).toEqual([]);
		await signAgreement(t.db, focus.actor, { agreementId: id, contentHash: hash });
		expect(await due(head)).toEqual([{ id, title: 'Fällig', departmentName: 'Bildung', waitingForMe: true, reviewOn: null }]);
		expect(await due(focus)).toEqual([]);
		expect(await due(member)).toEqual([]);
		expect(await due(otherHead)).toEqual([]);
		await signAgreement(t.db, head.actor, { agreementId: id, contentHash: hash });
		expect(await due(head)).toEqual([]);
		// Signed: its review shows to both sides and the department once the horizon reaches it.
		for (const who of [focus, head, member]) expect(await due(who, '2027-01-15')).toEqual([{ id, title: 'Fällig', departmentName: 'Bildung', waitingForMe: false, reviewOn: '2027-01-15' }]);
		expect(await due(otherHead, '2027-01-15')).toEqual([]);
		expect(await dueAgreements(t.db, outsider.actor, '2099-01-01')).toEqual([]);
	});

	it('deletes a draft nobody has signed, with its document; a signed one stays', async () => {
		const draft = await createAgreement(t.db, member.actor, { departmentId: town.departments.Bildung!, title: 'Versehentlich' });
		await edit(draft, member, (doc) => replaceText(agreementText(doc, 'tasks')!, 'Entwurf'));
		await expectHttpStatus(deleteAgreement(t.db, otherHead.actor, draft), 403);
		await expectHttpStatus(deleteAgreement(t.db, outsider.actor, draft), 404);
		await deleteAgreement(t.db, member.actor, draft);
		await expectHttpStatus(getAgreement(t.db, focus.actor, draft), 404);
		expect((await loadState(t.db, agreementDocName(draft))).state).toBeNull();

		const kept = await createAgreement(t.db, focus.actor, { departmentId: town.departments.Bildung!, title: 'Einmal unterschrieben' });
		await signAgreement(t.db, focus.actor, { agreementId: kept, contentHash: (await row(t.db, kept)).contentHash });
		await expectValidation(deleteAgreement(t.db, focus.actor, kept), { agreement: 'error_agreement_signed_once' });
	});

	it('downloads as a PDF with the current signatures', async () => {
		const id = await createAgreement(t.db, focus.actor, { departmentId: town.departments.Bildung!, title: 'Als PDF' });
		const { pdf, title } = await agreementPdf(t.db, member.actor, id, 'de');
		expect(title).toBe('Als PDF');
		expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
		await expectHttpStatus(agreementPdf(t.db, outsider.actor, id, 'de'), 404);
	});
});
