/**
 * CSV text to rows (RFC 4180: quoted cells, doubled quotes, line breaks inside quotes) with
 * the physical line each record starts on, so problems can point at the line a person sees
 * in an editor.
 */
export type Separator = ';' | ',' | '\t';

/** In order of preference: German offices use `;`; a tab is never part of a number, a comma may be. */
export const SEPARATORS: readonly Separator[] = [';', '\t', ','];

export interface CsvRow {
	/** 1-based physical line where the record starts. */
	line: number;
	cells: string[];
}

const QUOTE = 34;
const CR = 13;
const LF = 10;
/** Enough lines to judge a separator without parsing a large file three times. */
const SAMPLE_CHARS = 64 * 1024;

/** Cells up to the last non-empty one: exporters pad rows with trailing separators. */
export function filledWidth(cells: readonly string[]): number {
	for (let i = cells.length - 1; i >= 0; i--) if (cells[i]!.trim() !== '') return i + 1;
	return 0;
}

/**
 * The separator under which the most rows form one table: consecutive rows of two or more
 * columns, most of them alike in shape. Commas in titles and decimal numbers are scattered.
 */
export function detectSeparator(text: string): Separator {
	const cut = text.lastIndexOf('\n', SAMPLE_CHARS);
	const sample = text.length <= SAMPLE_CHARS ? text : text.slice(0, cut > 0 ? cut : SAMPLE_CHARS);
	let best: Separator = ';';
	let bestScore = 0;
	for (const separator of SEPARATORS) {
		const score = tableSize(parseRows(sample, separator));
		if (score > bestScore) [best, bestScore] = [separator, score];
	}
	return best;
}

function tableSize(rows: readonly CsvRow[]): number {
	let largest = 0;
	let segment: CsvRow[] = [];
	const close = () => {
		const count = mostFrequent(segment.map((row) => row.cells.length));
		const width = mostFrequent(segment.map((row) => filledWidth(row.cells)));
		largest = Math.max(largest, segment.filter((row) => row.cells.length === count || filledWidth(row.cells) === width).length);
		segment = [];
	};
	for (const row of rows) {
		const width = filledWidth(row.cells);
		// Rows of empty cells are blank lines; a single cell is a title or footnote.
		if (width >= 2) segment.push(row);
		else if (width === 1) close();
	}
	close();
	return largest;
}

/** The most frequent number (0 for none); ties go to the larger. */
export function mostFrequent(numbers: readonly number[]): number {
	const counts = new Map<number, number>();
	for (const n of numbers) counts.set(n, (counts.get(n) ?? 0) + 1);
	let best = 0;
	let bestCount = 0;
	for (const [n, count] of counts) if (count > bestCount || (count === bestCount && n > best)) [best, bestCount] = [n, count];
	return best;
}

/** Lines holding nothing but whitespace are skipped; line breaks inside quotes become `\n`. */
export function parseRows(text: string, separator: Separator): CsvRow[] {
	const sep = separator.charCodeAt(0);
	const end = text.length;
	const rows: CsvRow[] = [];
	let i = 0;
	let line = 1;
	while (i < end) {
		const start = line;
		const cells: string[] = [];
		for (;;) {
			let cell = '';
			if (text.charCodeAt(i) === QUOTE) {
				let from = i + 1;
				for (;;) {
					const quote = text.indexOf('"', from);
					// An unterminated quote takes the rest of the file, as spreadsheets do.
					if (quote === -1) {
						cell += text.slice(from);
						i = end;
						break;
					}
					if (text.charCodeAt(quote + 1) === QUOTE) {
						cell += text.slice(from, quote + 1);
						from = quote + 2;
						continue;
					}
					cell += text.slice(from, quote);
					i = quote + 1;
					break;
				}
				if (cell.includes('\r') || cell.includes('\n')) {
					line += cell.match(/\r\n?|\n/g)!.length;
					cell = cell.replace(/\r\n?/g, '\n');
				}
			}
			// Unquoted text, or stray text after a closing quote, runs to the separator or line end.
			let stop = i;
			while (stop < end) {
				const c = text.charCodeAt(stop);
				if (c === sep || c === CR || c === LF) break;
				stop++;
			}
			if (stop > i) cell += text.slice(i, stop);
			i = stop;
			cells.push(cell);
			const c = text.charCodeAt(i);
			if (c === sep) {
				i++;
				continue;
			}
			if (c === CR || c === LF) {
				i += c === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
				line++;
			}
			break;
		}
		if (cells.length > 1 || cells[0]!.trim() !== '') rows.push({ line: start, cells });
	}
	return rows;
}
