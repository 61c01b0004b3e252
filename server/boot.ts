import path from 'node:path';
import { openDatabase } from '../src/lib/server/db/open';
import { setDbHandle, type DbHandle } from '../src/lib/server/db';
import { seedDemoData } from '../src/lib/server/demo';
import { logger } from '../src/lib/server/log';

/**
 * Opens this process's one database handle, applies migrations, seeds demo data where it
 * belongs, and publishes the handle for the SvelteKit side. Used by the production server
 * and by the Vite plugin in dev/preview.
 */
export async function boot(root: string, env: NodeJS.ProcessEnv = process.env): Promise<DbHandle> {
	const databaseUrl = env.DATABASE_URL || undefined;
	const dataDir = path.resolve(root, env.DATA_DIR || 'data');
	const handle = await openDatabase({
		databaseUrl,
		dataDir,
		migrationsFolder: path.join(root, 'drizzle')
	});
	setDbHandle(handle);
	logger.info({ database: handle.kind, dataDir: databaseUrl ? undefined : dataDir }, 'database ready');
	// Demo data: on an empty embedded database by default, against a server only when asked.
	const wantDemo = env.DEMO_DATA === '1' || (handle.kind === 'pglite' && env.DEMO_DATA !== '0');
	if (wantDemo && (await seedDemoData(handle.db))) logger.info('demo data seeded');
	return handle;
}
