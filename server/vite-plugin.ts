import path from 'node:path';
import type { Plugin } from 'vite';
import type { DbHandle } from '../src/lib/server/db';

/**
 * Gives `vite dev` and `vite preview` what server/index.ts gives production: the one database
 * handle (migrated, demo data seeded). Later the sync server's upgrade handler is mounted here
 * too, for its own path only, so Vite's HMR socket keeps working.
 */
export function fokusServerPlugin(): Plugin {
	let handle: Promise<DbHandle> | undefined;
	const start = async (root: string) => {
		// vitest also starts a Vite server; its tests open their own databases.
		if (process.env.VITEST) return;
		const { boot } = await import('./boot');
		handle ??= boot(root);
		await handle;
	};
	const stop = async () => {
		const current = handle;
		handle = undefined;
		await (await current)?.close();
	};
	return {
		name: 'fokus-server',
		async configureServer(server) {
			await start(path.resolve(server.config.root));
			server.httpServer?.once('close', () => void stop());
		},
		async configurePreviewServer(server) {
			await start(path.resolve(server.config.root));
			server.httpServer.once('close', () => void stop());
		}
	};
}
