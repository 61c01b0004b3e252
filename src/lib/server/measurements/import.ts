import { and, eq, isNull, lt } from 'drizzle-orm';
import { inTransaction, type Db } from '../db';
import { importSettings, measurement, measurementAudit, measurementImport } from '../db/schema';
import type { Actor } from '../auth/session';
import { announce } from '../goals/announce';
import { afterValuesChanged, lockSeries, requireIndicator, toColumns, valuesOf, type MeasurementValues } from './measurements';
import { Check, isUuid } from '../validation';
import { sha256Hex } from '../../shared/content-hash';
import { CONTROL_CHARACTERS, decodeCsvBytes, isPlainText } from '../../shared/csv/decode';
import { checkPlausibility, jumpWarnings, MAX_IMPORT_BYTES, readCsv, type ColumnMapping, type CsvReading, type ImportProblem, type ParsedMeasurement } from '../../shared/csv/import';
import type { DecimalMark } from '../../shared/csv/cells';
import { berlinToday } from '../../shared/smart';
import { parseRows, type Separator } from '../../shared/csv/parse';
import { NotFoundError } from '../errors';

/**
 * CSV import in two steps: the upload is kept as a draft and previewed (what would be added,
 * changed, left as it is, and every problem with its line and column); confirming writes all
 * of it in one transaction, or nothing. The column choice is remembered per indicator.
 */

export interface ImportChoices {
	separator?: Separator;
	decimalMark?: DecimalMark;
	mapping?: ColumnMapping;
}

export interface PreviewChange {
	line: number;
	before: MeasurementValues | null;
	after: MeasurementValues;
}

export interface ImportPreview {
	id: string;
	fileName: string;
	encoding: string;
	/** `bodyRows`: the table's data rows as read; `validRows`: those without a problem (what would be imported). */
	reading: Omit<CsvReading, 'body' | 'rows'> & { sample: string[][]; bodyRows: number; validRows: number };
	added: PreviewChange[];
	changed: PreviewChange[];
	unchanged: number;
	/** Lines of the file outside the table (titles, footnotes). */
	outside: number;
	/** Values that are possible but implausible: imported only once the person confirms them. */
	warnings: ImportProblem[];
	/** Identifies exactly this preview; confirming a different one is refused. */
	fingerprint: string;
	imported: boolean;
}

/** Keeps an uploaded file as a draft import of the indicator; returns its id. */
export async function uploadImport(db: Db, actor: Actor, indicatorId: string, file: File | null): Promise<string> {
	const target = await requireIndicator(db, actor, indicatorId, 'editGoal');
	const check = new Check();
	check.when(target.archivedAt !== null, 'file', 'error_indicator_archived');
	check.when(!file || file.size === 0, 'file', 'error_import_file_empty');
	check.when(Boolean(file && file.size > MAX_IMPORT_BYTES), 'file', 'error_import_file_too_large');
	check.throwIfAny();
	const { text, encoding } = decodeCsvBytes(new Uint8Array(await file!.arrayBuffer()));
	// Refused before anything is stored: PostgreSQL takes no NUL in text, and a binary file is no table.
	check.when(!isPlainText(text), 'file', 'error_import_not_text');
	check.throwIfAny();
	const fileName = file!.name.replace(CONTROL_CHARACTERS, '').slice(0, 200) || 'import.csv';
	const [row] = await db
		.insert(measurementImport)
		.values({ municipalityId: actor.municipalityId, indicatorId, userId: actor.userId, fileName, encoding, content: text })
		.returning({ id: measurementImport.id });
	return row!.id;
}

async function requireDraft(db: Db, actor: Actor, indicatorId: string, importId: string) {
	if (!isUuid(importId)) throw new NotFoundError();
	const target = await requireIndicator(db, actor, indicatorId, 'editGoal');
	const [draft] = await db
		.select()
		.from(measurementImport)
		.where(and(eq(measurementImport.id, importId), eq(measurementImport.indicatorId, indicatorId)));
	if (!draft) throw new NotFoundError();
	return { draft, target };
}

