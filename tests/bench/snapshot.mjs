// npm run bench:snapshot — a council snapshot of 20 goals with ten years of measurements on
// PostgreSQL: times making it (each goal rebuilt from its update log as of the reference date,
// freeze, hash, render the PDF, store) and rendering its PDF alone, each against the target of
// 2 s, and prints the PDF's size and pages. Each goal's log holds its writing and a few hundred
// typing-sized edits before and after the reference date, as a goal worked on for two years has.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import postgres from 'postgres';
import { drizzle } from 'drizzle-orm/postgres-js';
import { migrate } from 'drizzle-orm/postgres-js/migrator';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { freshDatabase, startPostgres } from './lib/postgres.mjs';
import { percentile } from './lib/process.mjs';
import { loadModules } from './lib/load-modules.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const GOALS = 20;
const INDICATORS_PER_GOAL = 2;
const GROUPS = ['deutsch', 'nichtdeutsch', 'insgesamt'];
const REPEATS = 5;
const EDITS_PER_GOAL = 400;
const WRITTEN = Date.parse('2025-01-15T09:00:00Z');
const LAST_EDIT = Date.parse('2026-11-30T16:00:00Z');
const TARGET_MS = 2000;

/** Quarter ends from 2016-12-31 to 2026-09-30: ten years, 40 reference dates. */
const DATES = Array.from({ length: 40 }, (_, i) => new Date(Date.UTC(2016, 12 + i * 3, 0)).toISOString().slice(0, 10));

/** The goal's document as the tandem wrote it, then typing-sized edits spread over two years. */
async function writeHistory(sql, modules, goal, definitions, userId, membershipId) {
	const { Y, initGoalDoc, addIndicator, goalText, goalRoot, readGoalContent, contentHash } = modules;
	const doc = new Y.Doc();
	initGoalDoc(doc, { title: goal.title });
	doc.transact(() => {
		goalText(doc, 'forWhom').insert(0, goal.forWhom);
		goalRoot(doc).set('criterion', 'reach');
		goalRoot(doc).set('deadline', '2028-12-31');
		for (const { id, ...fields } of definitions) addIndicator(doc, fields, id);
	});
	const rows = [{ doc_name: `goal/${goal.id}`, user_id: userId, update: Y.encodeStateAsUpdate(doc), created_at: new Date(WRITTEN).toISOString() }];
	const hash = contentHash(readGoalContent(doc));
	const resources = goalText(doc, 'resources');
	const words = goal.resources.split(' ');
	for (let n = 0; n < EDITS_PER_GOAL; n++) {
		const before = Y.encodeStateVector(doc);
		resources.insert(resources.length, `${n === 0 ? '' : ' '}${words[n % words.length]}`);
		rows.push({ doc_name: `goal/${goal.id}`, user_id: userId, update: Y.encodeStateAsUpdate(doc, before), created_at: new Date(WRITTEN + 86_400_000 + ((LAST_EDIT - WRITTEN - 86_400_000) * n) / EDITS_PER_GOAL).toISOString() });
	}
	await sql`insert into doc_update ${sql(rows)}`;
	for (const side of ['focus', 'department']) {
		await sql`insert into goal_signoff (goal_id, user_id, membership_id, side, content_hash, signed_at) values (${goal.id}, ${userId}, ${membershipId}, ${side}, ${hash}, ${new Date(WRITTEN + 14 * 86_400_000).toISOString()})`;
	}
	doc.destroy();
}

