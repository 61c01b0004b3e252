// The e2e web server: prepares a fresh database, runs build/server.js on it, and removes the
// database when Playwright stops it (SIGTERM). Plain JavaScript: node runs it without a build.
//   E2E_DATA_DIR             a PGlite folder that must not exist yet (removed afterwards), or
//   E2E_ADMIN_DATABASE_URL   a PostgreSQL server where E2E_DATABASE_NAME is created and dropped.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import postgres from 'postgres';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const env = { ...process.env };
delete env.DATABASE_URL;
delete env.DATA_DIR;

const adminUrl = process.env.E2E_ADMIN_DATABASE_URL;
const dbName = process.env.E2E_DATABASE_NAME;
const dataDir = process.env.E2E_DATA_DIR;

function quoted(name) {
	if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`unexpected database name ${name}`);
	return `"${name}"`;
}

async function onServer(statement) {
	const sql = postgres(adminUrl, { max: 1, onnotice: () => {} });
	try {
		await sql.unsafe(statement);
	} finally {
		await sql.end({ timeout: 5 });
	}
}

async function prepare() {
	if (adminUrl && dbName) {
		await onServer(`create database ${quoted(dbName)}`);
		const url = new URL(adminUrl);
		url.pathname = `/${dbName}`;
		env.DATABASE_URL = url.href;
		env.DEMO_DATA = '1';
		console.error(`e2e: database ${dbName} created`);
	} else if (dataDir) {
		if (fs.existsSync(dataDir)) throw new Error(`${dataDir} exists; the e2e run needs a fresh folder`);
		env.DATA_DIR = dataDir;
	} else {
		throw new Error('set E2E_DATA_DIR or E2E_ADMIN_DATABASE_URL and E2E_DATABASE_NAME');
	}
}

async function cleanUp() {
	if (adminUrl && dbName) {
		await onServer(`drop database if exists ${quoted(dbName)} with (force)`);
		console.error(`e2e: database ${dbName} dropped`);
	} else if (dataDir) {
		fs.rmSync(dataDir, { recursive: true, force: true });
	}
}

await prepare();
const server = spawn(process.execPath, [path.join(root, 'build/server.js')], { cwd: root, env, stdio: 'inherit' });
let stopping = false;
const stop = (signal) => {
	if (stopping) return;
	stopping = true;
	// The server may have had the signal already (same process group); a second one is harmless.
	if (server.exitCode === null) server.kill(signal);
};
process.on('SIGTERM', () => stop('SIGTERM'));
process.on('SIGINT', () => stop('SIGINT'));
server.on('exit', (code, signal) => {
	cleanUp()
		.catch((error) => console.error('e2e: clean-up failed', error))
		.finally(() => process.exit(stopping ? 0 : (code ?? (signal ? 1 : 0))));
});
