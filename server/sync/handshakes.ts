/**
 * Bounds the handshakes checked at once. After a restart every browser comes back within
 * seconds; each handshake reads the session and the rights, so hundreds at once would queue
 * on the database pool and starve the sockets already open. Past the queue's length a
 * handshake is refused (503): the client tries again after its own random delay. A check that
 * outlasts its deadline (a database that hangs rather than fails) gives up its place and is
 * refused the same way, so a few stuck checks cannot close the door for everyone.
 */
export class HandshakeGate {
	private active = 0;
	private readonly waiting: (() => void)[] = [];
	/** The most handshakes checked at once since start (what the fault suite bounds). */
	peak = 0;

	constructor(
		readonly limit: number,
		readonly queueLimit: number,
		readonly deadlineMs = 10_000
	) {}

	/**
	 * Runs `check` when a place is free; returns false without running it when the queue is full.
	 * `gone` tells whether the client hung up while waiting: its check is skipped.
	 */
	async run(check: () => Promise<void>, gone: () => boolean = () => false): Promise<boolean> {
		if (this.active >= this.limit) {
			if (this.waiting.length >= this.queueLimit) return false;
			await new Promise<void>((resolve) => this.waiting.push(resolve));
		} else {
			this.active++;
		}
		this.peak = Math.max(this.peak, this.active);
		try {
			if (!gone()) await withDeadline(check(), this.deadlineMs);
		} finally {
			// The place passes straight to the next in line, so `active` never overshoots.
			const next = this.waiting.shift();
			if (next) next();
			else this.active--;
		}
		return true;
	}
}

/** A handshake check that did not finish within its deadline. */
export class HandshakeTimeout extends Error {
	constructor(ms: number) {
		super(`handshake check took longer than ${ms} ms`);
	}
}

/** `work`, or a HandshakeTimeout after `ms`; work that ends later is let go (its outcome is ignored). */
function withDeadline(work: Promise<void>, ms: number): Promise<void> {
	let timer: NodeJS.Timeout | undefined;
	const late = new Promise<never>((_, reject) => {
		timer = setTimeout(() => reject(new HandshakeTimeout(ms)), ms);
	});
	return Promise.race([work, late]).finally(() => clearTimeout(timer));
}
