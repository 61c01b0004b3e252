import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

// Who may import what (docs/architecture.md): these rules hold the lines so nobody has to remember them.
const noServerFromBrowser = {
	group: ['$lib/server', '$lib/server/*', '**/lib/server/**'],
	message: 'Browser code must not import server modules.'
};
const noServerEntry = {
	group: ['**/server/index', '**/server/sync/**', '**/server/boot', '**/server/vite-plugin'],
	message: 'Only server/ and vite.config.ts use the process entry and the sync server.'
};
const noAppOrEnv = {
	group: ['$app/*', '$env/*'],
	message: 'Modules shared with the sync server and command line take their config as arguments, not from $app/$env.'
};
const noLibAlias = {
	group: ['$lib', '$lib/*'],
	message: 'Import relatively here: server/ and command-line tools load these modules without SvelteKit aliases.'
};

export default ts.config(
	{
		ignores: ['build/', '.svelte-kit/', 'node_modules/', 'src/lib/paraglide/', 'drizzle/', 'test-results/', 'playwright-report/', 'data/', '.tmp/']
	},
	js.configs.recommended,
	...ts.configs.recommended,
	...svelte.configs.recommended,
	{
		languageOptions: { globals: { ...globals.browser, ...globals.node } },
		rules: {
			'@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
			'no-undef': 'off',
			// Links go through Paraglide's localizeHref (German unprefixed, English under /en).
			'svelte/no-navigation-without-resolve': 'off'
		}
	},
	{
		files: ['**/*.svelte', '**/*.svelte.ts', '**/*.svelte.js'],
		languageOptions: {
			parserOptions: { projectService: true, extraFileExtensions: ['.svelte'], parser: ts.parser, svelteConfig }
		}
	},
	{
		files: ['src/**/*.ts', 'server/**/*.ts', 'tests/**/*.ts'],
		languageOptions: { parserOptions: { projectService: true } },
		rules: {
			'@typescript-eslint/no-floating-promises': 'error',
			'@typescript-eslint/no-misused-promises': 'error'
		}
	},
	// $lib/shared: pure, both sides; imports nothing of the project but types of the generated messages.
	{
		files: ['src/lib/shared/**'],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					patterns: [
						noAppOrEnv,
						noServerFromBrowser,
						{ regex: '^(\\$lib|\\.\\./(?!paraglide/messages$))', message: '$lib/shared imports nothing of the project.' }
					]
				}
			]
		}
	},
	// Its subfolders may use the shared modules one level up, and still nothing beyond.
	{
		files: ['src/lib/shared/*/**'],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					patterns: [
						noAppOrEnv,
						noServerFromBrowser,
						{ regex: '^(\\$lib|\\.\\./\\.\\./(?!paraglide/messages$))', message: '$lib/shared imports nothing of the project.' }
					]
				}
			]
		}
	},
	// Browser code: components, collab, .svelte files never import $lib/server.
	{
		files: ['src/lib/components/**', 'src/lib/collab/**', 'src/**/*.svelte', 'src/lib/i18n/**', 'src/hooks.ts'],
		rules: { 'no-restricted-imports': ['error', { patterns: [noServerFromBrowser, noServerEntry] }] }
	},
	// $lib/server: shared with server/ (sync, command line), so no $app/$env and no aliases.
	{
		files: ['src/lib/server/**'],
		rules: {
			'no-restricted-imports': [
				'error',
				{ patterns: [noAppOrEnv, noLibAlias, noServerEntry, { group: ['**/routes/**', '**/components/**', '**/collab/**'], message: '$lib/server never imports routes or browser code.' }] }
			]
		}
	},
	// Routes: $lib only, never server/.
	{
		files: ['src/routes/**'],
		rules: { 'no-restricted-imports': ['error', { patterns: [noServerEntry, { group: ['**/server/*', '!$lib/server/*'], message: 'Routes use $lib, never server/.' }] }] }
	},
	// server/: no SvelteKit runtime modules; only server/index.ts touches the build output.
	{
		files: ['server/**'],
		ignores: ['server/index.ts'],
		rules: { 'no-restricted-imports': ['error', { patterns: [noAppOrEnv, { group: ['**/build/**'], message: 'Only server/index.ts touches the build output.' }] }] }
	}
);
