import { describe, expect, it } from 'vitest';
import { goalChanges, type GoalState } from './goal-changes';
import { indicatorFields } from './goal-doc';
import { richPlainText } from './rich-text';

const state = (over: Partial<GoalState['content']> = {}, description = ''): GoalState => ({
	content: { title: 'Eltern erreichen', forWhom: '', resources: '', criterion: null, deadline: null, indicators: [], ...over },
	description
});
const quote = { id: 'q', ...indicatorFields({ name: 'Quote', targetValue: 40 }) };

describe('goalChanges', () => {
	it('names nothing for equal states', () => {
		expect(goalChanges(state({ indicators: [quote] }), state({ indicators: [quote] }))).toEqual([]);
	});

	it('names the goal fields that differ, in the order of the form, with their values', () => {
		const changes = goalChanges(state(), state({ title: 'Familien erreichen', deadline: '2027-07-31' }, 'Neu'));
		expect(changes.map((c) => c.ref.field)).toEqual(['title', 'description', 'deadline']);
		expect(changes[2]).toEqual({ ref: { field: 'deadline' }, kind: 'date', before: null, after: '2027-07-31' });
	});

	it('names indicator fields by the indicator, and indicators added or removed', () => {
		const other = { id: 'o', ...indicatorFields({ name: 'Anzahl' }) };
		const changes = goalChanges(state({ indicators: [quote, other] }), state({ indicators: [{ ...quote, targetValue: 45, groups: ['a', 'b'] }, { id: 'n', ...indicatorFields({ name: 'Neu' }) }] }));
		expect(changes.map((c) => c.ref)).toEqual([
			{ field: 'indicator', indicatorId: 'q', name: 'Quote', key: 'targetValue' },
			{ field: 'indicator', indicatorId: 'q', name: 'Quote', key: 'groups' },
			{ field: 'indicator', indicatorId: 'n', name: 'Neu', key: 'added' },
			{ field: 'indicator', indicatorId: 'o', name: 'Anzahl', key: 'removed' }
		]);
		expect(changes[0]).toMatchObject({ kind: 'number', before: 40, after: 45 });
	});
});

describe('richPlainText', () => {
	it('gives one line per block, list items included', () => {
		const text = (t: string) => ({ type: 'text' as const, text: t, bold: false, italic: false });
		expect(
			richPlainText([
				{ type: 'block', tag: 'p', children: [text('Erster '), text('Absatz')] },
				{ type: 'block', tag: 'ul', children: [{ type: 'block', tag: 'li', children: [{ type: 'block', tag: 'p', children: [text('Punkt')] }] }] }
			])
		).toBe('Erster Absatz\nPunkt');
	});
});
