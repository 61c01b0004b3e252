import { describe, expect, it } from 'vitest';
import { detectSeparator, filledWidth, parseRows, type CsvRow, type Separator } from './parse';

const row = (line: number, ...cells: string[]): CsvRow => ({ line, cells });

describe('parseRows', () => {
	it.each<[string, string, Separator, CsvRow[]]>([
		['simple', 'a;b\nc;d\n', ';', [row(1, 'a', 'b'), row(2, 'c', 'd')]],
		['no final line break', 'a;b\nc;d', ';', [row(1, 'a', 'b'), row(2, 'c', 'd')]],
		['CRLF', 'a;b\r\nc;d\r\n', ';', [row(1, 'a', 'b'), row(2, 'c', 'd')]],
		['CR only (old Mac Excel)', 'a;b\rc;d\r', ';', [row(1, 'a', 'b'), row(2, 'c', 'd')]],
		['empty cells', ';a;;\n', ';', [row(1, '', 'a', '', '')]],
		['blank lines skipped, line numbers kept', '\na\n\n  \r\n\rb;c\n', ';', [row(2, 'a'), row(6, 'b', 'c')]],
		['quoted cells', '"a";"b;c"\n', ';', [row(1, 'a', 'b;c')]],
		['doubled quotes', '"say ""hi""";""\n', ';', [row(1, 'say "hi"', '')]],
		['quote inside an unquoted cell is text', 'a"b;c\n', ';', [row(1, 'a"b', 'c')]],
		['text after a closing quote joins the cell', '"a"b;c\n', ';', [row(1, 'ab', 'c')]],
		['LF inside quotes', '"x\ny";1\nz;2\n', ';', [row(1, 'x\ny', '1'), row(3, 'z', '2')]],
		['CRLF inside quotes becomes LF', '"x\r\ny\r\nw";1\r\nz;2\r\n', ';', [row(1, 'x\ny\nw', '1'), row(4, 'z', '2')]],
		['CR inside quotes', '"x\ry";1\rz;2', ';', [row(1, 'x\ny', '1'), row(3, 'z', '2')]],
		['a quoted empty line is a blank line', '""\na;b', ';', [row(2, 'a', 'b')]],
		['unterminated quote takes the rest', 'a;"b\nc;d', ';', [row(1, 'a', 'b\nc;d')]],
		['comma separator', 'a,"1,5",c\n', ',', [row(1, 'a', '1,5', 'c')]],
		['tab separator', 'a\tb;c\t\n', '\t', [row(1, 'a', 'b;c', '')]],
		['semicolons are text with commas', 'a;b,c\n', ',', [row(1, 'a;b', 'c')]],
		['whitespace is kept', ' a ; b \n', ';', [row(1, ' a ', ' b ')]],
		['empty text', '', ';', []]
	])('%s', (_, text, separator, rows) => {
		expect(parseRows(text, separator)).toEqual(rows);
	});

	// How fast: npm run bench:csv.
	it('parses 5 MB, with notes spanning lines', () => {
		const lines = ['Datum;Gruppe;Wert;Bemerkung'];
		let size = 0;
		let count = 0;
		while (size < 5 * 1024 * 1024) {
			const note = count % 100 === 0 ? '"Zeile mit; Semikolon\nund Umbruch"' : '';
			const line = `${String((count % 28) + 1).padStart(2, '0')}.01.${1900 + (count % 120)};Gruppe ${count % 7};${count},${count % 10};${note}`;
			lines.push(line);
			size += line.length + 2;
			count++;
		}
		const text = `${lines.join('\r\n')}\r\n`;
		expect(text.length).toBeGreaterThan(5 * 1024 * 1024);
		const rows = parseRows(text, ';');
		expect(rows).toHaveLength(count + 1);
		// Each multi-line note pushes later records one line down.
		const last = rows.at(-1)!;
		expect(last.line).toBe(count + 1 + Math.ceil(count / 100));
		expect(last.cells[2]).toBe(`${count - 1},${(count - 1) % 10}`);
	});
});

describe('detectSeparator', () => {
	it.each<[string, string, Separator]>([
		['semicolons', 'Datum;Wert\n31.12.2020;12,5\n31.12.2021;13\n', ';'],
		['semicolons with decimal commas in every row', 'Jahr;Wert\n2020;12,5\n2021;13,5\n', ';'],
		['two decimal commas per row', '2020;12,5;13,5\n2021;12,5;13,5\n', ';'],
		['commas', 'date,value\n2020-12-31,12.5\n2021-12-31,13\n', ','],
		['commas with quoted decimal commas', 'date,value\n2020,"12,5"\n2021,"13,5"\n', ','],
		['tabs', 'Datum\tWert\n2020\t12,5\n2021\t13\n', '\t'],
		['titles and footnotes around semicolons', 'Tabelle 1: Anteil, in %\n\nJahr;Wert\n2020;1\n2021;2\nQuelle: Amt, 2024\n', ';'],
		['padding separators in title lines', 'Titel;;;\nJahr;A;B;C\n2020;1;2;3\n', ';'],
		['a tie goes to the semicolon', 'a;b,c\n', ';'],
		['a tab beats commas in decimal numbers', 'Jahr\tWert\tQuote\n2020\t12,5\t13,5\n2021\t12,5\t13,5\n', '\t'],
		[
			'commas scattered over titles and numbers',
			'Titel;;\nStadt, Stichtag 31.12.;;\nStichtag;Wert;N\n31.12.2020;14,2;5\n31.12.2021;15,1;6\n31.12.2022;.;.\n31.12.2023;16,4;7\n31.12.2024;16,9;8\nQuelle: Amt, Fortschreibung;;\n© Amt, 2024;;\n',
			';'
		],
		['a short row inside the table does not split it', 'Datum;Gruppe;Wert;Status\n2021;a;5,1;\n2021;b;9,8;p\n2022;a;5,0\n2022;b;10,2;\n2023;a;5,3;r\n', ';'],
		['one column', 'Wert\n12\n13\n', ';'],
		['empty', '', ';']
	])('%s', (_, text, separator) => {
		expect(detectSeparator(text)).toBe(separator);
	});

	it('judges a long file by its beginning', () => {
		const text = `a,b\n${'1,2\n'.repeat(50_000)}`;
		expect(detectSeparator(text)).toBe(',');
	});
});

describe('filledWidth', () => {
	it.each([
		[[], 0],
		[[''], 0],
		[['a', '', ''], 1],
		[['', 'a', ' '], 2],
		[['a', 'b'], 2]
	])('%j → %i', (cells, width) => {
		expect(filledWidth(cells)).toBe(width);
	});
});
