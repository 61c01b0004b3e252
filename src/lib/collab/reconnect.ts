import type { WebsocketProvider } from 'y-websocket';

/** Close codes 4400–4499 are the server's deliberate "no" (signed out, forbidden): retrying cannot help. */
const isFinal = (code: number) => code >= 4400 && code < 4500;

export interface ReconnectOptions {
	/** The first retry comes within this many ms; the window doubles per failed try. */
	firstMs?: number;
	/** The window never grows past this. */
	maxMs?: number;
	random?: () => number;
}

/** Options for the stock provider so that `reconnectWithJitter` alone decides when it reconnects. */
export const APP_OWNS_RECONNECTION = { shouldReconnect: () => false } as const;

/**
 * Reconnects a provider made with `APP_OWNS_RECONNECTION` after a random delay within a
 * window that doubles per failed try ("full jitter"). The stock provider waits
 * `min(2^n·100, 2500)` ms, the same for every client, so after a restart all of them would
 * knock at once, again and again; spread out, they find the server ready. Stops when the
 * provider is destroyed (a pending retry would otherwise open a socket for a dead provider).
 */
export function reconnectWithJitter(provider: WebsocketProvider, options: ReconnectOptions = {}): void {
	const { firstMs = 500, maxMs = 5000, random = Math.random } = options;
	let tries = 0;
	let timer: ReturnType<typeof setTimeout> | undefined;
	const onSync = (synced: boolean) => {
		if (synced) tries = 0;
	};
	const onClosed = ({ code }: { code: number }) => {
		clearTimeout(timer);
		if (isFinal(code)) return;
		const window = Math.min(maxMs, firstMs * 2 ** tries++);
		timer = setTimeout(() => provider.connect(), random() * window);
	};
	provider.on('sync', onSync);
	provider.on('closed', onClosed);
	const destroy = provider.destroy.bind(provider);
	provider.destroy = () => {
		clearTimeout(timer);
		destroy();
	};
}
