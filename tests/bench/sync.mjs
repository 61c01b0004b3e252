// npm run bench:sync — our production server (with PostgreSQL) against the bare
// @y/websocket-server (no auth, no persistence), D documents with two writing clients each.
// Prints latency percentiles, delivery, server CPU/RSS and commit lag side by side. Modes
// (BENCH_MODES, default all): `one` process; `hash`, two processes behind nginx with the
// documented configuration (a document's editors on one process); `cross`, two processes with
// each document's two writers on different ones (every update crosses through the log); `idle`,
// 2,000 signed-in sockets on 200 documents doing nothing (memory per socket).
// BENCH_PROFILE=<folder> profiles the app (--cpu-prof) in the `one` runs and prints the top five.
import { fork, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import postgres from 'postgres';
import { hash } from '@node-rs/argon2';
import { freshDatabase, startPostgres } from './lib/postgres.mjs';
import { ensureBuild, percentile, startProcess, stopProcess, waitFor } from './lib/process.mjs';
import { sampleProcess } from './lib/process-stats.mjs';
import { topFunctions } from './lib/cpu-profile.mjs';
import { freePort, startNginx } from '../support/nginx.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const list = (value, fallback) => (value ?? fallback).split(',').filter(Boolean);
const MODES = list(process.env.BENCH_MODES, 'one,hash,cross,idle');
const DOCS = list(process.env.BENCH_DOCS, '100,250,500').map(Number);
const HASH_DOCS = list(process.env.BENCH_HASH_DOCS, '100,250').map(Number);
const CROSS_DOCS = list(process.env.BENCH_CROSS_DOCS, '250').map(Number);
const IDLE_DOCS = 200;
const IDLE_SOCKETS = Number(process.env.BENCH_IDLE_SOCKETS ?? 2000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 30);
const PROFILE = process.env.BENCH_PROFILE;
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

/**
 * `count` app processes on a fresh database; with two, nginx in front with the documented
 * configuration and ORIGIN set to it. `base` is where people sign in and goals are created.
 */
async function startOurs(pgUrl, count, nodeArgs = []) {
	const db = await freshDatabase(pgUrl, 'fokus_bench');
	const ports = await Promise.all(Array.from({ length: count }, () => freePort()));
	const nginxPort = count > 1 ? await freePort() : undefined;
	const origin = nginxPort ? `http://127.0.0.1:${nginxPort}` : undefined;
	const apps = ports.map((port) =>
		startProcess(root, [...nodeArgs, 'build/server.js'], {
			DATABASE_URL: db.url,
			DEMO_DATA: '0',
			PORT: String(port),
			HOST: '127.0.0.1',
			NODE_ENV: 'production',
			LOG_LEVEL: 'warn',
			LOGIN_MAX_FAILURES_PER_ADDRESS: '100000',
			...(origin ? { ORIGIN: origin } : {})
		})
	);
	const direct = ports.map((port) => `http://127.0.0.1:${port}`);
	await Promise.all(direct.map((url) => waitFor(`${url}/healthz`)));
	const nginx = nginxPort ? await startNginx(ports, nginxPort) : undefined;
	const base = origin ?? direct[0];
	return {
		base,
		direct,
		apps,
		async commitP99() {
			const all = await Promise.all(direct.map(async (url) => (await (await fetch(`${url}/healthz`)).json()).sync?.commitLagP99 ?? NaN));
			return Math.max(...all);
		},
		async stop() {
			await nginx?.stop();
			await Promise.all(apps.map(stopProcess));
			await db.drop();
		},
		dbUrl: db.url
	};
}

/** Sums CPU and RSS over the app processes while `work` runs. */
async function measured(apps, work) {
	const samples = apps.map((app) => sampleProcess(app.pid));
	const result = await work();
	const usage = samples.map((sample) => sample.stop());
	return { ...result, cpuPercent: usage.reduce((sum, u) => sum + u.cpuPercent, 0), peakRssMb: usage.reduce((sum, u) => sum + u.peakRssMb, 0) };
}

/** D documents, two writers each: `one` process, or two with `hash` (through nginx) or `cross` routing. */
async function runOurs(pgUrl, count, mode) {
	const profileArgs = PROFILE && mode === 'one' ? ['--cpu-prof', `--cpu-prof-dir=${path.join(PROFILE, String(count))}`] : [];
	const ours = await startOurs(pgUrl, mode === 'one' ? 1 : 2, profileArgs);
	try {
		const docs = await seedOurs(ours.dbUrl, ours.base, count);
		const ws = (url) => `${url.replace('http', 'ws')}/sync`;
		if (mode === 'cross') for (const doc of docs) doc.urls = ours.direct.map(ws);
		const result = await measured(ours.apps, () => generate(mode, ws(ours.base), ours.base, docs));
		return { ...result, commitP99: await ours.commitP99() };
	} finally {
		await ours.stop();
	}
}

async function runBare(count) {
	const port = await freePort();
	const server = startProcess(root, [path.join(root, 'node_modules/@y/websocket-server/src/server.js')], { PORT: String(port), HOST: '127.0.0.1' });
	try {
		await waitFor(`http://127.0.0.1:${port}/`);
		const docs = Array.from({ length: count }, (_, i) => ({ name: `bench-${i}`, cookies: [null, null] }));
		const result = await measured([server], () => generate('bare', `ws://127.0.0.1:${port}`, `http://127.0.0.1:${port}`, docs));
		return { ...result, commitP99: NaN };
	} finally {
		await stopProcess(server);
	}
}

const rssOf = (pid) => Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) * 1024;
const settle = () => new Promise((resolve) => setTimeout(resolve, 5000));

