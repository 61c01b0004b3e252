import type { Sql } from 'postgres';

/**
 * Work that must not run in two places at once (migrating, seeding, housekeeping), by name.
 * `wait`: queue behind whoever holds it; otherwise skip when it is held. Resolves whether the
 * work ran here.
 */
export type Exclusive = (name: string, work: () => Promise<void>, options: { wait: boolean }) => Promise<boolean>;

/** Migrating and seeding: what a starting process does before it serves, one process at a time. */
export const BOOT_WORK = 'boot';

/**
 * Advisory locks are one space for the whole server; named work takes its keys from this class
 * (the two-key form), documents being folded from their own (see compact in update-log).
 */
export const JOB_LOCK_CLASS = 1;
export const DOCUMENT_LOCK_CLASS = 2;

/**
 * Across processes on one PostgreSQL: a session advisory lock on a connection reserved for the
 * work's duration (a pooled connection could take the lock and another one release it). When
 * that connection dies the lock goes with it, so a crashed process never blocks the others.
 */
export function advisoryExclusive(client: Sql): Exclusive {
	return async (name, work, { wait }) => {
		const connection = await client.reserve();
		try {
			if (wait) await connection`select pg_advisory_lock(${JOB_LOCK_CLASS}, hashtext(${name}))`;
			else {
				const [row] = await connection<{ locked: boolean }[]>`select pg_try_advisory_lock(${JOB_LOCK_CLASS}, hashtext(${name})) as locked`;
				if (!row?.locked) return false;
			}
			try {
				await work();
			} finally {
				await connection`select pg_advisory_unlock(${JOB_LOCK_CLASS}, hashtext(${name}))`;
			}
			return true;
		} finally {
			connection.release();
		}
	};
}

/** The embedded database has one process (a lock file sees to it): a lock per name in memory. */
export function processExclusive(): Exclusive {
	const held = new Map<string, Promise<void>>();
	return async (name, work, { wait }) => {
		for (let current = held.get(name); current; current = held.get(name)) {
			if (!wait) return false;
			await current;
		}
		const running = work().finally(() => held.delete(name));
		held.set(
			name,
			running.catch(() => {})
		);
		await running;
		return true;
	};
}
