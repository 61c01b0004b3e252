// npm run bench:sync — our production server (with PostgreSQL) against the bare
// @y/websocket-server (no auth, no persistence), D documents with two writing clients each.
// Prints latency percentiles, delivery, server CPU/RSS and commit lag side by side.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import postgres from 'postgres';
import { hash } from '@node-rs/argon2';
import { freshDatabase, startPostgres } from './lib/postgres.mjs';
import { ensureBuild, percentile, startProcess, stopProcess, waitFor } from './lib/process.mjs';
import { sampleProcess } from './lib/process-stats.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const DOCS = (process.env.BENCH_DOCS ?? '100,250,500').split(',').map(Number);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 30);
const RATE = 5;
const GENERATORS = 2;
const PASSWORD = 'bench-password-1';

/** Two tandem partners and D goals in a new municipality, through SQL and the app's own HTTP forms. */
async function seedOurs(databaseUrl, base, count) {
	const sql = postgres(databaseUrl, { max: 2, onnotice: () => {} });
	const passwordHash = await hash(PASSWORD, { memoryCost: 19456, timeCost: 2, outputLen: 32, parallelism: 1 });
	const [m] = await sql`insert into municipality (slug, name) values ('bench', 'Bench') returning id`;
	const [d] = await sql`insert into department (municipality_id, name) values (${m.id}, 'Bildung') returning id`;
	const people = [];
	for (const [local, roles, dept] of [['a', ['focus'], null], ['b', ['member'], d.id]]) {
		const [u] = await sql`insert into "user" (email, name, password_hash) values (${`${local}@bench.example`}, ${`Bench ${local}`}, ${passwordHash}) returning id`;
		const [ms] = await sql`insert into membership (user_id, municipality_id, roles, department_id) values (${u.id}, ${m.id}, ${roles}, ${dept}) returning id`;
		people.push({ email: `${local}@bench.example`, membershipId: ms.id });
	}
	const [t] = await sql`insert into tandem (municipality_id, department_id, name) values (${m.id}, ${d.id}, 'Tandem') returning id`;
	for (const p of people) await sql`insert into tandem_member (tandem_id, membership_id) values (${t.id}, ${p.membershipId})`;
	await sql.end();
	const cookies = [];
	for (const p of people) {
		const response = await fetch(`${base}/login`, {
			method: 'POST',
			redirect: 'manual',
			headers: { origin: base, 'content-type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams({ email: p.email, password: PASSWORD })
		});
		cookies.push(response.headers.get('set-cookie').split(';')[0]);
	}
	const docs = [];
	for (let i = 0; i < count; i++) {
		const response = await fetch(`${base}/goals/new`, {
			method: 'POST',
			redirect: 'manual',
			headers: { origin: base, cookie: cookies[0], 'content-type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams({ tandemId: t.id, title: `Bench ${i}` })
		});
		const id = /\/goals\/([0-9a-f-]{36})/.exec(response.headers.get('location') ?? '')?.[1];
		if (!id) throw new Error(`creating goal ${i} failed: ${response.status}`);
		docs.push({ name: `goal/${id}`, cookies });
	}
	return docs;
}

async function generate(label, wsUrl, origin, docs) {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fokus-bench-'));
	const parts = Array.from({ length: GENERATORS }, (_, k) => docs.filter((_, i) => i % GENERATORS === k));
	const results = await Promise.all(
		parts.map(async (part, k) => {
			const planFile = path.join(dir, `plan-${k}.json`);
			const outFile = path.join(dir, `out-${k}.json`);
			fs.writeFileSync(planFile, JSON.stringify({ wsUrl, origin, docs: part, rate: RATE, seconds: SECONDS, staggerSeconds: 5, drainSeconds: 5 }));
			const child = spawn(process.execPath, [path.join(root, 'tests/bench/sync-load.mjs'), planFile, outFile], { stdio: ['ignore', 'ignore', 'inherit'] });
			const code = await new Promise((r) => child.once('exit', r));
			if (code !== 0) throw new Error(`${label}: load generator ${k} exited with ${code}`);
			return JSON.parse(fs.readFileSync(outFile, 'utf8'));
		})
	);
	fs.rmSync(dir, { recursive: true, force: true });
	const latencies = results.flatMap((r) => r.latencies).sort((a, b) => a - b);
	return {
		sent: results.reduce((s, r) => s + r.sent, 0),
		delivered: results.reduce((s, r) => s + r.delivered, 0),
		p50: percentile(latencies, 0.5),
		p95: percentile(latencies, 0.95),
		p99: percentile(latencies, 0.99),
		max: latencies.at(-1) ?? NaN
	};
}

async function runOurs(pgUrl, count, port) {
	const db = await freshDatabase(pgUrl, 'fokus_bench');
	const base = `http://127.0.0.1:${port}`;
	const server = startProcess(root, ['build/server.js'], {
		DATABASE_URL: db.url,
		DEMO_DATA: '0',
		PORT: String(port),
		HOST: '127.0.0.1',
		NODE_ENV: 'production',
		LOG_LEVEL: 'warn',
		LOGIN_MAX_FAILURES_PER_ADDRESS: '100000'
	});
	try {
		await waitFor(`${base}/healthz`);
		const docs = await seedOurs(db.url, base, count);
		const stats = sampleProcess(server.pid);
		const result = await generate('ours', `ws://127.0.0.1:${port}/sync`, base, docs);
		const usage = stats.stop();
		const health = await (await fetch(`${base}/healthz`)).json();
		return { ...result, ...usage, commitP99: health.sync?.commitLagP99 ?? NaN };
	} finally {
		await stopProcess(server);
		await db.drop();
	}
}

async function runBare(count, port) {
	const server = startProcess(root, [path.join(root, 'node_modules/@y/websocket-server/src/server.js')], { PORT: String(port), HOST: '127.0.0.1' });
	try {
		await waitFor(`http://127.0.0.1:${port}/`);
		const docs = Array.from({ length: count }, (_, i) => ({ name: `bench-${i}`, cookies: [null, null] }));
		const stats = sampleProcess(server.pid);
		const result = await generate('bare', `ws://127.0.0.1:${port}`, `http://127.0.0.1:${port}`, docs);
		return { ...result, ...stats.stop(), commitP99: NaN };
	} finally {
		await stopProcess(server);
	}
}

const f = (n, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : '–');

ensureBuild(root);
const pg = await startPostgres();
const rows = [];
try {
	for (const count of DOCS) {
		console.error(`D=${count}: bare @y/websocket-server …`);
		const bare = await runBare(count, 4601);
		console.error(`D=${count}: Fokus (PostgreSQL) …`);
		const ours = await runOurs(pg.url, count, 4602);
		rows.push({ count, ours, bare });
	}
} finally {
	await pg.stop();
}

console.log(`\nbench:sync — ${SECONDS} s, ${RATE} updates/s per client, 2 clients per document, ${GENERATORS} generator processes, ${os.cpus().length} cores`);
console.log('D    server  p50 ms  p95 ms  p99 ms  max ms  delivered/sent        CPU %  RSS MB  commit p99 ms');
for (const { count, ours, bare } of rows) {
	for (const [name, r] of [['bare', bare], ['fokus', ours]]) {
		const delivery = `${r.delivered}/${r.sent} (${f((100 * r.delivered) / r.sent, 2)}%)`;
		console.log(
			`${String(count).padEnd(5)}${name.padEnd(8)}${f(r.p50).padStart(6)}  ${f(r.p95).padStart(6)}  ${f(r.p99).padStart(6)}  ${f(r.max).padStart(6)}  ${delivery.padEnd(20)}  ${f(r.cpuPercent, 0).padStart(5)}  ${f(r.peakRssMb, 0).padStart(6)}  ${f(r.commitP99).padStart(12)}`
		);
	}
	const target = Math.max(1.5 * bare.p99, bare.p99 + 5);
	console.log(`     ratio   ${f(ours.p50 / bare.p50, 2).padStart(6)}  ${f(ours.p95 / bare.p95, 2).padStart(6)}  ${f(ours.p99 / bare.p99, 2).padStart(6)}  ${f(ours.max / bare.max, 2).padStart(6)}   target p99 ≤ ${f(target)} ms: ${ours.p99 <= target ? 'met' : 'missed'}`);
}
