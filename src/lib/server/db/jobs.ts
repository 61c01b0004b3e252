import { sql } from 'drizzle-orm';
import type { DbHandle } from './index';
import { jobRun } from './schema';

/**
 * Runs `work` when it is due: in one process at a time (the others skip it), and only when no
 * process completed it within the last `everyMs` (by the database's clock, which all processes
 * share). Returns whether it ran here.
 */
export async function runWhenDue(handle: DbHandle, name: string, everyMs: number, work: () => Promise<void>): Promise<boolean> {
	let ran = false;
	await handle.exclusive(
		name,
		async () => {
			const [recent] = await handle.db
				.select({ name: jobRun.name })
				.from(jobRun)
				.where(sql`${jobRun.name} = ${name} and ${jobRun.finishedAt} > now() - make_interval(secs => ${everyMs / 1000})`);
			if (recent) return;
			await work();
			await handle.db
				.insert(jobRun)
				.values({ name, finishedAt: sql`now()` })
				.onConflictDoUpdate({ target: jobRun.name, set: { finishedAt: sql`now()` } });
			ran = true;
		},
		{ wait: false }
	);
	return ran;
}
