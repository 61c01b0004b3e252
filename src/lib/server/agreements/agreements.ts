import { and, asc, eq, inArray } from 'drizzle-orm';
import * as Y from 'yjs';
import { inTransaction, type Db } from '../db';
import { agreement, agreementSignoff, department, goal, municipality, user } from '../db/schema';
import { agreementSignSides, can, home, requireCan, type Subject } from '../access/rules';
import { requireTarget } from '../access/targets';
import type { Actor } from '../auth/session';
import { appendUpdates, deleteDocument } from '../documents/update-log';
import { announceConsolidation, accessChanged } from '../assessments/assessments';
import { Check, isUuid } from '../validation';
import { renderAgreementPdf } from '../pdf/agreement';
import { agreementDocName } from './projection';
import {
	agreementHash,
	agreementPhase,
	agreementSignedSides,
	initAgreementDoc,
	readAgreementContent,
	type AgreementPart,
	type AgreementPhase,
	type AgreementSide,
	type AgreementStatus
} from '../../shared/agreement-doc';
import { berlinToday } from '../../shared/smart';
import type { GoalStatus } from '../../shared/goal-status';
import type { SnapshotAgreement } from '../../shared/snapshot';

/**
 * Agreements (Verstetigung): the integration office and a department write down structures,
 * tasks, goals, responsibilities and competencies, co-authored live as `agreement/<id>`, and
 * sign them: a `focus` member and the department's head. A substantive change afterwards
 * leaves the signatures on the old content, so the agreement asks to be signed again.
 */

export type AgreementRow = typeof agreement.$inferSelect;

/** Starts an agreement with a department; the title may be changed later. */
export async function createAgreement(db: Db, actor: Actor, input: { departmentId: string; title: string }): Promise<string> {
	const [dept] = isUuid(input.departmentId)
		? await db.select({ id: department.id }).from(department).where(and(eq(department.id, input.departmentId), eq(department.municipalityId, actor.municipalityId)))
		: [];
	new Check().when(!dept, 'departmentId', 'error_department_unknown').throwIfAny();
	requireCan(actor, 'editAgreement', { kind: 'agreement', municipalityId: actor.municipalityId, departmentId: dept!.id });
	const title = input.title.trim();
	new Check().when(title.length === 0, 'title', 'error_agreement_title_required').when(title.length > 300, 'title', 'error_agreement_title_too_long').throwIfAny();
	const id = await inTransaction(db, async (tx) => {
		const doc = new Y.Doc();
		initAgreementDoc(doc, { title });
		const content = readAgreementContent(doc);
		const [created] = await tx
			.insert(agreement)
			.values({ municipalityId: actor.municipalityId, departmentId: dept!.id, title, parts: content.parts, contentHash: agreementHash(content), createdBy: actor.userId })
			.returning({ id: agreement.id });
		await appendUpdates(tx, agreementDocName(created!.id), [{ userId: actor.userId, update: Y.encodeStateAsUpdate(doc) }]);
		doc.destroy();
		return created!.id;
	});
	announceConsolidation(actor.municipalityId);
	return id;
}

export interface AgreementSummary {
	id: string;
	title: string;
	departmentId: string;
	departmentName: string;
	status: AgreementStatus;
	validFrom: string | null;
	validUntil: string | null;
	reviewOn: string | null;
	signedAt: Date | null;
	goalCount: number;
	phase: AgreementPhase;
}

/** The municipality's agreements, by department and title. */
export async function listAgreements(db: Db, actor: Actor, today = berlinToday()): Promise<AgreementSummary[]> {
	const rows = await db
		.select({
			id: agreement.id,
			title: agreement.title,
			departmentId: agreement.departmentId,
			departmentName: department.name,
			status: agreement.status,
			validFrom: agreement.validFrom,
			validUntil: agreement.validUntil,
			reviewOn: agreement.reviewOn,
			signedAt: agreement.signedAt,
			goalIds: agreement.goalIds
		})
		.from(agreement)
		.innerJoin(department, eq(department.id, agreement.departmentId))
		.where(eq(agreement.municipalityId, actor.municipalityId))
		.orderBy(asc(department.name), asc(agreement.title));
	return rows.map(({ goalIds, ...row }) => ({
		...row,
		status: row.status as AgreementStatus,
		goalCount: goalIds.length,
		phase: agreementPhase(row, today)
	}));
}

export interface AgreementSignature {
	side: AgreementSide;
	userName: string;
	contentHash: string;
	signedAt: Date;
}

