import type * as Y from 'yjs';
import { inTransaction, type Db } from '../db';
import { docName, type DocKind, type DocRef } from '../../shared/documents';

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
	/** Entries the reader skipped as invalid (the rest still projects); logged when they change. */
	skipped?(content: C): readonly unknown[];
}

/** Where a projector reports skipped entries: the sync server's log. */
export interface ProjectorLog {
	warn(details: object, message: string): void;
}

export type DocumentKinds = Record<DocKind, DocumentKind<unknown>>;

/** Erases a kind's content type so kinds of different content fit one registry. */
export const documentKind = <C>(kind: DocumentKind<C>) => kind as DocumentKind<unknown>;

/**
 * A projector for the sync server's onChange. Each run is one transaction (readers never see
 * a row half new) and happens only when the content changed since the last run for that
 * document (a goal's description edits change no row).
 */
export function projectorFor(db: Db, kinds: DocumentKinds, log: ProjectorLog): (ref: DocRef, doc: Y.Doc) => Promise<void> {
	const projected = new WeakMap<object, string>();
	const reported = new WeakMap<object, string>();
	return async (ref, doc) => {
		const kind = kinds[ref.kind];
		const content = kind.read(doc);
		const key = JSON.stringify(content);
		if (projected.get(doc) === key) return;
		// One line per change of the skipped set, not one per keystroke while it stays.
		const skipped = kind.skipped?.(content) ?? [];
		const skippedKey = JSON.stringify(skipped);
		if ((reported.get(doc) ?? '[]') !== skippedKey) {
			reported.set(doc, skippedKey);
			if (skipped.length > 0) log.warn({ doc: docName(ref), skipped }, 'document entries skipped');
		}
		const result = await inTransaction(db, (tx) => kind.project(tx, ref.id, content));
		projected.set(doc, key);
		if (result?.changed) kind.announce(result.municipalityId, ref.id);
	};
}
