import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addIndicator, findIndicator, goalText, indicatorArray } from '../../src/lib/shared/goal-doc';
import { backends, useTestDatabase } from '../support/db';
import { projectedRows, waitFor, useGoalSync } from '../support/sync';

describe.each(backends)('projection of crafted goal documents on %s', (backend) => {
	const t = useTestDatabase(backend);
	const live = useGoalSync(t);

	it('skips each invalid entry with one log line and projects the rest of the goal, then and later', async () => {
		const writer = live.sync.connect(live.world.as.bildung.token, live.world.docName);
		await writer.synced();
		const good = addIndicator(writer.doc, { name: 'Ausbildungsquote', unit: '%', baselineValue: 40, targetValue: 50 });
		addIndicator(writer.doc, { name: 'Kaputte Kennung' }, 'not-a-uuid');
		addIndicator(writer.doc, { name: 'Dublette' }, good);
		const badNumber = addIndicator(writer.doc, { name: 'Zahl als Text' });
		findIndicator(writer.doc, badNumber)!.set('targetValue', 'hundert');
		const badDate = addIndicator(writer.doc, { name: 'Datum verdreht' });
		findIndicator(writer.doc, badDate)!.set('targetDate', '2027-13-40');
		const badChoice = addIndicator(writer.doc, { name: 'Richtung seitwärts' });
		findIndicator(writer.doc, badChoice)!.set('direction', 'sideways');
		indicatorArray(writer.doc).push([new Y.Map() as Y.Map<unknown>]);
		goalText(writer.doc, 'title')!.insert(0, 'Neu: ');

		await waitFor(async () => (await projectedRows(t.db, live.world.goalId)).goal.title === 'Neu: Mehr Ausbildungsplätze', 'the title to be projected');
		const rows = await projectedRows(t.db, live.world.goalId);
		expect(rows.indicators.map((i) => [i.id, i.name, Number(i.targetValue)])).toEqual([[good, 'Ausbildungsquote', 50]]);
		const skipped = live.sync.logs.filter((entry) => entry.msg === 'document entries skipped');
		expect(skipped).toHaveLength(1);
		expect(skipped[0]!.skipped).toEqual([
			{ index: 1, problem: 'id' },
			{ index: 2, problem: 'duplicateId' },
			{ index: 3, problem: 'number' },
			{ index: 4, problem: 'date' },
			{ index: 5, problem: 'choice' },
			{ index: 6, problem: 'id' }
		]);
		expect(live.sync.logs.filter((entry) => entry.msg === 'projecting the document failed')).toEqual([]);

		// Later edits keep projecting, and the unchanged bad entries are not logged again.
		findIndicator(writer.doc, good)!.set('targetValue', 55);
		goalText(writer.doc, 'forWhom')!.insert(0, 'Jugendliche');
		await waitFor(async () => (await projectedRows(t.db, live.world.goalId)).goal.forWhom === 'Jugendliche', 'the next edit to be projected');
		expect(Number((await projectedRows(t.db, live.world.goalId)).indicators[0]!.targetValue)).toBe(55);
		expect(live.sync.logs.filter((entry) => entry.msg === 'document entries skipped')).toHaveLength(1);
	});
});
