import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { user } from '../../src/lib/server/db/schema';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { addComment, commentHistory, commentsOfGoal, goalThreads, mentionSuggestions, setThreadResolved, waitingThreads } from '../../src/lib/server/comments/comments';
import { commentsCsv } from '../../src/lib/server/comments/export';
import { createFeed, feedFor, type FeedTexts } from '../../src/lib/server/measurements/calendar';
import { dueList } from '../../src/lib/server/measurements/due';
import { createGoal } from '../../src/lib/server/goals/goals';
import { addMeasurement, goalMeasurements, measurementOf } from '../../src/lib/server/measurements/measurements';
import { createSnapshot, getSnapshot, snapshotPdf } from '../../src/lib/server/snapshots/snapshots';
import { createTandem } from '../../src/lib/server/tandems/tandems';
import { subscribe, type FokusEvent } from '../../src/lib/server/events';
import { addIndicator, goalRoot } from '../../src/lib/shared/goal-doc';
import { berlinToday } from '../../src/lib/shared/smart';
import { addPerson, backends, createTown, person, signInAs, useTestDatabase, type SignedIn, type Town } from '../support/db';
import { expectConflict, expectHttpStatus, expectValidation } from '../support/expect';
import { backdateGoal, editGoal } from '../support/goals';
import { entry } from '../support/measurements';

const TEXTS: FeedTexts = {
	name: 'Fokus',
	deadline: (title) => `Frist: ${title}`,
	measurement: (indicator, goal) => `Messwert: ${indicator} (${goal})`,
	review: (agreement) => `Überprüfung: ${agreement}`,
	comment: (author, goal, mentioned) => `${mentioned ? 'Erwähnung' : 'Antwort'} von ${author}: ${goal}`
};

async function pdfText(bytes: Uint8Array): Promise<string> {
	const pdf = await getDocument({ data: new Uint8Array(bytes), isEvalSupported: false }).promise;
	let text = '';
	for (let i = 1; i <= pdf.numPages; i++) {
		const content = await (await pdf.getPage(i)).getTextContent();
		text += content.items.map((item) => ('str' in item ? item.str : '')).join(' ');
	}
	return text;
}

