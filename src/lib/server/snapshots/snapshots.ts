import { and, desc, eq, inArray, isNull, lt, min, ne, sql } from 'drizzle-orm';
import type { Db } from '../db';
import { department, goal, snapshot, snapshotLink, user } from '../db/schema';
import type { Actor } from '../auth/session';
import { home, requireCan } from '../access/rules';
import { Check, isUuid } from '../validation';
import { freezeGoals } from './freeze';
import { renderSnapshotPdf } from '../pdf/snapshot';
import { translate } from '../../i18n/translate';
import { canonicalJson, sha256Hex } from '../../shared/content-hash';
import { asDate } from '../../shared/goal-doc';
import { berlinToday } from '../../shared/smart';
import { reportDateRule } from '../../shared/plausibility';
import { freezeAssessment } from '../assessments/assessments';
import { freezeAgreements } from '../agreements/agreements';
import { snapshotChanges, SUPPRESSED_MARK, type SnapshotChanges, type SnapshotContent, type SnapshotRef } from '../../shared/snapshot';
import { formatDateCell, formatStatusCell, toSpreadsheetCsv } from '../../shared/csv/export';
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';
import { NotFoundError } from '../errors';

/**
 * Council snapshots: the integration office freezes chosen goals at a reference date into a
 * report with a content hash and a PDF made once. Snapshots are never edited; withdrawing one
 * marks it, ends its links and keeps it.
 */

export const MAX_TITLE = 200;
export const MAX_COMMENTARY = 10_000;
export const MAX_GOALS = 100;
export const MIN_CASES_RANGE = { min: 2, max: 1000 } as const;
export const LOCALES = ['de', 'en'] as const;

export interface SnapshotInput {
	title: string;
	refDate: string;
	goalIds: readonly string[];
	/** Whole departments: all their goals that are not dropped. */
	departmentIds: readonly string[];
	commentary: string;
	goalCommentary: Readonly<Record<string, string>>;
	/** '' publishes every value; a number suppresses values with fewer cases. */
	minCases: string;
	/** '' for the latest earlier one covering the same goals, 'none' for none, or an id. */
	previousId: string;
	locale: string;
	/** Include where the municipality stood: the latest assessment on or before the reference date. */
	includeAssessment?: boolean;
	/** Agreements to include as they stand. */
	agreementIds?: readonly string[];
}

interface StoredRef {
	id: string;
	title: string;
	refDate: string;
	createdAt: Date;
	contentHash: string;
	goalIds: string[];
}

const refOf = (row: StoredRef): SnapshotRef => ({ id: row.id, title: row.title, refDate: row.refDate, createdAt: row.createdAt.toISOString(), hash: row.contentHash });
const refColumns = { id: snapshot.id, title: snapshot.title, refDate: snapshot.refDate, createdAt: snapshot.createdAt, contentHash: snapshot.contentHash, goalIds: snapshot.goalIds };

/** The goals a snapshot would cover: the chosen ones and those of the chosen departments. */
export async function resolveGoals(db: Db, actor: Actor, goalIds: readonly string[], departmentIds: readonly string[]): Promise<string[] | null> {
	const ids = [...new Set(goalIds)];
	const departments = [...new Set(departmentIds)];
	if ([...ids, ...departments].some((id) => !isUuid(id))) return null;
	const chosen = ids.length
		? await db.select({ id: goal.id }).from(goal).where(and(eq(goal.municipalityId, actor.municipalityId), inArray(goal.id, ids)))
		: [];
	if (chosen.length !== ids.length) return null;
	const known = departments.length
		? await db.select({ id: department.id }).from(department).where(and(eq(department.municipalityId, actor.municipalityId), inArray(department.id, departments)))
		: [];
	if (known.length !== departments.length) return null;
	const whole = departments.length
		? await db
				.select({ id: goal.id })
				.from(goal)
				.where(and(eq(goal.municipalityId, actor.municipalityId), inArray(goal.departmentId, departments), sql`coalesce(${goal.closedOutcome}, '') <> 'dropped'`))
		: [];
	return [...new Set([...ids, ...whole.map((g) => g.id)])];
}

