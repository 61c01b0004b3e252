import { describe, expect, it } from 'vitest';
import { guessMapping, readMeasurements, type ColumnMapping, type ImportOptions } from './import';
import type { CsvRow } from './parse';

const NONE = { group: null, status: null, cases: null, note: null };
const rows = (...lines: string[][]): CsvRow[] => lines.map((cells, i) => ({ line: i + 2, cells }));

describe('guessMapping by header', () => {
	it.each<[string[], Partial<ColumnMapping>]>([
		[['Datum', 'Wert'], { date: 0, value: 1 }],
		[['Wert', 'Jahr'], { date: 1, value: 0 }],
		[['Stichtag', 'Staatsangehörigkeit', 'Anteil in %', 'Kennzeichen', 'Anzahl Fälle'], { date: 0, group: 1, value: 2, status: 3, cases: 4 }],
		[['Jahr', 'Gruppe', 'Wert', 'Fallzahl'], { date: 0, group: 1, value: 2, cases: 3 }],
		[['date', 'value', 'note'], { date: 0, value: 1, note: 2 }],
		[['Year', 'Group', 'Value', 'Status', 'Cases', 'Note'], { date: 0, group: 1, value: 2, status: 3, cases: 4, note: 5 }],
		[['n', 'Anzahl', 'Zeitraum'], { cases: 0, value: 1, date: 2 }],
		[['Bemerkung', 'Merkmal', 'Quote', 'Flag', 'Stichtag'], { note: 0, group: 1, value: 2, status: 3, date: 4 }],
		[['DATUM', 'GESCHLECHT', 'ANTEIL'], { date: 0, group: 1, value: 2 }],
		[['Berichtsmonat', 'Personengruppe', 'Arbeitslosenquote', 'Arbeitslose (Fälle)', 'Anmerkung'], { date: 0, group: 1, value: 2, cases: 3, note: 4 }],
		[['Datum', 'Anzahl Fälle', 'Anteil'], { date: 0, cases: 1, value: 2 }],
		[['Jahr', 'Datum', 'Wert'], { date: 0, value: 2 }]
	])('%j', (header, expected) => {
		expect(guessMapping(header, rows(header.map(() => '')))).toEqual({ ...NONE, ...expected });
	});
});

describe('guessMapping by content', () => {
	it.each<[string, string[] | null, CsvRow[], ColumnMapping | null]>([
		['no header', null, rows(['2020', '12,5'], ['2021', '13']), { ...NONE, date: 0, value: 1 }],
		['unknown header words', ['A', 'B', 'C'], rows(['x', '31.12.2020', '5'], ['y', '31.12.2021', '6']), { ...NONE, date: 1, value: 2 }],
		['value header unknown', ['Stichtag', 'Gruppe', 'Ausländer in %'], rows(['2020', 'a', '12,5'], ['2021', 'a', '.']), { ...NONE, date: 0, group: 1, value: 2 }],
		['one broken cell among many', null, rows(['2020', '1'], ['2021', '2'], ['2022', '3'], ['2023', '4'], ['20x4', '?']), { ...NONE, date: 0, value: 1 }],
		['symbols alone are no value column', null, rows(['2020', 'x', '5'], ['2021', 'x', '6']), { ...NONE, date: 0, value: 2 }],
		['no numbers', ['Jahr', 'Bezeichnung'], rows(['2020', 'abc'], ['2021', 'def']), null],
		['no dates', ['Gruppe', 'Wert'], rows(['a', '1'], ['b', '2']), null],
		['nothing', null, [], null]
	])('%s', (_, header, sample, expected) => {
		expect(guessMapping(header, sample)).toEqual(expected);
	});
});

const options = (mapping: Partial<ColumnMapping>, groups: string[] = []): ImportOptions => ({
	mapping: { ...NONE, date: 0, value: 1, ...mapping },
	decimalMark: ',',
	groups
});

