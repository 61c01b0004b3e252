import * as Y from 'yjs';
import { canonicalJson, sha256Hex } from './content-hash';
import { asDate, asString, normaliseSpace } from './doc-values';
import { isUuid } from './documents';

/**
 * An agreement between the integration office and a department (Verstetigung, section C4 of
 * the guide), as a Yjs document (`agreement/<id>`): a title and the five parts the guide names
 * as Y.Text, the validity period and review date as plain values, and the goals it makes
 * permanent as a map of goal ids (adding one and removing another at once both survive).
 */
export const AGREEMENT_ROOT = 'agreement';
export const AGREEMENT_PARTS = ['structures', 'tasks', 'goals', 'responsibilities', 'competencies'] as const;
export type AgreementPart = (typeof AGREEMENT_PARTS)[number];
export const AGREEMENT_DATES = ['validFrom', 'validUntil', 'reviewOn'] as const;
export type AgreementDate = (typeof AGREEMENT_DATES)[number];
const LINKED = 'linkedGoals';
export const MAX_PART_LENGTH = 20_000;

export interface AgreementContent {
	title: string;
	parts: Record<AgreementPart, string>;
	validFrom: string | null;
	validUntil: string | null;
	reviewOn: string | null;
	/** Linked goal ids, sorted. */
	goalIds: string[];
}

export function agreementRoot(doc: Y.Doc): Y.Map<unknown> {
	return doc.getMap(AGREEMENT_ROOT);
}

function linkedMap(doc: Y.Doc): Y.Map<unknown> | undefined {
	const value = agreementRoot(doc).get(LINKED);
	return value instanceof Y.Map ? value : undefined;
}

/** Creates the fields of a new agreement (done once, by the server). */
export function initAgreementDoc(doc: Y.Doc, initial: Partial<Omit<AgreementContent, 'parts'>> & { parts?: Partial<Record<AgreementPart, string>> } = {}): void {
	doc.transact(() => {
		const root = agreementRoot(doc);
		root.set('title', new Y.Text(initial.title ?? ''));
		for (const part of AGREEMENT_PARTS) root.set(part, new Y.Text(initial.parts?.[part] ?? ''));
		for (const key of AGREEMENT_DATES) root.set(key, initial[key] ?? null);
		const linked = new Y.Map<unknown>();
		for (const id of initial.goalIds ?? []) linked.set(id, true);
		root.set(LINKED, linked);
	});
}

export function agreementText(doc: Y.Doc, field: 'title' | AgreementPart): Y.Text | undefined {
	const value = agreementRoot(doc).get(field);
	return value instanceof Y.Text ? value : undefined;
}

export function setAgreementDate(doc: Y.Doc, key: AgreementDate, value: string | null): void {
	agreementRoot(doc).set(key, asDate(value));
}

export function linkGoal(doc: Y.Doc, goalId: string, linked: boolean): void {
	const map = linkedMap(doc);
	if (!map) return;
	if (linked) map.set(goalId, true);
	else map.delete(goalId);
}

/** Everything in the document as plain values; tolerant of odd documents. */
export function readAgreementContent(doc: Y.Doc): AgreementContent {
	const root = agreementRoot(doc);
	const parts = Object.fromEntries(AGREEMENT_PARTS.map((part) => [part, asString(root.get(part), MAX_PART_LENGTH)])) as Record<AgreementPart, string>;
	const goalIds = [...(linkedMap(doc)?.entries() ?? [])]
		.filter(([id, value]) => value === true && isUuid(id))
		.map(([id]) => id)
		.sort();
	return {
		title: asString(root.get('title'), 300),
		parts,
		validFrom: asDate(root.get('validFrom')),
		validUntil: asDate(root.get('validUntil')),
		reviewOn: asDate(root.get('reviewOn')),
		goalIds
	};
}

/**
 * What a signature covers: the five parts (whitespace normalised), the dates and the linked
 * goals. The title is a label, not a commitment: renaming needs no new signatures.
 */
export function agreementHash(content: AgreementContent): string {
	return sha256Hex(
		canonicalJson({
			parts: Object.fromEntries(AGREEMENT_PARTS.map((part) => [part, normaliseSpace(content.parts[part])])),
			validFrom: content.validFrom,
			validUntil: content.validUntil,
			reviewOn: content.reviewOn,
			goalIds: [...content.goalIds].sort()
		})
	);
}

/** The two sides whose signatures make an agreement signed. */
export const AGREEMENT_SIDES = ['focus', 'head'] as const;
export type AgreementSide = (typeof AGREEMENT_SIDES)[number];
export const AGREEMENT_STATUSES = ['draft', 'signed', 'changed'] as const;
export type AgreementStatus = (typeof AGREEMENT_STATUSES)[number];

export interface AgreementSignoffRef {
	side: string;
	contentHash: string;
}

export function agreementSignedSides(signoffs: readonly AgreementSignoffRef[], hash: string): AgreementSide[] {
	return AGREEMENT_SIDES.filter((side) => signoffs.some((s) => s.side === side && s.contentHash === hash));
}

/** signed: both sides signed this content; changed: some earlier version was signed by both. */
export function agreementStatus(signoffs: readonly AgreementSignoffRef[], hash: string): AgreementStatus {
	if (agreementSignedSides(signoffs, hash).length === AGREEMENT_SIDES.length) return 'signed';
	const hashes = new Set(signoffs.map((s) => s.contentHash));
	return [...hashes].some((h) => agreementSignedSides(signoffs, h).length === AGREEMENT_SIDES.length) ? 'changed' : 'draft';
}

/**
 * Counts for the honeycomb's last stage: signed and not expired. One signed now to start next
 * year counts already: the department has committed itself.
 */
export function agreementCommitted(agreement: { status: string; validUntil: string | null }, today: string): boolean {
	return agreement.status === 'signed' && (agreement.validUntil === null || agreement.validUntil >= today);
}

/** Where the validity period stands on a day: not begun yet, running, or over. */
export type AgreementPhase = 'upcoming' | 'running' | 'expired';

export function agreementPhase(agreement: { validFrom: string | null; validUntil: string | null }, today: string): AgreementPhase {
	if (agreement.validUntil !== null && agreement.validUntil < today) return 'expired';
	return agreement.validFrom !== null && agreement.validFrom > today ? 'upcoming' : 'running';
}
