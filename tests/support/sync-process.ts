// A second app process for tests: the sync server and the event relay on the PostgreSQL database
// in DATABASE_URL, on PORT (or a free port). It says its port to its parent and stops on 'close'
// or SIGTERM (storing what is pending and closing sockets with 1012, as the app does).
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { createSyncServer } from '../../server/sync';
import { startRelay } from '../../server/relay';
import { openDatabase } from '../../src/lib/server/db/open';
import { documentProjector } from '../../src/lib/server/document-kinds';

const url = process.env.DATABASE_URL!;
const log = pino({ level: 'warn' });
const handle = await openDatabase({ databaseUrl: url, migrationsFolder: process.env.MIGRATIONS! });
const relay = await startRelay(url, log, { catchUpMs: Number(process.env.CATCH_UP_MS ?? 15_000) });
const sync = createSyncServer({ db: handle.db, log, onChange: documentProjector(handle.db, log) });
const server = http.createServer((_req, res) => res.writeHead(404).end());
server.on('upgrade', (req, socket, head) => {
	if (!sync.handleUpgrade(req, socket, head)) socket.destroy();
});
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => process.send!({ port: (server.address() as AddressInfo).port }));
let stopping: Promise<void> | undefined;
async function stop(): Promise<void> {
	server.close();
	await sync.close();
	await relay.close();
	await handle.close();
	process.exit(0);
}

/** The heap after a full collection (started with --expose-gc) and what keeps the loop alive. */
function measure() {
	const gc = (globalThis as { gc?: () => void }).gc;
	gc?.();
	gc?.();
	return { heapUsed: process.memoryUsage().heapUsed, rss: process.memoryUsage.rss(), resources: process.getActiveResourcesInfo() };
}

process.on('SIGTERM', () => void (stopping ??= stop()));
process.on('message', (message: { type: string }) => {
	if (message.type === 'stats') process.send!({ stats: sync.stats(), listening: relay.listening(), rss: process.memoryUsage.rss() });
	if (message.type === 'measure') process.send!(measure());
	if (message.type === 'close') void (stopping ??= stop());
});
