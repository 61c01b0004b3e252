import { and, eq, inArray } from 'drizzle-orm';
import * as Y from 'yjs';
import type { Db } from '../db';
import { agreement, agreementSignoff, goal } from '../db/schema';
import { loadState } from '../documents/update-log';
import { docName } from '../../shared/documents';
import { agreementHash, agreementStatus, readAgreementContent, type AgreementContent } from '../../shared/agreement-doc';
import { canonicalJson } from '../../shared/content-hash';

/** An agreement's document projected into its row (content hash, status, linked goals). */

export const agreementDocName = (id: string) => docName({ kind: 'agreement', id });

/**
 * Writes an agreement's document into its row. Linked goals are kept only when they are goals
 * of the agreement's department: a document cannot reach into other goals.
 */
export async function projectAgreement(db: Db, id: string, content: AgreementContent): Promise<{ changed: boolean; municipalityId: string } | undefined> {
	const [row] = await db.select().from(agreement).where(eq(agreement.id, id));
	if (!row) return undefined;
	const goalIds =
		content.goalIds.length === 0
			? []
			: (
					await db
						.select({ id: goal.id })
						.from(goal)
						.where(and(inArray(goal.id, content.goalIds), eq(goal.departmentId, row.departmentId), eq(goal.municipalityId, row.municipalityId)))
				)
					.map((g) => g.id)
					.sort();
	const kept = { ...content, goalIds };
	const hash = agreementHash(kept);
	const signoffs = await db
		.select({ side: agreementSignoff.side, contentHash: agreementSignoff.contentHash, signedAt: agreementSignoff.signedAt })
		.from(agreementSignoff)
		.where(eq(agreementSignoff.agreementId, id));
	const status = agreementStatus(signoffs, hash);
	const signedAt = status === 'signed' ? new Date(Math.max(...signoffs.filter((s) => s.contentHash === hash).map((s) => s.signedAt.getTime()))) : null;
	const next = {
		title: content.title.trim(),
		parts: content.parts,
		validFrom: content.validFrom,
		validUntil: content.validUntil,
		reviewOn: content.reviewOn,
		goalIds,
		contentHash: hash,
		status,
		signedAt
	};
	const before = {
		title: row.title,
		parts: row.parts,
		validFrom: row.validFrom,
		validUntil: row.validUntil,
		reviewOn: row.reviewOn,
		goalIds: [...row.goalIds].sort(),
		contentHash: row.contentHash,
		status: row.status,
		signedAt: row.signedAt
	};
	if (canonicalJson(before) === canonicalJson(next)) return { changed: false, municipalityId: row.municipalityId };
	await db.update(agreement).set({ ...next, projectedAt: new Date() }).where(eq(agreement.id, id));
	return { changed: true, municipalityId: row.municipalityId };
}

export async function storedAgreement(db: Db, id: string): Promise<AgreementContent> {
	const { state } = await loadState(db, agreementDocName(id));
	const doc = new Y.Doc();
	if (state) Y.applyUpdate(doc, state);
	const content = readAgreementContent(doc);
	doc.destroy();
	return content;
}

/** Rebuilds an agreement's row from its stored document. */
export async function rebuildAgreement(db: Db, id: string): Promise<void> {
	await projectAgreement(db, id, await storedAgreement(db, id));
}
