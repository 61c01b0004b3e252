import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer, WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { APP_OWNS_RECONNECTION, reconnectWithJitter } from './reconnect';

// A real server that answers each connection by closing it with the code the test chooses.
async function closingServer(code: () => number) {
	const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
	await new Promise((resolve) => wss.once('listening', resolve));
	const arrivals: number[] = [];
	wss.on('connection', (ws) => {
		arrivals.push(performance.now());
		ws.close(code());
	});
	return { wss, arrivals, url: `ws://127.0.0.1:${(wss.address() as { port: number }).port}` };
}

describe('reconnectWithJitter', () => {
	const cleanup: (() => void)[] = [];
	afterEach(() => cleanup.splice(0).forEach((fn) => fn()));

	function provider(url: string) {
		const doc = new Y.Doc();
		const p = new WebsocketProvider(url, 'doc', doc, { WebSocketPolyfill: WebSocket as never, disableBc: true, ...APP_OWNS_RECONNECTION });
		cleanup.push(() => p.destroy());
		return p;
	}

	it('waits a random share of a window that doubles per failed try', async () => {
		const server = await closingServer(() => 1012);
		cleanup.push(() => server.wss.close());
		const p = provider(server.url);
		// random() = 1: the whole window each time, 40, 80, 160 ms.
		reconnectWithJitter(p, { firstMs: 40, maxMs: 1000, random: () => 1 });
		await expect.poll(() => server.arrivals.length, { timeout: 5000 }).toBeGreaterThanOrEqual(4);
		const gaps = server.arrivals.slice(1, 4).map((at, i) => at - server.arrivals[i]!);
		expect(gaps[0]).toBeGreaterThanOrEqual(38);
		expect(gaps[1]).toBeGreaterThanOrEqual(78);
		expect(gaps[2]).toBeGreaterThanOrEqual(158);
		// The stock provider would have tried again after 200 ms, then 400 ms, whatever happened.
		expect(gaps[2]).toBeGreaterThan(gaps[0]!);
	});

	it('does not retry after the server’s final no (4403), nor after the provider is destroyed', async () => {
		const codes = [1012, 4403];
		const server = await closingServer(() => codes.shift() ?? 1012);
		cleanup.push(() => server.wss.close());
		const p = provider(server.url);
		reconnectWithJitter(p, { firstMs: 10, random: () => 1 });
		await expect.poll(() => server.arrivals.length).toBe(2);
		await new Promise((resolve) => setTimeout(resolve, 200));
		expect(server.arrivals).toHaveLength(2);

		const again = await closingServer(() => 1012);
		cleanup.push(() => again.wss.close());
		const q = provider(again.url);
		reconnectWithJitter(q, { firstMs: 100, random: () => 1 });
		await expect.poll(() => again.arrivals.length).toBe(1);
		q.destroy();
		await new Promise((resolve) => setTimeout(resolve, 300));
		expect(again.arrivals).toHaveLength(1);
	});
});
