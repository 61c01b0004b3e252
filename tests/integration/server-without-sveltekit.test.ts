import { build, type Metafile } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** Every module the entry loads (our files bundled, packages left as imports), from esbuild's metafile. */
async function moduleGraph(entry: string): Promise<{ files: string[]; packages: string[] }> {
	const result = await build({
		entryPoints: [entry],
		absWorkingDir: root,
		bundle: true,
		write: false,
		metafile: true,
		platform: 'node',
		format: 'esm',
		target: 'node20',
		packages: 'external',
		logLevel: 'silent'
	});
	const meta: Metafile = result.metafile;
	const files = Object.keys(meta.inputs);
	const packages = Object.values(meta.inputs).flatMap((input) => input.imports.filter((i) => i.external).map((i) => i.path));
	return { files, packages: [...new Set(packages)] };
}

const sveltekitPackages = (packages: string[]) => packages.filter((p) => p.startsWith('@sveltejs/kit') || p.startsWith('$app/') || p.startsWith('$env/'));

// The sync server and the command line answer permission questions and write documents without
// SvelteKit: domain code throws its own errors, and only http/ maps them to responses.
describe.each([
	{ entry: 'server/sync/index.ts', uses: 'src/lib/server/access/targets.ts' },
	{ entry: 'server/admin.ts', uses: 'src/lib/server/municipalities/municipalities.ts' },
	{ entry: 'server/boot.ts', uses: 'src/lib/server/document-kinds.ts' }
])('$entry', ({ entry, uses }) => {
	it('loads neither SvelteKit nor $app/*, nor any route or http/ module', async () => {
		const { files, packages } = await moduleGraph(entry);
		expect(files).toContain(uses);
		expect(sveltekitPackages(packages)).toEqual([]);
		expect(files.filter((f) => f.startsWith('src/routes/') || f.startsWith('src/lib/server/http/'))).toEqual([]);
	});
});

it('would see SvelteKit where it is loaded (the request hooks)', async () => {
	const { packages } = await moduleGraph('src/hooks.server.ts');
	expect(sveltekitPackages(packages)).toContain('@sveltejs/kit');
});
