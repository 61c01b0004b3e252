/** The roles a membership can carry; a membership holds a set of them. */
export const ROLES = ['admin', 'focus', 'member', 'head'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
	return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** Keeps only known roles, once each, in a stable order. */
export function parseRoles(values: readonly unknown[]): Role[] {
	return ROLES.filter((role) => values.includes(role));
}
