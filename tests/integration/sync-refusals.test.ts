import { randomUUID } from 'node:crypto';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { backends, signInAs, useTestDatabase } from '../support/db';
import { eq } from 'drizzle-orm';
import { session } from '../../src/lib/server/db/schema';
import { cookie, delay, goalWorld, handshake, startSync, upgradeRequest, waitFor, type GoalWorld, type SyncHarness } from '../support/sync';
import { CloseCode } from '../../src/lib/shared/documents';

describe.each(backends)('sync: refusals at the upgrade on %s', (backend) => {
	const t = useTestDatabase(backend);
	let world: GoalWorld;
	let sync: SyncHarness;
	const path = () => `/sync/${world.docName}`;

	beforeAll(async () => {
		// The Host the request was sent to decides, unless ORIGIN is configured.
		vi.stubEnv('ORIGIN', '');
		world = await goalWorld(t.db);
		sync = await startSync(t.db);
	});
	afterAll(async () => {
		await sync?.close();
		vi.unstubAllEnvs();
	});

	const send = (target: string, headers: Record<string, string | undefined>) => handshake(sync.port, target, headers);

	it('upgrades a tandem member with a session cookie and the app’s own Origin', async () => {
		const status = await send(path(), { cookie: cookie(world.as.bildung.token), origin: sync.origin });
		expect(status).toBe('HTTP/1.1 101 Switching Protocols');
	});

	it('closes with 4401 at once without a session or with an unknown one', async () => {
		expect(await send(path(), { origin: sync.origin })).toBe('close 4401');
		expect(await send(path(), { origin: sync.origin, cookie: cookie('a'.repeat(32)) })).toBe('close 4401');
		expect(await send(path(), { origin: sync.origin, cookie: `other=1; ${cookie('')}` })).toBe('close 4401');
	});

	it('answers 403 without an Origin or with another site’s', async () => {
		const session = cookie(world.as.bildung.token);
		expect(await send(path(), { cookie: session })).toBe('HTTP/1.1 403 Forbidden');
		for (const origin of ['https://evil.example', `http://localhost:${sync.port}`, `http://127.0.0.1:${sync.port + 1}`, 'null', 'not a url', `ftp://127.0.0.1:${sync.port}`]) {
			expect(await send(path(), { cookie: session, origin }), origin).toBe('HTTP/1.1 403 Forbidden');
		}
	});

	it('lets in exactly the configured ORIGIN when one is set', async () => {
		const session = cookie(world.as.bildung.token);
		vi.stubEnv('ORIGIN', 'https://fokus.example.de');
		try {
			expect(await send(path(), { cookie: session, origin: 'https://fokus.example.de' })).toBe('HTTP/1.1 101 Switching Protocols');
			expect(await send(path(), { cookie: session, origin: sync.origin })).toBe('HTTP/1.1 403 Forbidden');
		} finally {
			vi.stubEnv('ORIGIN', '');
		}
	});

	it('closes with 4403 alike for another municipality, an unknown goal and a malformed name', async () => {
		const foreign = { cookie: cookie(world.as.foreign.token), origin: sync.origin };
		const own = { cookie: cookie(world.as.focus.token), origin: sync.origin };
		expect(await send(path(), foreign)).toBe('close 4403');
		for (const target of [
			`/sync/goal/${randomUUID()}`,
			'/sync/goal/not-a-uuid',
			'/sync/goal',
			'/sync/',
			`/sync/goal/${world.goalId}/extra`,
			`/sync/agreement/${world.goalId}`,
			`/sync/goal/${world.goalId.toUpperCase()}`,
			`/sync/goal%2F..%2F${world.goalId}`,
			'/sync/goal/%E0%A4%A'
		]) {
			expect(await send(target, own), target).toBe('close 4403');
		}
		// The query string is not part of the name (y-websocket may append parameters).
		expect(await send(`${path()}?x=1`, own)).toBe('HTTP/1.1 101 Switching Protocols');
	});

	it('tells a client whose session ended while its connection was down 4401 when it comes back, and it stops trying', async () => {
		const laptop = await signInAs(t.db, world.town.people.bildung!);
		const client = sync.connect(laptop.token, world.docName);
		try {
			await client.synced();
			// Ended without a word to the sync server (as by an expiry), then the network breaks.
			await t.db.delete(session).where(eq(session.id, laptop.actor.sessionId));
			let attempts = 0;
			client.provider.on('status', ({ status }) => {
				if (status === 'connecting') attempts++;
			});
			sync.cut();
			await waitFor(() => client.closes.includes(CloseCode.unauthenticated), 'the reconnecting client to hear 4401');
			const after = attempts;
			// The app's retry window starts at 0.5 s and doubles; a client that kept trying would be back within 2 s.
			await delay(2_000);
			expect(attempts).toBe(after);
			expect(client.provider.wsconnected).toBe(false);
		} finally {
			client.destroy();
		}
	});

	it('survives a refused client that sends garbage before its close frame', async () => {
		const socket = net.connect(sync.port, '127.0.0.1');
		const closeFrame = new Promise<void>((resolve) => {
			let received = Buffer.alloc(0);
			socket.on('data', (chunk) => {
				received = Buffer.concat([received, chunk]);
				const end = received.indexOf('\r\n\r\n');
				if (end >= 0 && received.length >= end + 8) resolve();
			});
		});
		socket.on('error', () => {});
		socket.write(upgradeRequest(sync.port, path(), { origin: sync.origin }));
		await closeFrame;
		// An unmasked frame: a protocol error for a server, reported by ws as an error event.
		socket.write(Buffer.from([0x82, 0x03, 1, 2, 3]));
		await new Promise((resolve) => socket.once('close', resolve));
		expect(await send(path(), { cookie: cookie(world.as.bildung.token), origin: sync.origin })).toBe('HTTP/1.1 101 Switching Protocols');
	});

	it('leaves other paths to other handlers', async () => {
		const before = sync.unclaimed.length;
		expect(await send('/hmr', { cookie: cookie(world.as.focus.token), origin: sync.origin })).toBe('');
		expect(await send('/syncx/goal', { cookie: cookie(world.as.focus.token), origin: sync.origin })).toBe('');
		expect(sync.unclaimed.slice(before)).toEqual(['/hmr', '/syncx/goal']);
	});

	it('tells a stock ws client without a session 4401 (it stops retrying), and another site 403 before any socket', async () => {
		const signedOut = await new Promise<{ code: number; reason: string }>((resolve, reject) => {
			const ws = new WebSocket(`ws://127.0.0.1:${sync.port}${path()}`, { headers: { origin: sync.origin } });
			ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() }));
			ws.on('message', () => reject(new Error('served without a session')));
			ws.on('error', reject);
		});
		expect(signedOut).toEqual({ code: CloseCode.unauthenticated, reason: 'signed out' });
		const crossSite = await new Promise<number>((resolve, reject) => {
			const ws = new WebSocket(`ws://127.0.0.1:${sync.port}${path()}`, { headers: { origin: 'https://evil.example', cookie: cookie(world.as.bildung.token) } });
			ws.on('unexpected-response', (_req, res) => {
				resolve(res.statusCode ?? 0);
				ws.terminate();
			});
			ws.on('open', () => reject(new Error('opened for another site')));
			ws.on('error', () => {});
		});
		expect(crossSite).toBe(403);
		expect(sync.logs.filter((entry) => entry.level >= 50)).toEqual([]);
	});
});
