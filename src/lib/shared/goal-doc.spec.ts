import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addIndicator, asDate, findIndicator, goalRoot, goalText, initGoalDoc, readGoalContent, removeIndicator, replaceText } from './goal-doc';

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

	it('ignores values of the wrong type and duplicate indicator ids', () => {
		const doc = new Y.Doc();
		initGoalDoc(doc);
		goalRoot(doc).set('criterion', 'nonsense');
		addIndicator(doc, {}, 'same');
		addIndicator(doc, { name: 'zweites' }, 'same');
		findIndicator(doc, 'same')!.set('baselineValue', 'zwölf');
		const content = readGoalContent(doc);
		expect(content.criterion).toBeNull();
		expect(content.indicators).toHaveLength(1);
		expect(content.indicators[0]!.baselineValue).toBeNull();
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
