import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { contentHash } from '../../src/lib/shared/content-hash';
import { addIndicator, findIndicator, goalRoot, goalText, indicatorArray, readGoalContent, TEXT_FIELDS } from '../../src/lib/shared/goal-doc';
import { projectedIndicators } from '../../src/lib/server/goals/indicators';
import { backends, useTestDatabase } from '../support/db';
import {
	contentOf,
	projectedRows,
	sameState,
	storedUpdates,
	waitFor,
	type Client,
	useGoalSync
} from '../support/sync';
import { seededRandom } from '../support/random';

const LETTERS = 'abcdefghijklmnopqrstuvwxyzäöüß ';

/** One small edit as a person would make it: a letter typed or deleted, an indicator touched. */
function edit(doc: Y.Doc, random: () => number): void {
	const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
	const roll = random();
	if (roll < 0.7) {
		const text = goalText(doc, pick(TEXT_FIELDS))!;
		const at = Math.floor(random() * (text.length + 1));
		if (text.length > 3 && random() < 0.25) text.delete(Math.min(at, text.length - 1), 1);
		else text.insert(at, pick([...LETTERS]));
	} else if (roll < 0.78 || indicatorArray(doc).length === 0) {
		addIndicator(doc, { name: `Indikator ${Math.floor(random() * 100)}`, unit: '%', baselineValue: 10, baselineDate: '2025-01-01' });
	} else if (roll < 0.95) {
		const maps = indicatorArray(doc).toArray();
		const map = pick(maps);
		switch (Math.floor(random() * 5)) {
			case 0:
				map.set('name', `${String(map.get('name'))}${pick([...LETTERS])}`);
				break;
			case 1:
				map.set('targetValue', Math.round(random() * 1000) / 10);
				break;
			case 2:
				map.set('targetDate', pick(['2026-12-31', '2027-06-30', '2028-01-15']));
				break;
			case 3:
				map.set('direction', pick(['up', 'down']));
				break;
			default:
				map.set('unit', pick(['%', 'Personen', 'Plätze']));
		}
	} else {
		goalRoot(doc).set('deadline', pick(['2026-12-31', '2027-06-30', '2027-09-01']));
	}
}

describe.each(backends)('sync: two partners converge on %s', (backend) => {
	const t = useTestDatabase(backend);
	const live = useGoalSync(t);

	it('merges interleaved edits, serves the result to a latecomer, projects it and attributes it', async () => {
		const a = live.sync.connect(live.world.as.focus.token, live.world.docName);
		const b = live.sync.connect(live.world.as.bildung.token, live.world.docName);
		await Promise.all([a.synced(), b.synced()]);
		expect(contentOf(a.doc).title).toBe('Mehr Ausbildungsplätze');
		expect(sameState(a.doc, b.doc)).toBe(true);

		// Both type at once: several edits per side before either hears of the other's.
		const random = seededRandom(20240611);
		for (let round = 0; round < 80; round++) {
			for (const client of [a, b]) {
				const burst = 1 + Math.floor(random() * 3);
				for (let i = 0; i < burst; i++) edit(client.doc, random);
			}
			// Let some messages cross, but not all of them.
			if (round % 4 === 0) await new Promise((resolve) => setImmediate(resolve));
			else if (round % 7 === 0) await new Promise((resolve) => setTimeout(resolve, random() * 5));
		}
		// The random edits may set the deadline too: a must have heard all of b's before its own
		// deadline below is later than every other, or a concurrent one of b's could win.
		await waitFor(() => sameState(a.doc, b.doc), 'the random edits to arrive on both sides');
		// Both edit the same indicator field at the same moment: one value wins, the same for both.
		const shared = indicatorArray(a.doc).get(0).get('id') as string;
		await waitFor(() => findIndicator(b.doc, shared) !== undefined, 'the first indicator to reach b');
		findIndicator(a.doc, shared)!.set('targetValue', 111);
		findIndicator(b.doc, shared)!.set('targetValue', 222);
		goalRoot(a.doc).set('deadline', '2027-12-31');

		await waitFor(() => sameState(a.doc, b.doc), () => `a and b to converge:\n${JSON.stringify(contentOf(a.doc))}\n${JSON.stringify(contentOf(b.doc))}`);
		const content = contentOf(a.doc);
		expect(content.deadline).toBe('2027-12-31');
		expect([111, 222]).toContain(content.indicators.find((i) => i.id === shared)!.targetValue);
		expect(content.indicators.length).toBeGreaterThan(1);
		for (const field of TEXT_FIELDS) expect(goalText(b.doc, field)!.toString()).toBe(goalText(a.doc, field)!.toString());

		// Someone opening the goal later gets all of it from the server.
		const late: Client = live.sync.connect(live.world.as.focus2.token, live.world.docName);
		await late.synced();
		await waitFor(() => sameState(late.doc, a.doc), 'the latecomer to have everything');

		// The rows follow the document after the debounce (indicator rows are written after the
		// goal row, so wait for all of them).
		const expected = readGoalContent(a.doc);
		const projected = async () => {
			const rows = await projectedRows(t.db, live.world.goalId);
			return {
				goal: {
					title: rows.goal.title,
					forWhom: rows.goal.forWhom,
					resources: rows.goal.resources,
					deadline: rows.goal.deadline,
					contentHash: rows.goal.contentHash
				},
				// The projected rows, read back as definitions.
				indicators: await projectedIndicators(t.db, live.world.goalId)
			};
		};
		const wanted = {
			goal: { title: expected.title, forWhom: expected.forWhom, resources: expected.resources, deadline: expected.deadline, contentHash: contentHash(expected) },
			indicators: expected.indicators
		};
		// On a timeout the comparison below shows the difference.
		await waitFor(async () => JSON.stringify(await projected()) === JSON.stringify(wanted), 'the projection to catch up').catch(() => {});
		expect(await projected()).toEqual(wanted);

		// Every stored row carries the user whose socket sent it: each row's new items come
		// from that user's own client id, whatever the client could have claimed.
		await waitFor(async () => {
			const stored = await storedUpdates(t.db, live.world.docName);
			const doc = new Y.Doc();
			Y.applyUpdate(doc, Y.mergeUpdates(stored.map((row) => row.update)));
			return sameState(doc, a.doc);
		}, 'everything to be stored');
		const stored = await storedUpdates(t.db, live.world.docName);
		const owner = new Map([
			[a.doc.clientID, live.world.as.focus.actor.userId],
			[b.doc.clientID, live.world.as.bildung.actor.userId]
		]);
		expect(stored[0]!.userId).toBe(live.world.as.focus.actor.userId);
		for (const row of stored.slice(1)) {
			const clients = new Set(Y.decodeUpdate(row.update).structs.map((struct) => struct.id.client));
			for (const client of clients) expect(owner.get(client), `row ${row.id}`).toBe(row.userId);
		}
		const authors = new Set(stored.slice(1).map((row) => row.userId));
		expect(authors).toEqual(new Set([live.world.as.focus.actor.userId, live.world.as.bildung.actor.userId]));
		expect(live.sync.logs.filter((entry) => entry.level >= 50)).toEqual([]);
	});
});
