import { count, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/lib/server/db/open';
import { runWhenDue } from '../../src/lib/server/db/jobs';
import { jobRun, municipality } from '../../src/lib/server/db/schema';
import { seedDemoOnce } from '../../src/lib/server/demo/seed';
import { DEMO } from '../../src/lib/server/demo/towns';
import { backends, migrationsFolder, openTestDatabase, useTestDatabase } from '../support/db';

/** Resolves when `release` is called: work that stays busy until the test says so. */
function gate() {
	let release!: () => void;
	const open = new Promise<void>((resolve) => (release = resolve));
	return { open, release };
}

describe.each(backends)('work that runs in one place at a time, on %s', (backend) => {
	const t = useTestDatabase(backend);

	it('skips named work that is busy, or waits for it when asked', async () => {
		const busy = gate();
		const order: string[] = [];
		const first = t.handle.exclusive('test-work', async () => {
			order.push('first');
			await busy.open;
		}, { wait: false });
		await new Promise((resolve) => setTimeout(resolve, 50));
		expect(await t.handle.exclusive('test-work', async () => void order.push('skipped'), { wait: false })).toBe(false);
		const waiting = t.handle.exclusive('test-work', async () => void order.push('waited'), { wait: true });
		// Other names are not held up.
		expect(await t.handle.exclusive('other-work', async () => void order.push('other'), { wait: false })).toBe(true);
		busy.release();
		expect(await first).toBe(true);
		expect(await waiting).toBe(true);
		expect(order).toEqual(['first', 'other', 'waited']);
		// A failure lets go of the name.
		await expect(t.handle.exclusive('test-work', async () => Promise.reject(new Error('kaputt')), { wait: false })).rejects.toThrow('kaputt');
		expect(await t.handle.exclusive('test-work', async () => {}, { wait: false })).toBe(true);
	});

	it('runs due work once however many ask at once, and again only once it is due', async () => {
		let runs = 0;
		const work = async () => {
			runs++;
			await new Promise((resolve) => setTimeout(resolve, 100));
		};
		const hour = 60 * 60 * 1000;
		const asked = await Promise.all([1, 2, 3].map(() => runWhenDue(t.handle, 'test-job', 6 * hour, work)));
		expect(asked.filter(Boolean)).toHaveLength(1);
		expect(runs).toBe(1);
		expect(await runWhenDue(t.handle, 'test-job', 6 * hour, work)).toBe(false);
		await t.db.update(jobRun).set({ finishedAt: sql`now() - interval '7 hours'` }).where(eq(jobRun.name, 'test-job'));
		expect(await runWhenDue(t.handle, 'test-job', 6 * hour, work)).toBe(true);
		expect(runs).toBe(2);
	});
});

describe.skipIf(!backends.includes('postgres'))('several processes on one PostgreSQL', () => {
	it('start together on an empty database and seed the demo once', async () => {
		const first = await openTestDatabase('postgres');
		const second = await openDatabase({ databaseUrl: first.databaseUrl, migrationsFolder });
		try {
			const seeded = await Promise.all([seedDemoOnce(first.handle), seedDemoOnce(second)]);
			expect(seeded.sort()).toEqual([false, true]);
			const [row] = await second.db.select({ n: count() }).from(municipality);
			expect(row?.n).toBe(DEMO.length);
		} finally {
			await second.close();
			await first.close();
		}
	});

	it('runs due work in one of them while the other skips it', async () => {
		const first = await openTestDatabase('postgres');
		const second = await openDatabase({ databaseUrl: first.databaseUrl, migrationsFolder });
		try {
			let runs = 0;
			const work = async () => {
				runs++;
				await new Promise((resolve) => setTimeout(resolve, 200));
			};
			const asked = await Promise.all([runWhenDue(first.handle, 'test-job', 60_000, work), runWhenDue(second, 'test-job', 60_000, work)]);
			expect(asked.filter(Boolean)).toHaveLength(1);
			expect(runs).toBe(1);
		} finally {
			await second.close();
			await first.close();
		}
	});
});
