import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from './env';

/**
 * Every way into the app, read from the files under src/routes: each page answers GET, each
 * form action a POST, each endpoint its exported methods. The authorization spec compares this
 * list with its expectation table, so a new route or action without expectations fails it.
 */
export interface Entry {
	/** e.g. "GET /members/[id]", "POST /members/[id]?/update", "POST /login" (default action) */
	key: string;
	method: string;
	/** the route's path pattern without groups, e.g. "/tandems/[id]" */
	route: string;
	action?: string;
}

const ROUTES = path.join(ROOT, 'src/routes');
const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];

function routePath(dir: string): string {
	const segments = path
		.relative(ROUTES, dir)
		.split(path.sep)
		.filter((segment) => segment !== '' && !/^\(.+\)$/.test(segment));
	return `/${segments.join('/')}`;
}

/** The keys of `export const actions = { … }`, read from the source text. */
export function actionNames(source: string): string[] {
	const start = source.search(/export const actions\b/);
	if (start < 0) return [];
	const body = source.slice(start).split(/\n\};?\s*(?:\n|$)/)[0]!;
	const names = [...body.matchAll(/^\t(?:async\s+)?([A-Za-z_$][\w$]*)\s*(?::|\(|,)/gm)].map((match) => match[1]!);
	if (names.length === 0) throw new Error('an actions object whose keys this reader cannot see');
	return names;
}

function endpointMethods(source: string): string[] {
	return METHODS.filter((method) => new RegExp(`export\\s+(?:async\\s+)?(?:function|const)\\s+${method}\\b`).test(source));
}

export function discoverEntries(dir = ROUTES): Entry[] {
	const entries: Entry[] = [];
	const files = fs.readdirSync(dir, { withFileTypes: true });
	const has = (name: string) => files.some((file) => file.isFile() && file.name === name);
	const route = routePath(dir);
	if (has('+page.svelte') || has('+page.server.ts') || has('+page.ts')) {
		entries.push({ key: `GET ${route}`, method: 'GET', route });
		if (has('+page.server.ts')) {
			for (const action of actionNames(fs.readFileSync(path.join(dir, '+page.server.ts'), 'utf8'))) {
				const key = action === 'default' ? `POST ${route}` : `POST ${route}?/${action}`;
				entries.push({ key, method: 'POST', route, action });
			}
		}
	}
	for (const file of ['+server.ts', '+server.js']) {
		if (!has(file)) continue;
		for (const method of endpointMethods(fs.readFileSync(path.join(dir, file), 'utf8'))) {
			entries.push({ key: `${method} ${route}`, method, route });
		}
	}
	for (const file of files) {
		if (file.isDirectory()) entries.push(...discoverEntries(path.join(dir, file.name)));
	}
	return entries;
}