/**
 * Memory per idle socket: RSS with one socket per document (the documents loaded), then with
 * IDLE_SOCKETS on the same documents; the difference over the added sockets.
 */
async function idleCost(server, docs, wsUrl, origin) {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fokus-bench-'));
	const planFile = path.join(dir, 'plan.json');
	fs.writeFileSync(planFile, JSON.stringify({ wsUrl, origin, docs, idle: true }));
	const child = fork(path.join(root, 'tests/bench/sync-load.mjs'), [planFile], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
	const next = (type) => new Promise((resolve) => child.on('message', function on(message) {
		if (message.type === type) {
			child.off('message', on);
			resolve(message);
		}
	}));
	await next('started');
	const open = async (perDoc) => {
		child.send({ type: 'open', perDoc });
		await next('ready');
		await settle();
		return rssOf(server.pid);
	};
	try {
		const before = await open(1);
		const after = await open(IDLE_SOCKETS / docs.length - 1);
		const added = IDLE_SOCKETS - docs.length;
		return { beforeMb: before / 2 ** 20, afterMb: after / 2 ** 20, perSocketKib: (after - before) / added / 1024 };
	} finally {
		child.send({ type: 'stop' });
		await new Promise((resolve) => child.once('exit', resolve));
		fs.rmSync(dir, { recursive: true, force: true });
	}
}

async function runIdle(pgUrl) {
	const ours = await startOurs(pgUrl, 1);
	let fokus;
	try {
		const docs = await seedOurs(ours.dbUrl, ours.base, IDLE_DOCS);
		fokus = await idleCost(ours.apps[0], docs, `${ours.base.replace('http', 'ws')}/sync`, ours.base);
	} finally {
		await ours.stop();
	}
	const port = await freePort();
	const server = startProcess(root, [path.join(root, 'node_modules/@y/websocket-server/src/server.js')], { PORT: String(port), HOST: '127.0.0.1' });
	try {
		await waitFor(`http://127.0.0.1:${port}/`);
		const docs = Array.from({ length: IDLE_DOCS }, (_, i) => ({ name: `idle-${i}`, cookies: [null] }));
		return { fokus, bare: await idleCost(server, docs, `ws://127.0.0.1:${port}`, `http://127.0.0.1:${port}`) };
	} finally {
		await stopProcess(server);
	}
}

const f = (n, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : '–');

ensureBuild(root);
const pg = await startPostgres();
const rows = [];
let idle;
const bares = new Map();
const bareFor = async (count) => {
	if (!bares.has(count)) {
		console.error(`D=${count}: bare @y/websocket-server …`);
		bares.set(count, await runBare(count));
	}
	return bares.get(count);
};
try {
	for (const [mode, counts] of [['one', DOCS], ['hash', HASH_DOCS], ['cross', CROSS_DOCS]]) {
		if (!MODES.includes(mode)) continue;
		for (const count of counts) {
			const bare = await bareFor(count);
			console.error(`D=${count}: Fokus, ${mode} …`);
			rows.push({ count, mode, ours: await runOurs(pg.url, count, mode), bare });
		}
	}
	if (MODES.includes('idle')) {
		console.error(`idle: ${IDLE_SOCKETS} sockets on ${IDLE_DOCS} documents …`);
		idle = await runIdle(pg.url);
	}
} finally {
	await pg.stop();
}

console.log(`\nbench:sync — ${SECONDS} s, ${RATE} updates/s per client, 2 clients per document, ${GENERATORS} generator processes, ${os.cpus().length} cores`);
console.log('one: one process; hash: two behind nginx, a document on one; cross: two, each document\'s writers on different ones (CPU and RSS summed)');
console.log('D    server       p50 ms  p95 ms  p99 ms  max ms  delivered/sent        CPU %  RSS MB  commit p99 ms');
const line = (count, name, r) => {
	const delivery = `${r.delivered}/${r.sent} (${f((100 * r.delivered) / r.sent, 2)}%)`;
	console.log(
		`${String(count).padEnd(5)}${name.padEnd(13)}${f(r.p50).padStart(6)}  ${f(r.p95).padStart(6)}  ${f(r.p99).padStart(6)}  ${f(r.max).padStart(6)}  ${delivery.padEnd(20)}  ${f(r.cpuPercent, 0).padStart(5)}  ${f(r.peakRssMb, 0).padStart(6)}  ${f(r.commitP99).padStart(12)}`
	);
};
const printed = new Set();
for (const { count, mode, ours, bare } of rows) {
	if (!printed.has(count)) line(count, 'bare', bare);
	printed.add(count);
	line(count, `fokus ${mode}`, ours);
	const target = mode === 'cross' ? 100 : 1.5 * bare.p99;
	const cpu = mode === 'one' ? `, CPU ${f(ours.cpuPercent / bare.cpuPercent, 2)}× (≤ 1.5)` : '';
	console.log(`     ratio        ${f(ours.p50 / bare.p50, 2).padStart(6)}  ${f(ours.p95 / bare.p95, 2).padStart(6)}  ${f(ours.p99 / bare.p99, 2).padStart(6)}  ${f(ours.max / bare.max, 2).padStart(6)}   p99 target ≤ ${f(target)} ms: ${ours.p99 <= target ? 'met' : 'missed'}${cpu}`);
}
if (idle) {
	console.log(`\nidle: ${IDLE_SOCKETS} signed-in sockets on ${IDLE_DOCS} documents, RSS with one socket per document → with all, per added socket`);
	for (const [name, r] of [['bare', idle.bare], ['fokus', idle.fokus]]) console.log(`${name.padEnd(6)} ${f(r.beforeMb, 0)} MB → ${f(r.afterMb, 0)} MB: ${f(r.perSocketKib)} KiB per socket${name === 'fokus' ? ` (target ≤ 30 KiB: ${r.perSocketKib <= 30 ? 'met' : 'missed'})` : ''}`);
}
if (PROFILE) {
	for (const count of DOCS) {
		const dir = path.join(PROFILE, String(count));
		if (!fs.existsSync(dir)) continue;
		console.log(`\nprofile of the app at ${count} documents (self time, top five):`);
		for (const { name, ms, share } of topFunctions(dir)) console.log(`  ${f(share * 100).padStart(5)} %  ${f(ms / 1000, 2).padStart(7)} s  ${name}`);
	}
}
