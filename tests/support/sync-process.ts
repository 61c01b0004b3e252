// A second app process for tests: the sync server and the event relay on the PostgreSQL database
// in DATABASE_URL, on a port of its own. It says its port to its parent and stops on 'close'.
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
server.listen(0, '127.0.0.1', () => process.send!({ port: (server.address() as AddressInfo).port }));
async function stop(): Promise<void> {
	await sync.close();
	await relay.close();
	await handle.close();
	server.close();
	process.exit(0);
}
process.on('message', (message: { type: string }) => {
	if (message.type === 'stats') process.send!({ stats: sync.stats(), listening: relay.listening() });
	if (message.type === 'close') void stop();
});
