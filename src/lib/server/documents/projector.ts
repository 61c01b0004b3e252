import type * as Y from 'yjs';
import { inTransaction, type Db } from '../db';
import type { DocKind, DocRef } from '../../shared/documents';

/**
 * How a kind of collaborative document becomes rows: read its content, write the rows in one
 * transaction, then tell open pages. The kinds themselves (goal, assessment, agreement) live in
 * their domain folders; `document-kinds.ts` above them hands the registry in, so this folder
 * never imports the domains back.
 */
export interface DocumentKind<C> {
	read(doc: Y.Doc): C;
	project(tx: Db, id: string, content: C): Promise<{ changed: boolean; municipalityId: string } | undefined>;
	announce(municipalityId: string, id: string): void;
}

export type DocumentKinds = Record<DocKind, DocumentKind<unknown>>;

/** Erases a kind's content type so kinds of different content fit one registry. */
export const documentKind = <C>(kind: DocumentKind<C>) => kind as DocumentKind<unknown>;

/**
 * A projector for the sync server's onChange. Each run is one transaction (readers never see
 * a row half new) and happens only when the content changed since the last run for that
 * document (a goal's description edits change no row).
 */
export function projectorFor(db: Db, kinds: DocumentKinds): (ref: DocRef, doc: Y.Doc) => Promise<void> {
	const projected = new WeakMap<object, string>();
	return async (ref, doc) => {
		const kind = kinds[ref.kind];
		const content = kind.read(doc);
		const key = JSON.stringify(content);
		if (projected.get(doc) === key) return;
		const result = await inTransaction(db, (tx) => kind.project(tx, ref.id, content));
		projected.set(doc, key);
		if (result?.changed) kind.announce(result.municipalityId, ref.id);
	};
}
