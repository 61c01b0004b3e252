// Runs the built app, building it first when the build is missing or older than the sources.
// Plain JavaScript so it runs before anything is compiled: `npm start`, `npm run admin -- …`.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SOURCES = ['src', 'server', 'static', 'drizzle', 'project.inlang', 'package.json', 'package-lock.json', 'svelte.config.js', 'vite.config.ts', 'tsconfig.json'];
const STAMP = path.join(root, 'build', '.built');
const TARGETS = { start: 'build/server.js', admin: 'build/admin.js' };

function newestMtime(entry) {
	const full = path.join(root, entry);
	if (!fs.existsSync(full)) return 0;
	const stat = fs.statSync(full);
	if (!stat.isDirectory()) return stat.mtimeMs;
	let newest = stat.mtimeMs;
	for (const child of fs.readdirSync(full)) {
		newest = Math.max(newest, newestMtime(path.join(entry, child)));
	}
	return newest;
}

function buildIsCurrent() {
	if (!fs.existsSync(STAMP)) return false;
	const built = fs.statSync(STAMP).mtimeMs;
	return SOURCES.every((entry) => newestMtime(entry) <= built);
}

const [command = 'start', ...args] = process.argv.slice(2);
const target = TARGETS[command];
if (!target) {
	console.error(`unknown command "${command}" (expected: ${Object.keys(TARGETS).join(', ')})`);
	process.exit(2);
}
if (!buildIsCurrent()) {
	console.error('Building Fokus (the build is missing or older than the sources) …');
	const result = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
	if (result.status !== 0) process.exit(result.status ?? 1);
}
process.argv = [process.argv[0], path.join(root, target), ...(args[0] === '--' ? args.slice(1) : args)];
process.env.NODE_ENV ??= 'production';
await import(pathToFileURL(path.join(root, target)).href);
