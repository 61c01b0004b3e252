import { cruise, type IReporterOutput } from 'dependency-cruiser';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** The folder (or top-level file) of $lib/server a module belongs to. */
const folderOf = (path: string) => /^src\/lib\/server\/([^/.]+)/.exec(path)?.[1];

/** The import graph between the folders of $lib/server, from dependency-cruiser's module graph. */
async function folderGraph(): Promise<Map<string, Set<string>>> {
	const previous = process.cwd();
	process.chdir(root);
	let result: IReporterOutput;
	try {
		result = await cruise(['src/lib/server'], { exclude: { path: ['[.]spec[.]ts$', '^src/lib/paraglide/'] }, tsPreCompilationDeps: true, doNotFollow: { path: 'node_modules' } });
	} finally {
		process.chdir(previous);
	}
	const output = result.output as Exclude<IReporterOutput['output'], string>;
	const graph = new Map<string, Set<string>>();
	for (const module of output.modules) {
		const from = folderOf(module.source);
		if (!from) continue;
		for (const dependency of module.dependencies) {
			const to = folderOf(dependency.resolved);
			if (to && to !== from && !dependency.dependencyTypes.includes('type-only')) {
				graph.set(from, (graph.get(from) ?? new Set()).add(to));
			}
		}
	}
	return graph;
}

/** A cycle of folders, or undefined when they import each other in one order. */
function findCycle(graph: Map<string, Set<string>>): string[] | undefined {
	const state = new Map<string, 'open' | 'done'>();
	const path: string[] = [];
	const visit = (folder: string): string[] | undefined => {
		state.set(folder, 'open');
		path.push(folder);
		for (const next of graph.get(folder) ?? []) {
			if (state.get(next) === 'open') return [...path.slice(path.indexOf(next)), next];
			if (!state.has(next)) {
				const cycle = visit(next);
				if (cycle) return cycle;
			}
		}
		path.pop();
		state.set(folder, 'done');
		return undefined;
	};
	for (const folder of graph.keys()) {
		if (!state.has(folder)) {
			const cycle = visit(folder);
			if (cycle) return cycle;
		}
	}
	return undefined;
}

it('the folders of $lib/server import each other in one order, without cycles', async () => {
	const graph = await folderGraph();
	expect(graph.get('goals')).toContain('access');
	expect(findCycle(graph)).toBeUndefined();
});

it('would name a cycle of folders', () => {
	const graph = new Map([
		['goals', new Set(['measurements'])],
		['measurements', new Set(['goals'])]
	]);
	expect(findCycle(graph)).toEqual(['goals', 'measurements', 'goals']);
});
