// npm run bench:as-of — "Stand am …" of a goal whose log holds 10,000 typing-sized updates, on
// PGlite (and on PostgreSQL when DATABASE_URL is set): times rebuilding the goal at a date in
// the middle of its history and at its end (goalAsOf), the whole page's assembly with values and
// forecasts (goalAsOfView), and, as the peer, loading the same document's current state
// (loadState, from the full log and from a checkpoint). Target: the page below 300 ms.
// BENCH_UPDATES=… changes the length of the log.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import * as Y from 'yjs';
import { freshDatabase } from './lib/postgres.mjs';
import { percentile } from './lib/process.mjs';
import { loadModules } from './lib/load-modules.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const UPDATES = Number(process.env.BENCH_UPDATES ?? 10_000);
const RUNS = 20;
const WARMUP = 2;
const TARGET_MS = 300;
/** One stored update every 37 minutes from 1 March 2024 on: about 9 months of writing. */
const START = Date.parse('2024-03-01T07:00:00Z');
const STEP_MS = 37 * 60_000;
const WORDS = 'Jugendliche ohne deutsche Staatsangehörigkeit finden nach der Schule häufiger einen Ausbildungsplatz in der Stadt '.split(' ');

const f = (n, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : '–');
const berlinDay = (ms) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin' }).format(new Date(ms));

/**
 * A goal document written the way people type: the structure once, then one small update per
 * few keystrokes into the texts (now and then deleting a word), the deadline and an indicator's
 * target set a few times. Returns the updates in order.
 */
function typedUpdates(m) {
	const doc = new Y.Doc();
	const updates = [];
	doc.on('update', (update) => updates.push(update));
	doc.transact(() => {
		m.initGoalDoc(doc, { title: 'Übergänge ' });
		m.goalRoot(doc).set('deadline', '2026-07-31');
		m.goalRoot(doc).set('criterion', 'reach');
		m.addIndicator(doc, { name: 'Übergangsquote', unit: '%', frequency: 'quarterly', breakdown: 'Staatsangehörigkeit', groups: ['deutsch', 'nichtdeutsch'], targetGroup: 'nichtdeutsch', baselineValue: 30, baselineDate: '2023-12-31', targetValue: 45, targetDate: '2026-07-31' });
		m.addIndicator(doc, { name: 'Schulabgänger/innen ohne Abschluss', unit: '%', direction: 'down', frequency: 'yearly', baselineValue: 12, baselineDate: '2023-12-31', targetValue: 6 });
	});
	const texts = ['title', 'forWhom', 'resources'].map((field) => m.goalText(doc, field));
	let word = 0;
	while (updates.length < UPDATES) {
		const n = updates.length;
		if (n % 1000 === 500) m.goalRoot(doc).set('deadline', `${2026 + Math.floor(n / 4000)}-07-31`);
		else if (n % 1500 === 700) m.indicatorArray(doc).get(0).set('targetValue', 45 + (n % 7));
		else {
			const text = texts[n % 7 === 0 ? 0 : n % 3 === 0 ? 2 : 1];
			if (n % 50 === 49 && text.length > 12) text.delete(text.length - 6, 6);
			else {
				// A few keystrokes: part of a word, or a word and its space.
				const next = `${WORDS[word++ % WORDS.length]} `;
				for (let i = 0; i < next.length && updates.length < UPDATES; i += 3) text.insert(text.length, next.slice(i, i + 3));
			}
		}
	}
	const content = m.readGoalContent(doc);
	doc.destroy();
	return { updates: updates.slice(0, UPDATES), content };
}

async function seed(db, m, s) {
	const [town] = await db.insert(s.municipality).values({ slug: 'bench', name: 'Benchstadt' }).returning();
	const [person] = await db.insert(s.user).values({ email: 'focus@bench.example', name: 'Fokus Bench', passwordHash: 'x' }).returning();
	const [membership] = await db.insert(s.membership).values({ userId: person.id, municipalityId: town.id, roles: ['focus'] }).returning();
	const [department] = await db.insert(s.department).values({ municipalityId: town.id, name: 'Bildung' }).returning();
	const [tandem] = await db.insert(s.tandem).values({ municipalityId: town.id, departmentId: department.id, name: 'Tandem Bildung' }).returning();
	const [goal] = await db.insert(s.goal).values({ municipalityId: town.id, departmentId: department.id, tandemId: tandem.id, createdBy: person.id, createdAt: new Date(START) }).returning();
	const { updates, content } = typedUpdates(m);
	const docName = m.goalDocName(goal.id);
	for (let i = 0; i < updates.length; i += 500) {
		await m.appendUpdates(
			db,
			docName,
			updates.slice(i, i + 500).map((update, k) => ({ userId: person.id, update, createdAt: new Date(START + (i + k) * STEP_MS) }))
		);
	}
	await m.projectContent(db, goal.id, content);
	// Quarterly values in two groups for the first indicator, yearly ones for the second.
	const quarters = Array.from({ length: 12 }, (_, i) => new Date(Date.UTC(2022, 3 + i * 3, 0)).toISOString().slice(0, 10));
	const [quota, leavers] = content.indicators;
	const rows = [
		...quarters.flatMap((refDate, t) =>
			['deutsch', 'nichtdeutsch'].map((groupName, k) => ({ municipalityId: town.id, goalId: goal.id, indicatorId: quota.id, groupName, refDate, value: 30 + t * 0.8 + k * 12, enteredBy: person.id }))
		),
		...['2022-12-31', '2023-12-31', '2024-12-31'].map((refDate, t) => ({ municipalityId: town.id, goalId: goal.id, indicatorId: leavers.id, groupName: '', refDate, value: 12 - t, enteredBy: person.id }))
	];
	await db.insert(s.measurement).values(rows);
	const actor = { userId: person.id, name: person.name, email: person.email, sessionId: '', membershipId: membership.id, municipalityId: town.id, municipalityName: town.name, municipalitySlug: town.slug, roles: ['focus'], departmentId: null };
	const bytes = updates.reduce((sum, u) => sum + u.length, 0);
	return { goalId: goal.id, docName, actor, bytes, lastAt: START + (updates.length - 1) * STEP_MS };
}