async function seed(sql, modules) {
	const [m] = await sql`insert into municipality (slug, name) values ('bench', 'Benchstadt') returning id, name, slug`;
	const [u] = await sql`insert into "user" (email, name, password_hash) values ('focus@bench.example', 'Fokus Bench', 'x') returning id, name, email`;
	const [focus] = await sql`insert into membership (user_id, municipality_id, roles) values (${u.id}, ${m.id}, ${['focus']}) returning id`;
	const goals = [];
	for (let d = 0; d < 4; d++) {
		const [department] = await sql`insert into department (municipality_id, name) values (${m.id}, ${`Fachbereich ${d + 1}`}) returning id`;
		const [tandem] = await sql`insert into tandem (municipality_id, department_id, name) values (${m.id}, ${department.id}, ${`Tandem ${d + 1}`}) returning id`;
		for (let g = 0; g < GOALS / 4; g++) {
			const smart = { score: 4, ratings: Object.fromEntries(['specific', 'measurable', 'acceptable', 'realistic', 'terminated'].map((c, i) => [c, { ok: i !== 3, reason: '', hint: null }])) };
			const [goal] = await sql`insert into goal (municipality_id, department_id, tandem_id, title, for_whom, resources, criterion, deadline, smart, smart_score, status, created_by, created_at)
				values (${m.id}, ${department.id}, ${tandem.id}, ${`Ziel ${d * 5 + g + 1}: Übergänge in Ausbildung verbessern`},
					${'Jugendliche ohne deutsche Staatsangehörigkeit finden nach der Schule häufiger einen Ausbildungsplatz in der Stadt und im Landkreis.'},
					${'Zwei Stellenanteile, Sachmittel aus dem Integrationsbudget, Räume der Jugendberufsagentur.'}, 'reach', '2028-12-31', ${JSON.stringify(smart)}::jsonb, 4, 'agreed', ${u.id}, ${new Date(WRITTEN).toISOString()})
				returning id, title, for_whom as "forWhom", resources`;
			goals.push(goal.id);
			const definitions = [];
			for (let i = 0; i < INDICATORS_PER_GOAL; i++) {
				const definition = {
					id: randomUUID(),
					name: i === 0 ? 'Übergangsquote in Ausbildung' : 'Schulabgänger/innen ohne Abschluss',
					unit: '%',
					direction: i === 0 ? 'up' : 'down',
					baselineValue: i === 0 ? 30 : 12,
					baselineDate: '2021-12-31',
					targetValue: i === 0 ? 45 : 6,
					targetDate: '2028-12-31',
					frequency: 'quarterly',
					source: 'Schulstatistik',
					breakdown: 'Staatsangehörigkeit',
					groups: GROUPS,
					targetGroup: 'nichtdeutsch'
				};
				definitions.push(definition);
				const [indicator] = await sql`insert into indicator (id, municipality_id, goal_id, position, name, unit, direction, baseline_value, baseline_date, target_value, target_date, frequency, source, breakdown, groups, target_group, weight)
					values (${definition.id}, ${m.id}, ${goal.id}, ${i}, ${definition.name}, '%', ${definition.direction},
						${definition.baselineValue}, '2021-12-31', ${definition.targetValue}, '2028-12-31', 'quarterly', 'Schulstatistik', 'Staatsangehörigkeit', ${JSON.stringify(GROUPS)}::jsonb, 'nichtdeutsch', 1)
					returning id`;
				const rows = DATES.flatMap((date, t) =>
					GROUPS.map((group, k) => ({
						municipality_id: m.id,
						goal_id: goal.id,
						indicator_id: indicator.id,
						group_name: group,
						ref_date: date,
						value: Math.round((i === 0 ? 25 + t * 0.4 + k * 3 : 14 - t * 0.15 - k) * 10) / 10,
						flags: t === DATES.length - 1 ? ['provisional'] : [],
						cases: 20 + ((t * 7 + k * 13) % 60),
						entered_by: u.id
					}))
				);
				await sql`insert into measurement ${sql(rows)}`;
			}
			for (const date of ['2025-03-15', '2025-09-15', '2026-03-15', '2026-09-15']) {
				await sql`insert into check_in (municipality_id, goal_id, date, overall, confidence, happened, decided, participants, created_by)
					values (${m.id}, ${goal.id}, ${date}, 'atRisk', 6, 'Arbeitstreffen mit den Schulen und der Jugendberufsagentur; neue Lernpatenschaften vereinbart.', 'Begleitung ab Klasse 9 ausprobieren.', 'Tandem und Schulleitungen', ${u.id})`;
			}
			await writeHistory(sql, modules, goal, definitions, u.id, focus.id);
		}
	}
	const actor = { userId: u.id, name: u.name, email: u.email, sessionId: '', membershipId: focus.id, municipalityId: m.id, municipalityName: m.name, municipalitySlug: m.slug, roles: ['focus'], departmentId: null };
	return { actor, goals, values: GOALS * INDICATORS_PER_GOAL * DATES.length * GROUPS.length };
}

const median = (values) => percentile([...values].sort((a, b) => a - b), 0.5);
const f = (n, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : '–');

