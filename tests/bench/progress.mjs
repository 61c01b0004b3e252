// npm run bench:progress — one municipality with 500 goals, 2,000 indicators and 100,000
// measurements on PostgreSQL. Times recomputing every stored status from scratch
// (refreshProgress(db, { all: true }), target < 1 s) and the server-side rendered department
// list (/goals?department=…, target median < 100 ms), and prints them next to their targets.
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import postgres from 'postgres';
import { drizzle } from 'drizzle-orm/postgres-js';
import { build } from 'esbuild';
import { hash } from '@node-rs/argon2';
import { freshDatabase, startPostgres } from './lib/postgres.mjs';
import { percentile, startProcess, stopProcess, waitFor } from './lib/process.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const GOALS = Number(process.env.BENCH_GOALS ?? 500);
const INDICATORS_PER_GOAL = 4;
const VALUES_PER_INDICATOR = 50;
const REFRESH_REPEATS = 5;
const WARMUP = 5;
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 50);
const PORT = 4611;
const PASSWORD = 'bench-password-1';
const LATEST = '2026-10-31';
const BASELINE = '2022-12-31';

const median = (values) => percentile([...values].sort((a, b) => a - b), 0.5);

/** The project's refreshProgress and schema, compiled on the fly; packages stay the installed ones. */
async function loadProgress(dir) {
	const outfile = path.join(dir, 'progress.mjs');
	await build({
		stdin: {
			contents: `export { refreshProgress } from './src/lib/server/progress.ts';\nexport * as schema from './src/lib/server/db/schema/index.ts';\n`,
			resolveDir: root,
			loader: 'ts'
		},
		outfile,
		bundle: true,
		platform: 'node',
		format: 'esm',
		target: 'node20',
		logLevel: 'warning',
		plugins: [
			{
				// External, but by absolute URL: the bundle lives outside the project's node_modules,
				// and drizzle-orm must be the same module instance as the one imported here.
				name: 'packages-from-project',
				setup(b) {
					b.onResolve({ filter: /^[^./]/ }, (args) =>
						args.path.startsWith('node:') ? { path: args.path, external: true } : { path: import.meta.resolve(args.path), external: true }
					);
				}
			}
		]
	});
	return import(pathToFileURL(outfile).href);
}

// ---------------------------------------------------------------------------------------------
// Seed data: deterministic (a seeded PRNG), written straight into the tables as the projection
// would (goal and indicator rows; the Yjs documents are not needed by the list or the refresh).