async function time(run) {
	const times = [];
	for (let i = 0; i < WARMUP + RUNS; i++) {
		const started = performance.now();
		await run();
		if (i >= WARMUP) times.push(performance.now() - started);
	}
	return times.sort((a, b) => a - b);
}

async function bench(label, handle, m) {
	const { db } = handle;
	const seeded = await seed(db, m, m.schema);
	const middle = berlinDay(START + Math.floor(UPDATES / 2) * STEP_MS);
	const end = berlinDay(seeded.lastAt);
	const today = berlinDay(Date.now());
	// The page must show what it claims to: the middle has half the text, the end all of it.
	const half = await m.goalAsOf(db, seeded.goalId, middle);
	const full = await m.goalAsOf(db, seeded.goalId, end);
	if (!(half.content.forWhom.length > 0 && half.content.forWhom.length < full.content.forWhom.length)) throw new Error('the middle of the history is not half-way');
	const view = await m.goalAsOfView(db, seeded.actor, seeded.goalId, end, today);
	if (view.kind !== 'shown' || view.indicators.length !== 2) throw new Error(`the page shows ${view.kind}`);
	const rows = [
		{ measure: `goalAsOf, middle (${middle})`, times: await time(() => m.goalAsOf(db, seeded.goalId, middle)) },
		{ measure: `goalAsOf, end (${end})`, times: await time(() => m.goalAsOf(db, seeded.goalId, end)) },
		{ measure: 'goalAsOfView (the page), middle', times: await time(() => m.goalAsOfView(db, seeded.actor, seeded.goalId, middle, today)), target: true },
		{ measure: 'goalAsOfView (the page), end', times: await time(() => m.goalAsOfView(db, seeded.actor, seeded.goalId, end, today)), target: true },
		{ measure: 'peer: loadState, whole log', times: await time(() => m.loadState(db, seeded.docName)) }
	];
	await m.compact(db, seeded.docName, 0);
	rows.push({ measure: 'peer: loadState, from a checkpoint', times: await time(() => m.loadState(db, seeded.docName)) });
	console.log(`\n${label}: ${UPDATES} updates (${f(seeded.bytes / 1024, 0)} KiB, ${f(seeded.bytes / UPDATES, 0)} bytes each on average), ${RUNS} runs after ${WARMUP} warm-ups`);
	console.log('measure                                        median ms   p95 ms   target');
	for (const row of rows) {
		const med = percentile(row.times, 0.5);
		const goal = row.target ? `< ${TARGET_MS} ms: ${med < TARGET_MS ? 'met' : 'NOT met'}` : '';
		console.log(`${row.measure.padEnd(46)} ${f(med).padStart(9)} ${f(percentile(row.times, 0.95)).padStart(8)}   ${goal}`);
	}
}

fs.mkdirSync(path.join(root, 'node_modules/.cache'), { recursive: true });
const scratch = fs.mkdtempSync(path.join(root, 'node_modules/.cache/fokus-bench-as-of-'));
try {
	const m = await loadModules(
		scratch,
		'as-of',
		[
			`export { openDatabase } from './src/lib/server/db/open.ts';`,
			`export { goalAsOf } from './src/lib/server/goals/as-of.ts';`,
			`export { goalAsOfView } from './src/lib/server/goals/as-of-view.ts';`,
			`export { goalDocName, projectContent } from './src/lib/server/goals/projection.ts';`,
			`export { appendUpdates, compact, loadState } from './src/lib/server/documents/update-log.ts';`,
			`export { addIndicator, goalRoot, goalText, indicatorArray, initGoalDoc, readGoalContent } from './src/lib/shared/goal-doc.ts';`,
			`export * as schema from './src/lib/server/db/schema/index.ts';`
		].join('\n')
	);
	console.log(`bench:as-of — ${os.cpus().length} cores, Node ${process.version}`);
	const migrationsFolder = path.join(root, 'drizzle');
	const lite = await m.openDatabase({ dataDir: 'memory://', migrationsFolder });
	try {
		await bench('PGlite (in memory)', lite, m);
	} finally {
		await lite.close();
	}
	if (process.env.DATABASE_URL) {
		const database = await freshDatabase(process.env.DATABASE_URL, 'fokus_bench_as_of');
		const pg = await m.openDatabase({ databaseUrl: database.url, migrationsFolder });
		try {
			await bench('PostgreSQL', pg, m);
		} finally {
			await pg.close();
			await database.drop();
		}
	}
} finally {
	fs.rmSync(scratch, { recursive: true, force: true });
}
