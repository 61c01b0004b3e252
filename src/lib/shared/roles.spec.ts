import { describe, expect, it } from 'vitest';
import { isRole, parseRoles, ROLES } from './roles';

describe('roles', () => {
	it('knows exactly the four roles of PRODUCT.md', () => {
		expect([...ROLES].sort()).toEqual(['admin', 'focus', 'head', 'member']);
	});

	it.each(['admin', 'focus', 'member', 'head'])('accepts %s as a role', (role) => {
		expect(isRole(role)).toBe(true);
	});

	it.each([['Admin'], [' admin'], ['owner'], [''], [null], [undefined], [1], [['admin']]])('refuses %j', (value) => {
		expect(isRole(value)).toBe(false);
	});

	it('keeps only known roles, once each, in the order of ROLES', () => {
		expect(parseRoles(['head', 'owner', 'admin', 'head', 'ADMIN', 3, null])).toEqual(['admin', 'head']);
		expect(parseRoles(['member', 'focus'])).toEqual(['focus', 'member']);
		expect(parseRoles([])).toEqual([]);
	});
});
