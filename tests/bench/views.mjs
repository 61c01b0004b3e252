// npm run bench:views — the municipality of bench:progress (500 goals, 2,000 indicators, 100,000
// measurements, a few check-ins) on PostgreSQL, each goal with an update log (its writing and
// BENCH_EDITS typing-sized edits over three years). Times the server-side rendered monitoring views
// (/monitoring, /monitoring/departments/<the department with most goals>, and the evaluation of
// the year 2025 for that department and for all, target median < 150 ms) and sums the JavaScript
// each page ships (gzip level 9, target < 100 kB), and prints them next to their targets.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import postgres from 'postgres';
import { drizzle } from 'drizzle-orm/postgres-js';
import { loadProgress } from './lib/load-modules.mjs';
import { freshDatabase, startPostgres } from './lib/postgres.mjs';
import { ensureBuild, percentile, startApp, stopProcess, waitFor } from './lib/process.mjs';
import { seedMunicipality, signIn } from './lib/seed-municipality.mjs';
import { writeGoalDocuments } from './lib/goal-documents.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const client = path.join(root, 'build/client');
const GOALS = Number(process.env.BENCH_GOALS ?? 500);
const WARMUP = 5;
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 50);
const EDITS = Number(process.env.BENCH_EDITS ?? 60);
const PORT = 4612;
const TARGET_MS = 150;
const TARGET_KB = 100; // kB = 1,000 bytes

const median = (sorted) => percentile(sorted, 0.5);
const f = (n, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : '–');

/** Full response times (request to last byte) of a page, after warm-ups; `check` sees the first answer. */
async function timePage(url, cookie, check) {
	const times = [];
	let html = '';
	let link = '';
	for (let i = 0; i < WARMUP + REQUESTS; i++) {
		const started = performance.now();
		const response = await fetch(url, { headers: { cookie }, redirect: 'manual' });
		const body = await response.text();
		const elapsed = performance.now() - started;
		if (response.status !== 200) throw new Error(`${url}: ${response.status} ${body.slice(0, 300)}`);
		if (i === 0) {
			check?.(body);
			html = body;
			link = response.headers.get('link') ?? '';
		}
		if (i >= WARMUP) times.push(elapsed);
	}
	return { times: times.sort((a, b) => a - b), html, link };
}

function expectAll(what, names) {
	return (html) => {
		const missing = names.filter((n) => !html.includes(n));
		if (missing.length > 0) throw new Error(`the page lacks ${missing.length} of ${names.length} ${what}, e.g. "${missing[0]}"`);
	};
}

/** `…/_app/immutable/x/y.js` (absolute or relative) → `_app/immutable/x/y.js`. */
const appPath = (reference) => reference.slice(reference.indexOf('_app/immutable/'));

/**
 * The JavaScript a page loads on first view: its modulepreloads, script sources and the import(…)
 * calls of its inline start script, plus (as a check) whatever those files import statically.
 * SvelteKit writes modulepreload <link> tags only into prerendered pages; a server-rendered page
 * lists them in its `Link` response header instead, so both are read. Returns per file its size
 * and gzip size.
 */
