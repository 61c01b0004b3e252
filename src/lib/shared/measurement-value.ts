/**
 * What official statistics print in a cell: a number, possibly qualified (uncertain in
 * parentheses, provisional / revised / estimated flags), or a symbol standing in for a number
 * that does not exist or may not be shown. A symbol is never a zero: such a measurement has
 * no value and progress and forecast leave it out.
 */
import { formatNumber } from './format';

/** Symbols that replace the number (GENESIS / Federal Employment Agency conventions). */
export const SYMBOLS = ['-', '.', '...', '/', 'x', '*'] as const;
export type StatSymbol = (typeof SYMBOLS)[number];

/** Qualifiers of a number; `uncertain` is printed as the number in parentheses. */
export const FLAGS = ['uncertain', 'provisional', 'revised', 'estimated'] as const;
export type Flag = (typeof FLAGS)[number];

/** The letters statistics offices append to a number for each flag. */
export const FLAG_LETTERS: Record<Exclude<Flag, 'uncertain'>, string> = { provisional: 'p', revised: 'r', estimated: 's' };

export interface MeasurementValue {
	/** The number; null exactly when a symbol stands in its place. */
	value: number | null;
	symbol: StatSymbol | null;
	flags: Flag[];
}

export function isSymbol(value: unknown): value is StatSymbol {
	return typeof value === 'string' && (SYMBOLS as readonly string[]).includes(value);
}

export function isFlag(value: unknown): value is Flag {
	return typeof value === 'string' && (FLAGS as readonly string[]).includes(value);
}

/** Flags in their canonical order, without repeats. */
export function normaliseFlags(flags: readonly string[]): Flag[] {
	return FLAGS.filter((flag) => flags.includes(flag));
}

/** A value counts for progress and forecast only when it has a number. */
export function isUsable(value: Pick<MeasurementValue, 'value'>): value is { value: number } {
	return value.value !== null && Number.isFinite(value.value);
}

/** The letters of a value's flags as printed after the number (e.g. `p`, `rs`). */
export function flagLetters(flags: readonly Flag[]): string {
	return flags.map((flag) => (flag === 'uncertain' ? '' : FLAG_LETTERS[flag])).join('');
}

/**
 * A value as statistics print it, in the reader's language: `12,5`, `(12,5)`, `12,5 p`,
 * `(12,5) r`, `.`, `... p`.
 */
export function formatMeasurementValue(v: { value: number | null; symbol: StatSymbol | null; flags: readonly Flag[] }, locale: string): string {
	const letters = flagLetters(v.flags);
	if (v.value === null) return [v.symbol ?? '', letters].filter(Boolean).join(' ');
	const number = formatNumber(v.value, locale, { maximumFractionDigits: 6 });
	const shown = v.flags.includes('uncertain') ? `(${number})` : number;
	return letters ? `${shown} ${letters}` : shown;
}
