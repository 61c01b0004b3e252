import { describe, expect, it } from 'vitest';
import { fieldKey } from './field-focus';

const control = (fields: Record<string, unknown>) => fields as unknown as EventTarget;

describe('fieldKey', () => {
	it('names inputs, text areas and selects by their id', () => {
		expect(fieldKey(control({ tagName: 'INPUT', type: 'text', id: 'ind-1-targetValue' }))).toBe('ind-1-targetValue');
		expect(fieldKey(control({ tagName: 'TEXTAREA', id: 'part-tasks' }))).toBe('part-tasks');
		expect(fieldKey(control({ tagName: 'SELECT', id: 'goal-criterion' }))).toBe('goal-criterion');
	});
	it('names a radio button by its group', () => {
		expect(fieldKey(control({ tagName: 'INPUT', type: 'radio', id: 'rating-q1-2', name: 'rating-q1' }))).toBe('rating-q1');
	});
	it.each([
		['a read-only field', { tagName: 'INPUT', id: 'goal-title', readOnly: true }],
		['a disabled select', { tagName: 'SELECT', id: 'goal-criterion', disabled: true }],
		['a checkbox', { tagName: 'INPUT', type: 'checkbox', id: 'goal-1' }],
		['a button', { tagName: 'BUTTON', id: 'save' }],
		['a control without id', { tagName: 'INPUT', id: '' }],
		['an odd id', { tagName: 'INPUT', id: 'a b' }]
	])('names no field for %s', (_, fields) => {
		expect(fieldKey(control(fields))).toBeNull();
	});
	it('names no field for nothing', () => {
		expect(fieldKey(null)).toBeNull();
	});
});
