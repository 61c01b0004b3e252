// Runs the fault suite: `npm run test:faults` with CI's sizes, `npm run faults:soak` with the
// large ones. In `npm test` it runs in the PostgreSQL pass only (DATABASE_URL set), once per CI;
// it starts its own PostgreSQL cluster and nginx, so it needs the Debian packages
// `postgresql` and `nginx` (or PGBIN and NGINX).
import { spawnSync } from 'node:child_process';

const soak = process.argv.includes('--soak');
if (!soak && !process.env.DATABASE_URL && !process.argv.includes('--always')) {
	console.log('Fault suite: runs in the PostgreSQL pass (DATABASE_URL set) or with `npm run test:faults -- --always`; skipped here.');
	process.exit(0);
}
const files = process.argv.slice(2).filter((arg) => !arg.startsWith('--'));
const result = spawnSync('npx', ['vitest', 'run', '--config', 'tests/faults/vitest.config.ts', ...files], {
	stdio: 'inherit',
	env: { ...process.env, FAULTS_SOAK: soak ? '1' : '', VITE_CONFIG_NATIVE_IGNORE_WARNING: 'true' }
});
process.exit(result.status ?? 1);
