/**
 * The six criteria of Table 1 of the guide (analysis level) with the action level each points
 * to. A goal names the one it serves. Labels are message keys (`criterion_<key>`,
 * `criterion_<key>_action`).
 */
export const CRITERIA = ['agreements', 'attention', 'institutionalisation', 'reach', 'rights', 'statePolicy'] as const;
export type Criterion = (typeof CRITERIA)[number];

export function isCriterion(value: unknown): value is Criterion {
	return typeof value === 'string' && (CRITERIA as readonly string[]).includes(value);
}
