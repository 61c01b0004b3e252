import fs from 'node:fs';
import * as Y from 'yjs';
import { freePort, startNginx } from '../../support/nginx.mjs';
import { killAll, spawnServer, waitUntilReady, type Spawned } from '../../e2e/support/processes';
import { tempDir } from '../../e2e/support/processes';
import { contentOf } from '../../support/sync';

/**
 * Built app processes (`build/server.js`, as `npm start` runs it) on one PostgreSQL database
 * behind nginx with the documented configuration: what docs/deploy describes, on loopback.
 */
export interface Fleet {
	nginx: Awaited<ReturnType<typeof startNginx>>;
	apps: Spawned[];
	/** Starts app `index` again on its port and waits until /healthz answers 200. */
	start(index: number): Promise<void>;
	/** How many sync sockets each app holds (-1: not answering). */
	connections(): Promise<number[]>;
	/** The app whose sync server holds the most sockets (where nginx routed a document). */
	busiest(): Promise<number>;
	stop(): Promise<void>;
}

export async function startFleet(databaseUrl: string, count = 2): Promise<Fleet> {
	const ports = await Promise.all(Array.from({ length: count }, () => freePort()));
	const nginxPort = await freePort();
	const origin = `http://127.0.0.1:${nginxPort}`;
	// DATA_DIR is unused with DATABASE_URL; a folder of its own keeps any stray write out of the project.
	const dataDir = tempDir('fleet');
	const spawn = (port: number) =>
		spawnServer(dataDir, port, { DATABASE_URL: databaseUrl, ORIGIN: origin, DEMO_DATA: '0', LOG_LEVEL: 'warn', ADDRESS_HEADER: 'X-Forwarded-For', XFF_DEPTH: '1' });
	const apps = ports.map(spawn);
	await Promise.all(apps.map((app) => waitUntilReady(app)));
	const nginx = await startNginx(ports, nginxPort);
	const fleet: Fleet = {
		nginx,
		apps,
		async start(index) {
			apps[index] = spawn(ports[index]!);
			await waitUntilReady(apps[index]!);
		},
		connections() {
			return Promise.all(
				apps.map(async (app) => {
					try {
						const body = (await (await fetch(`${app.url}/healthz`)).json()) as { sync: { connections: number } | null };
						return body.sync?.connections ?? 0;
					} catch {
						return -1;
					}
				})
			);
		},
		async busiest() {
			const counts = await fleet.connections();
			return counts.indexOf(Math.max(...counts));
		},
		async stop() {
			await killAll();
			await nginx.stop();
			fs.rmSync(dataDir, { recursive: true, force: true });
		}
	};
	return fleet;
}

/** Whether `stored` holds everything in `update` (applying it would add nothing). */
export function holds(stored: Y.Doc, update: Uint8Array): boolean {
	const copy = new Y.Doc();
	Y.applyUpdate(copy, Y.encodeStateAsUpdate(stored));
	// A deletion leaves the state vector as it is, so the content is compared as well.
	const before = [Buffer.from(Y.encodeStateVector(copy)).toString('hex'), JSON.stringify(contentOf(copy))];
	Y.applyUpdate(copy, update);
	const after = [Buffer.from(Y.encodeStateVector(copy)).toString('hex'), JSON.stringify(contentOf(copy))];
	const same = before[0] === after[0] && before[1] === after[1] && copy.store.pendingStructs === null;
	copy.destroy();
	return same;
}
