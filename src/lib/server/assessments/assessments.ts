import { and, asc, desc, eq, isNotNull, isNull, lte } from 'drizzle-orm';
import * as Y from 'yjs';
import { inTransaction, type Db } from '../db';
import { assessment, user } from '../db/schema';
import { can, requireCan } from '../access/rules';
import { requireTarget } from '../access/targets';
import type { Actor } from '../auth/session';
import { appendUpdates, deleteDocument, loadState } from '../documents/update-log';
import { publish } from '../events';
import { createGoal } from '../goals/goals';
import { translate } from '../../i18n/translate';
import { Check } from '../validation';
import { docName } from '../../shared/documents';
import { asDate } from '../../shared/doc-values';
import { assessmentStage, criterionAverages, type AssessmentStage } from '../../shared/assessment';
import type { SnapshotAssessment } from '../../shared/snapshot';
import { initAssessmentDoc, readAssessmentContent, type AssessmentContent } from '../../shared/assessment-doc';
import { isCriterion, type Criterion } from '../../shared/criteria';
import { berlinToday } from '../../shared/smart';
import { canonicalJson } from '../../shared/content-hash';

/**
 * Baseline assessments (Ausgangssituation): one per date, co-authored live as
 * `assessment/<id>`; the rows hold the projected ratings and the derived stage. A draft is
 * live and counts for nothing; the integration office completes it, and from then on its row
 * is the record: read-only, and the latest completed one sets the municipality's stage
 * (decision 0016).
 */

export const assessmentDocName = (id: string) => docName({ kind: 'assessment', id });

export type AssessmentRow = typeof assessment.$inferSelect;

const EARLIEST = '2000-01-01';

/** Starts a draft at a date, by default from the latest completed one's ratings and notes. */
export async function createAssessment(db: Db, actor: Actor, input: { assessedOn: string; carryOver?: boolean }): Promise<string> {
	requireCan(actor, 'editAssessment', { kind: 'assessment', municipalityId: actor.municipalityId });
	const assessedOn = asDate(input.assessedOn.trim());
	new Check()
		.when(!assessedOn, 'assessedOn', 'error_date_invalid')
		.when(Boolean(assessedOn) && (assessedOn! > berlinToday() || assessedOn! < EARLIEST), 'assessedOn', 'error_assessment_date_range')
		.throwIfAny();
	const previous = input.carryOver ? await latestCompletedAssessment(db, actor.municipalityId) : undefined;
	const id = await inTransaction(db, async (tx) => {
		const [created] = await tx
			.insert(assessment)
			.values({ municipalityId: actor.municipalityId, assessedOn: assessedOn!, createdBy: actor.userId })
			.returning({ id: assessment.id });
		const doc = new Y.Doc();
		initAssessmentDoc(doc, { assessedOn: assessedOn!, ratings: previous?.ratings, notes: previous?.notes });
		await appendUpdates(tx, assessmentDocName(created!.id), [{ userId: actor.userId, update: Y.encodeStateAsUpdate(doc) }]);
		await projectAssessment(tx, created!.id, readAssessmentContent(doc));
		doc.destroy();
		return created!.id;
	});
	announceConsolidation(actor.municipalityId);
	return id;
}

/**
 * Writes a draft's document into its row; `changed` when anything readers see changed. A
 * completed assessment's row stays as completed, whatever the document says.
 */
export async function projectAssessment(db: Db, id: string, content: AssessmentContent): Promise<{ changed: boolean; municipalityId: string } | undefined> {
	const [row] = await db.select().from(assessment).where(eq(assessment.id, id));
	if (!row) return undefined;
	if (row.completedAt) return { changed: false, municipalityId: row.municipalityId };
	const next = {
		// A cleared date field keeps the last valid date: the row always has one.
		assessedOn: content.assessedOn ?? row.assessedOn,
		ratings: content.ratings,
		notes: content.notes,
		links: content.links,
		summary: content.summary,
		stage: assessmentStage(content.ratings).stage
	};
	const before = { assessedOn: row.assessedOn, ratings: row.ratings, notes: row.notes, links: row.links, summary: row.summary, stage: row.stage };
	if (canonicalJson(before) === canonicalJson(next)) return { changed: false, municipalityId: row.municipalityId };
	// A completion committed meanwhile wins: the update finds no draft (PostgreSQL re-checks the
	// condition once the completion's row lock is released).
	const updated = await db
		.update(assessment)
		.set({ ...next, projectedAt: new Date() })
		.where(and(eq(assessment.id, id), isNull(assessment.completedAt)))
		.returning({ id: assessment.id });
	return { changed: updated.length > 0, municipalityId: row.municipalityId };
}

/** Rebuilds an assessment's row from its stored document. */
export async function rebuildAssessment(db: Db, id: string): Promise<void> {
	const { state } = await loadState(db, assessmentDocName(id));
	const doc = new Y.Doc();
	if (state) Y.applyUpdate(doc, state);
	await projectAssessment(db, id, readAssessmentContent(doc));
	doc.destroy();
}

export interface AssessmentSummary {
	id: string;
	assessedOn: string;
	stage: AssessmentStage;
	ratings: AssessmentRow['ratings'];
	createdByName: string | null;
	/** Null while a draft. */
	completedAt: Date | null;
}

