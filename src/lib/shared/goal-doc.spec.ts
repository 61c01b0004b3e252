import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addIndicator, asDate, findIndicator, goalRoot, goalText, indicatorArray, initGoalDoc, readGoalContent, removeEntryAt, removeIndicator, replaceText } from './goal-doc';

describe('goal document', () => {
	it('initialises every shared text once and reads back plain content', () => {
		const doc = new Y.Doc();
		initGoalDoc(doc, { title: 'Start' });
		const title = goalText(doc, 'title')!;
		initGoalDoc(doc);
		expect(goalText(doc, 'title')).toBe(title);
		const id = addIndicator(doc, { name: 'Quote', baselineValue: 3 });
		goalRoot(doc).set('deadline', '2027-02-30');
		expect(readGoalContent(doc)).toMatchObject({ title: 'Start', deadline: null, indicators: [{ id, name: 'Quote', baselineValue: 3, direction: 'up' }] });
		findIndicator(doc, id)!.set('direction', 'down');
		expect(readGoalContent(doc).indicators[0]!.direction).toBe('down');
		removeIndicator(doc, id);
		expect(readGoalContent(doc).indicators).toEqual([]);
	});

	it('skips invalid entries and names them by position, reading the rest', () => {
		const doc = new Y.Doc();
		initGoalDoc(doc);
		goalRoot(doc).set('criterion', 'nonsense');
		const good = addIndicator(doc, { name: 'Quote', baselineValue: 3 });
		addIndicator(doc, { name: 'Dublette' }, good);
		addIndicator(doc, {}, 'not-a-uuid');
		const bad = (key: string, value: unknown) => findIndicator(doc, addIndicator(doc))!.set(key, value);
		bad('baselineValue', 'zwölf');
		bad('weight', 1000);
		bad('targetDate', '31.12.2027');
		bad('direction', 'sideways');
		bad('frequency', 'hourly');
		indicatorArray(doc).push(['kein Eintrag' as never]);
		const content = readGoalContent(doc);
		expect(content.criterion).toBeNull();
		expect(content.indicators.map((i) => i.name)).toEqual(['Quote']);
		expect(content.invalid).toEqual([
			{ index: 1, problem: 'duplicateId' },
			{ index: 2, problem: 'id' },
			{ index: 3, problem: 'number' },
			{ index: 4, problem: 'number' },
			{ index: 5, problem: 'date' },
			{ index: 6, problem: 'choice' },
			{ index: 7, problem: 'choice' },
			{ index: 8, problem: 'notAnEntry' }
		]);
		removeEntryAt(doc, 2);
		expect(readGoalContent(doc).invalid).toHaveLength(7);
	});

	it('reads a clean document without an invalid list, and empty values as empty', () => {
		const doc = new Y.Doc();
		initGoalDoc(doc);
		const id = addIndicator(doc, { baselineDate: null, targetValue: null });
		findIndicator(doc, id)!.set('targetDate', '');
		const content = readGoalContent(doc);
		expect(content.invalid).toBeUndefined();
		expect(content.indicators[0]).toMatchObject({ id, targetDate: null, targetValue: null });
	});

	it('replaces text with the smallest edit, so concurrent typing elsewhere survives', () => {
		const a = new Y.Doc();
		initGoalDoc(a, { title: 'Eltern erreichen' });
		const b = new Y.Doc();
		Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
		replaceText(goalText(a, 'title')!, 'Mehr Eltern erreichen');
		replaceText(goalText(b, 'title')!, 'Eltern erreichen!');
		Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
		Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
		expect(goalText(a, 'title')!.toString()).toBe('Mehr Eltern erreichen!');
		expect(goalText(b, 'title')!.toString()).toBe('Mehr Eltern erreichen!');
	});

	it.each([
		['2027-07-31', '2027-07-31'],
		['2027-02-29', null],
		['31.07.2027', null],
		[20270731, null]
	] as const)('asDate(%s)', (value, expected) => {
		expect(asDate(value)).toBe(expected);
	});
});