function prng(seed) {
	return () => {
		seed = (seed + 0x6d2b79f5) | 0;
		let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}
const random = prng(20261031);
const between = (a, b) => a + (b - a) * random();
const pick = (list) => list[Math.floor(random() * list.length)];
const hex = (bytes) => Array.from({ length: bytes }, () => Math.floor(random() * 256).toString(16).padStart(2, '0')).join('');
const round = (value, digits) => Math.round(value * 10 ** digits) / 10 ** digits;
const DAY = 86_400_000;
const toDay = (date) => Date.parse(`${date}T00:00:00Z`) / DAY;
/** The last day of the month `back` months before LATEST's month. */
function monthEnd(back) {
	const [y, m] = LATEST.split('-').map(Number);
	return new Date(Date.UTC(y, m - back, 0)).toISOString().slice(0, 10);
}

const DEPARTMENTS = [
	['Bildung', 56],
	['Jugend und Familie', 54],
	['Soziales', 52],
	['Arbeit und Beschäftigung', 50],
	['Gesundheit', 50],
	['Wohnen', 50],
	['Stadtentwicklung', 48],
	['Kultur', 48],
	['Sport', 46],
	['Bürgerservice', 46]
];
const TOPICS = [
	'Sprachförderung in Kitas ausbauen',
	'Übergang Schule–Beruf verbessern',
	'Ausbildungsquote junger Zugewanderter erhöhen',
	'Beratung in mehreren Sprachen anbieten',
	'Wartezeiten bei der Ausländerbehörde senken',
	'Vereinsmitgliedschaften fördern',
	'Gesundheitslotsen gewinnen',
	'Wohnungslosigkeit verringern',
	'Elternbeteiligung an Schulen stärken',
	'Interkulturelle Öffnung der Verwaltung',
	'Anerkennung ausländischer Abschlüsse beschleunigen',
	'Integrationskurse besser auslasten',
	'Beteiligung an Kommunalwahlen erhöhen',
	'Ehrenamt von Zugewanderten sichtbar machen'
];
const DEADLINES = ['2027-06-30', '2027-12-31', '2028-06-30', '2028-12-31', '2029-06-30', '2029-12-31'];
const GROUPS = ['deutsch', 'nichtdeutsch', 'insgesamt'];
const DATES = Array.from({ length: VALUES_PER_INDICATOR }, (_, k) => monthEnd(k)); // newest first
const OK = (reason) => ({ ok: true, reason, hint: null });
const NO = (reason, hint) => ({ ok: false, reason, hint });

/** How a goal's weakest indicator runs; its other indicators do at least as well. */
const GOAL_CLASSES = [
	['onTrack', 0.35],
	['atRisk', 0.25],
	['offTrack', 0.3],
	['noData', 0.1]
];
const BETTER = { onTrack: ['met', 'onTrack'], atRisk: ['met', 'onTrack', 'atRisk'], offTrack: ['met', 'onTrack', 'atRisk', 'offTrack', 'wrongWay'] };
function weighted(list) {
	let r = random();
	for (const [value, weight] of list) if ((r -= weight) < 0) return value;
	return list.at(-1)[0];
}

/** The share of the way from baseline to target planned at the latest measurement, times a pace per class. */
function paceFor(kind, latestShare) {
	switch (kind) {
		case 'met':
			return between(1.05, 1.3) / latestShare;
		case 'onTrack':
			return between(1.08, 1.4);
		case 'atRisk':
			return between(0.8, 0.93);
		case 'offTrack':
			return between(0.15, 0.6);
		case 'wrongWay':
			return between(-0.5, -0.1);
		default:
			return 1;
	}
}

function makeIndicator(goalRow, position, kind, enteredBy) {
	const id = randomUUID();
	const frequency = weighted([
		['yearly', 0.4],
		['quarterly', 0.3],
		['monthly', 0.3]
	]);
	const breakdown = weighted([
		['gap', 0.25],
		['total', 0.1],
		['none', 0.65]
	]);
	const targetDate = random() < 0.2 ? `${goalRow.deadline.slice(0, 4)}-06-30` : null;
	const due = targetDate ?? goalRow.deadline;
	let baselineValue;
	let way;
	let unit;
	let name;
	if (breakdown === 'gap') {
		baselineValue = round(between(8, 20), 1);
		way = -round(between(4, baselineValue - 2), 1);
		unit = 'Prozentpunkte';
		name = 'Abstand der Quote nichtdeutsch zu deutsch';
	} else if (random() < 0.6) {
		baselineValue = round(between(20, 70), 1);
		way = round(pick([1, 1, -1]) * between(5, 20), 1);
		unit = '%';
		name = pick(['Quote der Teilnehmenden', 'Anteil mit Abschluss', 'Übergangsquote', 'Beteiligungsquote']);
	} else {
		baselineValue = Math.round(between(100, 2000));
		way = Math.round(pick([1, 1, -1]) * baselineValue * between(0.1, 0.4));
		unit = 'Anzahl';
		name = pick(['Beratungen', 'Teilnehmende', 'Wartende', 'Anträge']);
	}
	let targetValue = round(baselineValue + way, 1);
	if (kind === 'noPlan') baselineValue = null;
	if (kind === 'noChange') targetValue = baselineValue;
	const row = {
		id,
		goal_id: goalRow.id,
		municipality_id: goalRow.municipality_id,
		position,
		name,
		unit,
		direction: way >= 0 ? 'up' : 'down',
		baseline_value: baselineValue,
		baseline_date: BASELINE,
		target_value: targetValue,
		target_date: targetDate,
		frequency,
		source: pick(['Kommunalstatistik', 'Schulamt', 'Bundesagentur für Arbeit', 'eigene Erhebung']),
		breakdown: breakdown === 'none' ? '' : 'Staatsangehörigkeit',
		groups: breakdown === 'none' ? [] : GROUPS,
		target_group: breakdown === 'gap' ? 'nichtdeutsch' : breakdown === 'total' ? 'insgesamt' : '',
		gap_group: breakdown === 'gap' ? 'deutsch' : null
	};

	// The target series runs baseline + way · pace · (share of the planned time), with a little noise.
	const start = toDay(BASELINE);
	const span = toDay(due) - start;
	const pace = paceFor(kind, (toDay(LATEST) - start) / span);
	const b = baselineValue ?? round(between(20, 60), 1);
	const series = (date) => b + way * pace * ((toDay(date) - start) / span) + Math.abs(way) * between(-0.02, 0.02);
	const digits = unit === 'Anzahl' ? 0 : 1;
	const provisional = random() < 0.3;
	const values = [];
	for (let k = 0; k < VALUES_PER_INDICATOR; k++) {
		// Grouped series: three groups per reference date (the oldest date gets two).
		const [date, group] = breakdown === 'none' ? [DATES[k], ''] : [DATES[Math.floor(k / 3)], GROUPS[k % 3]];
		let value;
		if (breakdown === 'gap') {
			const deutsch = 72 + (toDay(date) - start) / 365 + between(-0.3, 0.3);
			const gap = Math.max(0.2, series(date));
			value = group === 'deutsch' ? deutsch : group === 'nichtdeutsch' ? deutsch - gap : deutsch - gap / 4;
		} else if (breakdown === 'total') {
			const total = series(date);
			value = group === 'insgesamt' ? total : group === 'deutsch' ? total + 4 : total - 12;
		} else {
			value = series(date);
		}
		const symbol = random() < 0.02 ? '.' : null;
		values.push({
			municipality_id: goalRow.municipality_id,
			goal_id: goalRow.id,
			indicator_id: id,
			group_name: group,
			ref_date: date,
			value: symbol ? null : round(Math.max(0, value), digits),
			symbol,
			flags: provisional && date === LATEST ? ['provisional'] : [],
			cases: breakdown === 'none' ? null : Math.round(between(40, 600)),
			entered_by: enteredBy
		});
	}
	return { row, values };
}

/** Inserts rows through one JSON parameter per chunk (as refreshProgress writes). */
async function insertRows(sql, table, columns, rows, chunk = 20_000) {
	const list = Object.entries(columns)
		.map(([name, type]) => `${name} ${type}`)
		.join(', ');
	const names = Object.keys(columns).join(', ');
	for (let i = 0; i < rows.length; i += chunk) {
		await sql.unsafe(`insert into ${table} (${names}) select ${names} from jsonb_to_recordset($1::text::jsonb) as v(${list})`, [
			JSON.stringify(rows.slice(i, i + chunk))
		]);
	}
}

async function seed(databaseUrl) {
	const sql = postgres(databaseUrl, { max: 2, onnotice: () => {} });
	try {
		const passwordHash = await hash(PASSWORD, { memoryCost: 19456, timeCost: 2, outputLen: 32, parallelism: 1 });
		const [m] = await sql`insert into municipality (slug, name) values ('bench', 'Benchstadt') returning id`;
		const [focusUser] = await sql`insert into "user" (email, name, password_hash) values ('focus@bench.example', 'Fokus Bench', ${passwordHash}) returning id`;
		const [focus] = await sql`insert into membership (user_id, municipality_id, roles) values (${focusUser.id}, ${m.id}, ${['focus']}) returning id`;
		const departments = [];
		for (const [index, [name, count]] of DEPARTMENTS.entries()) {
			const [d] = await sql`insert into department (municipality_id, name) values (${m.id}, ${name}) returning id`;
			const email = `fb${index}@bench.example`;
			const [u] = await sql`insert into "user" (email, name, password_hash) values (${email}, ${`Fachbereich ${name}`}, ${passwordHash}) returning id`;
			const [member] = await sql`insert into membership (user_id, municipality_id, roles, department_id) values (${u.id}, ${m.id}, ${['member']}, ${d.id}) returning id`;
			const [t] = await sql`insert into tandem (municipality_id, department_id, name) values (${m.id}, ${d.id}, ${`Tandem ${name}`}) returning id`;
			await sql`insert into tandem_member (tandem_id, membership_id) values (${t.id}, ${focus.id}), (${t.id}, ${member.id})`;
			departments.push({ id: d.id, name, count, tandemId: t.id, userId: u.id, membershipId: member.id });
		}

		const goals = [];
		const indicators = [];
		const measurements = [];
		const signoffs = [];
		const slots = departments.flatMap((d) => Array.from({ length: d.count }, () => d)).slice(0, GOALS);
		for (const [i, d] of slots.entries()) {
			const status = random() < 0.65 ? 'agreed' : 'draft';
			const focusSigned = status === 'agreed' || random() < 0.5;
			const resources = random() < 0.85 ? 'Zwei Stellenanteile und Sachmittel aus dem Integrationsbudget.' : '';
			const smart = {
				ratings: {
					specific: OK('smart_specific_ok'),
					measurable: OK('smart_measurable_ok'),
					acceptable:
						status === 'agreed'
							? OK('smart_acceptable_ok')
							: NO(focusSigned ? 'smart_acceptable_missing_department' : 'smart_acceptable_missing_both', 'smart_acceptable_sign_hint'),
					realistic: resources ? OK('smart_realistic_ok') : NO('smart_realistic_no_resources', 'smart_realistic_no_resources_hint'),
					terminated: OK('smart_terminated_ok')
				}
			};
			smart.score = Object.values(smart.ratings).filter((r) => r.ok).length;
			const goalRow = {
				id: randomUUID(),
				municipality_id: m.id,
				department_id: d.id,
				tandem_id: d.tandemId,
				title: `Ziel ${String(i + 1).padStart(3, '0')}: ${TOPICS[i % TOPICS.length]}`,
				for_whom: 'Kinder und Jugendliche mit Einwanderungsgeschichte und ihre Familien in der Stadt',
				criterion: 'Die Quote erreicht den Zielwert laut kommunaler Statistik.',
				resources,
				deadline: pick(DEADLINES),
				content_hash: hex(32),
				smart,
				smart_score: smart.score,
				status,
				created_by: focusUser.id
			};
			goals.push(goalRow);
			if (focusSigned) signoffs.push({ goal_id: goalRow.id, user_id: focusUser.id, membership_id: focus.id, side: 'focus', content_hash: goalRow.content_hash });
			if (status === 'agreed') signoffs.push({ goal_id: goalRow.id, user_id: d.userId, membership_id: d.membershipId, side: 'department', content_hash: goalRow.content_hash });

			const goalClass = weighted(GOAL_CLASSES);
			for (let position = 0; position < INDICATORS_PER_GOAL; position++) {
				let kind;
				if (goalClass === 'noData') kind = random() < 0.7 ? 'noPlan' : 'noChange';
				else if (position === 0) kind = goalClass === 'offTrack' && random() < 0.3 ? 'wrongWay' : goalClass;
				else kind = random() < 0.06 ? pick(['noPlan', 'noChange']) : pick(BETTER[goalClass]);
				const made = makeIndicator(goalRow, position, kind, d.userId);
				indicators.push(made.row);
				measurements.push(...made.values);
			}
		}

		await insertRows(
			sql,
			'goal',
			{
				id: 'uuid',
				municipality_id: 'uuid',
				department_id: 'uuid',
				tandem_id: 'uuid',
				title: 'text',
				for_whom: 'text',
				criterion: 'text',
				resources: 'text',
				deadline: 'date',
				content_hash: 'text',
				smart: 'jsonb',
				smart_score: 'integer',
				status: 'text',
				created_by: 'uuid'
			},
			goals
		);
		await sql`update goal set projected_at = now()`;
		await insertRows(
			sql,
			'goal_signoff',
			{ goal_id: 'uuid', user_id: 'uuid', membership_id: 'uuid', side: 'text', content_hash: 'text' },
			signoffs
		);
		await insertRows(
			sql,
			'indicator',
			{
				id: 'uuid',
				goal_id: 'uuid',
				municipality_id: 'uuid',
				position: 'integer',
				name: 'text',
				unit: 'text',
				direction: 'text',
				baseline_value: 'numeric',
				baseline_date: 'date',
				target_value: 'numeric',
				target_date: 'date',
				frequency: 'text',
				source: 'text',
				breakdown: 'text',
				groups: 'jsonb',
				target_group: 'text',
				gap_group: 'text'
			},
			indicators
		);
		await insertRows(
			sql,
			'measurement',
			{
				municipality_id: 'uuid',
				goal_id: 'uuid',
				indicator_id: 'uuid',
				group_name: 'text',
				ref_date: 'date',
				value: 'double precision',
				symbol: 'text',
				flags: 'text[]',
				cases: 'integer',
				entered_by: 'uuid'
			},
			measurements
		);
		await sql`vacuum analyze`;
		const [counts] = await sql`select (select count(*)::int from goal) as goals, (select count(*)::int from indicator) as indicators,
			(select count(*)::int from measurement) as measurements, (select count(*)::int from measurement where symbol is not null) as symbols,
			(select count(*)::int from measurement where 'provisional' = any(flags)) as provisional`;
		const busiest = departments.reduce((a, b) => (b.count > a.count ? b : a));
		return { counts, department: busiest };
	} finally {
		await sql.end();
	}
}

// ---------------------------------------------------------------------------------------------

async function signIn(base, email) {
	const response = await fetch(`${base}/login`, {
		method: 'POST',
		redirect: 'manual',
		headers: { origin: base, 'content-type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams({ email, password: PASSWORD })
	});
	const cookie = response.headers.get('set-cookie')?.split(';')[0];
	if (response.status !== 303 || !cookie) throw new Error(`signing in failed: ${response.status}`);
	return cookie;
}

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

if (!fs.existsSync(path.join(root, 'build/server.js')) || process.env.BENCH_BUILD === '1') {
	console.error('building …');
	if (spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' }).status !== 0) process.exit(1);
}
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'fokus-bench-progress-'));
const pg = await startPostgres(54393);
const rows = [];
const notes = [];
let distribution = [];
try {
	const database = await freshDatabase(pg.url, 'fokus_bench_progress');
	const base = `http://127.0.0.1:${PORT}`;
	const server = startProcess(root, ['build/server.js'], {
		DATABASE_URL: database.url,
		DEMO_DATA: '0',
		PORT: String(PORT),
		HOST: '127.0.0.1',
		NODE_ENV: 'production',
		LOG_LEVEL: 'warn'
	});
	const client = postgres(database.url, { max: Number(process.env.DATABASE_POOL_SIZE ?? 10), onnotice: () => {} });
	try {
		await waitFor(`${base}/healthz`); // migrations have run
		console.error(`seeding ${GOALS} goals …`);
		let started = performance.now();
		const seeded = await seed(database.url);
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
		const cookie = await signIn(base, 'focus@bench.example');
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
