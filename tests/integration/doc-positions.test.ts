import fs from 'node:fs';
import { asc, eq, sql } from 'drizzle-orm';
import postgres from 'postgres';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { rowsOf } from '../../src/lib/server/db';
import { docCheckpoint, docHead, docUpdate } from '../../src/lib/server/db/schema';
import { appendMany, appendUpdates, compact, loadState, updatesAfter } from '../../src/lib/server/documents/update-log';
import { backends, migrateTestDatabase, migrationsUpTo, openTestDatabase, useTestDatabase } from '../support/db';

/** A small update that adds `text` to the document's text `t` (a fresh client each time). */
function typed(text: string): Uint8Array {
	const doc = new Y.Doc();
	doc.getText('t').insert(0, text);
	const update = Y.encodeStateAsUpdate(doc);
	doc.destroy();
	return update;
}

const textOf = (state: Uint8Array | null) => {
	const doc = new Y.Doc();
	if (state) Y.applyUpdate(doc, state);
	return doc.getText('t').toString();
};

describe.each(backends)('positions in a document’s log on %s', (backend) => {
	const t = useTestDatabase(backend);

	it('numbers each document’s rows 1, 2, 3 … in the order they are written, whatever the batch mixes', async () => {
		const ranges = await appendMany(t.db, [
			{ docName: 'goal/positions-b', userId: null, update: typed('b1') },
			{ docName: 'goal/positions-a', userId: null, update: typed('a1') },
			{ docName: 'goal/positions-b', userId: null, update: typed('b2') }
		]);
		// Each document's rows of one statement, first to last position.
		expect(ranges.sort((x, y) => x.name.localeCompare(y.name))).toEqual([
			{ name: 'goal/positions-a', first: 1, seq: 1 },
			{ name: 'goal/positions-b', first: 1, seq: 2 }
		]);
		await appendUpdates(t.db, 'goal/positions-a', [{ userId: null, update: typed('a2') }, { userId: null, update: typed('a3') }]);
		const positions = async (docName: string) =>
			(await t.db.select({ seq: docUpdate.seq }).from(docUpdate).where(eq(docUpdate.docName, docName)).orderBy(asc(docUpdate.id))).map((r) => r.seq);
		expect(await positions('goal/positions-a')).toEqual([1, 2, 3]);
		expect(await positions('goal/positions-b')).toEqual([1, 2]);
		expect((await updatesAfter(t.db, [{ name: 'goal/positions-a', seq: 1 }])).map((r) => r.seq)).toEqual([2, 3]);
		// Many documents in one query, each row naming the position it answers.
		const both = await updatesAfter(t.db, [
			{ name: 'goal/positions-b', seq: 0 },
			{ name: 'goal/positions-a', seq: 2 }
		]);
		expect(both.filter((r) => r.at === 1).map((r) => [r.name, r.seq])).toEqual([['goal/positions-a', 3]]);
		expect(both.filter((r) => r.at === 0).map((r) => [r.name, r.seq])).toEqual([
			['goal/positions-b', 1],
			['goal/positions-b', 2]
		]);
		const { lastSeq } = await loadState(t.db, 'goal/positions-a');
		expect(lastSeq).toBe(3);
	});

	it('loads from a checkpoint and the rows after its position', async () => {
		const name = 'goal/positions-checkpoint';
		await appendUpdates(t.db, name, [{ userId: null, update: typed('eins ') }, { userId: null, update: typed('zwei ') }]);
		await compact(t.db, name, 0);
		const [checkpoint] = await t.db.select().from(docCheckpoint).where(eq(docCheckpoint.docName, name));
		expect(checkpoint?.upToSeq).toBe(2);
		await appendUpdates(t.db, name, [{ userId: null, update: typed('drei ') }]);
		const loaded = await loadState(t.db, name);
		expect(loaded.lastSeq).toBe(3);
		expect(textOf(loaded.state).split(' ').filter(Boolean).sort()).toEqual(['drei', 'eins', 'zwei']);
	});

	it('gives rows written before positions existed their positions in id order, and goes on from there', async () => {
		const folder = migrationsUpTo('0011_job_run');
		const old = await openTestDatabase(backend, folder);
		try {
			// As the app of then wrote them: without positions, two documents interleaved, one folded.
			for (const [docName, text] of [['goal/old-a', 'a1'], ['goal/old-b', 'b1'], ['goal/old-a', 'a2'], ['goal/old-a', 'a3']] as const) {
				await old.db.execute(sql`insert into doc_update (doc_name, update) values (${docName}, ${Buffer.from(typed(text))})`);
			}
			const [second] = await rowsOf<{ id: number }>(old.db, sql`select id from doc_update where doc_name = 'goal/old-a' order by id offset 1 limit 1`);
			await old.db.execute(sql`insert into doc_checkpoint (doc_name, up_to_id, state) values ('goal/old-a', ${second!.id}, ${Buffer.from(typed('a1a2'))})`);
			await migrateTestDatabase(old);
			const rows = await old.db.select({ docName: docUpdate.docName, seq: docUpdate.seq }).from(docUpdate).orderBy(asc(docUpdate.id));
			expect(rows).toEqual([
				{ docName: 'goal/old-a', seq: 1 },
				{ docName: 'goal/old-b', seq: 1 },
				{ docName: 'goal/old-a', seq: 2 },
				{ docName: 'goal/old-a', seq: 3 }
			]);
			expect(await old.db.select().from(docHead).orderBy(asc(docHead.docName))).toEqual([
				{ docName: 'goal/old-a', seq: 3 },
				{ docName: 'goal/old-b', seq: 1 }
			]);
			const [checkpoint] = await old.db.select().from(docCheckpoint);
			expect(checkpoint?.upToSeq).toBe(2);
			await appendUpdates(old.db, 'goal/old-a', [{ userId: null, update: typed('a4') }]);
			expect((await loadState(old.db, 'goal/old-a')).lastSeq).toBe(4);
		} finally {
			await old.close();
			fs.rmSync(folder, { recursive: true, force: true });
		}
	});
});

