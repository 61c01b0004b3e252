// npm run bench:views — the municipality of bench:progress (500 goals, 2,000 indicators, 100,000
// measurements, a few check-ins) on PostgreSQL, each goal with an update log (its writing and
// BENCH_EDITS typing-sized edits over three years). Times the server-side rendered monitoring views
// (/monitoring and /monitoring/departments/<the department with most goals>), the evaluation of the
// year 2025 for that department and for all, the start page of that department's head and of the
// integration office, and the four sub-pages of that department's goal with the most values
// (target median < 150 ms each), sums the JavaScript each page ships (gzip level 9; target < 100 kB
// for the views, < 200 kB for a goal's pages, which hold the live document and charts), says which
// pages load chart.js (only the indicators page draws charts), and prints them next to their targets.
// One goal of that department also gets a long log (BENCH_LOG typing-sized updates by two
// people over months, as the history summarises them into sessions), and its history page and the
// comparison of its first and last version are timed too (same targets). BENCH_ONLY=<regex> limits
// the timing to the pages whose label matches.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import postgres from 'postgres';
import * as Y from 'yjs';
import { drizzle } from 'drizzle-orm/postgres-js';
import { loadModules, loadProgress } from './lib/load-modules.mjs';
import { freshDatabase, startPostgres } from './lib/postgres.mjs';
import { ensureBuild, percentile, startApp, stopProcess, waitFor } from './lib/process.mjs';
import { FOCUS_EMAIL, seedMunicipality, signIn } from './lib/seed-municipality.mjs';
import { writeGoalDocuments } from './lib/goal-documents.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const client = path.join(root, 'build/client');
const GOALS = Number(process.env.BENCH_GOALS ?? 500);
const WARMUP = 5;
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 50);
const EDITS = Number(process.env.BENCH_EDITS ?? 60);
const PORT = Number(process.env.BENCH_PORT ?? 4612);
const TARGET_MS = 150;
const TARGET_KB = 100; // kB = 1,000 bytes
const GOAL_TARGET_KB = 200;
const LONG_LOG = Number(process.env.BENCH_LOG ?? 3000);
const WORDS = 'Jugendliche ohne deutsche Staatsangehörigkeit finden nach der Schule häufiger einen Ausbildungsplatz '.split(' ');

/**
 * Appends `count` typing-sized updates to a goal's log: bursts of 20 updates two minutes apart
 * by one of two people, a day between bursts, now and then an indicator's target. Returns how
 * many sessions that makes.
 */
async function lengthenLog(sql, goalId, userIds, count, m) {
	const docName = `goal/${goalId}`;
	// The log stays in time order as the server writes it (ids and times agree): the goal's first
	// writing and edits move to the week before the long log starts.
	await sql`
		update doc_update d set created_at = timestamptz '2024-01-01 08:00:00+00' + r.n * interval '1 minute'
		from (select id, row_number() over (order by id) as n from doc_update where doc_name = ${docName}) r
		where d.id = r.id`;
	const doc = new Y.Doc();
	for (const row of await sql`select update from doc_update where doc_name = ${docName} order by id`) Y.applyUpdate(doc, row.update);
	const updates = [];
	doc.on('update', (update) => updates.push(update));
	const texts = ['forWhom', 'resources'].map((field) => m.goalText(doc, field));
	let at = Date.parse('2024-01-08T07:00:00Z');
	const rows = [];
	for (let n = 0; n < count; n++) {
		if (n % 97 === 50 && m.indicatorArray(doc).length > 0) m.indicatorArray(doc).get(0).set('targetValue', 40 + (n % 11));
		else texts[Math.floor(n / 20) % 2].insert(texts[Math.floor(n / 20) % 2].length, `${WORDS[n % WORDS.length]} `);
		at += n % 20 === 0 ? 24 * 3600_000 : 120_000;
		rows.push({ doc_name: docName, user_id: userIds[Math.floor(n / 20) % userIds.length], update: Buffer.from(updates.at(-1)), created_at: new Date(at).toISOString() });
	}
	for (let i = 0; i < rows.length; i += 1000) await sql`insert into doc_update ${sql(rows.slice(i, i + 1000))}`;
	await sql`delete from doc_checkpoint where doc_name = ${docName}`;
	doc.destroy();
	return Math.ceil(count / 20);
}

