/**
 * Measurements from a CSV file as statistics offices deliver it: which column holds what,
 * reading the rows into measurements, and every problem with line and column, so the person
 * importing can fix the file. Nothing here is saved; the caller shows rows and problems.
 */
import { normaliseFlags, type MeasurementValue } from '../measurement-value';
import { detectDecimalMark, parseCasesCell, parseDateCell, parseStatusCell, parseValueCell, type CellResult, type DecimalMark } from './cells';
import { decodeCsvBytes, type CsvEncoding } from './decode';
import { jumpsAmong, observedDateRule, valueRule } from '../plausibility';
import { detectSeparator, filledWidth, parseRows, type CsvRow, type Separator } from './parse';
import { locateTable } from './table';

export const MAX_IMPORT_BYTES = 8 * 1024 * 1024;
export const MAX_NOTE_LENGTH = 2000;
/** Rows looked at to guess the columns; enough for a pattern, cheap for large files. */
const SAMPLE_ROWS = 200;
const SHOWN_VALUE_LENGTH = 40;

export type ColumnRole = 'date' | 'value' | 'group' | 'status' | 'cases' | 'note';

/** 0-based column indexes. */
export interface ColumnMapping {
	date: number;
	value: number;
	group: number | null;
	status: number | null;
	cases: number | null;
	note: number | null;
}

export interface ImportOptions {
	mapping: ColumnMapping;
	decimalMark: DecimalMark;
	/** The indicator's groups; empty when the indicator has no breakdown. */
	groups: readonly string[];
}

export interface ParsedMeasurement {
	line: number;
	/** In the indicator's spelling; '' when the indicator has no breakdown. */
	group: string;
	date: string;
	value: MeasurementValue;
	cases: number | null;
	note: string;
}

export interface ImportProblem {
	line: number;
	/** 1-based. */
	column: number;
	/** A message key (`csv_…`). */
	key: string;
	params: Record<string, string | number>;
}

export interface CsvChoices {
	separator?: Separator;
	decimalMark?: DecimalMark;
	mapping?: ColumnMapping;
	groups: readonly string[];
}

export interface CsvReading {
	encoding: CsvEncoding;
	separator: Separator;
	decimalMark: DecimalMark;
	header: string[] | null;
	columns: number;
	body: CsvRow[];
	mapping: ColumnMapping | null;
	rows: ParsedMeasurement[];
	problems: ImportProblem[];
}

/** Header words per role; cases come before value since "Anzahl Fälle" contains "Anzahl". */
const HEADER_WORDS: [ColumnRole, RegExp][] = [
	['cases', /^n$|fälle|faelle|fallzahl|cases/],
	['status', /status|flag|kennzeichen/],
	['note', /bemerkung|anmerkung|notiz|note|hinweis|kommentar|comment/],
	['date', /datum|stichtag|jahr|zeitraum|monat|date|year|month|period/],
	['group', /gruppe|group|staatsangehörigkeit|geschlecht|merkmal|nationality|gender|sex/],
	['value', /wert|anteil|quote|anzahl|value|share|rate|count|percent|prozent/]
];

function problem(key: string, line: number, index: number, raw?: string, extra: Record<string, string | number> = {}): ImportProblem {
	const column = index + 1;
	const params: Record<string, string | number> = { line, column, ...extra };
	if (raw !== undefined) {
		const value = raw.trim();
		params.value = value.length > SHOWN_VALUE_LENGTH ? `${value.slice(0, SHOWN_VALUE_LENGTH - 1)}…` : value;
	}
	return { line, column, key, params };
}

function groupKey(name: string): string {
	return name.trim().toLowerCase();
}

/** Columns by header words, then by content: the first column of dates, the first other of numbers. */
export function guessMapping(header: readonly string[] | null, sample: readonly CsvRow[]): ColumnMapping | null {
	const roles = new Map<ColumnRole, number>();
	header?.forEach((name, index) => {
		const words = name.trim().toLowerCase();
		const role = words && HEADER_WORDS.find(([role, pattern]) => !roles.has(role) && pattern.test(words))?.[0];
		if (role) roles.set(role, index);
	});
	const columns = sample.reduce((most, row) => Math.max(most, row.cells.length), header?.length ?? 0);
	const free = (index: number) => ![...roles.values()].includes(index);
	const filled = (index: number) => sample.map((row) => row.cells[index]?.trim() ?? '').filter((cell) => cell !== '');
	const mostly = (cells: string[], test: (cell: string, index: number) => boolean) => cells.length > 0 && cells.filter(test).length >= cells.length * 0.8;
	for (let index = 0; index < columns && !roles.has('date'); index++) {
		if (free(index) && mostly(filled(index), (cell) => parseDateCell(cell).ok)) roles.set('date', index);
	}
	for (let index = 0; index < columns && !roles.has('value'); index++) {
		if (!free(index)) continue;
		const cells = filled(index);
		const mark = detectDecimalMark(cells);
		const values = cells.map((cell) => parseValueCell(cell, mark));
		// Symbols alone do not make a value column: a column of `x` is more likely text.
		if (mostly(cells, (_, i) => values[i]!.ok) && values.some((v) => v.ok && v.value.value !== null)) roles.set('value', index);
	}
	const date = roles.get('date');
	const value = roles.get('value');
	if (date === undefined || value === undefined) return null;
	return { date, value, group: roles.get('group') ?? null, status: roles.get('status') ?? null, cases: roles.get('cases') ?? null, note: roles.get('note') ?? null };
}

