/**
 * Single cells of a statistics table: numbers with their symbols and flags, status columns,
 * dates and case counts. Errors are message keys, so the caller decides the wording.
 */
import { isSymbol, normaliseFlags, type Flag, type MeasurementValue, type StatSymbol } from '../measurement-value';

export type DecimalMark = ',' | '.';
export type CellResult<T> = { ok: true; value: T } | { ok: false; error: string };

const ok = <T>(value: T): CellResult<T> => ({ ok: true, value });
const fail = <T>(error: string): CellResult<T> => ({ ok: false, error });

/** Plain numbers, optionally grouped in threes by the other mark; `−` is a typographic minus. */
const NUMBER: Record<DecimalMark, RegExp> = {
	',': /^-?(?:\d{1,3}(?:\.\d{3})+|\d+)(?:,\d+)?$/,
	'.': /^-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$/
};
const CASES: Record<DecimalMark, RegExp> = { ',': /^(?:\d{1,3}(?:\.\d{3})+|\d+)$/, '.': /^(?:\d{1,3}(?:,\d{3})+|\d+)$/ };
// Maps, not objects: looking up arbitrary cell text as an object key is slow in large files.
const FLAG_OF_LETTER = new Map<string, Flag>([
	['p', 'provisional'],
	['r', 'revised'],
	['s', 'estimated']
]);
/** What word processors make of the symbols (en dash, ellipsis character). */
const SYMBOL_LOOKALIKES = new Map<string, StatSymbol>([
	['–', '-'],
	['—', '-'],
	['…', '...']
]);
const STATUS_WORDS = new Map<string, Flag>([
	['vorläufig', 'provisional'],
	['vorlaeufig', 'provisional'],
	['provisional', 'provisional'],
	['berichtigt', 'revised'],
	['revidiert', 'revised'],
	['revised', 'revised'],
	['geschätzt', 'estimated'],
	['geschaetzt', 'estimated'],
	['estimated', 'estimated'],
	['unsicher', 'uncertain'],
	['uncertain', 'uncertain']
]);

function asSymbol(text: string): StatSymbol | null {
	if (text.length > 3) return null;
	return isSymbol(text) ? text : (SYMBOL_LOOKALIKES.get(text) ?? null);
}

function letterFlags(letters: string): Flag[] {
	if (letters === '') return [];
	return normaliseFlags([...letters.toLowerCase()].map((letter) => FLAG_OF_LETTER.get(letter) ?? ''));
}

function parseNumber(text: string, mark: DecimalMark): number | null {
	const plain = text.includes('−') ? text.replace('−', '-') : text;
	if (!NUMBER[mark].test(plain)) return null;
	const grouping = mark === ',' ? '.' : ',';
	const ungrouped = plain.includes(grouping) ? plain.replaceAll(grouping, '') : plain;
	const value = Number(mark === ',' ? ungrouped.replace(',', '.') : ungrouped);
	// -0 would print as "-0" and compare oddly; it is a zero.
	return value === 0 ? 0 : value;
}

/** Which mark a column uses, from the cells that tell; `1.234` alone says nothing, German wins. */
export function detectDecimalMark(samples: readonly string[]): DecimalMark {
	let comma = 0;
	let point = 0;
	for (const sample of samples) {
		const mark = markOf(/\d[\d.,]*/.exec(sample)?.[0].replace(/[.,]+$/, '') ?? '');
		if (mark === ',') comma++;
		else if (mark === '.') point++;
	}
	return point > comma ? '.' : ',';
}

function markOf(number: string): DecimalMark | null {
	const comma = number.lastIndexOf(',');
	const point = number.lastIndexOf('.');
	if (comma >= 0 && point >= 0) return comma > point ? ',' : '.';
	if (comma < 0 && point < 0) return null;
	const mark: DecimalMark = comma >= 0 ? ',' : '.';
	// A mark that repeats groups thousands; one with three digits after may do so too (unless the number starts with 0).
	if (number.indexOf(mark) !== number.lastIndexOf(mark)) return mark === ',' ? '.' : ',';
	return /^[1-9]\d{0,2}[.,]\d{3}$/.test(number) ? null : mark;
}