/** The latest earlier snapshot, not withdrawn, that covers any of the goals. */
export async function defaultPrevious(db: Db, municipalityId: string, goalIds: readonly string[], before: Date, except?: string): Promise<SnapshotRef | null> {
	if (goalIds.length === 0) return null;
	const [row] = await db
		.select(refColumns)
		.from(snapshot)
		.where(
			and(
				eq(snapshot.municipalityId, municipalityId),
				isNull(snapshot.withdrawnAt),
				lt(snapshot.createdAt, before),
				except ? ne(snapshot.id, except) : undefined,
				sql`${snapshot.goalIds} && array[${sql.join(
					goalIds.map((g) => sql`${g}`),
					sql`, `
				)}]::uuid[]`
			)
		)
		.orderBy(desc(snapshot.createdAt))
		.limit(1);
	return row ? refOf(row) : null;
}

/** The first step of a report: the goals it is to cover, chosen one by one or by department; at least one. */
export async function chooseGoals(db: Db, actor: Actor, goalIds: readonly string[], departmentIds: readonly string[]): Promise<string[]> {
	requireCan(actor, 'manageSnapshots', home(actor));
	const ids = await resolveGoals(db, actor, goalIds, departmentIds);
	new Check()
		.when(ids === null, 'goals', 'error_snapshot_goal_unknown')
		.when(ids !== null && ids.length === 0, 'goals', 'error_snapshot_goals_required')
		.throwIfAny();
	return ids!;
}

/** The day (Berlin) the municipality's first goal was created: the earliest date a report can show. */
export async function firstGoalDay(db: Db, municipalityId: string): Promise<string | null> {
	const [row] = await db.select({ first: min(goal.createdAt) }).from(goal).where(eq(goal.municipalityId, municipalityId));
	return row?.first ? berlinToday(row.first) : null;
}

async function validate(db: Db, actor: Actor, input: SnapshotInput, today: string) {
	const check = new Check();
	const title = input.title.trim();
	check.when(title.length === 0, 'title', 'error_snapshot_title_required').when(title.length > MAX_TITLE, 'title', 'error_snapshot_title_too_long');
	const refDate = asDate(input.refDate.trim());
	const dateRule = refDate === null ? null : reportDateRule(refDate, today, await firstGoalDay(db, actor.municipalityId));
	check
		.when(refDate === null, 'refDate', 'error_date_invalid')
		.when(dateRule === 'date_future', 'refDate', 'error_snapshot_ref_date_future')
		.when(dateRule === 'report_before_first_goal', 'refDate', 'plausible_report_before_first_goal');
	const goalIds = await resolveGoals(db, actor, input.goalIds, input.departmentIds);
	check
		.when(goalIds === null, 'goals', 'error_snapshot_goal_unknown')
		.when(goalIds !== null && goalIds.length === 0, 'goals', 'error_snapshot_goals_required')
		.when(goalIds !== null && goalIds.length > MAX_GOALS, 'goals', 'error_snapshot_too_many_goals');
	const commentary = input.commentary.trim();
	check.when(commentary.length > MAX_COMMENTARY, 'commentary', 'error_snapshot_commentary_too_long');
	for (const [id, text] of Object.entries(input.goalCommentary)) check.when(text.trim().length > MAX_COMMENTARY, `commentary-${id}`, 'error_snapshot_commentary_too_long');
	const rawMin = input.minCases.trim();
	const minCases = rawMin === '' ? null : /^\d+$/.test(rawMin) ? Number(rawMin) : NaN;
	check.when(minCases !== null && !(minCases >= MIN_CASES_RANGE.min && minCases <= MIN_CASES_RANGE.max), 'minCases', 'error_snapshot_min_cases');
	check.when(!(LOCALES as readonly string[]).includes(input.locale), 'locale', 'error_snapshot_locale');
	const agreements = await freezeAgreements(db, actor.municipalityId, input.agreementIds ?? []);
	check.when(agreements === null, 'agreements', 'error_snapshot_agreement_unknown');
	check.throwIfAny();
	return { title, refDate: refDate!, goalIds: goalIds!, commentary, minCases, locale: input.locale as (typeof LOCALES)[number], agreements: agreements! };
}

/** The previous snapshot as chosen: the default, none, or one of the municipality's that shares a goal. */
async function choosePrevious(db: Db, actor: Actor, choice: string, goalIds: readonly string[], now: Date): Promise<SnapshotRef | null> {
	if (choice === 'none') return null;
	if (choice === '') return defaultPrevious(db, actor.municipalityId, goalIds, now);
	const [row] = isUuid(choice)
		? await db
				.select(refColumns)
				.from(snapshot)
				.where(and(eq(snapshot.id, choice), eq(snapshot.municipalityId, actor.municipalityId), isNull(snapshot.withdrawnAt)))
		: [];
	new Check().when(!row || !row.goalIds.some((id) => goalIds.includes(id)), 'previousId', 'error_snapshot_previous_unknown').throwIfAny();
	return refOf(row!);
}