describe.each(backends)('comments on %s', (backend) => {
	const t = useTestDatabase(backend);
	let town: Town;
	let other: Town;
	/** focus and member form the tandem; head reads; plain is a member outside the tandem. */
	let focus: SignedIn, member: SignedIn, head: SignedIn, plain: SignedIn, outsider: SignedIn;
	let goalId: string;
	let indicatorId: string;

	beforeAll(async () => {
		town = await createTown(t.db, {
			departments: ['Bildung'],
			people: {
				focus: { roles: ['focus'] },
				member: { roles: ['member'], department: 'Bildung' },
				head: { roles: ['head'], department: 'Bildung' },
				plain: { roles: ['member'], department: 'Bildung' }
			}
		});
		other = await createTown(t.db, { departments: ['Bildung'], people: { focus: { roles: ['focus'] } } });
		[focus, member, head, plain, outsider] = await Promise.all([
			signInAs(t.db, person(town, 'focus')),
			signInAs(t.db, person(town, 'member')),
			signInAs(t.db, person(town, 'head')),
			signInAs(t.db, person(town, 'plain')),
			signInAs(t.db, person(other, 'focus'))
		]);
		const tandemId = await createTandem(t.db, focus.actor, {
			name: 'Tandem Bildung',
			departmentId: town.departments.Bildung!,
			membershipIds: [person(town, 'focus').membershipId, person(town, 'member').membershipId]
		});
		goalId = await createGoal(t.db, member.actor, { tandemId, title: 'Übergänge verbessern' });
		await editGoal(t.db, goalId, member, (doc) => {
			goalRoot(doc).set('deadline', '2029-12-31');
			indicatorId = addIndicator(doc, { name: 'Übergangsquote', unit: '%', frequency: 'yearly', baselineValue: 30, baselineDate: '2021-12-31', targetValue: 50, targetDate: '2029-12-31' });
		});
	});

	const name = (key: string) => person(town, key).name;

	it('lets every member of the municipality comment, reply and read; other municipalities find nothing', async () => {
		const threadId = await addComment(t.db, head.actor, goalId, { body: 'Wie sieht es aus?' });
		const replyThread = await addComment(t.db, plain.actor, goalId, { body: 'Gute Frage.', threadId });
		expect(replyThread).toBe(threadId);
		const threads = (await goalThreads(t.db, member.actor, goalId))!;
		const thread = threads.find((th) => th.id === threadId)!;
		expect(thread.entries.map((e) => [e.authorName, e.body])).toEqual([
			[name('head'), 'Wie sieht es aus?'],
			[name('plain'), 'Gute Frage.']
		]);
		// A stranger: the goal is "not found", for reading, writing, resolving and exporting alike.
		expect(await goalThreads(t.db, outsider.actor, goalId)).toBeUndefined();
		await expectHttpStatus(addComment(t.db, outsider.actor, goalId, { body: 'Hallo' }), 404);
		await expectHttpStatus(addComment(t.db, outsider.actor, goalId, { body: 'Hallo', threadId }), 404);
		await expectHttpStatus(setThreadResolved(t.db, outsider.actor, goalId, threadId, true), 404);
		await expectHttpStatus(commentsOfGoal(t.db, outsider.actor, goalId), 404);
		await expectHttpStatus(commentsCsv(t.db, outsider.actor, goalId), 404);
		expect(await commentHistory(t.db, outsider.actor, goalId)).toBeUndefined();
		// A reply names a thread of this goal; anything else is unknown.
		await expectHttpStatus(addComment(t.db, plain.actor, goalId, { body: 'x', threadId: 'kein-uuid' }), 404);
		await expectHttpStatus(addComment(t.db, plain.actor, goalId, { body: 'x', threadId: '00000000-0000-4000-8000-000000000000' }), 404);
	});

	it('checks the text: required, at most 4000 characters, kept plain', async () => {
		await expectValidation(addComment(t.db, member.actor, goalId, { body: '   ' }), { body: 'error_comment_body_required' });
		await expectValidation(addComment(t.db, member.actor, goalId, { body: 'x'.repeat(4001) }), { body: 'error_comment_body_too_long' });
		const html = '<script>alert(1)</script> <b>fett</b>';
		const threadId = await addComment(t.db, member.actor, goalId, { body: html });
		expect((await goalThreads(t.db, focus.actor, goalId))!.find((th) => th.id === threadId)!.entries[0]!.body).toBe(html);
	});

	it('resolves mentions of full names and refuses unknown and ambiguous ones, naming them', async () => {
		await expectValidation(addComment(t.db, member.actor, goalId, { body: '@Niemand Hier bitte prüfen' }), { body: 'error_comment_mention_unknown' });
		// Another municipality's people cannot be mentioned.
		await expectValidation(addComment(t.db, member.actor, goalId, { body: `@${person(other, 'focus').name} bitte` }), { body: 'error_comment_mention_unknown' });
		const error = await addComment(t.db, member.actor, goalId, { body: 'Siehe @Niemand Hier.' }).catch((e: unknown) => e);
		expect((error as { names: string[] }).names).toEqual(['@Niemand Hier.']);
		// Two people of the same name: the name is ambiguous, the e-mail address is not.
		const twin = await addPerson(t.db, town, 'twin', { roles: ['member'] });
		await t.db.update(user).set({ name: name('head') }).where(eq(user.id, twin.userId));
		await expectValidation(addComment(t.db, member.actor, goalId, { body: `@${name('head')} bitte` }), { body: 'error_comment_mention_ambiguous' });
		const threadId = await addComment(t.db, member.actor, goalId, { body: `@${twin.email} bitte` });
		expect((await waitingThreads(t.db, await signInAs(t.db, twin).then((s) => s.actor))).map((w) => w.threadId)).toContain(threadId);
		expect((await waitingThreads(t.db, head.actor)).map((w) => w.threadId)).not.toContain(threadId);
		// The form's suggestions: everyone of the municipality by name, the two of one name by address only.
		const suggested = await mentionSuggestions(t.db, plain.actor, goalId);
		expect(suggested).toContainEqual({ name: name('member'), handle: name('member') });
		expect(suggested.filter((s) => s.name === name('head')).map((s) => s.handle).sort()).toEqual([person(town, 'head').email, twin.email].sort());
		expect(suggested.filter((s) => s.handle.includes('@')).map((s) => s.name)).toEqual([name('head'), name('head')]);
		expect(suggested.map((s) => s.name)).not.toContain(person(other, 'focus').name);
		await expectHttpStatus(mentionSuggestions(t.db, outsider.actor, goalId), 404);
	});

	describe('a mention reaching the person', () => {
		let threadId: string;
		const events: FokusEvent[] = [];

		beforeAll(() => {
			const stop = subscribe((event) => events.push(event));
			return stop;
		});

		it('puts the thread in the due list and the calendar of the person mentioned, and announces it', async () => {
			const before = events.length;
			threadId = await addComment(t.db, member.actor, goalId, { body: `@${name('focus')} bitte prüfen` });
			expect(events.slice(before)).toContainEqual({ type: 'comments-changed', municipalityId: town.municipalityId, goalId });

			const due = await dueList(t.db, focus.actor, berlinToday());
			const item = due.comments.find((c) => c.threadId === threadId)!;
			expect(item).toMatchObject({ goalId, goalTitle: 'Übergänge verbessern', authorName: name('member'), mentioned: true, excerpt: `@${name('focus')} bitte prüfen` });
			// The writer waits for nobody; a bystander sees nothing.
			expect((await waitingThreads(t.db, member.actor)).map((w) => w.threadId)).not.toContain(threadId);
			expect((await waitingThreads(t.db, head.actor)).map((w) => w.threadId)).not.toContain(threadId);
			expect((await waitingThreads(t.db, outsider.actor)).map((w) => w.threadId)).not.toContain(threadId);

			const token = await createFeed(t.db, focus.actor);
			const feed = (await feedFor(t.db, token, 'https://fokus.test', TEXTS))!;
			expect(feed).toContain(`SUMMARY:Erwähnung von ${name('member')}: Übergänge verbessern`);
			expect(feed.replace(/\r\n /g, '')).toContain(`URL:https://fokus.test/goals/${goalId}#thread-${threadId}`);
		});

		it('moves it to the other side when the person replies, and takes it off every list when resolved', async () => {
			await addComment(t.db, focus.actor, goalId, { body: 'Erledige ich.', threadId });
			expect((await waitingThreads(t.db, focus.actor)).map((w) => w.threadId)).not.toContain(threadId);
			const forMember = (await waitingThreads(t.db, member.actor)).find((w) => w.threadId === threadId)!;
			expect(forMember).toMatchObject({ authorName: name('focus'), mentioned: false });
			const token = await createFeed(t.db, member.actor);
			expect(await feedFor(t.db, token, 'https://fokus.test', TEXTS)).toContain(`SUMMARY:Antwort von ${name('focus')}: Übergänge verbessern`);

			await setThreadResolved(t.db, member.actor, goalId, threadId, true);
			expect((await waitingThreads(t.db, member.actor)).map((w) => w.threadId)).not.toContain(threadId);
			expect(await feedFor(t.db, token, 'https://fokus.test', TEXTS)).not.toContain('Antwort von');
			await expectConflict(addComment(t.db, focus.actor, goalId, { body: 'Noch was', threadId }), ['error_comment_thread_resolved']);

			await setThreadResolved(t.db, focus.actor, goalId, threadId, false);
			expect((await waitingThreads(t.db, member.actor)).map((w) => w.threadId)).toContain(threadId);
			const thread = (await goalThreads(t.db, head.actor, goalId))!.find((th) => th.id === threadId)!;
			expect(thread.resolvedAt).toBeNull();
			expect(thread.entries.map((e) => e.kind)).toEqual(['comment', 'comment', 'resolved', 'reopened']);
			expect(thread.entries[0]!.mentions).toContain(name('focus'));
		});

		it('lets the thread’s starter and the goal’s writers resolve it, nobody else', async () => {
			const asked = await addComment(t.db, plain.actor, goalId, { body: 'Frage von außerhalb' });
			// head is neither the starter nor a writer of the goal.
			await expectHttpStatus(setThreadResolved(t.db, head.actor, goalId, asked, true), 403);
			expect((await goalThreads(t.db, head.actor, goalId))!.find((th) => th.id === asked)!.canResolve).toBe(false);
			expect((await goalThreads(t.db, plain.actor, goalId))!.find((th) => th.id === asked)!.canResolve).toBe(true);
			await setThreadResolved(t.db, plain.actor, goalId, asked, true);
			await setThreadResolved(t.db, member.actor, goalId, asked, false);
			await setThreadResolved(t.db, focus.actor, goalId, asked, true);
			// Resolving again changes nothing and records nothing.
			await setThreadResolved(t.db, focus.actor, goalId, asked, true);
			const entries = (await goalThreads(t.db, plain.actor, goalId))!.find((th) => th.id === asked)!.entries;
			expect(entries.map((e) => e.kind)).toEqual(['comment', 'resolved', 'reopened', 'resolved']);
		});
	});

	it('comments on one measurement, listed with it and on the goal', async () => {
		await addMeasurement(t.db, member.actor, indicatorId, entry({ date: '2024-12-31', value: '35' }), 'de');
		const [row] = await goalMeasurements(t.db, member.actor, goalId);
		// The head reads the value and may comment on it, but only the tandem corrects it.
		expect(await measurementOf(t.db, head.actor, goalId, row!.id)).toMatchObject({ id: row!.id, canCorrect: false, indicator: { name: 'Übergangsquote' } });
		expect((await measurementOf(t.db, member.actor, goalId, row!.id)).canCorrect).toBe(true);
		await expectHttpStatus(measurementOf(t.db, head.actor, goalId, row!.id, 'editGoal'), 403);
		await expectHttpStatus(measurementOf(t.db, outsider.actor, goalId, row!.id), 404);
		const threadId = await addComment(t.db, head.actor, goalId, { body: 'Ist der Wert vorläufig?', measurementId: row!.id });
		const onMeasurement = (await goalThreads(t.db, member.actor, goalId, row!.id))!;
		expect(onMeasurement.map((th) => th.id)).toEqual([threadId]);
		expect(onMeasurement[0]!.measurement).toMatchObject({ id: row!.id, date: '2024-12-31', indicatorName: 'Übergangsquote' });
		const reply = await addComment(t.db, member.actor, goalId, { body: 'Nein, endgültig.', threadId });
		expect(reply).toBe(threadId);
		expect((await goalThreads(t.db, member.actor, goalId, row!.id))![0]!.entries).toHaveLength(2);
		// A measurement of another goal (or none) is unknown here.
		await expectHttpStatus(addComment(t.db, head.actor, goalId, { body: 'x', measurementId: '00000000-0000-4000-8000-000000000000' }), 404);
	});

	it('is part of the goal’s history and of its export', async () => {
		const history = (await commentHistory(t.db, head.actor, goalId))!;
		expect(history.map((h) => h.kind)).toEqual(expect.arrayContaining(['comment', 'reply', 'resolved', 'reopened']));
		expect(history.find((h) => h.excerpt === 'Erledige ich.')).toMatchObject({ kind: 'reply', userName: name('focus') });
		const { title, csv } = await commentsCsv(t.db, head.actor, goalId);
		expect(title).toBe('Übergänge verbessern');
		const lines = csv.replace('\uFEFF', '').trim().split('\r\n');
		expect(lines[0]).toBe('Thread;Art;Von;Zeitpunkt;Bezug;Text');
		expect(lines.some((line) => line.endsWith(';Erledige ich.') && line.includes(';Antwort;'))).toBe(true);
		expect(lines.some((line) => line.includes('Übergangsquote, 31.12.2024') && line.endsWith('Ist der Wert vorläufig?'))).toBe(true);
		// A formula typed into a comment stays text in a spreadsheet.
		await addComment(t.db, member.actor, goalId, { body: '=HYPERLINK("http://x")' });
		expect((await commentsCsv(t.db, head.actor, goalId)).csv).toContain(`;"'=HYPERLINK(""http://x"")"`);
	});

	it('never reaches a council report', async () => {
		// A word no hash or id can contain (hex digits and dashes only), so the check cannot fail by chance.
		const secret = 'Vertraulicher Kommentar Zitronenfalter';
		await addComment(t.db, member.actor, goalId, { body: secret });
		await backdateGoal(t.db, goalId, new Date('2026-01-15T09:00:00Z'));
		const id = await createSnapshot(t.db, focus.actor, {
			title: 'Bericht',
			refDate: berlinToday(),
			goalIds: [goalId],
			departmentIds: [],
			commentary: '',
			goalCommentary: {},
			minCases: '',
			previousId: 'none',
			locale: 'de'
		});
		const snapshot = await getSnapshot(t.db, focus.actor, id);
		expect(JSON.stringify(snapshot)).not.toContain('Zitronenfalter');
		expect(JSON.stringify(snapshot)).not.toContain('Erledige ich');
		const text = await pdfText((await snapshotPdf(t.db, focus.actor, id)).pdf);
		expect(text).toContain('Übergänge verbessern');
		expect(text).not.toContain('Zitronenfalter');
		expect(text).not.toContain('Erledige ich');
	});
});
