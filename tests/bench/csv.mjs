// npm run bench:csv — reading a 5 MB statistics office's CSV (windows line ends, a title line,
// quoted notes across lines, symbols for missing values) with the import's readCsv (decode,
// detect, parse, map columns, check every cell) and its parseRows alone, next to the peer that
// does the least any reader must: splitting lines and cells. Targets: parseRows below 1 s,
// readCsv below 3 s for 5 MB. BENCH_MB=… changes the size.
import os from 'node:os';
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadModules } from './lib/load-modules.mjs';
import { percentile } from './lib/process.mjs';

const MB = Number(process.env.BENCH_MB ?? 5);
const RUNS = 10;
const GROUPS = ['deutsch', 'nichtdeutsch', 'insgesamt'];

function file() {
	const out = ['Statistisches Landesamt Musterland', 'Stichtag;Gruppe;Anteil;Kennzeichen;Fälle;Bemerkung'];
	let bytes = 0;
	for (let i = 0; bytes < MB * 1024 * 1024; i++) {
		const day = new Date(Date.UTC(1900, 0, 31) + Math.floor(i / 3) * 86_400_000).toISOString().slice(0, 10).split('-').reverse().join('.');
		const cells = [day, GROUPS[i % 3], i % 50 === 0 ? '.' : `${i % 1000},${i % 7}`, i % 11 === 0 ? 'p' : '', String((i * 7) % 5000), i % 97 === 0 ? '"Hinweis; mit\nZeilenumbruch"' : ''];
		const line = cells.join(';');
		out.push(line);
		bytes += line.length + 2;
	}
	return out.join('\r\n');
}

function time(run) {
	const times = [];
	let result;
	for (let i = 0; i < RUNS + 1; i++) {
		const started = performance.now();
		result = run();
		if (i > 0) times.push(performance.now() - started);
	}
	times.sort((a, b) => a - b);
	return { result, median: percentile(times, 0.5), p95: percentile(times, 0.95) };
}

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'fokus-bench-csv-'));
try {
	const m = await loadModules(scratch, 'csv', `export { readCsv } from './src/lib/shared/csv/import.ts';\nexport { parseRows } from './src/lib/shared/csv/parse.ts';\n`);
	const text = file();
	const bytes = new TextEncoder().encode(text);
	const rows = [
		['split lines and cells (peer)', time(() => text.split(/\r?\n/).map((line) => line.split(';'))), null],
		['parseRows', time(() => m.parseRows(text, ';')), 1000],
		['readCsv', time(() => m.readCsv(bytes, { groups: GROUPS })), 3000]
	];
	const read = rows[2][1].result;
	if (read.problems.length > 0) throw new Error(`the file read with problems: ${JSON.stringify(read.problems.slice(0, 3))}`);
	console.log(`${(bytes.length / 1024 / 1024).toFixed(1)} MB, ${read.rows.length} values, ${RUNS} runs after one warm-up`);
	console.log('| reader | median | p95 | target |');
	console.log('|---|---|---|---|');
	for (const [name, t, target] of rows) console.log(`| ${name} | ${t.median.toFixed(0)} ms | ${t.p95.toFixed(0)} ms | ${target ? `< ${target} ms${t.median < target ? '' : ' (missed)'}` : '–'} |`);
} finally {
	fs.rmSync(scratch, { recursive: true, force: true });
}
