import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { MAX_IMPORT_BYTES, readCsv, type ImportProblem } from './import';

// Files as statistics offices deliver them (and as people break them), read end to end.
const fixture = (name: string) => new Uint8Array(fs.readFileSync(fileURLToPath(new URL(`../../../../tests/fixtures/csv/${name}`, import.meta.url))));

const NONE = { group: null, status: null, cases: null, note: null };
/** Values as plain data; `toEqual` compares them with what was read. */
type Value = { value: number | null; symbol: string | null; flags: string[] };
const number = (value: number, ...flags: string[]): Value => ({ value, symbol: null, flags });
const symbol = (s: string): Value => ({ value: null, symbol: s, flags: [] });
const measurement = (line: number, group: string, date: string, value: Value, cases: number | null = null, note = '') => ({ line, group, date, value, cases, note });
/** A problem as line, column, key and the cell shown; the params are checked in import.spec. */
const brief = (problems: ImportProblem[]) => problems.map((p) => [p.line, p.column, p.key, p.params.value ?? null]);

describe('readCsv with fixtures', () => {
	it('GENESIS table: Windows-1252, titles and footnotes, symbols and a status column', () => {
		const reading = readCsv(fixture('genesis-semicolon-win1252.csv'), { groups: ['Deutsche', 'Ausländer'] });
		expect(reading).toMatchObject({
			encoding: 'windows-1252',
			separator: ';',
			decimalMark: ',',
			header: ['Stichtag', 'Staatsangehörigkeit', 'Anteil in %', 'Kennzeichen', 'Anzahl Fälle'],
			columns: 5,
			mapping: { date: 0, group: 1, value: 2, status: 3, cases: 4, note: null },
			problems: []
		});
		expect(reading.body.map((row) => row.line)).toEqual([6, 7, 8, 9, 10, 11, 12, 13]);
		expect(reading.rows).toEqual([
			measurement(6, 'Ausländer', '2020-12-31', number(14.2), 12345),
			measurement(7, 'Deutsche', '2020-12-31', number(85.8), 74410),
			measurement(8, 'Ausländer', '2021-12-31', number(15.1), 13102),
			measurement(9, 'Deutsche', '2021-12-31', number(84.9), 73655),
			measurement(10, 'Ausländer', '2022-12-31', symbol('.')),
			measurement(11, 'Deutsche', '2022-12-31', symbol('-')),
			measurement(12, 'Ausländer', '2023-12-31', number(16.4, 'provisional'), 14210),
			measurement(13, 'Deutsche', '2023-12-31', number(83.6, 'provisional'), 72980)
		]);
	});

	it('comma-separated with decimal points, ISO dates and quoted notes', () => {
		const reading = readCsv(fixture('comma-point-utf8.csv'));
		expect(reading).toMatchObject({
			encoding: 'utf-8',
			separator: ',',
			decimalMark: '.',
			header: ['date', 'value', 'note'],
			columns: 3,
			mapping: { ...NONE, date: 0, value: 1, note: 2 },
			problems: []
		});
		expect(reading.rows).toEqual([
			measurement(2, '', '2021-06-30', number(12.5)),
			measurement(3, '', '2021-12-31', number(13.25), null, 'after the survey, revised later'),
			measurement(4, '', '2022-06-30', number(-0.5)),
			measurement(5, '', '2022-12-31', number(1234.5)),
			measurement(6, '', '2023-06-30', number(7.5, 'uncertain'), null, 'small sample'),
			measurement(7, '', '2023-12-31', number(8, 'revised'))
		]);
	});

	it('years with groups and case counts', () => {
		const reading = readCsv(fixture('years-only.csv'), { groups: ['deutsch', 'nichtdeutsch', 'insgesamt'] });
		expect(reading).toMatchObject({ separator: ';', decimalMark: ',', columns: 4, mapping: { ...NONE, date: 0, group: 1, value: 2, cases: 3 }, problems: [] });
		expect(reading.rows).toEqual([
			measurement(2, 'deutsch', '2019-12-31', number(4.1), 1802),
			measurement(3, 'nichtdeutsch', '2019-12-31', number(11.3), 402),
			measurement(4, 'insgesamt', '2019-12-31', number(5.2), 2204),
			measurement(5, 'deutsch', '2020-12-31', number(3.9), 1744),
			measurement(6, 'nichtdeutsch', '2020-12-31', number(12), 431),
			measurement(7, 'insgesamt', '2020-12-31', number(5.1), 2175),
			measurement(8, 'deutsch', '2021-12-31', number(4), 1790),
			measurement(9, 'nichtdeutsch', '2021-12-31', number(10.8, 'uncertain')),
			measurement(10, 'insgesamt', '2021-12-31', number(5), 2221)
		]);
	});

	it('Employment Agency export: BOM, quoted cells, suppressed values, a note over two lines', () => {
		const reading = readCsv(fixture('ba-quoted.csv'), { groups: ['Ausländer', 'Deutsche'] });
		expect(reading).toMatchObject({
			encoding: 'utf-8',
			separator: ';',
			decimalMark: ',',
			header: ['Berichtsmonat', 'Personengruppe', 'Arbeitslosenquote', 'Arbeitslose (Fälle)', 'Bemerkung'],
			mapping: { date: 0, group: 1, value: 2, status: null, cases: 3, note: 4 },
			problems: []
		});
		expect(reading.rows).toEqual([
			measurement(3, 'Ausländer', '2023-01-31', number(12.4), 1234),
			measurement(4, 'Ausländer', '2023-02-28', symbol('*'), null, 'Werte unter 3 anonymisiert; siehe Methodenbericht'),
			measurement(5, 'Ausländer', '2023-03-31', number(12.1), 1198, 'Revision nach\nDatenprüfung, Hinweis "vorläufig"'),
			// The note above spans lines 5 and 6.
			measurement(7, 'Deutsche', '2023-01-31', number(4.8), 3402),
			measurement(8, 'Deutsche', '2023-02-28', number(4.9), 3455),
			measurement(9, 'Deutsche', '2023-03-31', number(4.7, 'provisional'), 3301)
		]);
	});

	it('bad dates, an empty date and an empty value', () => {
		const reading = readCsv(fixture('broken-bad-date.csv'));
		expect(reading.rows).toEqual([measurement(2, '', '2020-12-31', number(12.5)), measurement(6, '', '2023-12-31', number(16))]);
		expect(brief(reading.problems)).toEqual([
			[3, 1, 'csv_date_invalid', '31.02.2021'],
			[4, 1, 'csv_date_invalid', '2022-13-01'],
			[5, 1, 'csv_date_empty', ''],
			[7, 2, 'csv_value_empty', '']
		]);
	});

	it('unknown symbols and status conflicts', () => {
		const reading = readCsv(fixture('broken-unknown-symbol.csv'));
		expect(reading.mapping).toEqual({ ...NONE, date: 0, value: 1, status: 2 });
		expect(reading.rows).toEqual([
			measurement(2, '', '2019-12-31', number(12.5)),
			measurement(7, '', '2024-12-31', symbol('.')),
			measurement(8, '', '2025-12-31', number(13.1, 'provisional'))
		]);
		expect(brief(reading.problems)).toEqual([
			[3, 2, 'csv_value_unknown_symbol', '?'],
			[4, 2, 'csv_value_unknown_symbol', 'n.v.'],
			[5, 2, 'csv_value_invalid', '12,3x'],
			[6, 2, 'csv_value_uncertain_without_number', '()'],
			[9, 3, 'csv_status_conflict', '.'],
			[10, 3, 'csv_status_unknown', 'q']
		]);
	});

	it('a row short of the status column, a duplicate and an unknown group', () => {
		const reading = readCsv(fixture('broken-wrong-column.csv'), { groups: ['deutsch', 'nichtdeutsch'] });
		expect(reading).toMatchObject({ separator: ';', columns: 4, mapping: { ...NONE, date: 0, group: 1, value: 2, status: 3 } });
		expect(reading.rows.map((row) => row.line)).toEqual([2, 3, 5]);
		expect(reading.problems).toEqual([
			{ line: 4, column: 4, key: 'csv_column_missing', params: { line: 4, column: 4 } },
			{ line: 6, column: 1, key: 'csv_duplicate', params: { line: 6, column: 1, value: '31.12.2022', first: 4 } },
			{
				line: 7,
				column: 2,
				key: 'csv_group_unknown',
				params: { line: 7, column: 2, value: 'ausländisch', groups: 'deutsch, nichtdeutsch' }
			}
		]);
	});

	it('an empty file', () => {
		expect(readCsv(fixture('empty.csv'), { groups: ['a'] })).toEqual({
			encoding: 'utf-8',
			separator: ';',
			decimalMark: ',',
			header: null,
			columns: 0,
			body: [],
			mapping: null,
			rows: [],
			problems: [{ line: 1, column: 1, key: 'csv_empty', params: { line: 1, column: 1 } }]
		});
	});
});

