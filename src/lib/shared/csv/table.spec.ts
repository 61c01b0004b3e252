import { describe, expect, it } from 'vitest';
import { parseRows } from './parse';
import { locateTable } from './table';

/** The table of a `;` text as header line and body lines, which is what matters here. */
function lines(text: string) {
	const { header, body } = locateTable(parseRows(text, ';'));
	return { header: header?.line ?? null, body: body.map((row) => row.line) };
}

describe('locateTable', () => {
	it.each([
		['header and rows', 'Jahr;Wert\n2020;1\n2021;2', 1, [2, 3]],
		['no header', '2020;1\n2021;2', null, [1, 2]],
		['header only', 'Jahr;Wert', 1, []],
		['nothing tabular', 'Titel\nQuelle: Amt', null, []],
		['empty', '', null, []],
		[
			'GENESIS: title lines with padding, empty rows, footnotes',
			'Statistisches Landesamt;;;\nTabelle 1;;;\n;;;\nStichtag;Gruppe;Wert;\n31.12.2020;a;1;\n31.12.2021;a;2;\n;;;\nQuelle: Amt;;;\n- = nichts vorhanden;;;\n© Amt 2024;;;',
			4,
			[5, 6]
		],
		['GENESIS wide table: empty first header cell', 'Titel;;;\n;männlich;weiblich;insgesamt\n31.12.2020;1;2;3\n31.12.2021;4;5;9', 2, [3, 4]],
		['a row of empty cells inside the table is a blank line', 'Jahr;Wert\n2020;1\n;\n2021;2', 1, [2, 4]],
		['trailing separators only on some rows', 'Jahr;Wert\n2020;1;\n2021;2;\n2022;3', 1, [2, 3, 4]],
		['header names a column no row fills', 'Jahr;Wert;Bemerkung\n2020;1\n2021;2\n2022;3', 1, [2, 3, 4]],
		['a row too short inside the table stays in it', 'Datum;Gruppe;Wert;Status\n2020;a;1;p\n2021;a;2\n2022;a;3;p\n2023;a;4;', 1, [2, 3, 4, 5]],
		['a row with only a value inside the table', 'Datum;Wert\n2020;1\n;2\n2022;3', 1, [2, 3, 4]],
		['a row with only a date at the end', 'Datum;Wert\n2020;1\n2021;2\n2022;', 1, [2, 3, 4]],
		['a narrower row with a number at the end', 'Datum;Gruppe;Wert\n2020;a;1\n2021;a;2\n2022;3', 1, [2, 3, 4]],
		['a two-cell footnote without numbers is not data', 'Datum;Gruppe;Wert\n2020;a;1\n2021;a;2\nQuelle:;Amt', 1, [2, 3]],
		['a text line below ends the table', 'Jahr;Wert\n2020;1\nAnmerkung\n2021;2', 1, [2]],
		['the longest of two tables wins', 'A;B\n1;2\n\nTitel\nJahr;Wert;N\n2020;1;5\n2021;2;6\n2022;3;7', 5, [6, 7, 8]],
		['ties go to the first table', 'A;B\n1;2\nTitel\nC;D\n3;4', 1, [2]],
		['a header with a number is a data row', 'Jahr;2020\n2021;5\n2022;6', null, [1, 2, 3]],
		['a header with a date is a data row', '31.12.2020;5\n31.12.2021;6', null, [1, 2]],
		['symbols do not make a header a data row', 'x;-\n2020;1\n2021;2', 1, [2, 3]],
		['a two-cell title above a header stays out', 'Tabelle;Anteil\nJahr;Wert\n2020;1\n2021;2', 2, [3, 4]],
		['GENESIS: two header rows, the last one counts', ';Ausländer;Deutsche\n;Anzahl;Anzahl\n2020;1;2', 2, [3]],
		['all text: the first row is the header', 'A;B\nC;D', 1, [2]]
	])('%s', (_, text, header, body) => {
		expect(lines(text)).toEqual({ header, body });
	});

	it('keeps the rows themselves', () => {
		const { header, body } = locateTable(parseRows('Jahr;Wert\n2020;1,5\n', ';'));
		expect(header).toEqual({ line: 1, cells: ['Jahr', 'Wert'] });
		expect(body).toEqual([{ line: 2, cells: ['2020', '1,5'] }]);
	});
});
