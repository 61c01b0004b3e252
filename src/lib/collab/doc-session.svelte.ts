import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { IndexeddbPersistence } from 'y-indexeddb';
import { CloseCode, docName, SYNC_PATH, type DocRef } from '$lib/shared/documents';
import { offlineStoreName } from './offline-store';
import { FIELD_KEY, type FieldPresence } from './field-focus';
import { commitFocusedField } from './live-field';
import { colorFor } from '$lib/shared/presence';
import { APP_OWNS_RECONNECTION, reconnectWithJitter } from './reconnect';

export type ConnectionState = 'connecting' | 'syncing' | 'connected' | 'offline' | 'signedOut' | 'forbidden';

export interface Peer {
	clientId: number;
	name: string;
	color: string;
	self: boolean;
	/** The field they are in (see field-focus), or null. */
	field: string | null;
}

/**
 * A collaborative document in the browser: the Y.Doc, its socket (the stock y-websocket
 * provider), an offline copy in IndexedDB (one store per user), presence, and a reactive view
 * of the content read with the kind's reader. Svelte state lives here, not in components.
 */
export class DocSession<C> implements FieldPresence {
	readonly doc = new Y.Doc();
	readonly provider: WebsocketProvider;
	private readonly offline: IndexeddbPersistence;
	state = $state<ConnectionState>('connecting');
	content: C = $state() as C;
	peers = $state<Peer[]>([]);
	/** True once the server's state arrived (or the offline copy, when offline). */
	loaded = $state(false);
	/**
	 * True once the server's state arrived at least once. Before that the document may hold half
	 * of it (or an older offline copy), so what pages derive from it would differ from the server's.
	 */
	synced = $state(false);

	constructor(
		ref: DocRef,
		readonly user: { id: string; name: string },
		private readonly read: (doc: Y.Doc) => C
	) {
		const name = docName(ref);
		this.offline = new IndexeddbPersistence(offlineStoreName(user.id, name), this.doc);
		this.offline.on('synced', () => {
			if (this.state === 'offline' || this.state === 'connecting') this.loaded = true;
		});
		const protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
		this.provider = new WebsocketProvider(`${protocol}//${location.host}${SYNC_PATH.slice(0, -1)}`, name, this.doc, APP_OWNS_RECONNECTION);
		reconnectWithJitter(this.provider);
		this.provider.awareness.setLocalStateField('user', { id: user.id, name: user.name, color: colorFor(user.id) });
		this.provider.on('status', ({ status }) => {
			if (status === 'connected') this.state = this.provider.synced ? 'connected' : 'syncing';
			else if (status === 'disconnected' && this.state !== 'signedOut' && this.state !== 'forbidden') this.state = 'offline';
			else if (status === 'connecting' && this.state !== 'offline') this.state = 'connecting';
		});
		this.provider.on('sync', (synced: boolean) => {
			if (synced) {
				this.loaded = true;
				this.synced = true;
				if (this.provider.wsconnected) this.state = 'connected';
			} else if (this.provider.wsconnected) {
				this.state = 'syncing';
			}
		});
		this.provider.on('closed', ({ code }) => {
			if (code === CloseCode.unauthenticated) this.state = 'signedOut';
			else if (code === CloseCode.forbidden) this.state = 'forbidden';
		});
		this.provider.awareness.on('change', () => this.readPeers());
		this.doc.on('update', () => (this.content = this.read(this.doc)));
		this.content = this.read(this.doc);
		this.readPeers();
		addEventListener('pagehide', this.flush);
	}

	/** True when the person may type now: allowed, loaded, and the server has not shut them out. */
	editable(canEdit: boolean): boolean {
		return canEdit && this.loaded && this.state !== 'forbidden' && this.state !== 'signedOut';
	}

	/** Tells the others which field this person is in (null: none). */
	setField(field: string | null): void {
		const awareness = this.provider.awareness;
		if ((awareness.getLocalState()?.field ?? null) !== field) awareness.setLocalStateField('field', field);
	}

	/**
	 * Before the page goes (closed, reloaded, left): what the focused field shows is in the
	 * document, which already wrote it to the offline store and the socket, and the others stop
	 * seeing this person in a field.
	 */
	readonly flush = (): void => {
		commitFocusedField();
		this.setField(null);
	};

	private readPeers(): void {
		const peers: Peer[] = [];
		for (const [clientId, state] of this.provider.awareness.getStates()) {
			const { user, field } = state as { user?: { name?: unknown; color?: unknown }; field?: unknown };
			if (!user || typeof user.name !== 'string') continue;
			peers.push({
				clientId,
				name: user.name.slice(0, 120),
				color: typeof user.color === 'string' && /^#[0-9a-f]{6}$/i.test(user.color) ? user.color : '#4a4a4a',
				self: clientId === this.doc.clientID,
				field: typeof field === 'string' && FIELD_KEY.test(field) ? field : null
			});
		}
		this.peers = peers;
	}

	/** Reconnects after the server said the access ended (e.g. rights were changed back). */
	retry(): void {
		this.state = 'connecting';
		this.provider.connect();
	}

	/** Also on SvelteKit navigation: leaving the page destroys its session, flushed first. */
	destroy(): void {
		removeEventListener('pagehide', this.flush);
		this.flush();
		this.provider.destroy();
		void this.offline.destroy();
		this.doc.destroy();
	}
}
