import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { load as layoutLoad } from '../../src/routes/(app)/goals/[id]/(goal)/+layout.server';
import { load as contentLoad } from '../../src/routes/(app)/goals/[id]/(goal)/+page.server';
import { load as indicatorsLoad } from '../../src/routes/(app)/goals/[id]/(goal)/indicators/+page.server';
import { load as loopLoad } from '../../src/routes/(app)/goals/[id]/(goal)/loop/+page.server';
import { load as historyLoad } from '../../src/routes/(app)/goals/[id]/(goal)/history/+page.server';
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

describe.each(backends)('the goal pages\' loads on %s', (backend) => {
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

		const event = { locals: { actor: signedIn.actor }, params: { id: agreed!.id }, depends: () => {} };
		const client = (t.db as unknown as { $client: Record<string, unknown> }).$client;
		// The target loader gathers the tandem's members; a load that looked the goal up again for
		// each of its parts would gather them once per part.
		const memberLookups = (statements: string[]) => statements.filter((s) => /array_agg\("tandem_member"\."membership_id"/.test(s));

		let counter = countQueries(client);
		const header = (await layoutLoad(event as unknown as Parameters<typeof layoutLoad>[0])) as { goal: { id: string }; indicators: unknown[]; nextDue: unknown };
		expect(header.goal.id).toBe(agreed!.id);
		expect(header.indicators.length).toBeGreaterThan(0);
		expect(header.nextDue).not.toBeNull();
		expect(memberLookups(counter.statements)).toHaveLength(1);
		console.log(`goal layout load on ${backend}: ${counter.count} queries`);

		// Each sub-page loads only its own part: the content page no measurement rows or history.
		const pages = { content: contentLoad, indicators: indicatorsLoad, loop: loopLoad, history: historyLoad } as const;
		const keys: Record<string, string[]> = {};
		for (const [name, load] of Object.entries(pages)) {
			counter = countQueries(client);
			const data = (await (load as (e: unknown) => Promise<Record<string, unknown>>)(event)) ?? {};
			keys[name] = Object.keys(data).sort();
			expect(memberLookups(counter.statements), name).toHaveLength(1);
		}
		expect(keys).toEqual({
			content: ['comments', 'values'],
			indicators: ['adjustments', 'audit', 'checkIns', 'experiments', 'measurements'],
			loop: ['adjustments', 'checkIns', 'experiments'],
			history: ['history']
		});
	});
});
