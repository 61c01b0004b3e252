// One load-generator process: for each document two stock WebsocketProviders that both write
// `rate` updates a second; each update's writer→peer latency is measured here, in one clock.
// A document may name a server per client (`urls`, the two-process worst case). With `idle`,
// it opens sockets and holds them (`npm run bench:sync`'s idle cost), led by its parent over IPC.
// It reports when all its documents were typing (from the last one's first update to the first
// one's last) and when each delivered update was sent, so the parent can tell that phase apart
// from connecting and closing.
import fs from 'node:fs';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';

// Every provider adds a process 'exit' listener; hundreds here are expected.
process.setMaxListeners(0);
const plan = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const sentAt = new Map();
const latencies = [];
/** When each measured update was sent (epoch ms), in the order of `latencies`. */
const sentTimes = [];
let typingFrom = 0;
let typingTo = Infinity;
let sent = 0;
let delivered = 0;
const providers = [];

function socketWith(headers) {
	return class extends WebSocket {
		constructor(url, protocols) {
			super(url, protocols, { headers });
		}
	};
}

function connect(doc, cookie, url = plan.wsUrl) {
	const headers = { origin: plan.origin, ...(cookie ? { cookie } : {}) };
	const provider = new WebsocketProvider(url, doc.name, new Y.Doc(), {
		WebSocketPolyfill: socketWith(headers),
		disableBc: true,
		maxBackoffTime: 2000
	});
	providers.push(provider);
	return provider;
}

const synced = (provider) => new Promise((resolve) => (provider.synced ? resolve() : provider.once('sync', resolve)));

async function runDocument(doc, index) {
	await new Promise((resolve) => setTimeout(resolve, (index / plan.docs.length) * plan.staggerSeconds * 1000));
	const clients = doc.cookies.map((cookie, k) => ({ tag: k === 0 ? 'a' : 'b', provider: connect(doc, cookie, doc.urls?.[k]) }));
	await Promise.all(clients.map(({ provider }) => synced(provider)));
	for (const { tag, provider } of clients) {
		provider.doc.getArray('bench').observe((event) => {
			if (event.transaction.local) return;
			const now = performance.now();
			for (const item of event.changes.delta.flatMap((op) => op.insert ?? [])) {
				const key = `${index}:${item}`;
				const at = sentAt.get(key);
				if (at !== undefined && !item.startsWith(tag)) {
					latencies.push(now - at);
					sentTimes.push(Math.round(performance.timeOrigin + at));
					delivered++;
					sentAt.delete(key);
				}
			}
		});
	}
	typingFrom = Math.max(typingFrom, Date.now());
	const end = Date.now() + plan.seconds * 1000;
	typingTo = Math.min(typingTo, end);
	await Promise.all(
		clients.map(async ({ tag, provider }, k) => {
			let seq = 0;
			await new Promise((resolve) => setTimeout(resolve, k * (500 / plan.rate)));
			while (Date.now() < end) {
				const item = `${tag}${seq++}`;
				sentAt.set(`${index}:${item}`, performance.now());
				provider.doc.getArray('bench').push([item]);
				sent++;
				await new Promise((resolve) => setTimeout(resolve, 1000 / plan.rate));
			}
		})
	);
}

/** Opens `perDoc` sockets on every document, a few at a time, and says when all are synced. */
async function holdIdle(perDoc) {
	const wanted = plan.docs.flatMap((doc) => Array.from({ length: perDoc }, (_, k) => ({ doc, cookie: doc.cookies[k % doc.cookies.length] })));
	for (let i = 0; i < wanted.length; i += 50) {
		await Promise.all(wanted.slice(i, i + 50).map(({ doc, cookie }) => synced(connect(doc, cookie))));
	}
	process.send({ type: 'ready', sockets: providers.length });
}

if (plan.idle) {
	process.on('message', (message) => {
		if (message.type === 'open') void holdIdle(message.perDoc);
		if (message.type === 'stop') {
			for (const provider of providers) provider.destroy();
			process.exit(0);
		}
	});
	process.send({ type: 'started' });
} else {
	await Promise.all(plan.docs.map(runDocument));
	// Drain: what is still in flight gets its chance to arrive before counting.
	await new Promise((resolve) => setTimeout(resolve, plan.drainSeconds * 1000));
	for (const provider of providers) provider.destroy();
	fs.writeFileSync(process.argv[3], JSON.stringify({ sent, delivered, latencies, sentTimes, typingFrom, typingTo }));
	process.exit(0);
}
