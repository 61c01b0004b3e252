import { asDate } from '$lib/shared/doc-values';
import { formatNumber } from '$lib/shared/format';
import { normaliseGroups } from '$lib/shared/goal-doc';
import { splitGroups } from '$lib/shared/breakdowns';
import { parseDecimal } from '$lib/shared/numbers';
import type { PlausibilityRule } from '$lib/shared/plausibility';

/** Why a field's text is not a value yet; the field names it and keeps the text to itself. */
export type FieldError = { kind: 'number' } | { kind: 'date' } | { kind: 'range'; min: number; max: number } | { kind: 'rule'; rule: PlausibilityRule };

export type Parsed<T> = { value: T } | { error: FieldError };

/** How a field's text reads as a document value and how a value is shown. */
export interface FieldCodec<T> {
	/** `incomplete`: the browser holds input it cannot report yet (a half-typed date). */
	parse(text: string, incomplete: boolean): Parsed<T>;
	format(value: T): string;
	equal(a: T, b: T): boolean;
}

const same = <T>(a: T, b: T) => a === b;

export const textCodec: FieldCodec<string> = {
	parse: (text) => ({ value: text }),
	format: (value) => value,
	equal: same
};

/**
 * Numbers as people type them (German `12,5`, English `12.5`; see parseDecimal). A trailing
 * separator ("12,") is a number still being typed, not the number before it.
 */
export function numberCodec(locale: string, range?: { min: number; max: number }): FieldCodec<number | null> {
	return {
		parse(text) {
			if (/[.,]\s*$/.test(text)) return { error: { kind: 'number' } };
			const value = parseDecimal(text, locale);
			if (value === undefined) return { error: { kind: 'number' } };
			if (value !== null && range && (value < range.min || value > range.max)) return { error: { kind: 'range', ...range } };
			return { value };
		},
		format: (value) => (value === null ? '' : formatNumber(value, locale, { maximumFractionDigits: 6, useGrouping: false })),
		equal: same
	};
}

/**
 * A date input's `yyyy-mm-dd`. While its year is typed the browser reports years like 0002 or
 * 0202; a date counts once its year has four digits.
 */
export function dateCodec(options: { required?: boolean; rule?: (date: string) => PlausibilityRule | null } = {}): FieldCodec<string | null> {
	return {
		parse(text, incomplete) {
			if (text === '') return incomplete || options.required ? { error: { kind: 'date' } } : { value: null };
			const date = asDate(text);
			if (date === null || date < '1000') return { error: { kind: 'date' } };
			// A date that is a date but not a plausible one stays with the person, as a form would refuse it.
			const rule = options.rule?.(date);
			return rule ? { error: { kind: 'rule', rule } } : { value: date };
		},
		format: (value) => value ?? '',
		equal: same
	};
}

/** "deutsch, nichtdeutsch; insgesamt" as the document keeps groups (trimmed, unique, at most 12). */
export const groupsCodec: FieldCodec<string[]> = {
	parse: (text) => ({ value: normaliseGroups(splitGroups(text)) }),
	format: (groups) => groups.join(', '),
	equal: (a, b) => a.length === b.length && a.every((group, i) => group === b[i])
};