/** A cell's text, or a problem when the row ends before the column. */
function cellAt(row: CsvRow, index: number, problems: ImportProblem[]): string | undefined {
	const raw = row.cells[index];
	if (raw === undefined) problems.push(problem('csv_column_missing', row.line, index));
	return raw;
}

function readCell<T>(row: CsvRow, index: number, problems: ImportProblem[], read: (raw: string) => CellResult<T>): T | undefined {
	const raw = cellAt(row, index, problems);
	if (raw === undefined) return undefined;
	const result = read(raw);
	if (result.ok) return result.value;
	problems.push(problem(result.error, row.line, index, raw));
	return undefined;
}

const NO_STATUS = { symbol: null, flags: [] } as const;

export function readMeasurements(body: readonly CsvRow[], options: ImportOptions): { rows: ParsedMeasurement[]; problems: ImportProblem[] } {
	const { mapping, decimalMark, groups } = options;
	const rows: ParsedMeasurement[] = [];
	const problems: ImportProblem[] = [];
	const first = body[0];
	if (first && groups.length > 0 && mapping.group === null) problems.push(problem('csv_group_column_required', first.line, 0));
	if (first && groups.length === 0 && mapping.group !== null) {
		problems.push(problem('csv_group_not_expected', first.line, mapping.group, first.cells[mapping.group]));
	}
	const spelling = new Map(groups.map((group) => [groupKey(group), group]));
	const groupList = groups.join(', ');
	const readCases = (raw: string) => parseCasesCell(raw, decimalMark);
	/** Line of the first row per group and date. */
	const firstLine = new Map<string, Map<string, number>>();

	for (const row of body) {
		const before = problems.length;
		const { line } = row;
		const date = readCell(row, mapping.date, problems, parseDateCell);
		const valueRaw = cellAt(row, mapping.value, problems);
		const status = mapping.status === null ? NO_STATUS : readCell(row, mapping.status, problems, parseStatusCell);

		let value: MeasurementValue | undefined;
		// A symbol in the status column may stand alone, the value cell left empty.
		if (valueRaw !== undefined && status?.symbol && valueRaw.trim() === '') value = { value: null, symbol: status.symbol, flags: [...status.flags] };
		else if (valueRaw !== undefined) {
			const result = parseValueCell(valueRaw, decimalMark);
			if (result.ok) value = result.value;
			else problems.push(problem(result.error, line, mapping.value, valueRaw));
		}
		if (value && status && mapping.status !== null) {
			if (status.symbol && (value.value !== null || value.symbol !== status.symbol)) {
				problems.push(problem('csv_status_conflict', line, mapping.status, row.cells[mapping.status], { valueCell: valueRaw!.trim() }));
			} else if (status.flags.length > 0) value = { ...value, flags: normaliseFlags([...value.flags, ...status.flags]) };
		}

		let group: string | undefined = '';
		if (groups.length > 0 && mapping.group !== null) {
			const raw = cellAt(row, mapping.group, problems);
			const key = raw === undefined ? '' : groupKey(raw);
			group = key === '' ? undefined : spelling.get(key);
			if (raw !== undefined && group === undefined) {
				problems.push(key === '' ? problem('csv_group_empty', line, mapping.group, raw) : problem('csv_group_unknown', line, mapping.group, raw, { groups: groupList }));
			}
		}
		const cases = mapping.cases === null ? null : readCell(row, mapping.cases, problems, readCases);
		let note = '';
		if (mapping.note !== null) {
			const noteRaw = cellAt(row, mapping.note, problems);
			note = noteRaw?.trim() ?? '';
			if (note.length > MAX_NOTE_LENGTH) problems.push(problem('csv_note_too_long', line, mapping.note, noteRaw, { max: MAX_NOTE_LENGTH }));
		}

		if (date !== undefined && group !== undefined) {
			let dates = firstLine.get(group);
			if (!dates) firstLine.set(group, (dates = new Map()));
			const earlier = dates.get(date);
			if (earlier === undefined) dates.set(date, line);
			else problems.push(problem('csv_duplicate', line, mapping.date, row.cells[mapping.date], { first: earlier }));
		}
		if (problems.length === before && date !== undefined && value && group !== undefined && cases !== undefined) {
			rows.push({ line, group, date, value, cases, note });
		}
	}
	// Within a row, problems were found role by role; people read them column by column.
	return { rows, problems: problems.sort((a, b) => a.line - b.line || a.column - b.column) };
}