describe.skipIf(!backends.includes('postgres'))('positions when writers of one document overlap', () => {
	const t = useTestDatabase('postgres');

	it('makes a second writer wait for the first one’s commit, so a reader never sees a gap', async () => {
		const name = 'goal/positions-overlap';
		const first = postgres(t.databaseUrl!, { max: 1, onnotice: () => {} });
		const second = postgres(t.databaseUrl!, { max: 1, onnotice: () => {} });
		try {
			let commit!: () => void;
			const committed = new Promise<void>((resolve) => (commit = resolve));
			const open = first.begin(async (tx) => {
				await tx`insert into doc_update (doc_name, update) values (${name}, ${Buffer.from(typed('erste '))})`;
				await committed;
			});
			await new Promise((resolve) => setTimeout(resolve, 200));
			let secondDone = false;
			const waiting = second`insert into doc_update (doc_name, update) values (${name}, ${Buffer.from(typed('zweite '))})`.then(() => (secondDone = true));
			await new Promise((resolve) => setTimeout(resolve, 300));
			// The second row took its id already, but no position: it waits for the first's commit.
			expect(secondDone).toBe(false);
			expect(await updatesAfter(t.db, [{ name, seq: 0 }])).toEqual([]);
			commit();
			await open;
			await waiting;
			const rows = await updatesAfter(t.db, [{ name, seq: 0 }]);
			expect(rows.map((r) => r.seq)).toEqual([1, 2]);
			expect(textOf(Y.mergeUpdates(rows.map((r) => r.update)))).toContain('erste');
		} finally {
			await first.end({ timeout: 5 });
			await second.end({ timeout: 5 });
		}
	});
});

describe.skipIf(!backends.includes('postgres'))('notifications of appended rows', () => {
	const t = useTestDatabase('postgres');

	it('tells listeners what a batch appended, with the statement that appended it, 80 documents a notification at most', async () => {
		const listener = postgres(t.databaseUrl!, { max: 1, onnotice: () => {} });
		const heard: { name: string; seq: number }[][] = [];
		try {
			await listener.listen('appended_test', (payload) => heard.push((JSON.parse(payload) as { e: { docs: { name: string; seq: number }[] } }).e.docs));
			const notice = { channel: 'appended_test', before: '{"o":"test","s":1,"e":{"type":"doc-appended","docs":', after: '}}' };
			// 170 documents, the first with two rows: three notifications (80, 80, 10), each document once, at its last position.
			const names = Array.from({ length: 170 }, (_, i) => `goal/notice-${String(i).padStart(3, '0')}`);
			const rows = [names[0]!, ...names].map((docName, i) => ({ docName, userId: null, update: typed(`n${i}`) }));
			const ranges = await appendMany(t.db, rows, notice);
			const deadline = Date.now() + 5_000;
			while (heard.flat().length < names.length && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
			expect(heard.map((docs) => docs.length).sort((a, b) => b - a)).toEqual([80, 80, 10]);
			const told = heard.flat().sort((a, b) => a.name.localeCompare(b.name));
			expect(told).toEqual(ranges.map(({ name, seq }) => ({ name, seq })).sort((a, b) => a.name.localeCompare(b.name)));
			expect(told[0]).toEqual({ name: names[0], seq: 2 });
			// Without a notice nothing is sent.
			await appendMany(t.db, [{ docName: names[1]!, userId: null, update: typed('still') }]);
			await new Promise((resolve) => setTimeout(resolve, 200));
			expect(heard.flat()).toHaveLength(names.length);
		} finally {
			await listener.end({ timeout: 5 });
		}
	});
});
