import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET } from '../../src/routes/healthz/+server';
import { setDbHandle } from '../../src/lib/server/db';
import { backends, openTestDatabase, type TestDatabase } from '../support/db';

describe.each(backends)('/healthz on %s', (backend) => {
	let database: TestDatabase;

	beforeAll(async () => {
		database = await openTestDatabase(backend);
		setDbHandle(database.handle);
	});

	afterAll(async () => {
		setDbHandle(undefined);
		await database.close();
	});

	it('answers 200 with JSON while the database answers', async () => {
		const response = await GET();
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toMatch(/^application\/json/);
		expect(response.headers.get('cache-control')).toBe('no-store');
		expect(await response.json()).toMatchObject({ status: 'ok', database: { kind: backend, ok: true } });
	});

	it('answers 503 once the database is gone', async () => {
		await database.handle.close();
		const response = await GET();
		expect(response.status).toBe(503);
		expect(response.headers.get('cache-control')).toBe('no-store');
		expect(await response.json()).toMatchObject({ status: 'unavailable', database: { kind: backend, ok: false } });
	});
});
