/** Names of collaborative documents (`<kind>/<uuid>`) and the sync socket's close codes. */
export const DOC_KINDS = ['goal', 'assessment', 'agreement'] as const;
export type DocKind = (typeof DOC_KINDS)[number];

export interface DocRef {
	kind: DocKind;
	id: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A lowercase UUID, as the database hands them out: the only ids a document may name. */
export const isUuid = (value: unknown): value is string => typeof value === 'string' && UUID.test(value);

export function docName(ref: DocRef): string {
	return `${ref.kind}/${ref.id}`;
}

/** Parses `<kind>/<uuid>` for a known kind; anything else is not a document name. */
export function parseDocName(name: string): DocRef | null {
	const [kind, id, ...rest] = name.split('/');
	if (rest.length > 0 || !isUuid(id)) return null;
	if (!(DOC_KINDS as readonly string[]).includes(kind ?? '')) return null;
	return { kind: kind as DocKind, id };
}

/** The path prefix under which the sync server takes WebSocket upgrades. */
export const SYNC_PATH = '/sync/';

/** Close codes the client understands (the 4xxx ones mirror HTTP 401/403). */
export const CloseCode = {
	/** Message larger than the limit (RFC 6455). */
	tooLarge: 1009,
	/** The server could not load the document; nothing was served. */
	loadFailed: 1011,
	/** The server is restarting; reconnect. */
	restart: 1012,
	/** A message the protocol cannot read. */
	malformed: 4400,
	/** The session ended (signed out, expired, deactivated). */
	unauthenticated: 4401,
	/** The right to this document ended. */
	forbidden: 4403
} as const;

/** Largest message the sync server accepts, in bytes. */
export const MAX_MESSAGE_BYTES = 1024 * 1024;
