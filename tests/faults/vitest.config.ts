import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// The fault suite (issue: several processes under faults): its own PostgreSQL cluster, app
// processes and nginx, started by the tests. Run by `npm run test:faults` and `npm run faults:soak`.
const root = fileURLToPath(new URL('../..', import.meta.url));

export default defineConfig({
	root,
	resolve: { alias: { $lib: `${root}src/lib` } },
	test: {
		include: ['tests/faults/**/*.test.ts'],
		globalSetup: ['tests/faults/support/global-setup.ts'],
		// The soak's 10,000 seeds take most of an hour in one test.
		testTimeout: process.env.FAULTS_SOAK ? 3 * 60 * 60_000 : 600_000,
		hookTimeout: 120_000,
		fileParallelism: false,
		// Tests print their timings and counts for the closing note and the soak's report.
		reporters: ['default']
	}
});