export interface AgreementDetail {
	agreement: AgreementRow;
	departmentName: string;
	signoffs: AgreementSignature[];
	/** The department's goals, which the agreement may link. */
	departmentGoals: { id: string; title: string; status: GoalStatus }[];
	canEdit: boolean;
	mySides: AgreementSide[];
}

export async function getAgreement(db: Db, actor: Actor, id: string): Promise<AgreementDetail> {
	const target = await requireTarget(db, actor, 'agreement', id, 'read');
	const [row] = await db
		.select({ agreement, departmentName: department.name })
		.from(agreement)
		.innerJoin(department, eq(department.id, agreement.departmentId))
		.where(eq(agreement.id, id));
	const signoffs = await db
		.select({ side: agreementSignoff.side, userName: user.name, contentHash: agreementSignoff.contentHash, signedAt: agreementSignoff.signedAt })
		.from(agreementSignoff)
		.innerJoin(user, eq(user.id, agreementSignoff.userId))
		.where(eq(agreementSignoff.agreementId, id))
		.orderBy(asc(agreementSignoff.signedAt));
	const departmentGoals = await db
		.select({ id: goal.id, title: goal.title, status: goal.status })
		.from(goal)
		.where(and(eq(goal.departmentId, target.departmentId), eq(goal.municipalityId, target.municipalityId)))
		.orderBy(asc(goal.title));
	return {
		agreement: row!.agreement,
		departmentName: row!.departmentName,
		signoffs: signoffs.map((s) => ({ ...s, side: s.side as AgreementSide })),
		departmentGoals: departmentGoals.map((g) => ({ ...g, status: g.status as GoalStatus })),
		canEdit: can(actor, 'editAgreement', target),
		mySides: can(actor, 'signAgreement', target) ? (agreementSignSides(actor, target.departmentId) as AgreementSide[]) : []
	};
}

/** The agreement as a PDF in the reader's language, with the signatures on its current content. */
export async function agreementPdf(db: Db, actor: Actor, id: string, locale: 'de' | 'en'): Promise<{ pdf: Buffer; title: string }> {
	const detail = await getAgreement(db, actor, id);
	const [town] = await db.select({ name: municipality.name }).from(municipality).where(eq(municipality.id, actor.municipalityId));
	const row = detail.agreement;
	const linked = new Set(row.goalIds);
	const pdf = await renderAgreementPdf({
		locale,
		municipalityName: town!.name,
		departmentName: detail.departmentName,
		title: row.title,
		parts: row.parts as Record<AgreementPart, string>,
		validFrom: row.validFrom,
		validUntil: row.validUntil,
		reviewOn: row.reviewOn,
		goals: detail.departmentGoals.filter((g) => linked.has(g.id)).map((g) => ({ title: g.title, status: g.status })),
		status: row.status as AgreementStatus,
		contentHash: row.contentHash,
		signatures: detail.signoffs.filter((s) => s.contentHash === row.contentHash).map((s) => ({ side: s.side, name: s.userName, signedAt: s.signedAt })),
		generatedAt: row.projectedAt ?? row.createdAt
	});
	return { pdf, title: row.title };
}

/** The departments this person may start an agreement with. */
export async function departmentsForNewAgreement(db: Db, actor: Actor): Promise<{ id: string; name: string }[]> {
	const rows = await db.select({ id: department.id, name: department.name }).from(department).where(eq(department.municipalityId, actor.municipalityId)).orderBy(asc(department.name));
	return rows.filter((d) => can(actor, 'editAgreement', { kind: 'agreement', municipalityId: actor.municipalityId, departmentId: d.id }));
}

/**
 * Agreements as a council report freezes them: their content, the titles of their linked goals
 * and the signatures on that content. Null when an id is not one of the municipality's.
 */
