import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
	export interface ProvidedContext {
		/** Names every database this run creates, so the end of the run can drop leftovers. */
		testRunId: string;
		/** The PostgreSQL server's version when DATABASE_URL is set, otherwise null. */
		postgresVersion: string | null;
	}
}

function adminClient(url: string) {
	return postgres(url, { max: 1, onnotice: () => {}, connect_timeout: 10 });
}

/**
 * Runs once per `vitest run`. With DATABASE_URL set, a server that does not answer fails the
 * run at once with a clear message instead of failing every PostgreSQL test one by one.
 */
export default async function setup(project: TestProject) {
	const runId = randomBytes(4).toString('hex');
	project.provide('testRunId', runId);
	const url = process.env.DATABASE_URL;
	if (!url) {
		project.provide('postgresVersion', null);
		return;
	}
	const sql = adminClient(url);
	try {
		const [row] = await sql<{ version: string }[]>`select current_setting('server_version') as version`;
		project.provide('postgresVersion', row!.version);
	} catch (error) {
		throw new Error(`DATABASE_URL is set, but the PostgreSQL server does not answer: ${(error as Error).message}`, {
			cause: error
		});
	} finally {
		await sql.end({ timeout: 5 });
	}

	// Each test file drops its own databases; this catches those of a file that crashed.
	return async () => {
		const admin = adminClient(url);
		try {
			const rows = await admin<{ datname: string }[]>`
				select datname from pg_database where datname like ${`fokus_test_${runId}_%`}`;
			for (const { datname } of rows) await admin.unsafe(`drop database if exists "${datname}" with (force)`);
		} finally {
			await admin.end({ timeout: 5 });
		}
	};
}
