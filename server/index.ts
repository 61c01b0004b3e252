import http from 'node:http';
import path from 'node:path';
import type { Socket } from 'node:net';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { boot } from './boot';
import { DataDirLockedError } from '../src/lib/server/db/lock';
import { logger } from '../src/lib/server/log';
import { markProtocol, trustPlainHttp } from './origin';

// The production entry: one http server carrying the SvelteKit handler (adapter-node's
// documented custom server); the sync server attaches to the same server.
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const port = Number(process.env.PORT || 3000);
const host = process.env.HOST || '0.0.0.0';

/**
 * Idle kept-alive connections stay open longer than nginx's upstream pool (60 s) and clients
 * keep them: the side that sends requests must be the one that closes, or a request sent just
 * as the server closes is reset (nginx answers 502 to a POST it may not retry). Node's default
 * is 5 s.
 */
function keepIdleConnections(server: http.Server, env: NodeJS.ProcessEnv): void {
	const configured = Number(env.KEEP_ALIVE_TIMEOUT);
	const seconds = Number.isFinite(configured) && configured > 0 ? configured : 65;
	server.keepAliveTimeout = seconds * 1000;
	// The wait for the next request's headers must not end an idle connection sooner.
	server.headersTimeout = server.keepAliveTimeout + 1000;
}

async function main(): Promise<void> {
	let booted;
	try {
		booted = await boot(root);
	} catch (error) {
		if (error instanceof DataDirLockedError) {
			console.error(`\nFokus cannot start: ${error.message}\n`);
			process.exit(3);
		}
		throw error;
	}
	trustPlainHttp(process.env);
	// CSV imports may be up to 8 MB (see MAX_IMPORT_BYTES); adapter-node's default is 512 kB.
	process.env.BODY_SIZE_LIMIT ??= '10M';
	const handlerPath = path.join(root, 'build', 'handler.js');
	const { handler } = (await import(pathToFileURL(handlerPath).href)) as { handler: http.RequestListener };

	const server = http.createServer((req, res) => {
		markProtocol(req);
		handler(req, res);
	});
	keepIdleConnections(server, process.env);
	// The sync server takes /sync/…; any other upgrade is refused, never left hanging.
	server.on('upgrade', (req, socket, head) => {
		socket.on('error', (error) => logger.debug({ err: error }, 'upgrade socket error'));
		if (!booted.sync.handleUpgrade(req, socket, head)) socket.destroy();
	});
	const sockets = new Set<Socket>();
	server.on('connection', (socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});

	let stopping = false;
	const shutdown = (signal: string) => {
		if (stopping) return;
		stopping = true;
		logger.info({ signal }, 'shutting down');
		// Stop accepting, store and close the sync sockets (1012), let running requests finish,
		// then close the database.
		void booted.sync.close().catch((error: unknown) => logger.error({ err: error }, 'closing the sync server failed'));
		server.close(() => {
			booted
				.close()
				.catch((error: unknown) => logger.error({ err: error }, 'closing the database failed'))
				.finally(() => {
					logger.info('stopped');
					process.exit(0);
				});
		});
		server.closeIdleConnections();
		setTimeout(() => {
			for (const socket of sockets) socket.destroy();
		}, 10_000).unref();
	};
	process.on('SIGTERM', () => shutdown('SIGTERM'));
	process.on('SIGINT', () => shutdown('SIGINT'));

	watchEventLoop();

	server.listen(port, host, () => {
		logger.info({ port, host }, `Fokus listens on http://${host === '0.0.0.0' ? 'localhost' : host}:${port}`);
	});
}


/** A blocked event loop delays every socket at once: say so when it happens. */
function watchEventLoop(): void {
	const histogram = monitorEventLoopDelay({ resolution: 20 });
	histogram.enable();
	setInterval(() => {
		const maxMs = histogram.max / 1e6;
		if (maxMs > 200) logger.warn({ maxMs: Math.round(maxMs), p99Ms: Math.round(histogram.percentile(99) / 1e6) }, 'event loop was blocked');
		histogram.reset();
	}, 10_000).unref();
}

main().catch((error: unknown) => {
	logger.fatal({ err: error }, 'start failed');
	process.exit(1);
});