export async function freezeAgreements(db: Db, municipalityId: string, ids: readonly string[]): Promise<SnapshotAgreement[] | null> {
	const unique = [...new Set(ids)];
	if (unique.length === 0) return [];
	if (!unique.every(isUuid)) return null;
	const rows = await db
		.select({ a: agreement, department: department.name })
		.from(agreement)
		.innerJoin(department, eq(department.id, agreement.departmentId))
		.where(and(eq(agreement.municipalityId, municipalityId), inArray(agreement.id, unique)))
		.orderBy(asc(department.name), asc(agreement.title), asc(agreement.id));
	if (rows.length !== unique.length) return null;
	const signoffs = await db
		.select({ agreementId: agreementSignoff.agreementId, side: agreementSignoff.side, name: user.name, contentHash: agreementSignoff.contentHash, signedAt: agreementSignoff.signedAt })
		.from(agreementSignoff)
		.innerJoin(user, eq(user.id, agreementSignoff.userId))
		.where(inArray(agreementSignoff.agreementId, unique))
		.orderBy(asc(agreementSignoff.signedAt));
	const goalIds = rows.flatMap((r) => r.a.goalIds);
	const goals = goalIds.length ? await db.select({ id: goal.id, title: goal.title }).from(goal).where(inArray(goal.id, goalIds)) : [];
	return rows.map(({ a, department }) => ({
		id: a.id,
		title: a.title,
		department,
		status: a.status as AgreementStatus,
		validFrom: a.validFrom,
		validUntil: a.validUntil,
		reviewOn: a.reviewOn,
		parts: a.parts,
		goals: goals.filter((g) => a.goalIds.includes(g.id)).map((g) => g.title).sort((x, y) => x.localeCompare(y, 'de')),
		signatures: signoffs
			.filter((s) => s.agreementId === a.id && s.contentHash === a.contentHash)
			.map((s) => ({ side: s.side as AgreementSide, name: s.name, signedAt: s.signedAt.toISOString() })),
		contentHash: a.contentHash
	}));
}

export interface DueAgreement {
	id: string;
	title: string;
	departmentName: string;
	/** The other side signed this content; this person's signature is missing. */
	waitingForMe: boolean;
	/** The review date, when it is due by the horizon (or past). */
	reviewOn: string | null;
}

/**
 * Agreements that need a person: the integration office sees all of the municipality's, others
 * their department's. One is due when the other side signed and this person's side has not,
 * or when a signed agreement's review date comes by `until` (or has passed).
 */
export async function dueAgreements(db: Db, subject: Subject, until: string): Promise<DueAgreement[]> {
	if (!can(subject, 'read', home(subject))) return [];
	const focus = subject.roles.includes('focus');
	if (!focus && !subject.departmentId) return [];
	const rows = await db
		.select({ id: agreement.id, title: agreement.title, departmentId: agreement.departmentId, departmentName: department.name, status: agreement.status, contentHash: agreement.contentHash, reviewOn: agreement.reviewOn })
		.from(agreement)
		.innerJoin(department, eq(department.id, agreement.departmentId))
		.where(and(eq(agreement.municipalityId, subject.municipalityId), focus ? undefined : eq(agreement.departmentId, subject.departmentId!)))
		.orderBy(asc(department.name), asc(agreement.title));
	const signoffs = rows.length
		? await db
				.select({ agreementId: agreementSignoff.agreementId, side: agreementSignoff.side, contentHash: agreementSignoff.contentHash })
				.from(agreementSignoff)
				.where(inArray(agreementSignoff.agreementId, rows.map((r) => r.id)))
		: [];
	return rows.flatMap((row) => {
		const signed = agreementSignedSides(signoffs.filter((s) => s.agreementId === row.id), row.contentHash);
		const mine = agreementSignSides(subject, row.departmentId) as AgreementSide[];
		const waitingForMe = row.status !== 'signed' && signed.length > 0 && mine.some((side) => !signed.includes(side));
		const reviewOn = row.status === 'signed' && row.reviewOn !== null && row.reviewOn <= until ? row.reviewOn : null;
		return waitingForMe || reviewOn ? [{ id: row.id, title: row.title, departmentName: row.departmentName, waitingForMe, reviewOn }] : [];
	});
}

/**
 * Deletes a draft started by mistake. Once anyone has signed, the agreement is part of the
 * record and stays (it can be changed and signed again).
 */
export async function deleteAgreement(db: Db, actor: Actor, id: string): Promise<void> {
	await requireTarget(db, actor, 'agreement', id, 'editAgreement');
	await inTransaction(db, async (tx) => {
		const [signed] = await tx.select({ id: agreementSignoff.id }).from(agreementSignoff).where(eq(agreementSignoff.agreementId, id)).limit(1);
		new Check().when(Boolean(signed), 'agreement', 'error_agreement_signed_once').throwIfAny();
		await tx.delete(agreement).where(eq(agreement.id, id));
		await deleteDocument(tx, agreementDocName(id));
	});
	accessChanged(actor.municipalityId);
}