/** `12,3`, `(12,3)`, `12,3 p`, `(12,3) rs` or a symbol alone. */
export function parseValueCell(raw: string, decimalMark: DecimalMark): CellResult<MeasurementValue> {
	const text = raw.trim();
	if (text === '') return fail('csv_value_empty');
	const symbol = asSymbol(text);
	if (symbol) return ok({ value: null, symbol, flags: [] });
	let end = text.length;
	while (end > 0 && FLAG_OF_LETTER.has(text[end - 1]!.toLowerCase())) end--;
	const letters = text.slice(end);
	const body = text.slice(0, end).trimEnd();
	const uncertain = body.startsWith('(') && body.endsWith(')');
	const inner = uncertain ? body.slice(1, -1).trim() : body;
	if (uncertain && inner === '') return fail('csv_value_uncertain_without_number');
	const value = parseNumber(inner, decimalMark);
	if (value === null) return fail(/\d/.test(text) ? 'csv_value_invalid' : 'csv_value_unknown_symbol');
	const flags = letterFlags(letters);
	return ok({ value, symbol: null, flags: uncertain ? normaliseFlags(['uncertain', ...flags]) : flags });
}

/** A separate status column: a symbol, flag letters, `()` or the flag's word. */
export function parseStatusCell(raw: string): CellResult<{ symbol: StatSymbol | null; flags: Flag[] }> {
	const text = raw.trim();
	if (text === '') return ok({ symbol: null, flags: [] });
	const symbol = asSymbol(text);
	if (symbol) return ok({ symbol, flags: [] });
	const flags: Flag[] = [];
	for (const token of text.toLowerCase().split(/[\s,]+/)) {
		// `()p` is how the export writes an uncertain provisional number.
		const letters = token.replace('()', '');
		if (letters !== token) flags.push('uncertain');
		if (/^[prs]*$/.test(letters)) flags.push(...letterFlags(letters));
		else {
			const flag = STATUS_WORDS.get(token);
			if (!flag) return fail('csv_status_unknown');
			flags.push(flag);
		}
	}
	return ok({ symbol: null, flags: normaliseFlags(flags) });
}

/** `dd.mm.yyyy`, `yyyy-mm-dd`, a year (its 31 December) or `mm/yyyy` (the month's last day). */
export function parseDateCell(raw: string): CellResult<string> {
	const text = raw.trim();
	if (text === '') return fail('csv_date_empty');
	let match = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(text);
	if (match) return isoDate(Number(match[3]), Number(match[2]), Number(match[1]));
	match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
	if (match) return isoDate(Number(match[1]), Number(match[2]), Number(match[3]));
	match = /^\d{4}$/.exec(text);
	if (match) return isoDate(Number(text), 12, 31);
	match = /^(\d{1,2})[./](\d{4})$/.exec(text);
	if (match) return isoDate(Number(match[2]), Number(match[1]), 'last');
	return fail('csv_date_invalid');
}

function isoDate(year: number, month: number, day: number | 'last'): CellResult<string> {
	if (month < 1 || month > 12) return fail('csv_date_invalid');
	const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
	const days = month === 2 ? (leap ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
	const d = day === 'last' ? days : day;
	if (d < 1 || d > days) return fail('csv_date_invalid');
	const pad = (n: number, width: number) => String(n).padStart(width, '0');
	return ok(`${pad(year, 4)}-${pad(month, 2)}-${pad(d, 2)}`);
}

/**
 * A case count: empty, or a whole number grouped by the mark that is not the decimal mark.
 * A symbol means the count is unknown or suppressed, like the value beside it: no count.
 */
export function parseCasesCell(raw: string, decimalMark: DecimalMark = ','): CellResult<number | null> {
	const text = raw.trim();
	if (text === '' || asSymbol(text)) return ok(null);
	if (!CASES[decimalMark].test(text)) return fail('csv_cases_invalid');
	const value = Number(text.replace(/[.,]/g, ''));
	return Number.isSafeInteger(value) ? ok(value) : fail('csv_cases_invalid');
}