export async function createSnapshot(db: Db, actor: Actor, input: SnapshotInput, now = new Date()): Promise<string> {
	requireCan(actor, 'manageSnapshots', home(actor));
	const values = await validate(db, actor, input, berlinToday(now));
	const previous = await choosePrevious(db, actor, input.previousId.trim(), values.goalIds, now);
	const frozen = await freezeGoals(db, actor.municipalityId, values.goalIds, {
		municipality: actor.municipalityName,
		title: values.title,
		refDate: values.refDate,
		createdAt: now,
		createdBy: actor.name,
		commentary: values.commentary,
		goalCommentary: input.goalCommentary,
		minCases: values.minCases,
		previous,
		locale: values.locale
	});
	const assessment = input.includeAssessment ? await freezeAssessment(db, actor.municipalityId, values.refDate) : undefined;
	const content: SnapshotContent = {
		...frozen,
		...(assessment ? { assessment } : {}),
		...(values.agreements.length > 0 ? { agreements: values.agreements } : {})
	};
	const json = canonicalJson(content);
	const hash = sha256Hex(json);
	const changes = await changesAsMade(db, content);
	const pdf = await renderSnapshotPdf(content, hash, changes);
	const [row] = await db
		.insert(snapshot)
		.values({
			municipalityId: actor.municipalityId,
			title: values.title,
			refDate: values.refDate,
			goalIds: content.goals.map((g) => g.id),
			previousId: previous?.id ?? null,
			content: json,
			contentHash: hash,
			pdf,
			pdfHash: encodeHexLowerCase(sha256(pdf)),
			createdBy: actor.userId,
			createdAt: now
		})
		.returning({ id: snapshot.id });
	return row!.id;
}

async function storedContent(db: Db, id: string): Promise<SnapshotContent> {
	const [row] = await db.select({ content: snapshot.content }).from(snapshot).where(eq(snapshot.id, id));
	return JSON.parse(row!.content) as SnapshotContent;
}

/** The changes part of a report as it was made: against the snapshot its content names. */
export async function changesAsMade(db: Db, content: SnapshotContent): Promise<SnapshotChanges | null> {
	if (!content.previous) return null;
	return snapshotChanges({ ...(await storedContent(db, content.previous.id)), id: content.previous.id, hash: content.previous.hash }, content);
}

export interface SnapshotListRow {
	id: string;
	title: string;
	refDate: string;
	createdAt: Date;
	createdBy: string | null;
	goals: number;
	withdrawnAt: Date | null;
	contentHash: string;
}

export async function listSnapshots(db: Db, actor: Actor): Promise<SnapshotListRow[]> {
	requireCan(actor, 'read', home(actor));
	const rows = await db
		.select({ ...refColumns, createdBy: user.name, withdrawnAt: snapshot.withdrawnAt })
		.from(snapshot)
		.leftJoin(user, eq(user.id, snapshot.createdBy))
		.where(eq(snapshot.municipalityId, actor.municipalityId))
		.orderBy(desc(snapshot.createdAt));
	return rows.map((r) => ({ id: r.id, title: r.title, refDate: r.refDate, createdAt: r.createdAt, createdBy: r.createdBy, goals: r.goalIds.length, withdrawnAt: r.withdrawnAt, contentHash: r.contentHash }));
}

/** A snapshot of the actor's municipality (404 for anything else), without its PDF. */
async function requireSnapshot(db: Db, actor: Actor, id: string) {
	requireCan(actor, 'read', home(actor));
	if (!isUuid(id)) throw new NotFoundError();
	const [row] = await db
		.select({
			...refColumns,
			content: snapshot.content,
			pdfHash: snapshot.pdfHash,
			previousId: snapshot.previousId,
			createdBy: user.name,
			withdrawnAt: snapshot.withdrawnAt,
			withdrawnReason: snapshot.withdrawnReason
		})
		.from(snapshot)
		.leftJoin(user, eq(user.id, snapshot.createdBy))
		.where(and(eq(snapshot.id, id), eq(snapshot.municipalityId, actor.municipalityId)));
	if (!row) throw new NotFoundError();
	return row;
}