describe('readMeasurements', () => {
	it('reads dates, values, cases and notes', () => {
		const body = rows(['31.12.2020', '12,5', '1.234', ' erste Erhebung '], ['2021', '(13) p', '', ''], ['06/2022', '.', '.', 'geheim']);
		expect(readMeasurements(body, options({ cases: 2, note: 3 }))).toEqual({
			rows: [
				{ line: 2, group: '', date: '2020-12-31', value: { value: 12.5, symbol: null, flags: [] }, cases: 1234, note: 'erste Erhebung' },
				{ line: 3, group: '', date: '2021-12-31', value: { value: 13, symbol: null, flags: ['uncertain', 'provisional'] }, cases: null, note: '' },
				{ line: 4, group: '', date: '2022-06-30', value: { value: null, symbol: '.', flags: [] }, cases: null, note: 'geheim' }
			],
			problems: []
		});
	});

	it('uses the decimal mark given', () => {
		const { rows: read } = readMeasurements(rows(['2020', '1,234.5', '1,234']), { ...options({ cases: 2 }), decimalMark: '.' });
		expect(read[0]).toMatchObject({ value: { value: 1234.5 }, cases: 1234 });
	});

	it.each<[string, string, string, { value: number | null; symbol: string | null; flags: string[] }]>([
		['flag letter', '12,5', 'p', { value: 12.5, symbol: null, flags: ['provisional'] }],
		['flag word', '12,5', 'geschätzt', { value: 12.5, symbol: null, flags: ['estimated'] }],
		['uncertain', '12,5', '()', { value: 12.5, symbol: null, flags: ['uncertain'] }],
		['flags of both cells merge', '12,5 r', 'p', { value: 12.5, symbol: null, flags: ['provisional', 'revised'] }],
		['the same flag twice', '12,5 p', 'p', { value: 12.5, symbol: null, flags: ['provisional'] }],
		['symbol in the status, value empty', '', '.', { value: null, symbol: '.', flags: [] }],
		['the same symbol in both', '*', '*', { value: null, symbol: '*', flags: [] }],
		['symbol in the value, status empty', 'x', '', { value: null, symbol: 'x', flags: [] }]
	])('status column: %s', (_, value, status, expected) => {
		expect(readMeasurements(rows(['2020', value, status]), options({ status: 2 }))).toEqual({
			rows: [{ line: 2, group: '', date: '2020-12-31', value: expected, cases: null, note: '' }],
			problems: []
		});
	});

	it.each([
		['a number and a symbol', '14', '.', [{ line: 2, column: 3, key: 'csv_status_conflict', params: { line: 2, column: 3, value: '.', valueCell: '14' } }]],
		['two different symbols', '-', '.', [{ line: 2, column: 3, key: 'csv_status_conflict', params: { line: 2, column: 3, value: '.', valueCell: '-' } }]],
		['an unknown status', '14', 'q', [{ line: 2, column: 3, key: 'csv_status_unknown', params: { line: 2, column: 3, value: 'q' } }]],
		['flags without a value', '', 'p', [{ line: 2, column: 2, key: 'csv_value_empty', params: { line: 2, column: 2, value: '' } }]]
	])('status column problem: %s', (_, value, status, problems) => {
		expect(readMeasurements(rows(['2020', value, status]), options({ status: 2 }))).toEqual({ rows: [], problems });
	});

	it('matches groups case-insensitively and returns the indicator spelling', () => {
		const body = rows(['2020', 'Ausländer', '1'], ['2020', ' deutsche ', '2'], ['2021', 'AUSLÄNDER', '3']);
		const { rows: read, problems } = readMeasurements(body, options({ group: 1, value: 2 }, ['Deutsche', 'Ausländer']));
		expect(problems).toEqual([]);
		expect(read.map((row) => [row.group, row.date, row.value.value])).toEqual([
			['Ausländer', '2020-12-31', 1],
			['Deutsche', '2020-12-31', 2],
			['Ausländer', '2021-12-31', 3]
		]);
	});

	it('reports unknown and empty groups', () => {
		const body = rows(['2020', 'Ausländerinnen', '1'], ['2021', '', '2']);
		expect(readMeasurements(body, options({ group: 1, value: 2 }, ['Deutsche', 'Ausländer']))).toEqual({
			rows: [],
			problems: [
				{ line: 2, column: 2, key: 'csv_group_unknown', params: { line: 2, column: 2, value: 'Ausländerinnen', groups: 'Deutsche, Ausländer' } },
				{ line: 3, column: 2, key: 'csv_group_empty', params: { line: 3, column: 2, value: '' } }
			]
		});
	});

	it('requires a group column when the indicator has groups, once', () => {
		const { rows: read, problems } = readMeasurements(rows(['2020', '1'], ['2021', '2']), options({}, ['a', 'b']));
		expect(problems).toEqual([{ line: 2, column: 1, key: 'csv_group_column_required', params: { line: 2, column: 1 } }]);
		expect(read).toHaveLength(2);
	});

	it('refuses a group column when the indicator has no groups, once', () => {
		const { problems } = readMeasurements(rows(['2020', 'a', '1'], ['2021', 'a', '2']), options({ group: 1, value: 2 }));
		expect(problems).toEqual([{ line: 2, column: 2, key: 'csv_group_not_expected', params: { line: 2, column: 2, value: 'a' } }]);
	});

	it('finds the same group and date twice, however the date is written', () => {
		const body = rows(['31.12.2020', 'a', '1'], ['31.12.2020', 'b', '2'], ['2020', 'a', '3'], ['2020-12-31', 'a', '4']);
		expect(readMeasurements(body, options({ group: 1, value: 2 }, ['a', 'b'])).problems).toEqual([
			{ line: 4, column: 1, key: 'csv_duplicate', params: { line: 4, column: 1, value: '2020', first: 2 } },
			{ line: 5, column: 1, key: 'csv_duplicate', params: { line: 5, column: 1, value: '2020-12-31', first: 2 } }
		]);
	});

	it('reports a missing cell for every mapped column beyond the row', () => {
		expect(readMeasurements(rows(['2020']), options({ status: 2, cases: 3, note: 4 })).problems).toEqual([
			{ line: 2, column: 2, key: 'csv_column_missing', params: { line: 2, column: 2 } },
			{ line: 2, column: 3, key: 'csv_column_missing', params: { line: 2, column: 3 } },
			{ line: 2, column: 4, key: 'csv_column_missing', params: { line: 2, column: 4 } },
			{ line: 2, column: 5, key: 'csv_column_missing', params: { line: 2, column: 5 } }
		]);
	});

	it('sorts problems by line and column and leaves out rows with problems', () => {
		const body = rows(['2020', '1', 'x1'], ['31.02.2021', '12 Stück', '-3'], ['2022', '3', '']);
		expect(readMeasurements(body, options({ cases: 2 }))).toEqual({
			rows: [{ line: 4, group: '', date: '2022-12-31', value: { value: 3, symbol: null, flags: [] }, cases: null, note: '' }],
			problems: [
				{ line: 2, column: 3, key: 'csv_cases_invalid', params: { line: 2, column: 3, value: 'x1' } },
				{ line: 3, column: 1, key: 'csv_date_invalid', params: { line: 3, column: 1, value: '31.02.2021' } },
				{ line: 3, column: 2, key: 'csv_value_invalid', params: { line: 3, column: 2, value: '12 Stück' } },
				{ line: 3, column: 3, key: 'csv_cases_invalid', params: { line: 3, column: 3, value: '-3' } }
			]
		});
	});

	it('limits notes to 2000 characters and shows at most 40 of a cell', () => {
		const long = `${'Anmerkung '.repeat(200)}!`;
		expect(readMeasurements(rows(['2020', '1', 'a'.repeat(2000)], ['2021', '2', long]), options({ note: 2 }))).toEqual({
			rows: [{ line: 2, group: '', date: '2020-12-31', value: { value: 1, symbol: null, flags: [] }, cases: null, note: 'a'.repeat(2000) }],
			problems: [
				{ line: 3, column: 3, key: 'csv_note_too_long', params: { line: 3, column: 3, value: `${long.slice(0, 39)}…`, max: 2000 } }
			]
		});
		expect(`${long.slice(0, 39)}…`).toHaveLength(40);
	});

	it('reads nothing from nothing', () => {
		expect(readMeasurements([], options({}, ['a']))).toEqual({ rows: [], problems: [] });
	});
});
