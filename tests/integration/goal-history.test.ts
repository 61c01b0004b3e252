import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { goalSignoff, user } from '../../src/lib/server/db/schema';
import { createGoal } from '../../src/lib/server/goals/goals';
import { goalHistory, restoreVersion } from '../../src/lib/server/goals/history';
import { signOffGoal } from '../../src/lib/server/goals/signoff';
import { compareVersions, nameVersion } from '../../src/lib/server/goals/versions';
import { createTandem } from '../../src/lib/server/tandems/tandems';
import { addIndicator, DESCRIPTION, goalRoot, goalText, indicatorArray, replaceText } from '../../src/lib/shared/goal-doc';
import type { EditSession } from '../../src/lib/shared/history';
import { backends, createTown, person, signInAs, useTestDatabase, type SignedIn } from '../support/db';
import { expectHttpStatus, expectValidation } from '../support/expect';
import { backdateGoal, editGoal } from '../support/goals';

const at = (time: string) => new Date(`2025-03-03T${time}:00Z`);
const fieldNames = (session: EditSession) => session.fields.map((f) => (f.field === 'indicator' ? `${f.name}.${f.key}` : f.field));

describe.each(backends)("a goal's readable history on %s", (backend) => {
	const t = useTestDatabase(backend);
	let focus: SignedIn, member: SignedIn, head: SignedIn, reader: SignedIn, outsider: SignedIn;
	let goalId: string, otherGoalId: string;
	let hash: string;

	const sessionsOf = async (who: SignedIn = reader) =>
		(await goalHistory(t.db, who.actor, goalId))!.items.flatMap((item) => (item.kind === 'session' ? [item.session] : []));

	beforeAll(async () => {
		const town = await createTown(t.db, {
			departments: ['Bildung', 'Jugend'],
			people: {
				focus: { roles: ['focus'] },
				member: { roles: ['member'], department: 'Bildung' },
				head: { roles: ['head'], department: 'Bildung' },
				reader: { roles: ['member'], department: 'Jugend' }
			}
		});
		const other = await createTown(t.db, { people: { focus: { roles: ['focus'] } } });
		focus = await signInAs(t.db, person(town, 'focus'));
		member = await signInAs(t.db, person(town, 'member'));
		head = await signInAs(t.db, person(town, 'head'));
		reader = await signInAs(t.db, person(town, 'reader'));
		outsider = await signInAs(t.db, person(other, 'focus'));
		const tandemId = await createTandem(t.db, focus.actor, {
			name: 'Tandem Bildung',
			departmentId: town.departments.Bildung!,
			membershipIds: [person(town, 'focus').membershipId, person(town, 'member').membershipId]
		});
		goalId = await createGoal(t.db, focus.actor, { tandemId, title: 'Eltern erreichen' });
		otherGoalId = await createGoal(t.db, focus.actor, { tandemId, title: 'Anderes Ziel' });
		await backdateGoal(t.db, goalId, at('08:00'));
		// The focus office sets the goal up; a minute later it adds an indicator: one session.
		await editGoal(t.db, goalId, focus, (doc) => addIndicator(doc, { name: 'Quote', unit: '%', targetValue: 40 }), at('08:01'));
		// The member works for nine minutes with short pauses: one session of three fields.
		await editGoal(t.db, goalId, member, (doc) => replaceText(goalText(doc, 'title')!, 'Mehr Eltern erreichen'), at('09:00'));
		await editGoal(t.db, goalId, member, (doc) => replaceText(goalText(doc, 'forWhom')!, 'Eltern mit Migrationsgeschichte kommen häufiger zu Elternabenden.'), at('09:05'));
		await editGoal(t.db, goalId, member, (doc) => (indicatorArray(doc).get(0) as Y.Map<unknown>).set('targetValue', 45), at('09:09'));
		// After a pause of 21 minutes: a new session of the same person.
		await editGoal(t.db, goalId, member, (doc) => replaceText(goalText(doc, 'resources')!, 'Eine Elternbegleiterin'), at('09:30'));
		// Someone else right after: a session of their own.
		hash = await editGoal(t.db, goalId, focus, (doc) => goalRoot(doc).set('deadline', '2027-07-31'), at('09:32'));
		await signOffGoal(t.db, focus.actor, { goalId, contentHash: hash });
		await t.db.update(goalSignoff).set({ signedAt: at('09:40') }).where(eq(goalSignoff.goalId, goalId));
		// A change that puts the text back where it was is no visible change.
		await editGoal(t.db, goalId, member, (doc) => replaceText(goalText(doc, 'resources')!, 'Zwei Elternbegleiterinnen'), at('10:00'));
		await editGoal(t.db, goalId, member, (doc) => replaceText(goalText(doc, 'resources')!, 'Eine Elternbegleiterin'), at('10:01'));
		await editGoal(
			t.db,
			goalId,
			focus,
			(doc) => {
				const paragraph = new Y.XmlElement('paragraph');
				paragraph.insert(0, [new Y.XmlText('Gemeinsam mit den Schulen.')]);
				doc.getXmlFragment(DESCRIPTION).insert(0, [paragraph]);
			},
			at('11:00')
		);
	});

	it('summarises consecutive edits of one person into sessions with the fields they changed, interleaved with sign-offs', async () => {
		const items = (await goalHistory(t.db, reader.actor, goalId))!.items;
		expect(items.map((item) => (item.kind === 'session' ? `${item.session.userName}: ${fieldNames(item.session).join(', ') || '–'}` : item.kind))).toEqual([
			`${focus.actor.name}: description`,
			`${member.actor.name}: –`,
			'signoff',
			`${focus.actor.name}: deadline`,
			`${member.actor.name}: resources`,
			`${member.actor.name}: title, forWhom, Quote.targetValue`,
			`${focus.actor.name}: title, Quote.added`
		]);
		const sessions = await sessionsOf();
		expect(sessions[4]).toMatchObject({ from: at('09:00'), to: at('09:09') });
		// Each session starts where the one before it ended.
		for (const [i, s] of sessions.entries()) expect(s.fromId).toBe(sessions[i + 1]?.upToId ?? 0);
	});

	it('reads the summary again until the log changes, with names as they are now', async () => {
		const first = await goalHistory(t.db, reader.actor, otherGoalId);
		expect(await goalHistory(t.db, reader.actor, otherGoalId)).toEqual(first);
		await editGoal(t.db, otherGoalId, member, (doc) => replaceText(goalText(doc, 'forWhom')!, 'Familien'), at('12:00'));
		const second = (await goalHistory(t.db, reader.actor, otherGoalId))!.items.flatMap((item) => (item.kind === 'session' ? [item.session] : []));
		expect(second.find((s) => s.userName === member.actor.name)).toMatchObject({ fields: [{ field: 'forWhom' }], to: at('12:00') });
		// A session moved in time (history written after the fact) is summarised anew.
		await t.db.execute(sql`update doc_update set created_at = created_at - interval '1 day' where doc_name = ${`goal/${otherGoalId}`} and id = (select max(id) from doc_update where doc_name = ${`goal/${otherGoalId}`})`);
		const moved = (await goalHistory(t.db, reader.actor, otherGoalId))!.items.flatMap((item) => (item.kind === 'session' ? [item.session] : []));
		expect(moved.find((s) => s.fields.some((f) => f.field === 'forWhom'))!.to).toEqual(new Date(at('12:00').getTime() - 86_400_000));
		// A renamed person shows with the new name at once.
		await t.db.update(user).set({ name: 'Neu Benannt' }).where(eq(user.id, member.actor.userId));
		const renamed = (await goalHistory(t.db, reader.actor, otherGoalId))!.items.flatMap((item) => (item.kind === 'session' ? [item.session] : []));
		expect(renamed.map((s) => s.userName)).toContain('Neu Benannt');
		await t.db.update(user).set({ name: member.actor.name }).where(eq(user.id, member.actor.userId));
	});

	it('compares a session before and after, field by field, with the old and new values', async () => {
		const session = (await sessionsOf())[4]!;
		const comparison = (await compareVersions(t.db, reader.actor, goalId, session.fromId, session.upToId))!;
		expect(comparison.changes).toEqual([
			{ ref: { field: 'title' }, kind: 'text', before: 'Eltern erreichen', after: 'Mehr Eltern erreichen' },
			{ ref: { field: 'forWhom' }, kind: 'text', before: '', after: 'Eltern mit Migrationsgeschichte kommen häufiger zu Elternabenden.' },
			{ ref: { field: 'indicator', indicatorId: expect.any(String), name: 'Quote', key: 'targetValue' }, kind: 'number', before: 40, after: 45 }
		]);
		// Today against the beginning: everything written, the description included.
		const all = (await compareVersions(t.db, reader.actor, goalId, 0, null))!;
		expect(all.changes.map((c) => c.ref.field)).toEqual(['title', 'forWhom', 'description', 'resources', 'deadline', 'indicator']);
		expect(all.changes.find((c) => c.ref.field === 'description')?.after).toBe('Gemeinsam mit den Schulen.');
		// A version that is not in this goal's log is no comparison.
		const foreign = (await sessionsOf())[0]!.upToId + 1_000_000;
		expect(await compareVersions(t.db, reader.actor, goalId, foreign, null)).toBeUndefined();
	});

	it("names the current state or a session's end; names are unique per goal and required", async () => {
		const sessions = await sessionsOf();
		const named = await nameVersion(t.db, member.actor, { goalId, name: '  Stand   Ausschuss März ', upToId: String(sessions[2]!.upToId) });
		expect(named).toMatchObject({ name: 'Stand Ausschuss März', upToId: sessions[2]!.upToId, stateAt: at('09:32') });
		const current = await nameVersion(t.db, focus.actor, { goalId, name: 'Heute', upToId: '' });
		expect(current.upToId).toBe(sessions[0]!.upToId);
		await expectValidation(nameVersion(t.db, focus.actor, { goalId, name: 'Stand Ausschuss März', upToId: '' }), { name: 'error_version_name_taken' });
		await expectValidation(nameVersion(t.db, focus.actor, { goalId, name: '   ', upToId: '' }), { name: 'error_version_name_required' });
		await expectValidation(nameVersion(t.db, focus.actor, { goalId, name: 'x'.repeat(101), upToId: '' }), { name: 'error_version_name_too_long' });
		// A version of another goal is not one of this goal.
		const [otherSession] = (await goalHistory(t.db, focus.actor, otherGoalId))!.items.flatMap((item) => (item.kind === 'session' ? [item.session] : []));
		await expectValidation(nameVersion(t.db, focus.actor, { goalId, name: 'Fremd', upToId: String(otherSession!.upToId) }), { upToId: 'error_version_unknown' });
		// The same name on another goal is fine.
		await nameVersion(t.db, focus.actor, { goalId: otherGoalId, name: 'Stand Ausschuss März', upToId: '' });

		// Named versions are in the history at the moment of their state, above that moment's session.
		const items = (await goalHistory(t.db, reader.actor, goalId))!.items;
		const names = items.flatMap((item, index) => (item.kind === 'version' ? [[item.version.name, items[index + 1]?.kind]] : []));
		expect(names).toEqual([
			['Heute', 'session'],
			['Stand Ausschuss März', 'session']
		]);
		// Compared with today: what changed since.
		const since = (await compareVersions(t.db, reader.actor, goalId, named.upToId, null))!;
		expect(since.changes.map((c) => c.ref.field)).toEqual(['description']);
	});

	it('lets only the goal\'s writers name versions; everyone in the municipality reads and compares; nobody elsewhere', async () => {
		await expectHttpStatus(nameVersion(t.db, head.actor, { goalId, name: 'Leitung', upToId: '' }), 403);
		await expectHttpStatus(nameVersion(t.db, reader.actor, { goalId, name: 'Leser', upToId: '' }), 403);
		await expectHttpStatus(nameVersion(t.db, outsider.actor, { goalId, name: 'Fremd', upToId: '' }), 404);
		expect(await goalHistory(t.db, head.actor, goalId)).toBeDefined();
		expect(await compareVersions(t.db, head.actor, goalId, 0, null)).toBeDefined();
		expect(await goalHistory(t.db, outsider.actor, goalId)).toBeUndefined();
		expect(await compareVersions(t.db, outsider.actor, goalId, 0, null)).toBeUndefined();
	});

	it('restores an earlier version as a new session of the restoring person that names what it changed back', async () => {
		const before = await sessionsOf();
		await restoreVersion(t.db, member.actor, { goalId, upToId: before[2]!.upToId });
		const [restore] = await sessionsOf();
		expect(restore).toMatchObject({ userName: member.actor.name, fromId: before[0]!.upToId });
		expect(fieldNames(restore!)).toEqual(['description']);
	});
});