function pageScripts(html, linkHeader) {
	const referenced = new Set();
	for (const [, href, params] of linkHeader.matchAll(/<([^>]+)>([^,]*)/g)) {
		if (/rel="?modulepreload/.test(params) && href.includes('_app/immutable/')) referenced.add(appPath(decodeURI(href)));
	}
	for (const [tag] of html.matchAll(/<link\b[^>]*>/g)) {
		if (!/\brel=["']?modulepreload/.test(tag)) continue;
		const href = tag.match(/\bhref=["']([^"']+)["']/)?.[1];
		if (href?.includes('_app/immutable/')) referenced.add(appPath(href));
	}
	for (const [, attributes, body] of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)) {
		const src = attributes.match(/\bsrc=["']([^"']+)["']/)?.[1];
		if (src?.includes('_app/immutable/')) referenced.add(appPath(src));
		for (const [, spec] of body.matchAll(/import\(\s*["']([^"']+\.js)["']\s*\)/g)) if (spec.includes('_app/immutable/')) referenced.add(appPath(spec));
	}
	// Static imports of those files (`import … from "./x.js"`, `import "./x.js"`): SvelteKit should
	// already list them all as modulepreload, so this adds nothing unless something is off.
	const all = new Set(referenced);
	const queue = [...referenced];
	while (queue.length > 0) {
		const file = queue.pop();
		const code = fs.readFileSync(path.join(client, file), 'utf8');
		for (const [, spec] of code.matchAll(/\bimport\s*(?:[\w$*{}\s,]+?\s*from\s*)?["'](\.{1,2}\/[^"']+\.js)["']/g)) {
			const resolved = path.posix.join(path.posix.dirname(file), spec);
			if (!all.has(resolved)) {
				all.add(resolved);
				queue.push(resolved);
			}
		}
	}
	const files = [...all].map((file) => {
		const bytes = fs.readFileSync(path.join(client, file));
		return { file, listed: referenced.has(file), raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
	});
	return files.sort((a, b) => b.gzip - a.gzip);
}

ensureBuild(root);
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'fokus-bench-views-'));
const pg = await startPostgres(54394);
const rows = [];
const notes = [];
try {
	const database = await freshDatabase(pg.url, 'fokus_bench_views');
	const base = `http://127.0.0.1:${PORT}`;
	const server = startApp(root, database.url, PORT);
	const sql = postgres(database.url, { max: 2, onnotice: () => {} });
	try {
		await waitFor(`${base}/healthz`); // migrations have run
		console.error(`seeding ${GOALS} goals …`);
		const started = performance.now();
		const seeded = await seedMunicipality(database.url, { goals: GOALS });
		const c = seeded.counts;
		notes.push(
			`seeded in ${f((performance.now() - started) / 1000)} s: ${c.goals} goals, ${c.indicators} indicators, ${c.measurements} measurements, ` +
				`${c.check_ins} check-ins on ${c.checked_goals} goals`
		);
		// The stored statuses as the app keeps them (the projection refreshes them after each change).
		const { refreshProgress, schema } = await loadProgress(scratch);
		await refreshProgress(drizzle(sql, { schema, casing: 'snake_case' }), { all: true });
		const logged = await writeGoalDocuments(sql, scratch, { editsPerGoal: EDITS });
		notes.push(`update logs: ${logged} updates (${EDITS} edits per goal after its writing, 2024–2026)`);

		const cookie = await signIn(base);
		const department = seeded.department;
		const titles = (await sql`select title from goal where department_id = ${department.id} order by title`).map((g) => g.title);
		const [{ n: checked }] = await sql`select count(distinct c.goal_id)::int as n from check_in c join goal g on g.id = c.goal_id where g.department_id = ${department.id}`;
		const pages = [
			{ label: 'municipality /monitoring', url: '/monitoring', check: expectAll('department names', seeded.departments.map((d) => d.name)) },
			{
				label: `department (${titles.length} goals, ${checked} checked in)`,
				url: `/monitoring/departments/${department.id}`,
				check: expectAll('goal titles', [department.name, ...titles])
			},
			{
				label: `evaluation 2025, department (${titles.length} goals)`,
				url: `/monitoring/evaluation?year=2025&quarter=year&department=${department.id}`,
				check: expectAll('goal titles', titles)
			},
			{
				label: `evaluation 2025, all (${GOALS} goals)`,
				url: '/monitoring/evaluation?year=2025&quarter=year&department=all',
				check: expectAll('department names', seeded.departments.map((d) => d.name))
			}
		];

		for (const page of pages) {
			console.error(`timing ${page.url} …`);
			const { times, html, link } = await timePage(`${base}${page.url}`, cookie, page.check);
			// The same load functions without rendering, to tell data from rendering if a page is slow.
			const [pathname, search = ''] = page.url.split('?');
			const data = await timePage(`${base}${pathname}/__data.json${search ? `?${search}` : ''}`, cookie);
			const scripts = pageScripts(html, link);
			const gzip = scripts.reduce((sum, s) => sum + s.gzip, 0);
			const raw = scripts.reduce((sum, s) => sum + s.raw, 0);
			rows.push({ page: page.label, times, dataTimes: data.times, html: Buffer.byteLength(html), scripts, gzip, raw });
			const unlisted = scripts.filter((s) => !s.listed);
			if (unlisted.length > 0) notes.push(`${page.url}: ${unlisted.length} statically imported files are not listed in the HTML (counted): ${unlisted.map((s) => s.file).join(', ')}`);
		}
	} finally {
		await sql.end();
		await stopProcess(server);
		await database.drop();
	}
} finally {
	await pg.stop();
	fs.rmSync(scratch, { recursive: true, force: true });
}

console.log(`\nbench:views — PostgreSQL, ${os.cpus().length} cores, Node ${process.version}`);
for (const note of notes) console.log(note);
console.log('');
console.log('page                                       median ms  p95 ms  target ms  met    JS files  JS kB gzip  (raw kB)  target kB  met');
for (const row of rows) {
	const med = median(row.times);
	console.log(
		`${row.page.padEnd(42)} ${f(med).padStart(9)}  ${f(percentile(row.times, 0.95)).padStart(6)}  ${`< ${TARGET_MS}`.padStart(9)}  ${(med < TARGET_MS ? 'yes' : 'no').padEnd(5)}  ` +
			`${String(row.scripts.length).padStart(8)}  ${f(row.gzip / 1000).padStart(10)}  ${f(row.raw / 1000).padStart(8)}  ${`< ${TARGET_KB}`.padStart(9)}  ${row.gzip / 1000 < TARGET_KB ? 'yes' : 'no'}`
	);
}
console.log('');
for (const row of rows) {
	console.log(
		`${row.page}: HTML ${f(row.html / 1000)} kB; load functions alone (__data.json) median ${f(median(row.dataTimes))} ms, p95 ${f(percentile(row.dataTimes, 0.95))} ms; ` +
			`largest JS: ${row.scripts
				.slice(0, 3)
				.map((s) => `${path.posix.basename(s.file)} ${f(s.gzip / 1000)} kB`)
				.join(', ')}`
	);
}
console.log(`times are request to last byte, ${REQUESTS} sequential requests after ${WARMUP} warm-ups; JS is every _app/immutable script the page`);
console.log('references (modulepreload in the Link header or the HTML, script src, import() in the start script) and their static imports,');
console.log('each gzipped at level 9 (kB = 1,000 bytes).');