/** The choices to use: what the user picked, else what was picked last time for this indicator (if it fits). */
async function effectiveChoices(db: Db, indicatorId: string, choices: ImportChoices): Promise<ImportChoices> {
	if (choices.mapping) return choices;
	const [saved] = await db.select().from(importSettings).where(eq(importSettings.indicatorId, indicatorId));
	if (!saved) return choices;
	return { separator: choices.separator ?? (saved.separator as Separator), decimalMark: choices.decimalMark ?? (saved.decimalMark as DecimalMark), mapping: saved.mapping };
}

const same = (a: MeasurementValues, b: MeasurementValues) => JSON.stringify(a) === JSON.stringify(b);

function asValues(row: ParsedMeasurement, source: string): MeasurementValues {
	return { group: row.group, date: row.date, value: row.value.value, symbol: row.value.symbol, flags: row.value.flags, cases: row.cases, note: row.note, source };
}

async function buildPreview(db: Db, draft: typeof measurementImport.$inferSelect, target: { id: string; groups: string[]; unit: string }, choices: ImportChoices): Promise<ImportPreview & { existing: Map<string, string> }> {
	const chosen = await effectiveChoices(db, target.id, choices);
	let reading = readCsv(new TextEncoder().encode(draft.content), { ...chosen, groups: target.groups });
	// A remembered mapping that no longer fits this file's columns is dropped, not forced.
	if (!choices.mapping && chosen.mapping && reading.problems.some((p) => p.key === 'csv_column_missing')) {
		reading = readCsv(new TextEncoder().encode(draft.content), { separator: choices.separator, decimalMark: choices.decimalMark, groups: target.groups });
	}
	// The rules of the form: plausible dates, and values that fit the indicator's unit.
	reading = checkPlausibility(reading, target.unit, berlinToday());
	const current = await db.select().from(measurement).where(eq(measurement.indicatorId, target.id));
	const byKey = new Map(current.map((row) => [`${row.groupName}|${row.refDate}`, row]));
	const source = draft.fileName;
	const added: PreviewChange[] = [];
	const changed: PreviewChange[] = [];
	const existing = new Map<string, string>();
	let unchanged = 0;
	for (const row of reading.rows) {
		const key = `${row.group}|${row.date}`;
		const before = byKey.get(key);
		// A re-import keeps the source someone typed by hand; only the figures are compared.
		const after = asValues(row, before?.source || source);
		if (!before) added.push({ line: row.line, before: null, after });
		else if (same(valuesOf(before), after)) unchanged++;
		else {
			changed.push({ line: row.line, before: valuesOf(before), after });
			existing.set(key, before.id);
		}
	}
	const { body, rows, ...rest } = reading;
	// Records, not physical lines: a quoted note may span lines, and `;;;` is a blank line.
	const tableLines = body.length + (reading.header ? 1 : 0);
	const totalLines = parseRows(draft.content, reading.separator).filter((r) => r.cells.some((c) => c.trim() !== '')).length;
	const fingerprint = sha256Hex(JSON.stringify({ added, changed, mapping: reading.mapping, separator: reading.separator, decimalMark: reading.decimalMark }));
	return {
		id: draft.id,
		fileName: draft.fileName,
		encoding: draft.encoding,
		reading: { ...rest, encoding: draft.encoding as CsvReading['encoding'], sample: body.slice(0, 5).map((r) => r.cells), bodyRows: body.length, validRows: rows.length },
		added,
		changed,
		unchanged,
		outside: Math.max(0, totalLines - tableLines),
		warnings: jumpWarnings(reading, current.map((row) => ({ group: row.groupName, date: row.refDate, value: row.value }))),
		fingerprint,
		imported: draft.importedAt !== null,
		existing
	};
}

export async function previewImport(db: Db, actor: Actor, indicatorId: string, importId: string, choices: ImportChoices = {}): Promise<ImportPreview> {
	const { draft, target } = await requireDraft(db, actor, indicatorId, importId);
	const { existing: _existing, ...preview } = await buildPreview(db, draft, target, choices);
	return preview;
}