/** The municipality's assessments, drafts and completed ones, oldest first (the order a comparison reads). */
export async function listAssessments(db: Db, actor: Actor): Promise<AssessmentSummary[]> {
	const rows = await db
		.select({ id: assessment.id, assessedOn: assessment.assessedOn, stage: assessment.stage, ratings: assessment.ratings, createdByName: user.name, completedAt: assessment.completedAt })
		.from(assessment)
		.leftJoin(user, eq(user.id, assessment.createdBy))
		.where(eq(assessment.municipalityId, actor.municipalityId))
		.orderBy(asc(assessment.assessedOn), asc(assessment.createdAt));
	return rows.map((row) => ({ ...row, stage: row.stage as AssessmentStage }));
}

/**
 * The latest completed assessment on or before a day (today by default): where the
 * municipality stands. Drafts never count, however recent.
 */
export async function latestCompletedAssessment(db: Db, municipalityId: string, asOf?: string): Promise<AssessmentRow | undefined> {
	const [row] = await db
		.select()
		.from(assessment)
		.where(and(eq(assessment.municipalityId, municipalityId), isNotNull(assessment.completedAt), lte(assessment.assessedOn, asOf ?? berlinToday())))
		.orderBy(desc(assessment.assessedOn), desc(assessment.createdAt))
		.limit(1);
	return row;
}

export async function getAssessment(
	db: Db,
	actor: Actor,
	id: string
): Promise<{ assessment: AssessmentRow; completedByName: string | null; canEdit: boolean; canComplete: boolean }> {
	const target = await requireTarget(db, actor, 'assessment', id, 'read');
	const [row] = await db.select({ assessment, completedByName: user.name }).from(assessment).leftJoin(user, eq(user.id, assessment.completedBy)).where(eq(assessment.id, id));
	return {
		assessment: row!.assessment,
		completedByName: row!.completedByName,
		canEdit: can(actor, 'editAssessment', target),
		canComplete: !target.completed && can(actor, 'completeAssessment', target)
	};
}

/**
 * Completes a draft: the document as the server has stored it is projected one last time, in
 * the same transaction that dates the completion. What someone types at that moment and the
 * server has not stored yet is not part of it; the sync server takes no later writes.
 */
export async function completeAssessment(db: Db, actor: Actor, id: string): Promise<void> {
	await requireTarget(db, actor, 'assessment', id, 'completeAssessment');
	await inTransaction(db, async (tx) => {
		// Locked, so two people completing at once complete it once.
		await requireDraft(tx, id, 'error_assessment_completed');
		const { state } = await loadState(tx, assessmentDocName(id));
		const doc = new Y.Doc();
		if (state) Y.applyUpdate(doc, state);
		await projectAssessment(tx, id, readAssessmentContent(doc));
		doc.destroy();
		await tx.update(assessment).set({ completedAt: new Date(), completedBy: actor.userId }).where(eq(assessment.id, id));
	});
	accessChanged(actor.municipalityId);
}

/** Locks the assessment's row and refuses with `error` unless it is a draft. */
async function requireDraft(tx: Db, id: string, error: 'error_assessment_completed' | 'error_assessment_completed_kept'): Promise<void> {
	const [row] = await tx.select({ completedAt: assessment.completedAt }).from(assessment).where(eq(assessment.id, id)).for('update');
	new Check().when(row?.completedAt != null, 'assessment', error).throwIfAny();
}

/**
 * "Start a goal" from a weak criterion's proposal: a goal in the chosen tandem that names the
 * criterion and has Table 1's action level as its working title.
 */
export async function startGoalForCriterion(db: Db, actor: Actor, input: { assessmentId: string; criterion: string; tandemId: string }): Promise<string> {
	await requireTarget(db, actor, 'assessment', input.assessmentId, 'read');
	new Check().when(!isCriterion(input.criterion), 'criterion', 'error_criterion_unknown').throwIfAny();
	// createGoal checks the tandem (unknown, another municipality's, or not the person's to write in).
	const criterion = input.criterion as Criterion;
	return createGoal(db, actor, { tandemId: input.tandemId, title: translate(`assessment_action_${criterion}`), criterion });
}

/** Assessments and agreements change what the municipality view shows. */
export function announceConsolidation(municipalityId: string): void {
	publish({ type: 'monitoring-changed', municipalityId });
}

/**
 * After a deletion or a completion: open sockets on the municipality's documents are checked
 * again (on a deleted document they close, writers on a completed one too), pages reload.
 */
export function accessChanged(municipalityId: string): void {
	publish({ type: 'access-changed', userIds: [], municipalityId });
	announceConsolidation(municipalityId);
}

/** Deletes a draft (one started by mistake, say); a completed assessment stays on record. */
export async function deleteAssessment(db: Db, actor: Actor, id: string): Promise<void> {
	const target = await requireTarget(db, actor, 'assessment', id, 'read');
	// Whether this person may delete drafts at all, before telling them why this one stays.
	requireCan(actor, 'editAssessment', { kind: 'assessment', municipalityId: target.municipalityId });
	await inTransaction(db, async (tx) => {
		await requireDraft(tx, id, 'error_assessment_completed_kept');
		await tx.delete(assessment).where(eq(assessment.id, id));
		await deleteDocument(tx, assessmentDocName(id));
	});
	accessChanged(actor.municipalityId);
}

/** Where the municipality stood on a day, as a council report freezes it. */
export async function freezeAssessment(db: Db, municipalityId: string, refDate: string): Promise<SnapshotAssessment | undefined> {
	const row = await latestCompletedAssessment(db, municipalityId, refDate);
	if (!row) return undefined;
	const { stage, reasons, weak } = assessmentStage(row.ratings);
	return { id: row.id, assessedOn: row.assessedOn, stage, reasons, averages: criterionAverages(row.ratings), weak, summary: row.summary };
}
