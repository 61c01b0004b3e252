/**
 * Bounds the handshakes checked at once. After a restart every browser comes back within
 * seconds; each handshake reads the session and the rights, so hundreds at once would queue
 * on the database pool and starve the sockets already open. Past the queue's length a
 * handshake is refused (503): the client tries again after its own random delay.
 */
export class HandshakeGate {
	private active = 0;
	private readonly waiting: (() => void)[] = [];
	/** The most handshakes checked at once since start (what the fault suite bounds). */
	peak = 0;

	constructor(
		readonly limit: number,
		readonly queueLimit: number
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
			if (!gone()) await check();
		} finally {
			// The place passes straight to the next in line, so `active` never overshoots.
			const next = this.waiting.shift();
			if (next) next();
			else this.active--;
		}
		return true;
	}
}