describe('readCsv', () => {
	const utf8 = (text: string) => new TextEncoder().encode(text);

	it.each([
		['only titles', 'Tabelle 1\nQuelle: Amt\n'],
		['only a header', 'Datum;Wert\n'],
		['only blank lines', '\n\n;;;\n']
	])('no table: %s', (_, text) => {
		expect(readCsv(utf8(text)).problems).toEqual([{ line: 1, column: 1, key: 'csv_empty', params: { line: 1, column: 1 } }]);
	});

	it('refuses a file over 8 MB without reading it', () => {
		const reading = readCsv(new Uint8Array(MAX_IMPORT_BYTES + 1), { groups: [] });
		expect(reading.problems).toEqual([{ line: 1, column: 1, key: 'csv_too_large', params: { line: 1, column: 1, max: '8 MB' } }]);
		expect(reading.body).toEqual([]);
	});

	it('asks for columns it cannot guess', () => {
		const reading = readCsv(utf8('Gruppe;Bezeichnung\na;b\nc;d\n'));
		expect(reading).toMatchObject({ header: ['Gruppe', 'Bezeichnung'], columns: 2, mapping: null, rows: [] });
		expect(reading.problems).toEqual([{ line: 1, column: 1, key: 'csv_columns_unknown', params: { line: 1, column: 1 } }]);
	});

	it('takes what was chosen over what it would guess', () => {
		const text = 'Wert,Datum,Menge\n"1,5",2020,"2,5"\n"2,5",2021,"3,5"\n';
		const reading = readCsv(utf8(text), {
			separator: ',',
			decimalMark: ',',
			mapping: { ...NONE, date: 1, value: 2 },
			groups: []
		});
		expect(reading.rows.map((row) => [row.date, row.value.value])).toEqual([
			['2020-12-31', 2.5],
			['2021-12-31', 3.5]
		]);
	});

	// How fast: npm run bench:csv.
	it('reads a 5 MB file completely', () => {
		const groups = ['deutsch', 'nichtdeutsch', 'insgesamt'];
		const lines = ['Statistisches Landesamt Musterland', 'Stichtag;Gruppe;Anteil;Kennzeichen;Fälle;Bemerkung'];
		const start = Date.UTC(1900, 0, 31);
		let size = 0;
		let count = 0;
		while (size < 5 * 1024 * 1024) {
			const day = new Date(start + Math.floor(count / 3) * 86_400_000).toISOString().slice(0, 10);
			const [y, m, d] = day.split('-');
			const value = count % 50 === 0 ? '.' : `${count % 1000},${count % 7}`;
			const note = count % 97 === 0 ? '"Hinweis; mit\nZeilenumbruch"' : '';
			const line = `${d}.${m}.${y};${groups[count % 3]};${value};${count % 11 === 0 ? 'p' : ''};${(count * 7) % 5000};${note}`;
			lines.push(line);
			size += line.length + 2;
			count++;
		}
		lines.push('Quelle: Statistisches Landesamt Musterland');
		const bytes = utf8(lines.join('\r\n'));
		expect(bytes.length).toBeGreaterThan(5 * 1024 * 1024);
		const reading = readCsv(bytes, { groups });
		expect(reading.problems).toEqual([]);
		expect(reading.rows).toHaveLength(count);
		expect(reading.mapping).toEqual({ date: 0, group: 1, value: 2, status: 3, cases: 4, note: 5 });
		expect(reading.rows[0]).toEqual(measurement(3, 'deutsch', '1900-01-31', { ...symbol('.'), flags: ['provisional'] }, 0, 'Hinweis; mit\nZeilenumbruch'));
		const last = reading.rows.at(-1)!;
		expect(last.cases).toBe(((count - 1) * 7) % 5000);
		expect(last.line).toBe(count + 2 + Math.ceil(count / 97));
	});
});
