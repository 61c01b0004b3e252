// Who may import what (docs/architecture.md), held by `npm run lint` so nobody has to remember it.
// dependency-cruiser (17.x: 18 needs Node 22) rather than eslint-plugin-boundaries: it also finds
// import cycles, which the eslint plugin cannot (decision 0014).

/** Domain folders of $lib/server: functions taking (db, actor, input); no HTTP, no SvelteKit. */
const DOMAINS = 'access|auth|members|municipalities|departments|tandems|documents|goals|comments|measurements|loop|monitoring|snapshots|assessments|agreements|pdf|start|demo|db';
const SERVER = '^src/lib/server/';
const BROWSER = ['^src/lib/components/', '^src/lib/collab/', '[.]svelte$', '[.]svelte[.](ts|js)$', '^src/lib/i18n/(?!translate[.]ts$)', '^src/hooks[.]ts$', '^src/routes/.*/[+](page|layout)[.]ts$'];

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
	forbidden: [
		{
			name: 'no-cycles',
			comment: 'No import cycles anywhere: a cycle means two modules are one, or one is in the wrong folder.',
			severity: 'error',
			// RichView renders nested rich text with itself, the one cycle a component may have.
			from: { pathNot: '^src/lib/components/RichView[.]svelte$' },
			to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } }
		},
		{
			name: 'shared-is-pure',
			comment: '$lib/shared is used on both sides and imports nothing of the project (but types of the generated messages).',
			severity: 'error',
			from: { path: '^src/lib/shared/' },
			to: { path: '^(src|server)/', pathNot: ['^src/lib/shared/', '^src/lib/paraglide/messages'] }
		},
		{
			name: 'browser-not-server',
			comment: 'Browser code (components, collab, .svelte, the i18n labels) never imports server code.',
			severity: 'error',
			from: { path: BROWSER },
			to: { path: ['^src/lib/server/', '^server/'] }
		},
		{
			name: 'translate-server-only',
			comment: 'translate() loads the whole message catalogue: browser code uses m.key() (or t() for keys that arrive as data).',
			severity: 'error',
			from: { path: BROWSER },
			to: { path: '^src/lib/i18n/translate[.]ts$' }
		},
		{
			name: 'server-lib-not-routes-or-browser',
			comment: '$lib/server never imports routes or browser code.',
			severity: 'error',
			from: { path: SERVER },
			to: { path: ['^src/routes/', '^src/lib/components/', '^src/lib/collab/', '[.]svelte$'] }
		},
		{
			name: 'server-lib-no-app-env',
			comment: '$lib/server runs in server/ and the command line too: config comes as arguments, not from $app/$env.',
			severity: 'error',
			from: { path: SERVER },
			to: { path: ['^[$]app/', '^[$]env/'] }
		},
		{
			name: 'domains-no-sveltekit',
			comment: 'Domain code does not speak HTTP: it throws errors.ts types, which http/respond.ts maps. The sync server and the command line load it without SvelteKit.',
			severity: 'error',
			from: { path: `${SERVER}(${DOMAINS})/`, pathNot: '[.]spec[.]ts$' },
			to: { path: ['^@sveltejs/kit', '^[$]app/', 'node_modules/@sveltejs/kit/'] }
		},
		{
			name: 'domains-not-http',
			comment: 'Domain folders never import http/ (guards, forms, headers): HTTP sits above them.',
			severity: 'error',
			from: { path: `${SERVER}(${DOMAINS})/` },
			to: { path: `${SERVER}http/` }
		},
		{
			name: 'access-no-domain',
			comment: 'The rules and target loading import no domain folder, so every domain may ask them.',
			severity: 'error',
			from: { path: `${SERVER}access/` },
			to: { path: `${SERVER}(?!access/|db/|auth/session[.]ts$|errors[.]ts$|validation[.]ts$)[^/]+/` }
		},
		{
			name: 'documents-no-domain',
			comment: 'The update log and the projector know no kind; the registry of kinds (document-kinds.ts) sits above the domains.',
			severity: 'error',
			from: { path: `${SERVER}documents/` },
			to: { path: [`${SERVER}(${DOMAINS.replace('documents|', '').replace('|db', '')})/`, `${SERVER}document-kinds[.]ts$`], pathNot: `${SERVER}(access|auth)/` }
		},
		{
			name: 'routes-not-process-entry',
			comment: 'Routes use $lib, never server/ (the process entry and the sync server).',
			severity: 'error',
			from: { path: '^src/' },
			to: { path: '^server/' }
		},
		{
			name: 'only-index-touches-build',
			comment: 'Only server/index.ts imports the build output.',
			severity: 'error',
			from: { path: '^server/', pathNot: '^server/index[.]ts$' },
			to: { path: '^build/' }
		}
	],
	options: {
		doNotFollow: { path: 'node_modules' },
		exclude: { path: ['^src/lib/paraglide/', '^[.]svelte-kit/', '^build/'] },
		tsPreCompilationDeps: true,
		// SvelteKit's $lib alias, in webpack's terms (the file below, resolve.alias), so .ts and .svelte
		// files resolve it alike.
		webpackConfig: { fileName: 'depcruise-aliases.cjs' },
		enhancedResolveOptions: {
			exportsFields: ['exports'],
			conditionNames: ['import', 'require', 'node', 'default', 'types', 'svelte'],
			extensions: ['.ts', '.js', '.svelte', '.d.ts', '.json'],
			mainFields: ['module', 'main', 'types', 'typings']
		}
	}
};
