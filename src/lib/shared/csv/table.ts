/**
 * Finds the table in a statistics file: title lines above it and footnotes ("Quelle: …",
 * "- = nichts vorhanden") below it are not data. The table is the longest run of rows with
 * at least two filled cells and the same shape; rows inside that run which deviate (a cell
 * too few, an empty date) stay in it, so they are reported instead of silently dropped. Its
 * header is the text row right above the first row with a number or date.
 */
import { parseDateCell, parseValueCell } from './cells';
import { filledWidth, mostFrequent, type CsvRow } from './parse';

export interface CsvTable {
	header: CsvRow | null;
	body: CsvRow[];
}

interface Shaped {
	row: CsvRow;
	filled: number;
	width: number;
}

export function locateTable(rows: readonly CsvRow[]): CsvTable {
	let best: Shaped[] = [];
	let bestScore = 0;
	let segment: Shaped[] = [];
	const close = () => {
		const [table, score] = trim(segment);
		if (score > bestScore) [best, bestScore] = [table, score];
		segment = [];
	};
	for (const row of rows) {
		const filled = row.cells.reduce((n, cell) => (cell.trim() === '' ? n : n + 1), 0);
		// A row of empty cells (`;;;`) is a blank line.
		if (filled === 0) continue;
		// A lone filled cell inside a table is data with gaps; a lone text cell is a title or footnote.
		if (filled >= 2 || (segment.length > 0 && isData(row.cells.find((cell) => cell.trim() !== '') ?? ''))) {
			segment.push({ row, filled, width: filledWidth(row.cells) });
		} else close();
	}
	close();
	const table = best.map((shaped) => shaped.row);
	// Of several text rows on top (a title in table form, then the column names), the last is the header.
	const data = table.findIndex((row) => !looksLikeHeader(row));
	if (data < 0) return { header: table[0] ?? null, body: table.slice(1) };
	return { header: table[data - 1] ?? null, body: table.slice(data) };
}

/** The segment without deviating rows at its edges, and how many rows have its shape. */
function trim(segment: readonly Shaped[]): [Shaped[], number] {
	const full = segment.filter((shaped) => shaped.filled >= 2);
	const count = mostFrequent(full.map((shaped) => shaped.row.cells.length));
	const width = mostFrequent(full.map((shaped) => shaped.width));
	const fits = (shaped: Shaped) => shaped.row.cells.length === count || shaped.width === width;
	let start = segment.findIndex((shaped) => shaped.filled >= 2 && fits(shaped));
	if (start < 0) return [[], 0];
	// A header naming a column that no row fills is wider than the rows: keep it all the same.
	const before = segment[start - 1];
	if (before && before.filled >= 2 && before.width >= width && looksLikeHeader(before.row) && !looksLikeHeader(segment[start]!.row)) start--;
	// Below the table, a narrower row holding a number or date is a broken data row, not a footnote.
	const keep = (shaped: Shaped) => fits(shaped) || (shaped.width <= width && shaped.row.cells.some(isNumberOrDate));
	let end = segment.length;
	while (end > start && !keep(segment[end - 1]!)) end--;
	const table = segment.slice(start, end);
	return [table, table.filter((shaped) => shaped.filled >= 2 && fits(shaped)).length];
}

function isData(cell: string): boolean {
	return parseDateCell(cell).ok || parseValueCell(cell, ',').ok || parseValueCell(cell, '.').ok;
}

function isNumberOrDate(cell: string): boolean {
	if (parseDateCell(cell).ok) return true;
	return ([',', '.'] as const).some((mark) => {
		const result = parseValueCell(cell, mark);
		return result.ok && result.value.value !== null;
	});
}

function looksLikeHeader(row: CsvRow): boolean {
	return !row.cells.some(isNumberOrDate);
}