/** The whole way from file bytes to measurements; `choose` overrides what would be guessed. */
export function readCsv(bytes: Uint8Array, choose: CsvChoices = { groups: [] }): CsvReading {
	const nothing: CsvReading = {
		encoding: 'utf-8',
		separator: choose.separator ?? ';',
		decimalMark: choose.decimalMark ?? ',',
		header: null,
		columns: 0,
		body: [],
		mapping: null,
		rows: [],
		problems: []
	};
	if (bytes.length > MAX_IMPORT_BYTES) return { ...nothing, problems: [problem('csv_too_large', 1, 0, undefined, { max: '8 MB' })] };
	const { text, encoding } = decodeCsvBytes(bytes);
	const separator = choose.separator ?? detectSeparator(text);
	const table = locateTable(parseRows(text, separator));
	if (table.body.length === 0) return { ...nothing, encoding, separator, problems: [problem('csv_empty', 1, 0)] };
	const { body } = table;
	const columns = body.reduce((most, row) => Math.max(most, filledWidth(row.cells)), table.header ? filledWidth(table.header.cells) : 0);
	const header = table.header && Array.from({ length: columns }, (_, i) => table.header!.cells[i]?.trim() ?? '');
	const mapping = choose.mapping ?? guessMapping(header, body.slice(0, SAMPLE_ROWS));
	const decimalMark = choose.decimalMark ?? detectDecimalMark(mapping ? body.map((row) => row.cells[mapping.value] ?? '') : []);
	const found = { ...nothing, encoding, separator, decimalMark, header, columns, body, mapping };
	if (!mapping) return { ...found, problems: [problem('csv_columns_unknown', (table.header ?? body[0]!).line, 0)] };
	return { ...found, ...readMeasurements(body, { mapping, decimalMark, groups: choose.groups }) };
}

const cellsByLine = (reading: CsvReading) => new Map(reading.body.map((row) => [row.line, row.cells]));

/**
 * The plausibility rules of the forms, row by row: a date before 1950 or after today, a count
 * that is negative or not whole, a percentage outside 0–100. Such rows become problems with
 * their line and column and are not imported.
 */
export function checkPlausibility(reading: CsvReading, unit: string, today: string): CsvReading {
	const mapping = reading.mapping;
	if (!mapping) return reading;
	const problems: ImportProblem[] = [];
	const cellsAt = cellsByLine(reading);
	const rows = reading.rows.filter((row) => {
		const cells = cellsAt.get(row.line) ?? [];
		const dateRule = observedDateRule(row.date, today);
		const valueProblem = row.value.value === null ? null : valueRule(row.value.value, unit);
		if (dateRule) problems.push(problem(`csv_${dateRule}`, row.line, mapping.date, cells[mapping.date] ?? row.date));
		if (valueProblem) problems.push(problem(`csv_${valueProblem}`, row.line, mapping.value, cells[mapping.value] ?? ''));
		return !dateRule && !valueProblem;
	});
	if (problems.length === 0) return reading;
	return { ...reading, rows, problems: [...reading.problems, ...problems].sort((a, b) => a.line - b.line || a.column - b.column) };
}

/**
 * Rows whose value jumps far beyond the steps the stored series made (see `jumpsAmong`): they
 * may be right, so they are imported once the person confirms them, not refused.
 */
export function jumpWarnings(reading: CsvReading, stored: readonly { group: string; date: string; value: number | null }[]): ImportProblem[] {
	const mapping = reading.mapping;
	if (!mapping) return [];
	const cellsAt = cellsByLine(reading);
	const numbers = <P extends { value: number | null }>(points: readonly P[]) => points.filter((p): p is P & { value: number } => p.value !== null);
	const groups = new Set(reading.rows.map((row) => row.group));
	const warnings: ImportProblem[] = [];
	for (const group of groups) {
		const incoming = numbers(reading.rows.filter((row) => row.group === group).map((row) => ({ date: row.date, value: row.value.value, line: row.line })));
		const jumps = jumpsAmong(numbers(stored.filter((point) => point.group === group)), incoming);
		warnings.push(...jumps.map((jump) => problem('csv_jump', jump.line, mapping.value, cellsAt.get(jump.line)?.[mapping.value] ?? '')));
	}
	return warnings.sort((a, b) => a.line - b.line);
}