export async function getSnapshot(db: Db, actor: Actor, id: string) {
	const row = await requireSnapshot(db, actor, id);
	return { ...row, content: JSON.parse(row.content) as SnapshotContent, json: row.content };
}

/** Snapshots of the municipality, not withdrawn, that share a goal with these: what a report may be compared with. */
export async function snapshotsSharing(db: Db, actor: Actor, goalIds: readonly string[], except?: string): Promise<SnapshotRef[]> {
	requireCan(actor, 'read', home(actor));
	const rows = await db
		.select(refColumns)
		.from(snapshot)
		.where(and(eq(snapshot.municipalityId, actor.municipalityId), isNull(snapshot.withdrawnAt), except ? ne(snapshot.id, except) : undefined))
		.orderBy(desc(snapshot.createdAt));
	return rows.filter((r) => r.goalIds.some((g) => goalIds.includes(g))).map(refOf);
}

/** What a snapshot may be compared with. */
export async function comparableSnapshots(db: Db, actor: Actor, id: string): Promise<SnapshotRef[]> {
	const row = await requireSnapshot(db, actor, id);
	return snapshotsSharing(db, actor, row.goalIds, row.id);
}

/**
 * Changes since another snapshot: the one chosen (`compareWith`, an id or 'none'), else the one
 * it was made against. Both are frozen, so the answer never changes.
 */
export async function changesSince(db: Db, actor: Actor, id: string, compareWith: string | null): Promise<SnapshotChanges | null> {
	const current = await getSnapshot(db, actor, id);
	const otherId = compareWith === null ? current.previousId : compareWith === 'none' ? null : compareWith;
	if (!otherId) return null;
	if (!isUuid(otherId)) throw new NotFoundError();
	const other = await getSnapshot(db, actor, otherId);
	return snapshotChanges({ ...other.content, id: other.id, hash: other.contentHash }, current.content);
}

export async function snapshotPdf(db: Db, actor: Actor, id: string): Promise<{ pdf: Uint8Array; title: string; refDate: string }> {
	const row = await requireSnapshot(db, actor, id);
	const [stored] = await db.select({ pdf: snapshot.pdf }).from(snapshot).where(eq(snapshot.id, row.id));
	return { pdf: stored!.pdf, title: row.title, refDate: row.refDate };
}

/** Withdrawn: marked with a reason, every link revoked, the snapshot kept. */
export async function withdrawSnapshot(db: Db, actor: Actor, id: string, reasonInput: string, now = new Date()): Promise<void> {
	requireCan(actor, 'manageSnapshots', home(actor));
	const row = await requireSnapshot(db, actor, id);
	const reason = reasonInput.trim();
	new Check().when(reason.length > MAX_COMMENTARY, 'reason', 'error_snapshot_commentary_too_long').when(row.withdrawnAt !== null, 'reason', 'error_snapshot_already_withdrawn').throwIfAny();
	await db.transaction(async (tx) => {
		await tx.update(snapshot).set({ withdrawnAt: now, withdrawnBy: actor.userId, withdrawnReason: reason || null }).where(eq(snapshot.id, row.id));
		await tx.update(snapshotLink).set({ revokedAt: now }).where(and(eq(snapshotLink.snapshotId, row.id), isNull(snapshotLink.revokedAt)));
	});
}

/** The snapshot's values as CSV for a German spreadsheet, in the report's language. */
export function snapshotCsv(content: SnapshotContent): string {
	const t = (key: string) => translate(key, {}, content.locale);
	const header = [
		'csv_header_goal',
		'csv_header_department',
		'csv_header_track',
		'csv_header_progress',
		'csv_header_indicator',
		'csv_header_unit',
		'csv_header_group',
		'csv_header_date',
		'csv_header_value',
		'csv_header_status',
		'csv_header_cases'
	].map(t);
	const track = (status: string) => t(`track_${status.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)}`);
	const rows = content.goals.flatMap((g) =>
		g.indicators.flatMap((i) =>
			i.values.map((v) => [
				g.title,
				g.department,
				track(g.trackStatus),
				g.progress === null ? null : Math.round(g.progress * 1000) / 10,
				i.name,
				i.unit,
				v.group,
				formatDateCell(v.date),
				v.value,
				v.suppressed ? SUPPRESSED_MARK : formatStatusCell(v.symbol, v.flags),
				v.cases
			])
		)
	);
	return toSpreadsheetCsv(header, rows);
}
