/**
 * CSV for spreadsheets as German offices use them: Excel opens a file with BOM, `;` and
 * decimal commas correctly on a double click. Text that a spreadsheet would run as a formula
 * is defused (CSV injection), except the statistics symbols, which must stay as they are.
 */
import { flagLetters, isSymbol, type Flag, type MeasurementValue } from '../measurement-value';

const MAX_DECIMALS = 6;

/** `1234,5`: decimal comma, no grouping, at most six decimals, no trailing zeros. */
export function formatNumberCell(value: number): string {
	if (!Number.isFinite(value)) return '';
	const fixed = value.toFixed(MAX_DECIMALS).replace(/\.?0+$/, '');
	return (fixed === '-0' ? '0' : fixed).replace('.', ',');
}

/** The inverse of `parseValueCell` with a decimal comma: `12,5`, `(12,5)`, `12,5 p`, `(12,5) r`, `.`. */
export function formatValueCell(v: MeasurementValue): string {
	if (v.value === null) return v.symbol ?? '';
	const number = formatNumberCell(v.value);
	const shown = v.flags.includes('uncertain') ? `(${number})` : number;
	const letters = flagLetters(v.flags);
	return letters ? `${shown} ${letters}` : shown;
}

/** The status column beside a numeric value: the symbol and the flags' letters, `()` for uncertain. */
export function formatStatusCell(symbol: string | null, flags: readonly Flag[]): string {
	const letters = flagLetters(flags);
	return symbol !== null ? [symbol, letters].filter(Boolean).join(' ') : `${flags.includes('uncertain') ? '()' : ''}${letters}`;
}

/** `yyyy-mm-dd` → `dd.mm.yyyy`; anything else unchanged. */
export function formatDateCell(iso: string): string {
	const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
	return match ? `${match[3]}.${match[2]}.${match[1]}` : iso;
}

/**
 * A spreadsheet runs a cell starting with `=`, `+`, `-` or `@` as a formula, also after
 * leading spaces, and a leading tab or CR can hide one (OWASP, CSV injection). A plain
 * negative number and the statistics symbols read as what they are and stay.
 */
function readAsFormula(text: string): boolean {
	if (isSymbol(text) || /^-\d+(?:,\d+)?$/.test(text)) return false;
	return /^\s*[=+\-@]/.test(text) || /^[\t\r]/.test(text);
}

function textCell(text: string): string {
	const formula = readAsFormula(text);
	const safe = formula ? `'${text}` : text;
	return /[;"\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

function cell(value: string | number | null): string {
	if (value === null) return '';
	return typeof value === 'number' ? formatNumberCell(value) : textCell(value);
}

export function toSpreadsheetCsv(header: readonly string[], rows: readonly (readonly (string | number | null)[])[]): string {
	const lines = [header, ...rows].map((row) => row.map(cell).join(';'));
	return `\uFEFF${lines.map((line) => `${line}\r\n`).join('')}`;
}
