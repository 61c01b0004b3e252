// Server modules of the project for a benchmark, compiled from src/ with esbuild.
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** The project's refreshProgress and schema, compiled on the fly; packages stay the installed ones. */
export function loadProgress(dir) {
	return loadModules(dir, 'progress', `export { refreshProgress } from './src/lib/server/goals/progress.ts';\nexport * as schema from './src/lib/server/db/schema/index.ts';\n`);
}

/** Whatever `source` (module code, paths relative to the project) exports, bundled into `dir`. */
export async function loadModules(dir, name, source) {
	const outfile = path.join(dir, `${name}.mjs`);
	await build({
		stdin: {
			contents: source,
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

