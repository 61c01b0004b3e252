import { describe, expect, it } from 'vitest';
import { HandshakeGate, HandshakeTimeout } from '../../server/sync/handshakes';

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

// The bound on handshakes checked at once (server/sync/handshakes.ts), without a database: each
// check here waits until the test lets it finish.
describe('HandshakeGate', () => {
	function checks() {
		const running = new Set<() => void>();
		let ran = 0;
		return {
			running,
			get ran() {
				return ran;
			},
			check: () =>
				new Promise<void>((resolve) => {
					ran++;
					const done = () => {
						running.delete(done);
						resolve();
					};
					running.add(done);
				}),
			finishOne: () => [...running][0]?.()
		};
	}

	it('runs at most `limit` checks at once, queues the next ones in order and refuses past the queue', async () => {
		const gate = new HandshakeGate(2, 2);
		const c = checks();
		const results = Array.from({ length: 5 }, () => gate.run(c.check));
		await tick();
		expect(c.running.size).toBe(2);
		expect(await results[4]).toBe(false);
		c.finishOne();
		await tick();
		expect(c.running.size).toBe(2);
		expect(c.ran).toBe(3);
		while (c.running.size > 0) {
			c.finishOne();
			await tick();
		}
		expect(await Promise.all(results.slice(0, 4))).toEqual([true, true, true, true]);
		expect(c.ran).toBe(4);
		expect(gate.peak).toBe(2);
	});

	it('frees its place when a check fails, and skips a client that hung up while waiting', async () => {
		const gate = new HandshakeGate(1, 5);
		const failing = gate.run(() => Promise.reject(new Error('database down')));
		let ranForGone = false;
		const gone = gate.run(async () => void (ranForGone = true), () => true);
		await expect(failing).rejects.toThrow('database down');
		expect(await gone).toBe(true);
		expect(ranForGone).toBe(false);
		let ran = false;
		expect(await gate.run(async () => void (ran = true))).toBe(true);
		expect(ran).toBe(true);
	});

	it('gives up a check that outlasts its deadline, and its place goes to the next one', async () => {
		const gate = new HandshakeGate(1, 5, 50);
		// A check that never ends (a database that hangs) …
		const stuck = gate.run(() => new Promise<void>(() => {}));
		let ran = false;
		const next = gate.run(async () => void (ran = true));
		await tick();
		expect(ran).toBe(false);
		// … is refused after its deadline, and the one waiting runs.
		await expect(stuck).rejects.toBeInstanceOf(HandshakeTimeout);
		expect(await next).toBe(true);
		expect(ran).toBe(true);
		// A check that fails after its deadline changes nothing more (no unhandled rejection).
		let fail!: (error: Error) => void;
		const late = gate.run(() => new Promise<void>((_, reject) => (fail = reject)));
		await expect(late).rejects.toBeInstanceOf(HandshakeTimeout);
		fail(new Error('too late'));
		await tick();
		expect(await gate.run(async () => {})).toBe(true);
	});
});
