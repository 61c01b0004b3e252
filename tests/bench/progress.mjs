// npm run bench:progress — one municipality with 500 goals, 2,000 indicators and 100,000
// measurements on PostgreSQL. Times recomputing every stored status from scratch
// (refreshProgress(db, { all: true }), target < 1 s) and the server-side rendered department
// list (/goals?department=…, target median < 100 ms), and prints them next to their targets.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import postgres from 'postgres';
import { drizzle } from 'drizzle-orm/postgres-js';
import { freshDatabase, startPostgres } from './lib/postgres.mjs';
import { ensureBuild, percentile, startApp, stopProcess, waitFor } from './lib/process.mjs';
import { loadProgress } from './lib/load-modules.mjs';
import { seedMunicipality, signIn } from './lib/seed-municipality.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const GOALS = Number(process.env.BENCH_GOALS ?? 500);
const REFRESH_REPEATS = 5;
const WARMUP = 5;
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 50);
const PORT = 4611;

const median = (values) => percentile([...values].sort((a, b) => a - b), 0.5);

/** Full response times (request to last byte) of a server-rendered page, after warm-ups. */
async function timePage(url, cookie, check) {
	const times = [];
	let bytes = 0;
	for (let i = 0; i < WARMUP + REQUESTS; i++) {
		const started = performance.now();
		const response = await fetch(url, { headers: { cookie }, redirect: 'manual' });
		const html = await response.text();
		const elapsed = performance.now() - started;
		if (response.status !== 200) throw new Error(`${url}: ${response.status} ${html.slice(0, 300)}`);
		if (i === 0) check(html);
		if (i >= WARMUP) times.push(elapsed);
		bytes = html.length;
	}
	return { times: times.sort((a, b) => a - b), bytes };
}

/** The page lists exactly these goals with their stored track status (so it is no error page). */
function expectGoals(expected) {
	return (html) => {
		const missing = expected.filter((g) => !html.includes(g.title));
		if (missing.length > 0) throw new Error(`the list lacks ${missing.length} of ${expected.length} goals, e.g. "${missing[0].title}"`);
		const symbols = { onTrack: '✓', atRisk: '!', offTrack: '✗', noData: '–' };
		for (const [status, symbol] of Object.entries(symbols)) {
			const want = expected.filter((g) => g.track_status === status).length;
			const seen = html.split(`<span aria-hidden="true">${symbol}`).length - 1;
			if (seen !== want) console.error(`  warning: ${want} goals are ${status}, the page shows ${seen} such badges`);
		}
	};
}

const f = (n, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : '–');

ensureBuild(root);
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'fokus-bench-progress-'));
const pg = await startPostgres();
const rows = [];
const notes = [];
let distribution = [];
try {
	const database = await freshDatabase(pg.url, 'fokus_bench_progress');
	const base = `http://127.0.0.1:${PORT}`;
	const server = startApp(root, database.url, PORT);
	const client = postgres(database.url, { max: Number(process.env.DATABASE_POOL_SIZE ?? 10), onnotice: () => {} });
	try {
		await waitFor(`${base}/healthz`); // migrations have run
		console.error(`seeding ${GOALS} goals …`);
		let started = performance.now();
		const seeded = await seedMunicipality(database.url, { goals: GOALS });
		notes.push(
			`seeded in ${f((performance.now() - started) / 1000)} s: ${seeded.counts.goals} goals, ${seeded.counts.indicators} indicators, ` +
				`${seeded.counts.measurements} measurements (${seeded.counts.symbols} statistics symbols, ${seeded.counts.provisional} provisional)`
		);

		console.error('recomputing every status …');
		const { refreshProgress, schema } = await loadProgress(scratch);
		const db = drizzle(client, { schema, casing: 'snake_case' });
		const runs = [];
		let result;
		for (let i = 0; i <= REFRESH_REPEATS; i++) {
			started = performance.now();
			result = await refreshProgress(db, { all: true });
			runs.push(performance.now() - started);
			if (i === 0) notes.push(`first recompute rated ${result.indicators} indicators and ${result.goals} goals (${result.changedGoalIds.length} goals changed status or progress)`);
		}
		rows.push({ measure: 'recompute all statuses, first run', runs: [runs[0]], target: 1000, targetText: '< 1000 ms' });
		const repeats = runs.slice(1).sort((a, b) => a - b);
		rows.push({ measure: `recompute all statuses, ${REFRESH_REPEATS} more runs`, runs: repeats, target: 1000, targetText: '< 1000 ms' });
		distribution = await client`select 'goal' as level, track_status, count(*)::int as n from goal group by track_status
			union all select 'indicator', track_status, count(*)::int from indicator group by track_status order by 1, 2`;

		// After one measurement changes, only its goal is refreshed.
		const [one] = await client`select goal_id from measurement order by ref_date desc limit 1`;
		const single = [];
		for (let i = 0; i < 20; i++) {
			started = performance.now();
			await refreshProgress(db, { goalIds: [one.goal_id] });
			single.push(performance.now() - started);
		}
		rows.push({ measure: 'refresh one goal (after a change)', runs: single.slice(WARMUP).sort((a, b) => a - b), targetText: '–' });

		console.error('timing the goal lists …');
		const cookie = await signIn(base);
		const listed = await client`select id, title, track_status, department_id from goal`;
		const inDepartment = listed.filter((g) => g.department_id === seeded.department.id);
		const department = await timePage(`${base}/goals?department=${seeded.department.id}`, cookie, expectGoals(inDepartment));
		rows.push({ measure: `department list (${inDepartment.length} goals, ${f(department.bytes / 1024, 0)} KiB)`, runs: department.times, target: 100, targetText: 'median < 100 ms' });
		const all = await timePage(`${base}/goals`, cookie, expectGoals(listed));
		rows.push({ measure: `all goals (${listed.length} goals, ${f(all.bytes / 1024, 0)} KiB)`, runs: all.times, targetText: '–' });
	} finally {
		await client.end();
		await stopProcess(server);
		await database.drop();
	}
} finally {
	await pg.stop();
	fs.rmSync(scratch, { recursive: true, force: true });
}

console.log(`\nbench:progress — PostgreSQL, ${os.cpus().length} cores, Node ${process.version}`);
for (const note of notes) console.log(note);
const byLevel = (level) =>
	distribution
		.filter((d) => d.level === level)
		.map((d) => `${d.track_status} ${d.n}`)
		.join(', ');
console.log(`statuses: goals ${byLevel('goal')}; indicators ${byLevel('indicator')}`);
console.log('');
console.log('measure                                      runs  median ms  p95/max ms  target            met');
for (const row of rows) {
	const med = median(row.runs);
	const tail = row.runs.length >= 20 ? percentile(row.runs, 0.95) : row.runs.at(-1);
	const met = row.target === undefined ? '–' : med < row.target ? 'yes' : 'no';
	console.log(
		`${row.measure.padEnd(44)} ${String(row.runs.length).padStart(4)}  ${f(med).padStart(9)}  ${f(tail).padStart(10)}  ${row.targetText.padEnd(16)}  ${met}`
	);
}
console.log('p95/max: p95 with 20 runs or more, else the slowest run; list times are request to last byte, sequential, after 5 warm-ups.');
