import { sveltekit } from '@sveltejs/kit/vite';
import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { defineConfig } from 'vitest/config';
import { fokusServerPlugin } from './server/vite-plugin';

export default defineConfig({
	// KERN's SCSS uses Sass features that are deprecated upstream; those warnings are not ours to fix.
	css: { preprocessorOptions: { scss: { quietDeps: true } } },
	plugins: [
		paraglideVitePlugin({
			project: './project.inlang',
			outdir: './src/lib/paraglide',
			strategy: ['url', 'baseLocale'],
			emitGitIgnore: false
		}),
		fokusServerPlugin(),
		sveltekit()
	],
	test: {
		include: ['src/**/*.spec.ts', 'tests/integration/**/*.test.ts'],
		globalSetup: ['tests/support/global-setup.ts'],
		testTimeout: 30_000,
		hookTimeout: 60_000,
		fileParallelism: false
	}
});