const median = (sorted) => percentile(sorted, 0.5);
const f = (n, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : '–');

/** Full response times (request to last byte) of a page, after warm-ups; `check` sees the first answer. */
async function timePage(url, cookie, check) {
	const times = [];
	let first = 0;
	let html = '';
	let link = '';
	for (let i = 0; i < WARMUP + REQUESTS; i++) {
		const started = performance.now();
		const response = await fetch(url, { headers: { cookie }, redirect: 'manual' });
		const body = await response.text();
		const elapsed = performance.now() - started;
		if (response.status !== 200) throw new Error(`${url}: ${response.status} ${body.slice(0, 300)}`);
		if (i === 0) {
			first = elapsed;
			check?.(body);
			html = body;
			link = response.headers.get('link') ?? '';
		}
		if (i >= WARMUP) times.push(elapsed);
	}
	return { times: times.sort((a, b) => a - b), first, html, link };
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
// The files chart.js was bundled into, from Vite's manifest of the client build.
const manifest = JSON.parse(fs.readFileSync(path.join(root, '.svelte-kit/output/client/.vite/manifest.json'), 'utf8'));
const chartFiles = new Set(Object.entries(manifest).filter(([source]) => /node_modules\/chart\.js\//.test(source)).map(([, chunk]) => chunk.file));
const chunkOf = new Map(Object.values(manifest).map((chunk) => [chunk.file, chunk]));
/** Whether chart.js is among these files or what they import, statically or on demand (`import()`). */
function reachesChart(files) {
	const seen = new Set();
	const queue = [...files];
	while (queue.length > 0) {
		const file = queue.pop();
		if (seen.has(file)) continue;
		seen.add(file);
		if (chartFiles.has(file)) return true;
		const chunk = chunkOf.get(file);
		// The app's entry imports every page on demand; what a page's own chunks import on demand counts.
		const own = chunk?.src?.endsWith('client-optimized/app.js') ? [] : (chunk?.dynamicImports ?? []);
		for (const key of [...(chunk?.imports ?? []), ...own]) if (manifest[key]) queue.push(manifest[key].file);
	}
	return false;
}
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'fokus-bench-views-'));
const pg = await startPostgres();
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
		// A head of the busiest department, for their start page (same password as everyone seeded).
		await sql`insert into "user" (email, name, password_hash) select 'leitung@bench.example', 'Leitung Bench', password_hash from "user" where email = ${FOCUS_EMAIL}`;
		await sql`insert into membership (user_id, municipality_id, roles, department_id)
			select u.id, d.municipality_id, ${['head']}, d.id from "user" u, department d where u.email = 'leitung@bench.example' and d.id = ${seeded.department.id}`;
		const headCookie = await signIn(base, 'leitung@bench.example');
		const department = seeded.department;
		const titles = (await sql`select title from goal where department_id = ${department.id} order by title`).map((g) => g.title);
		const [{ n: checked }] = await sql`select count(distinct c.goal_id)::int as n from check_in c join goal g on g.id = c.goal_id where g.department_id = ${department.id}`;
		const [longGoal] = await sql`select id from goal where department_id = ${department.id} order by title limit 1`;
		const authors = (await sql`select user_id from membership where municipality_id = (select municipality_id from goal where id = ${longGoal.id}) order by user_id limit 2`).map((r) => r.user_id);
		const goalDoc = await loadModules(scratch, 'goal-doc', `export * from './src/lib/shared/goal-doc.ts';\n`);
		const sessions = await lengthenLog(sql, longGoal.id, authors, LONG_LOG, goalDoc);
		const [{ last }] = await sql`select max(id)::bigint as last from doc_update where doc_name = ${`goal/${longGoal.id}`}`;
		notes.push(`long log: ${LONG_LOG} more updates in ${sessions} sessions on goal ${longGoal.id}`);
		const pages = [
			{ label: 'municipality /monitoring', url: '/monitoring', check: expectAll('department names', seeded.departments.map((d) => d.name)) },
			{
				label: `department (${titles.length} goals, ${checked} checked in)`,
				url: `/monitoring/departments/${department.id}`,
				check: expectAll('goal titles', [department.name, ...titles])
			},
			{ label: `start page, head (${titles.length} goals)`, url: '/', cookie: headCookie, check: expectAll('goal titles', titles) },
			{ label: 'start page, integration office', url: '/', check: expectAll('sections', ['data-testid="start-focus"']) },
			{ label: `goal with history (${LONG_LOG} updates)`, url: `/goals/${longGoal.id}/history`, check: expectAll('history rows', ['data-testid="history-session"']), targetKb: GOAL_TARGET_KB },
			{ label: 'compare first with last version', url: `/goals/${longGoal.id}/versions/compare?from=0&to=${last}`, check: expectAll('changed fields', ['data-testid="field-changes"']) },
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
		const [busiest] = await sql`
			select g.id, g.title, count(m.id)::int as n from goal g join measurement m on m.goal_id = g.id
			where g.department_id = ${department.id} group by g.id order by n desc, g.title limit 1`;
		for (const [part, label, chart] of [
			['', 'content and SMART', false],
			['/indicators', 'indicators and measurements', true],
			['/loop', 'loop', false],
			['/history', 'history', false]
		]) {
			pages.push({ label: `goal: ${label}${part === '/indicators' ? ` (${busiest.n} values)` : ''}`, url: `/goals/${busiest.id}${part}`, check: expectAll('goal title', [busiest.title]), targetKb: GOAL_TARGET_KB, chart });
		}

		// BENCH_ONLY=<regular expression> times only the pages whose label matches (for profiling one).
		const only = process.env.BENCH_ONLY ? new RegExp(process.env.BENCH_ONLY) : null;
		for (const page of pages.filter((p) => !only || only.test(p.label))) {
			console.error(`timing ${page.url} …`);
			const { times, first, html, link } = await timePage(`${base}${page.url}`, page.cookie ?? cookie, page.check);
			// The municipality's first view computes the quarters before status recording began, once.
			notes.push(`${page.url}: first request ${f(first)} ms`);
			// The same load functions without rendering, to tell data from rendering if a page is slow.
			const data = await timePage(`${base}${page.url.replace(/\/?(\?|$)/, '/__data.json$1')}`, page.cookie ?? cookie);
			const scripts = pageScripts(html, link);
			const gzip = scripts.reduce((sum, s) => sum + s.gzip, 0);
			const raw = scripts.reduce((sum, s) => sum + s.raw, 0);
			// IndicatorChart imports chart.js when it draws: in the first load of no page, reachable only where charts are.
			const charts = reachesChart(scripts.map((s) => s.file));
			rows.push({ page: page.label, times, dataTimes: data.times, html: Buffer.byteLength(html), scripts, gzip, raw, targetKb: page.targetKb ?? TARGET_KB });
			if (page.chart !== undefined && charts !== page.chart) notes.push(`${page.url}: chart.js ${charts ? 'loadable, but the page draws no chart' : 'missing, but the page draws charts'}`);
			if (page.chart !== undefined) notes.push(`${page.label}: chart.js ${charts ? 'loaded when its charts are drawn' : 'never loaded'}${scripts.some((s) => chartFiles.has(s.file)) ? ' (in the first load)' : ''}`);
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
			`${String(row.scripts.length).padStart(8)}  ${f(row.gzip / 1000).padStart(10)}  ${f(row.raw / 1000).padStart(8)}  ${`< ${row.targetKb}`.padStart(9)}  ${row.gzip / 1000 < row.targetKb ? 'yes' : 'no'}`
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
