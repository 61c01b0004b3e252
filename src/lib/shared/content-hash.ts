import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';
import type { GoalContent } from './goal-doc';

/**
 * The substantive fields of a goal — "for whom", the indicators (with what their target refers
 * to) and the deadline — in a canonical form: sorted keys, indicators by id, whitespace and
 * numbers normalised. A sign-off covers this, so a typo fixed in the description needs no new signatures.
 */
export function substantiveContent(content: GoalContent): unknown {
	const number = (value: number | null) => (value === null ? null : Object.is(value, -0) ? 0 : value);
	return {
		deadline: content.deadline,
		forWhom: content.forWhom.replace(/\s+/g, ' ').trim(),
		indicators: [...content.indicators]
			.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
			.map((i) => ({
				baselineDate: i.baselineDate,
				baselineValue: number(i.baselineValue),
				direction: i.direction,
				id: i.id,
				name: i.name.replace(/\s+/g, ' ').trim(),
				targetDate: i.targetDate,
				targetValue: number(i.targetValue),
				unit: i.unit.trim(),
				// What the target refers to; left out when there is no choice, so goals without
				// breakdowns or weights hash as they did before these existed.
				...(i.groups.length > 0 ? { groups: i.groups, targetGroup: i.targetGroup, gapGroup: i.gapGroup } : {}),
				...(i.weight !== 1 ? { weight: i.weight } : {})
			}))
	};
}

/** JSON with object keys sorted at every level, so equal content always serialises the same. */
export function canonicalJson(value: unknown): string {
	if (value === null || typeof value !== 'object') return JSON.stringify(value);
	if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
	const entries = Object.entries(value as Record<string, unknown>)
		.filter(([, v]) => v !== undefined)
		.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
	return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export function sha256Hex(text: string): string {
	return encodeHexLowerCase(sha256(new TextEncoder().encode(text)));
}

export function contentHash(content: GoalContent): string {
	return sha256Hex(canonicalJson(substantiveContent(content)));
}
