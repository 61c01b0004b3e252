import { afterAll, beforeAll, inject } from 'vitest';
import * as Y from 'yjs';
import type { Db } from '../../../src/lib/server/db';
import { loadState } from '../../../src/lib/server/documents/update-log';
import { useTestDatabase } from '../../support/db';
import { startSyncProcess, type SyncProcess } from '../../support/processes';
import { goalWorld, sameState, waitFor, type GoalWorld } from '../../support/sync';

/** CI's size, or the soak's (`npm run faults:soak`). */
export const size = (ci: number, soak: number): number => (process.env.FAULTS_SOAK ? soak : ci);

/**
 * Makes room for `clients` stock providers in this test process: each adds a process 'exit'
 * listener (to tell its peers it left), which past 50 Node reports as a possible leak.
 */
export function holdClients(clients: number): void {
	process.setMaxListeners(process.getMaxListeners() + clients);
}

/** A fresh database on the fault suite's own cluster for a describe block. */
export const useFaultDatabase = () => useTestDatabase('postgres', { serverUrl: () => inject('faultCluster').url });

/** One line per measured figure, for the closing note and the soak's report. */
export function report(test: string, figures: Record<string, number | string>): void {
	console.log(`[faults] ${test}: ${Object.entries(figures).map(([key, value]) => `${key}=${value}`).join(' ')}`);
}

/** A goal world and two sync processes on the database for a describe block (read inside tests). */
export function useTwoProcesses(t: { db: Db; databaseUrl: string | undefined }): { world: GoalWorld; processes: SyncProcess[] } {
	const live = { processes: [] as SyncProcess[] } as { world: GoalWorld; processes: SyncProcess[] };
	beforeAll(async () => {
		live.world = await goalWorld(t.db);
		live.processes.push(await startSyncProcess(t.databaseUrl!), await startSyncProcess(t.databaseUrl!));
	});
	afterAll(async () => {
		await Promise.all(live.processes.map((p) => p.close()));
	});
	return live;
}

/** The document as its log holds it now. */
export async function storedDoc(db: Db, docName: string): Promise<Y.Doc> {
	const stored = new Y.Doc();
	const { state } = await loadState(db, docName);
	if (state) Y.applyUpdate(stored, state);
	return stored;
}

/** Waits until the log holds exactly what `doc` holds. */
export function untilStored(db: Db, docName: string, doc: Y.Doc, what = 'the log to hold everything', timeout = 20_000): Promise<void> {
	return waitFor(async () => sameState(await storedDoc(db, docName), doc), what, timeout);
}
