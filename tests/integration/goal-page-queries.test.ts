import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { load } from '../../src/routes/(app)/goals/[id]/+page.server';
import { setDbHandle } from '../../src/lib/server/db';
import { goal, membership, municipality, user } from '../../src/lib/server/db/schema';
import { seedDemoData } from '../../src/lib/server/demo/seed';
import { backends, signInAs, useTestDatabase } from '../support/db';

/** Counts the statements both drivers send (PGlite's query, postgres.js's unsafe). */
function countQueries(client: Record<string, unknown>): { count: number; statements: string[] } {
	const counter = { count: 0, statements: [] as string[] };
	for (const method of ['query', 'unsafe']) {
		const original = client[method];
		if (typeof original !== 'function') continue;
		client[method] = (query: string, ...rest: unknown[]) => {
			counter.count++;
			counter.statements.push(query);
			return (original as (...args: unknown[]) => unknown).call(client, query, ...rest);
		};
	}
	return counter;
}

describe.each(backends)('the goal page load on %s', (backend) => {
	const t = useTestDatabase(backend);

	beforeAll(async () => {
		await seedDemoData(t.db);
		setDbHandle(t.handle);
	});
	afterAll(() => setDbHandle(undefined));

	it('resolves the goal as a permission target once and passes it on', async () => {
		const [focus] = await t.db
			.select({ userId: user.id, municipalityId: membership.municipalityId })
			.from(user)
			.innerJoin(membership, eq(membership.userId, user.id))
			.innerJoin(municipality, eq(municipality.id, membership.municipalityId))
			.where(and(eq(user.email, 'focus@stadt-c.example'), eq(municipality.slug, 'stadt-c')));
		const signedIn = await signInAs(t.db, focus!);
		const [agreed] = await t.db.select({ id: goal.id }).from(goal).where(and(eq(goal.municipalityId, focus!.municipalityId), eq(goal.status, 'agreed')));

		const counter = countQueries((t.db as unknown as { $client: Record<string, unknown> }).$client);
		const event = { locals: { actor: signedIn.actor }, params: { id: agreed!.id }, depends: () => {} };
		const data = (await load(event as unknown as Parameters<typeof load>[0])) as { goal: { id: string }; indicators: unknown[] };
		expect(data.goal.id).toBe(agreed!.id);
		expect(data.indicators.length).toBeGreaterThan(0);

		// The target loader's second statement reads the tandem's members; a page that looked the
		// goal up again for each of its parts would read them once per part.
		const memberLookups = counter.statements.filter((s) => /from "tandem_member"/.test(s) && !/join/i.test(s));
		expect(memberLookups).toHaveLength(1);
		console.log(`goal page load on ${backend}: ${counter.count} queries`);
	});
});
