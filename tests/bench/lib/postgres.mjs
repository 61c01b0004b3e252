// A throwaway PostgreSQL cluster for benchmarks (tests/support/cluster.mjs, fsync on: commits are measured), or the server in DATABASE_URL.
import postgres from 'postgres';
import { createCluster, removeCluster } from '../../support/cluster.mjs';

export async function startPostgres() {
	if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL, stop: async () => {} };
	const cluster = await createCluster({ fsync: true, maxConnections: 200 });
	return { url: cluster.url, stop: async () => removeCluster(cluster) };
}

/** A fresh database on that server; returns its URL and a function that drops it. */
export async function freshDatabase(serverUrl, prefix) {
	const name = `${prefix}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 6)}`;
	const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
	await admin.unsafe(`create database ${name}`);
	await admin.end();
	const url = new URL(serverUrl);
	url.pathname = `/${name}`;
	return {
		url: url.href,
		async drop() {
			const again = postgres(serverUrl, { max: 1, onnotice: () => {} });
			await again.unsafe(`drop database if exists ${name} with (force)`);
			await again.end();
		}
	};
}
