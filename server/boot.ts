import path from 'node:path';
import { openDatabase } from '../src/lib/server/db/open';
import { setDbHandle, type DbHandle } from '../src/lib/server/db';
import { runWhenDue } from '../src/lib/server/db/jobs';
import { seedDemoOnce } from '../src/lib/server/demo/seed';
import { deleteExpiredSessions } from '../src/lib/server/auth/session';
import { logger } from '../src/lib/server/log';
import { documentProjector } from '../src/lib/server/document-kinds';
import { refreshProgress } from '../src/lib/server/goals/progress';
import { deleteStaleDrafts } from '../src/lib/server/measurements/import';
import { createSyncServer, type SyncServer } from './sync';
import { startRelay } from './relay';

/** Every six hours: forecasts move with time even when no data changes; abandoned import drafts and expired sessions go. */
const HOUSEKEEPING_MS = 6 * 60 * 60 * 1000;
/** How often a process asks whether housekeeping is due: whichever asks first after six hours does it. */
const HOUSEKEEPING_CHECK_MS = 10 * 60 * 1000;

function startHousekeeping(handle: DbHandle): ReturnType<typeof setInterval> {
	const { db } = handle;
	const housekeeping = async () => {
		const started = performance.now();
		const result = await refreshProgress(db, { all: true });
		await deleteStaleDrafts(db);
		// Sessions are deleted when used after expiry; those never used again go here.
		await deleteExpiredSessions(db);
		logger.info({ ...result, changedGoalIds: result.changedGoalIds.length, ms: Math.round(performance.now() - started) }, 'progress refreshed');
	};
	const run = () => runWhenDue(handle, 'housekeeping', HOUSEKEEPING_MS, housekeeping).catch((error: unknown) => logger.error({ err: error }, 'housekeeping failed'));
	void run();
	const timer = setInterval(() => void run(), HOUSEKEEPING_CHECK_MS);
	timer.unref();
	return timer;
}

export interface Booted {
	handle: DbHandle;
	sync: SyncServer;
	/** Stores what the sync server holds, closes its sockets (1012), then the database. */
	close(): Promise<void>;
}

/**
 * Opens this process's one database handle, applies migrations, seeds demo data where it
 * belongs, publishes the handle for the SvelteKit side and starts the sync server on it.
 * Used by the production server and by the Vite plugin in dev/preview.
 */
export async function boot(root: string, env: NodeJS.ProcessEnv = process.env): Promise<Booted> {
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
	if (wantDemo && (await seedDemoOnce(handle))) logger.info('demo data seeded');
	// Several processes share a PostgreSQL server: their events and document writes reach each other.
	const relay = handle.kind === 'postgres' && databaseUrl ? await startRelay(databaseUrl, logger.child({ part: 'relay' })) : undefined;
	const housekeeping = startHousekeeping(handle);
	const syncLog = logger.child({ part: 'sync' });
	const sync = createSyncServer({ db: handle.db, log: syncLog, onChange: documentProjector(handle.db, syncLog) });
	return {
		handle,
		sync,
		async close() {
			clearInterval(housekeeping);
			await sync.close();
			await relay?.close();
			await handle.close();
			setDbHandle(undefined);
		}
	};
}
