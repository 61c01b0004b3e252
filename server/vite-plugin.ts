import path from 'node:path';
import type { Plugin } from 'vite';
import type { Booted } from './boot';

/**
 * Gives `vite dev` and `vite preview` what server/index.ts gives production: the one database
 * handle (migrated, demo data seeded) and the sync server's upgrade handler, mounted for its own
 * path only, so Vite's HMR socket keeps working.
 */
export function fokusServerPlugin(): Plugin {
	let booted: Promise<Booted> | undefined;
	const start = async (root: string) => {
		// vitest also starts a Vite server; its tests open their own databases.
		if (process.env.VITEST) return;
		const { boot } = await import('./boot');
		booted ??= boot(root);
		return booted;
	};
	const stop = async () => {
		const current = booted;
		booted = undefined;
		await (await current)?.close();
	};
	return {
		name: 'fokus-server',
		async configureServer(server) {
			const ready = await start(path.resolve(server.config.root));
			// Only our own path: Vite's HMR socket must keep working.
			if (ready) server.httpServer?.on('upgrade', (req, socket, head) => void ready.sync.handleUpgrade(req, socket, head));
			server.httpServer?.once('close', () => void stop());
		},
		async configurePreviewServer(server) {
			const ready = await start(path.resolve(server.config.root));
			if (ready) server.httpServer.on('upgrade', (req, socket, head) => void ready.sync.handleUpgrade(req, socket, head));
			server.httpServer.once('close', () => void stop());
		}
	};
}