// Inside the project: the bundle finds the installed packages (pdfkit, the font files) from there.
fs.mkdirSync(path.join(root, 'node_modules/.cache'), { recursive: true });
const scratch = fs.mkdtempSync(path.join(root, 'node_modules/.cache/fokus-bench-snapshot-'));
const pg = await startPostgres();
const rows = [];
const notes = [];
try {
	const database = await freshDatabase(pg.url, 'fokus_bench_snapshot');
	const client = postgres(database.url, { max: 4, onnotice: () => {} });
	try {
		const modules = await loadModules(
			scratch,
			'snapshot',
			[
				`export { createSnapshot, getSnapshot, changesAsMade } from './src/lib/server/snapshots/snapshots.ts';`,
				`export { renderSnapshotPdf } from './src/lib/server/pdf/snapshot.ts';`,
				`export * as schema from './src/lib/server/db/schema/index.ts';`,
				`export { initGoalDoc, addIndicator, goalText, goalRoot, readGoalContent } from './src/lib/shared/goal-doc.ts';`,
				`export { contentHash } from './src/lib/shared/content-hash.ts';`,
				`export * as Y from 'yjs';`
			].join('\n')
		);
		const { createSnapshot, getSnapshot, changesAsMade, renderSnapshotPdf, schema } = modules;
		const db = drizzle(client, { schema, casing: 'snake_case' });
		await migrate(db, { migrationsFolder: path.join(root, 'drizzle') });
		const seeded = await seed(client, modules);
		notes.push(`${GOALS} goals, ${GOALS * INDICATORS_PER_GOAL} indicators, ${seeded.values} values (quarterly 2016–2026, three groups), 4 reviews per goal, ${EDITS_PER_GOAL + 1} logged document updates per goal`);

		const input = {
			title: 'Monitoring-Bericht 2026',
			refDate: '2026-09-30',
			goalIds: seeded.goals,
			departmentIds: [],
			commentary: 'Der Bericht fasst zehn Jahre Monitoring zusammen. '.repeat(12),
			goalCommentary: Object.fromEntries(seeded.goals.map((id) => [id, 'Die Quote steigt, aber langsamer als geplant; das Tandem prüft die Begleitung ab Klasse 9.'])),
			minCases: '25',
			previousId: '',
			locale: 'de'
		};
		const create = [];
		let last;
		for (let i = 0; i <= REPEATS; i++) {
			const started = performance.now();
			last = await createSnapshot(db, seeded.actor, input, new Date(Date.now() + i));
			create.push(performance.now() - started);
		}
		rows.push({ measure: 'make a snapshot, first in the process', runs: [create[0]] });
		rows.push({ measure: `make a snapshot (compared with the one before), ${REPEATS} more`, runs: create.slice(1) });

		const snapshot = await getSnapshot(db, seeded.actor, last);
		// The reconstruction is real: each goal's text holds the words typed by the reference date, not all of them.
		notes.push(`frozen goals: ${snapshot.content.goals.length}; words of the resources text as of ${input.refDate}: ${snapshot.content.goals[0].resources.split(' ').length} of ${EDITS_PER_GOAL} typed in all`);
		const changes = await changesAsMade(db, snapshot.content);
		const render = [];
		let pdf;
		for (let i = 0; i < REPEATS; i++) {
			const started = performance.now();
			pdf = await renderSnapshotPdf(snapshot.content, snapshot.contentHash, changes);
			render.push(performance.now() - started);
		}
		rows.push({ measure: `render its PDF alone, ${REPEATS} runs`, runs: render });
		const document = await getDocument({ data: new Uint8Array(pdf), isEvalSupported: false }).promise;
		notes.push(`PDF: ${document.numPages} pages, ${f(pdf.length / 1024, 0)} KiB; content JSON ${f(snapshot.json.length / 1024, 0)} KiB; same bytes on every render: ${Buffer.from(pdf).equals(Buffer.from(await renderSnapshotPdf(snapshot.content, snapshot.contentHash, changes)))}`);
		await document.destroy();
	} finally {
		await client.end();
		await database.drop();
	}
} finally {
	await pg.stop();
	fs.rmSync(scratch, { recursive: true, force: true });
}

console.log(`\nbench:snapshot — PostgreSQL, ${os.cpus().length} cores, Node ${process.version}`);
for (const note of notes) console.log(note);
console.log('');
console.log('measure                                                   runs  median ms  max ms   target     met');
for (const row of rows) {
	const med = median(row.runs);
	console.log(`${row.measure.padEnd(56)} ${String(row.runs.length).padStart(5)}  ${f(med).padStart(9)}  ${f(Math.max(...row.runs)).padStart(7)}   < ${TARGET_MS} ms  ${med < TARGET_MS ? 'yes' : 'no'}`);
}