const CHUNK = 1000;
function chunks<T>(items: readonly T[]): T[][] {
	const out: T[][] = [];
	for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
	return out;
}

/**
 * Writes what the preview showed, all or nothing: refused when the file has problems or when
 * the data changed since the preview (someone else entered values meanwhile).
 */
export async function confirmImport(
	db: Db,
	actor: Actor,
	indicatorId: string,
	importId: string,
	choices: ImportChoices,
	fingerprint: string,
	warningsConfirmed = false
): Promise<{ added: number; changed: number; unchanged: number }> {
	const { target } = await requireDraft(db, actor, indicatorId, importId);
	const result = await inTransaction(db, async (tx) => {
		// Serialises imports and entries of this indicator while we compare and write; the draft
		// is read again under the lock, so a double submit imports once.
		await lockSeries(tx, indicatorId);
		const [draft] = await tx.select().from(measurementImport).where(eq(measurementImport.id, importId));
		new Check().when(!draft || draft.importedAt !== null, 'import', 'error_import_done').throwIfAny();
		const preview = await buildPreview(tx, draft!, target, choices);
		const check = new Check();
		check.when(preview.reading.problems.length > 0, 'import', 'error_import_has_problems');
		check.when(preview.fingerprint !== fingerprint, 'import', 'error_import_outdated');
		check.when(preview.warnings.length > 0 && !warningsConfirmed, 'import', 'error_import_warnings_unconfirmed');
		check.when(preview.added.length + preview.changed.length === 0, 'import', 'error_import_nothing');
		check.throwIfAny();
		const base = { municipalityId: actor.municipalityId, indicatorId, importId };
		for (const part of chunks(preview.added)) {
			// Ids made here pair each row with its audit entry (RETURNING promises no order).
			const rows = part.map(({ after }) => ({ id: crypto.randomUUID(), after }));
			await tx
				.insert(measurement)
				.values(rows.map(({ id, after }) => ({ ...toColumns(after), id, municipalityId: actor.municipalityId, goalId: target.goalId, indicatorId, importId, enteredBy: actor.userId })));
			await tx.insert(measurementAudit).values(rows.map(({ id, after }) => ({ ...base, measurementId: id, action: 'create' as const, after, userId: actor.userId })));
		}
		const now = new Date();
		for (const change of preview.changed) {
			const id = preview.existing.get(`${change.after.group}|${change.after.date}`)!;
			await tx.update(measurement).set({ ...toColumns(change.after), importId, updatedBy: actor.userId, updatedAt: now }).where(eq(measurement.id, id));
		}
		for (const part of chunks(preview.changed)) {
			await tx.insert(measurementAudit).values(
				part.map((change) => ({ ...base, measurementId: preview.existing.get(`${change.after.group}|${change.after.date}`)!, action: 'update' as const, before: change.before, after: change.after, userId: actor.userId }))
			);
		}
		const counts = { added: preview.added.length, changed: preview.changed.length, unchanged: preview.unchanged };
		await tx.update(measurementImport).set({ result: counts, importedAt: now }).where(eq(measurementImport.id, importId));
		const settings = { mapping: preview.reading.mapping!, header: preview.reading.header, separator: preview.reading.separator, decimalMark: preview.reading.decimalMark, updatedAt: now };
		await tx.insert(importSettings).values({ indicatorId, ...settings }).onConflictDoUpdate({ target: importSettings.indicatorId, set: settings });
		await afterValuesChanged(tx, target.goalId);
		return counts;
	});
	announce(actor.municipalityId, target.goalId);
	return result;
}

/** Drafts that were never confirmed, older than a day, are removed (they hold whole files). */
export async function deleteStaleDrafts(db: Db, olderThan = new Date(Date.now() - 86_400_000)): Promise<void> {
	await db.delete(measurementImport).where(and(isNull(measurementImport.importedAt), lt(measurementImport.createdAt, olderThan)));
}
