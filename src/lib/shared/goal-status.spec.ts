import { describe, expect, it } from 'vitest';
import { everAgreed, goalStatus, signedSides } from './goal-status';

describe('goalStatus', () => {
	it.each([
		['no signatures', false, [], 'h1', 'draft'],
		['one side', false, [{ side: 'focus', contentHash: 'h1' }], 'h1', 'draft'],
		['both sides, same content', false, [{ side: 'focus', contentHash: 'h1' }, { side: 'department', contentHash: 'h1' }], 'h1', 'agreed'],
		['both sides, content changed since', false, [{ side: 'focus', contentHash: 'h1' }, { side: 'department', contentHash: 'h1' }], 'h2', 'changed'],
		['signed again after a change', false, [{ side: 'focus', contentHash: 'h1' }, { side: 'department', contentHash: 'h1' }, { side: 'focus', contentHash: 'h2' }, { side: 'department', contentHash: 'h2' }], 'h2', 'agreed'],
		['half signed again after a change', false, [{ side: 'focus', contentHash: 'h1' }, { side: 'department', contentHash: 'h1' }, { side: 'focus', contentHash: 'h2' }], 'h2', 'changed'],
		['sides on different versions never agreed', false, [{ side: 'focus', contentHash: 'h1' }, { side: 'department', contentHash: 'h2' }], 'h2', 'draft'],
		['closed wins', true, [], 'h1', 'closed']
	] as const)('%s', (_, closed, signoffs, contentHash, expected) => {
		expect(goalStatus({ closed, signoffs, contentHash })).toBe(expected);
	});

	it('signedSides and everAgreed', () => {
		const signoffs = [{ side: 'department', contentHash: 'x' }, { side: 'focus', contentHash: 'x' }, { side: 'bogus', contentHash: 'x' }];
		expect(signedSides(signoffs, 'x')).toEqual(['focus', 'department']);
		expect(signedSides(signoffs, 'y')).toEqual([]);
		expect(everAgreed(signoffs)).toBe(true);
		expect(everAgreed(signoffs.slice(0, 1))).toBe(false);
	});
});
