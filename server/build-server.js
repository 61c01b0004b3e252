// Bundles the production entry and the admin command line next to the SvelteKit build.
// Packages stay external (installed in node_modules); our own TypeScript is compiled in.
import { build } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
await build({
	entryPoints: { server: path.join(root, 'server/index.ts'), admin: path.join(root, 'server/admin.ts') },
	outdir: path.join(root, 'build'),
	bundle: true,
	platform: 'node',
	format: 'esm',
	target: 'node20',
	packages: 'external',
	sourcemap: true,
	logLevel: 'warning'
});
fs.writeFileSync(path.join(root, 'build', '.built'), new Date().toISOString());
