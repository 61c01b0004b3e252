import { inArray, sql } from 'drizzle-orm';
import type { Db } from '../db';
import { loginAttempt } from '../db/schema';
import type { LoginLimits } from '../config';

// Counters live in the database, not in memory, so every app process sees the same count.
function keys(email: string, address: string) {
	return { account: `account:${email.trim().toLowerCase()}`, address: `address:${address}` };
}

/** True when this account or this address has failed too often within the window. */
export async function isLoginBlocked(db: Db, limits: LoginLimits, email: string, address: string): Promise<boolean> {
	const k = keys(email, address);
	const rows = await db
		.select()
		.from(loginAttempt)
		.where(inArray(loginAttempt.key, [k.account, k.address]));
	const windowStart = Date.now() - limits.windowSeconds * 1000;
	return rows.some((row) => {
		if (row.windowStart.getTime() < windowStart) return false;
		const limit = row.key === k.account ? limits.perAccount : limits.perAddress;
		return row.failures >= limit;
	});
}

export async function recordLoginFailure(db: Db, limits: LoginLimits, email: string, address: string): Promise<void> {
	const k = keys(email, address);
	const expired = sql`${loginAttempt.windowStart} < now() - make_interval(secs => ${limits.windowSeconds})`;
	for (const key of [k.account, k.address]) {
		await db
			.insert(loginAttempt)
			.values({ key, failures: 1, windowStart: new Date() })
			.onConflictDoUpdate({
				target: loginAttempt.key,
				set: {
					failures: sql`case when ${expired} then 1 else ${loginAttempt.failures} + 1 end`,
					windowStart: sql`case when ${expired} then now() else ${loginAttempt.windowStart} end`
				}
			});
	}
}

/** A successful sign-in clears the account's counter (the address keeps its own). */
export async function clearAccountFailures(db: Db, email: string): Promise<void> {
	await db.delete(loginAttempt).where(inArray(loginAttempt.key, [keys(email, '').account]));
}
