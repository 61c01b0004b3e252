import fs from 'node:fs';
import { and, count, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { importSettings, measurement, measurementAudit, measurementImport } from '../../src/lib/server/db/schema';
import type { Db } from '../../src/lib/server/db';
import { createGoal } from '../../src/lib/server/goals/goals';
import { addMeasurement, measurementAuditTrail, valuesOf, type MeasurementValues } from '../../src/lib/server/measurements/measurements';
import { confirmImport, deleteStaleDrafts, previewImport, uploadImport, type ImportChoices, type ImportPreview } from '../../src/lib/server/measurements/import';
import { importChoices } from '../../src/lib/server/measurements/import-choices';
import { createTandem } from '../../src/lib/server/tandems/tandems';
import type { Actor } from '../../src/lib/server/auth/session';
import type { ImportProblem } from '../../src/lib/shared/csv/import';
import { addIndicator, goalRoot, type IndicatorDef } from '../../src/lib/shared/goal-doc';
import { backends, createTown, person, signInAs, useTestDatabase, type SignedIn } from '../support/db';
import { expectHttpStatus, expectValidation } from '../support/expect';
import { editGoal } from '../support/goals';

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

const fixture = (name: string) => new Uint8Array(fs.readFileSync(new URL(`../fixtures/csv/${name}`, import.meta.url)));
const utf8 = (text: string) => new TextEncoder().encode(text);

/**
 * A file with each replacement made exactly once. Bytes go through Latin-1, which maps every
 * byte to one character and back, so UTF-8 and Windows-1252 files both keep their encoding.
 */
function modified(bytes: Uint8Array, replacements: readonly [string, string][]): Uint8Array<ArrayBuffer> {
	let text = Buffer.from(bytes).toString('latin1');
	for (const [from, to] of replacements) {
		expect(text.split(from), `"${from}" must occur exactly once`).toHaveLength(2);
		text = text.replace(from, to);
	}
	return new Uint8Array(Buffer.from(text, 'latin1'));
}

/** A new goal of the tandem with one indicator; returns the indicator's id. */
async function newIndicator(db: Db, author: SignedIn, tandemId: string, fields: Partial<Omit<IndicatorDef, 'id'>>): Promise<{ goalId: string; indicatorId: string }> {
	const goalId = await createGoal(db, author.actor, { tandemId, title: `Import ${fields.name ?? ''}` });
	let indicatorId = '';
	await editGoal(db, goalId, author, (doc) => {
		goalRoot(doc).set('deadline', '2027-12-31');
		indicatorId = addIndicator(doc, { unit: '%', ...fields });
	});
	return { goalId, indicatorId };
}

/** Rows of the tables an import writes, to prove a refused import wrote nothing. */
async function tableCounts(db: Db) {
	const [m] = await db.select({ n: count() }).from(measurement);
	const [a] = await db.select({ n: count() }).from(measurementAudit);
	const [s] = await db.select({ n: count() }).from(importSettings);
	return { measurements: m!.n, audits: a!.n, settings: s!.n };
}

/** An indicator's stored measurements by `group|date`. */
async function series(db: Db, indicatorId: string) {
	const rows = await db.select().from(measurement).where(eq(measurement.indicatorId, indicatorId));
	return new Map(rows.map((row) => [`${row.groupName}|${row.refDate}`, row]));
}

/** Measurement values as the preview and the audit trail show them. */
const values = (source: string, v: Partial<MeasurementValues> & { date: string }): MeasurementValues => ({
	group: '',
	value: null,
	symbol: null,
	flags: [],
	cases: null,
	note: '',
	source,
	...v
});

/** A problem as line, column and key. */
const brief = (problems: readonly ImportProblem[]) => problems.map((p) => [p.line, p.column, p.key]);
/** The preview's figures: what would be added, changed, left alone, and what is wrong. */
const summary = (p: ImportPreview) => ({ added: p.added.length, changed: p.changed.length, unchanged: p.unchanged, problems: brief(p.reading.problems) });

const NO_COLUMNS = { group: null, status: null, cases: null, note: null };
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

interface SupportedFixture {
	file: string;
	groups: string[];
	encoding: 'utf-8' | 'windows-1252';
	mapping: Record<string, number | null>;
	/** Lines of the data rows, in file order. */
	lines: number[];
	/** Some stored rows (`group|date`) and what they must hold. */
	spotChecks: Record<string, Partial<MeasurementValues>>;
	/** Lines outside the table a person sees: titles and footnotes. */
	outside: number;
	/** The indicator's unit, when the file's values are no percentages. */
	unit?: string;
	/** A later delivery of the same file with some figures changed, and the changes expected. */
	edits: [string, string][];
	changes: { line: number; before: Partial<MeasurementValues> & { date: string }; after: Partial<MeasurementValues> & { date: string } }[];
}

const SUPPORTED: SupportedFixture[] = [
	{
		file: 'genesis-semicolon-win1252.csv',
		groups: ['Deutsche', 'Ausländer'],
		encoding: 'windows-1252',
		mapping: { date: 0, group: 1, value: 2, status: 3, cases: 4, note: null },
		lines: [6, 7, 8, 9, 10, 11, 12, 13],
		spotChecks: {
			'Ausländer|2020-12-31': { value: 14.2, symbol: null, flags: [], cases: 12345 },
			'Ausländer|2022-12-31': { value: null, symbol: '.', flags: [], cases: null },
			'Deutsche|2022-12-31': { value: null, symbol: '-', cases: null },
			'Ausländer|2023-12-31': { value: 16.4, flags: ['provisional'], cases: 14210 },
			// Written " deutsche " in the file: stored in the indicator's spelling.
			'Deutsche|2023-12-31': { value: 83.6, flags: ['provisional'], cases: 72980 }
		},
		outside: 8,
		edits: [
			['15,1;;13.102', '15,3;;13.102'],
			[';.;;.', ';15,9;p;13.500']
		],
		changes: [
			{ line: 8, before: { group: 'Ausländer', date: '2021-12-31', value: 15.1, cases: 13102 }, after: { group: 'Ausländer', date: '2021-12-31', value: 15.3, cases: 13102 } },
			{ line: 10, before: { group: 'Ausländer', date: '2022-12-31', symbol: '.' }, after: { group: 'Ausländer', date: '2022-12-31', value: 15.9, flags: ['provisional'], cases: 13500 } }
		]
	},
	{
		file: 'comma-point-utf8.csv',
		groups: [],
		// Amounts: below zero and above 100 are fine.
		unit: 'Euro',
		encoding: 'utf-8',
		mapping: { ...NO_COLUMNS, date: 0, value: 1, note: 2 },
		lines: [2, 3, 4, 5, 6, 7],
		spotChecks: {
			'|2021-06-30': { value: 12.5, flags: [], note: '' },
			'|2021-12-31': { value: 13.25, note: 'after the survey, revised later' },
			'|2022-06-30': { value: -0.5 },
			'|2022-12-31': { value: 1234.5 },
			'|2023-06-30': { value: 7.5, flags: ['uncertain'], note: 'small sample' },
			'|2023-12-31': { value: 8, flags: ['revised'] }
		},
		outside: 0,
		edits: [
			['2022-06-30,-0.5,', '2022-06-30,-0.75,'],
			['2023-12-31,8 r,', '2023-12-31,8,final']
		],
		changes: [
			{ line: 4, before: { date: '2022-06-30', value: -0.5 }, after: { date: '2022-06-30', value: -0.75 } },
			{ line: 7, before: { date: '2023-12-31', value: 8, flags: ['revised'] }, after: { date: '2023-12-31', value: 8, note: 'final' } }
		]
	},
	{
		file: 'years-only.csv',
		groups: ['deutsch', 'nichtdeutsch', 'insgesamt'],
		encoding: 'utf-8',
		mapping: { ...NO_COLUMNS, date: 0, group: 1, value: 2, cases: 3 },
		lines: [2, 3, 4, 5, 6, 7, 8, 9, 10],
		spotChecks: {
			'deutsch|2019-12-31': { value: 4.1, cases: 1802 },
			'nichtdeutsch|2020-12-31': { value: 12, cases: 431 },
			'nichtdeutsch|2021-12-31': { value: 10.8, flags: ['uncertain'], cases: null },
			'insgesamt|2021-12-31': { value: 5, cases: 2221 }
		},
		outside: 0,
		edits: [['2021;nichtdeutsch;(10,8);', '2021;nichtdeutsch;10,9;455']],
		changes: [
			{
				line: 9,
				before: { group: 'nichtdeutsch', date: '2021-12-31', value: 10.8, flags: ['uncertain'] },
				after: { group: 'nichtdeutsch', date: '2021-12-31', value: 10.9, cases: 455 }
			}
		]
	},
	{
		file: 'ba-quoted.csv',
		groups: ['Ausländer', 'Deutsche'],
		encoding: 'utf-8',
		mapping: { date: 0, group: 1, value: 2, status: null, cases: 3, note: 4 },
		lines: [3, 4, 5, 7, 8, 9],
		spotChecks: {
			'Ausländer|2023-01-31': { value: 12.4, cases: 1234, note: '' },
			'Ausländer|2023-02-28': { value: null, symbol: '*', cases: null, note: 'Werte unter 3 anonymisiert; siehe Methodenbericht' },
			'Ausländer|2023-03-31': { value: 12.1, cases: 1198, note: 'Revision nach\nDatenprüfung, Hinweis "vorläufig"' },
			'Deutsche|2023-03-31': { value: 4.7, flags: ['provisional'], cases: 3301 }
		},
		outside: 3,
		edits: [['"4,7 p"', '"4,8"']],
		changes: [
			{
				line: 9,
				before: { group: 'Deutsche', date: '2023-03-31', value: 4.7, flags: ['provisional'], cases: 3301 },
				after: { group: 'Deutsche', date: '2023-03-31', value: 4.8, cases: 3301 }
			}
		]
	}
];

const BROKEN: { file: string; groups: string[]; problems: [number, number, string][] }[] = [
	{
		file: 'broken-bad-date.csv',
		groups: [],
		problems: [
			[3, 1, 'csv_date_invalid'],
			[4, 1, 'csv_date_invalid'],
			[5, 1, 'csv_date_empty'],
			[7, 2, 'csv_value_empty']
		]
	},
	{
		file: 'broken-unknown-symbol.csv',
		groups: [],
		problems: [
			[3, 2, 'csv_value_unknown_symbol'],
			[4, 2, 'csv_value_unknown_symbol'],
			[5, 2, 'csv_value_invalid'],
			[6, 2, 'csv_value_uncertain_without_number'],
			[9, 3, 'csv_status_conflict'],
			[10, 3, 'csv_status_unknown']
		]
	},
	{
		file: 'broken-wrong-column.csv',
		groups: ['deutsch', 'nichtdeutsch'],
		problems: [
			[4, 4, 'csv_column_missing'],
			[6, 1, 'csv_duplicate'],
			[7, 2, 'csv_group_unknown']
		]
	}
];

const BIG_GROUPS = ['deutsch', 'nichtdeutsch', 'insgesamt'];

/**
 * A statistics file over 5 MB: a title, a header, then three groups per day, stepping back one
 * day at a time from 31 October 2026. Every 40th value is a symbol, every 13th number
 * provisional, every 50th row has its own note (the others a common one).
 */
function bigCsv(): { text: string; rows: number; lastLine: number; first: string; last: string } {
	const lines = ['Statistisches Landesamt Musterland: Anteile nach Gruppen', 'Stichtag;Gruppe;Anteil;Kennzeichen;Fälle;Bemerkung'];
	const start = Date.UTC(2026, 9, 31);
	let size = 0;
	let rows = 0;
	while (size < 5 * 1024 * 1024 + 4096) {
		const [y, m, d] = new Date(start - Math.floor(rows / 3) * 86_400_000).toISOString().slice(0, 10).split('-');
		const symbol = rows % 40 === 0;
		const value = symbol ? '.' : `${rows % 100},${rows % 10}`;
		const flag = !symbol && rows % 13 === 0 ? 'p' : '';
		const note = rows % 50 === 0 ? `Hinweis Nr. ${rows}` : 'Fortschreibung auf Grundlage des Zensus 2022';
		const line = `${d}.${m}.${y};${BIG_GROUPS[rows % 3]};${value};${flag};${rows % 997};${note}`;
		lines.push(line);
		size += line.length + 2;
		rows++;
	}
	return { text: lines.join('\r\n'), rows, lastLine: lines.length, first: lines[2]!, last: lines.at(-1)! };
}

describe.each(backends)('measurement import on %s', (backend) => {
	const t = useTestDatabase(backend);
	let member: SignedIn, focus: SignedIn, head: SignedIn, outsider: SignedIn;
	let tandemId: string;

	/** Uploads a file and previews it (as the import page does after the upload's redirect). */
	async function uploadAndPreview(actor: Actor, indicatorId: string, bytes: Uint8Array<ArrayBuffer>, name: string, choices: ImportChoices = {}) {
		const draftId = await uploadImport(t.db, actor, indicatorId, new File([bytes], name));
		return { draftId, preview: await previewImport(t.db, actor, indicatorId, draftId, choices) };
	}

	beforeAll(async () => {
		const town = await createTown(t.db, {
			departments: ['Bildung'],
			people: { focus: { roles: ['focus'] }, member: { roles: ['member'], department: 'Bildung' }, head: { roles: ['head'], department: 'Bildung' } }
		});
		const other = await createTown(t.db, { departments: ['Bildung'], people: { focus: { roles: ['focus'] } } });
		[focus, member, head, outsider] = await Promise.all([
			signInAs(t.db, person(town, 'focus')),
			signInAs(t.db, person(town, 'member')),
			signInAs(t.db, person(town, 'head')),
			signInAs(t.db, person(other, 'focus'))
		]);
		tandemId = await createTandem(t.db, focus.actor, {
			name: 'Tandem Bildung',
			departmentId: town.departments.Bildung!,
			membershipIds: [person(town, 'focus').membershipId, person(town, 'member').membershipId]
		});
	});

	describe.each(SUPPORTED)('$file', (spec) => {
		const n = spec.lines.length;
		let indicatorId: string;
		let goalId: string;
		let firstDraft: string;

		beforeAll(async () => {
			({ goalId, indicatorId } = await newIndicator(t.db, member, tandemId, { name: spec.file, groups: spec.groups, breakdown: spec.groups.length ? 'Gruppe' : '', ...(spec.unit ? { unit: spec.unit } : {}) }));
		});

		it('previews every row as new, then writes exactly those rows with an audit row each', async () => {
			const before = await tableCounts(t.db);
			const { draftId, preview } = await uploadAndPreview(member.actor, indicatorId, fixture(spec.file), spec.file);
			firstDraft = draftId;
			expect(summary(preview)).toEqual({ added: n, changed: 0, unchanged: 0, problems: [] });
			expect(preview.added.map((a) => a.line)).toEqual(spec.lines);
			expect(preview.added.every((a) => a.before === null)).toBe(true);
			expect(preview).toMatchObject({ fileName: spec.file, encoding: spec.encoding, imported: false, reading: { mapping: spec.mapping, bodyRows: n, validRows: n } });

			expect(await confirmImport(t.db, member.actor, indicatorId, draftId, {}, preview.fingerprint)).toEqual({ added: n, changed: 0, unchanged: 0 });
			expect(await tableCounts(t.db)).toEqual({ measurements: before.measurements + n, audits: before.audits + n, settings: before.settings + 1 });

			const stored = await series(t.db, indicatorId);
			expect(stored.size).toBe(n);
			for (const [key, expected] of Object.entries(spec.spotChecks)) expect(stored.get(key), key).toMatchObject(expected);
			expect([...stored.values()].every((row) => row.importId === draftId && row.source === spec.file && row.enteredBy === member.actor.userId)).toBe(true);
			// The preview showed exactly what was written.
			expect(preview.added.map((a) => a.after)).toEqual(preview.added.map((a) => valuesOf(stored.get(`${a.after.group}|${a.after.date}`)!)));

			// Each audit row belongs to the import and describes the measurement it points at.
			const audits = await t.db.select().from(measurementAudit).where(eq(measurementAudit.indicatorId, indicatorId));
			expect(audits).toHaveLength(n);
			const byId = new Map([...stored.values()].map((row) => [row.id, row]));
			for (const audit of audits) {
				expect(audit).toMatchObject({ action: 'create', importId: draftId, before: null, userId: member.actor.userId });
				expect(audit.after).toEqual(valuesOf(byId.get(audit.measurementId)!));
			}
			expect((await measurementAuditTrail(t.db, head.actor, goalId)).every((entry) => entry.imported)).toBe(true);

			// The draft is now the record of the import and cannot be confirmed twice.
			const [draft] = await t.db.select().from(measurementImport).where(eq(measurementImport.id, draftId));
			expect(draft).toMatchObject({ result: { added: n, changed: 0, unchanged: 0 } });
			expect(draft!.importedAt).toBeInstanceOf(Date);
			expect((await previewImport(t.db, member.actor, indicatorId, draftId)).imported).toBe(true);
			await expectValidation(confirmImport(t.db, member.actor, indicatorId, draftId, {}, preview.fingerprint), { import: 'error_import_done' });
		});

		it('finds nothing new in the same file a second time and refuses to import nothing', async () => {
			const before = await tableCounts(t.db);
			const { draftId, preview } = await uploadAndPreview(focus.actor, indicatorId, fixture(spec.file), spec.file);
			expect(draftId).not.toBe(firstDraft);
			expect(summary(preview)).toEqual({ added: 0, changed: 0, unchanged: n, problems: [] });
			await expectValidation(confirmImport(t.db, focus.actor, indicatorId, draftId, {}, preview.fingerprint), { import: 'error_import_nothing' });
			expect(await tableCounts(t.db)).toEqual(before);
		});

		it('shows changed figures of a later delivery with before and after, and updates only those', async () => {
			const before = await tableCounts(t.db);
			const k = spec.changes.length;
			const { draftId, preview } = await uploadAndPreview(focus.actor, indicatorId, modified(fixture(spec.file), spec.edits), spec.file);
			expect(summary(preview)).toEqual({ added: 0, changed: k, unchanged: n - k, problems: [] });
			const expected = spec.changes.map(({ line, before: b, after: a }) => ({ line, before: values(spec.file, b), after: values(spec.file, a) }));
			expect(preview.changed).toEqual(expected);

			expect(await confirmImport(t.db, focus.actor, indicatorId, draftId, {}, preview.fingerprint)).toEqual({ added: 0, changed: k, unchanged: n - k });
			expect(await tableCounts(t.db)).toEqual({ ...before, audits: before.audits + k });

			const stored = await series(t.db, indicatorId);
			for (const change of expected) {
				const row = stored.get(`${change.after.group}|${change.after.date}`)!;
				expect(valuesOf(row)).toEqual(change.after);
				expect(row).toMatchObject({ importId: draftId, updatedBy: focus.actor.userId, enteredBy: member.actor.userId });
			}
			// Rows the file left as they were still belong to the first import.
			expect([...stored.values()].filter((row) => row.importId === firstDraft)).toHaveLength(n - k);

			const updates = await t.db
				.select()
				.from(measurementAudit)
				.where(and(eq(measurementAudit.indicatorId, indicatorId), eq(measurementAudit.action, 'update')));
			expect(updates.map(({ importId, before: b, after: a, userId }) => ({ importId, before: b, after: a, userId }))).toEqual(
				expect.arrayContaining(expected.map(({ before: b, after: a }) => ({ importId: draftId, before: b, after: a, userId: focus.actor.userId })))
			);
			expect(updates).toHaveLength(k);
		});
	});

	it.each(SUPPORTED)('counts the lines outside the table of $file as a person sees them (titles and footnotes)', async (spec) => {
		const { indicatorId } = await newIndicator(t.db, member, tandemId, { name: `outside ${spec.file}`, groups: spec.groups });
		const { preview } = await uploadAndPreview(member.actor, indicatorId, fixture(spec.file), spec.file);
		expect(preview.outside).toBe(spec.outside);
	});

	describe('files with problems', () => {
		it.each(BROKEN)('$file: lists every problem with line and column, and confirming writes nothing', async (spec) => {
			const { indicatorId } = await newIndicator(t.db, member, tandemId, { name: spec.file, groups: spec.groups });
			const before = await tableCounts(t.db);
			const { draftId, preview } = await uploadAndPreview(member.actor, indicatorId, fixture(spec.file), spec.file);
			expect(brief(preview.reading.problems)).toEqual(spec.problems);
			expect(preview.reading.problems.every((p) => p.params.line === p.line && p.params.column === p.column)).toBe(true);
			expect(preview.added.length).toBeGreaterThan(0);
			// The rows read are the valid ones and those with a problem.
			const withProblems = new Set(spec.problems.map(([line]) => line)).size;
			expect(preview.reading).toMatchObject({ bodyRows: preview.added.length + withProblems, validRows: preview.added.length });

			await expectValidation(confirmImport(t.db, member.actor, indicatorId, draftId, {}, preview.fingerprint), { import: 'error_import_has_problems' });
			expect(await tableCounts(t.db)).toEqual(before);
			const [draft] = await t.db.select().from(measurementImport).where(eq(measurementImport.id, draftId));
			expect(draft).toMatchObject({ result: null, importedAt: null });
		});

		it('refuses an empty upload (empty.csv) or none with a field error, keeping no draft', async () => {
			const { indicatorId } = await newIndicator(t.db, member, tandemId, { name: 'leer' });
			const before = await tableCounts(t.db);
			const [drafts] = await t.db.select({ n: count() }).from(measurementImport);
			await expectValidation(uploadImport(t.db, member.actor, indicatorId, new File([fixture('empty.csv')], 'empty.csv')), { file: 'error_import_file_empty' });
			await expectValidation(uploadImport(t.db, member.actor, indicatorId, null), { file: 'error_import_file_empty' });
			expect(await tableCounts(t.db)).toEqual(before);
			expect((await t.db.select({ n: count() }).from(measurementImport))[0]).toEqual(drafts);
		});

		it('reports a file without a table, and confirming it writes nothing', async () => {
			const { indicatorId } = await newIndicator(t.db, member, tandemId, { name: 'ohne Tabelle' });
			const before = await tableCounts(t.db);
			const { draftId, preview } = await uploadAndPreview(member.actor, indicatorId, utf8('\uFEFFDatum;Wert\r\n;;\r\n'), 'kopf.csv');
			expect(summary(preview)).toEqual({ added: 0, changed: 0, unchanged: 0, problems: [[1, 1, 'csv_empty']] });
			await expectValidation(confirmImport(t.db, member.actor, indicatorId, draftId, {}, preview.fingerprint), { import: 'error_import_has_problems' });
			expect(await tableCounts(t.db)).toEqual(before);
		});
	});

	describe('plausibility', () => {
		it('reports dates before 1950 or in the future and values outside the unit with line and column', async () => {
			const { indicatorId } = await newIndicator(t.db, member, tandemId, { name: 'unplausibel', unit: '%' });
			const csv = 'Stichtag;Wert\n31.12.1850;12,5\n31.12.2020;150\n31.12.2021;-1\n31.12.2999;5\n31.12.2022;40\n';
			const { draftId, preview } = await uploadAndPreview(member.actor, indicatorId, utf8(csv), 'alt.csv');
			expect(summary(preview)).toEqual({
				added: 1,
				changed: 0,
				unchanged: 0,
				problems: [
					[2, 1, 'csv_date_too_early'],
					[3, 2, 'csv_percent_range'],
					[4, 2, 'csv_percent_range'],
					[5, 1, 'csv_date_future']
				]
			});
			expect(preview.reading.problems[0]!.params.value).toBe('31.12.1850');
			// Every data row counts as read, only the one without a problem as valid.
			expect(preview.reading).toMatchObject({ bodyRows: 5, validRows: 1 });
			await expectValidation(confirmImport(t.db, member.actor, indicatorId, draftId, {}, preview.fingerprint), { import: 'error_import_has_problems' });
		});

		it('takes counts only whole and not negative', async () => {
			const { indicatorId } = await newIndicator(t.db, member, tandemId, { name: 'Anzahl', unit: 'Anzahl' });
			const { preview } = await uploadAndPreview(member.actor, indicatorId, utf8('Jahr;Wert\n2020;-5\n2021;2,5\n2022;1250\n'), 'anzahl.csv');
			expect(summary(preview)).toEqual({ added: 1, changed: 0, unchanged: 0, problems: [[2, 2, 'csv_count_negative'], [3, 2, 'csv_count_not_whole']] });
			expect(preview.reading).toMatchObject({ bodyRows: 3, validRows: 1 });
		});

		it('imports a jump far beyond the steps of the series only once it is confirmed', async () => {
			const { indicatorId } = await newIndicator(t.db, member, tandemId, { name: 'Sprung', unit: '%' });
			for (const [date, value] of [['2019-12-31', '10'], ['2020-12-31', '12']] as const) {
				await addMeasurement(t.db, member.actor, indicatorId, { group: '', date, value, symbol: '', flags: [], cases: '', note: '', source: '' }, 'de');
			}
			const { draftId, preview } = await uploadAndPreview(member.actor, indicatorId, utf8('Jahr;Wert\n2021;13\n2022;95\n'), 'sprung.csv');
			expect(summary(preview)).toEqual({ added: 2, changed: 0, unchanged: 0, problems: [] });
			expect(preview.warnings.map((w) => [w.line, w.column, w.key, w.params.value])).toEqual([[3, 2, 'csv_jump', '95']]);
			const before = await tableCounts(t.db);
			await expectValidation(confirmImport(t.db, member.actor, indicatorId, draftId, {}, preview.fingerprint), { import: 'error_import_warnings_unconfirmed' });
			expect(await tableCounts(t.db)).toEqual(before);
			expect(await confirmImport(t.db, member.actor, indicatorId, draftId, {}, preview.fingerprint, true)).toEqual({ added: 2, changed: 0, unchanged: 0 });
		});
	});

	describe('a 5 MB file', () => {
		const big = bigCsv();

		it(
			'is imported completely, or not at all when its very last cell is wrong',
			async () => {
				const { indicatorId } = await newIndicator(t.db, member, tandemId, { name: 'groß', groups: BIG_GROUPS, breakdown: 'Gruppe' });
				const good = utf8(big.text);
				expect(good.length).toBeGreaterThan(5 * 1024 * 1024);

				// The last line's value "12,5,0" is no number: nothing of the file may be written.
				const lastValue = big.last.split(';')[2]!;
				const bad = utf8(`${big.text.slice(0, big.text.length - big.last.length)}${big.last.replace(`;${lastValue};`, ';12,5,0;')}`);
				const before = await tableCounts(t.db);
				const broken = await uploadAndPreview(member.actor, indicatorId, bad, 'gross-kaputt.csv');
				expect(broken.preview.reading.problems).toEqual([
					{ line: big.lastLine, column: 3, key: 'csv_value_invalid', params: { line: big.lastLine, column: 3, value: '12,5,0' } }
				]);
				expect(broken.preview.added).toHaveLength(big.rows - 1);
				await expectValidation(confirmImport(t.db, member.actor, indicatorId, broken.draftId, {}, broken.preview.fingerprint), { import: 'error_import_has_problems' });
				expect(await tableCounts(t.db)).toEqual(before);

				const { draftId, preview } = await uploadAndPreview(member.actor, indicatorId, good, 'gross.csv');
				expect(summary(preview)).toEqual({ added: big.rows, changed: 0, unchanged: 0, problems: [] });
				expect(preview.reading.mapping).toEqual({ date: 0, group: 1, value: 2, status: 3, cases: 4, note: 5 });
				expect(await confirmImport(t.db, member.actor, indicatorId, draftId, {}, preview.fingerprint)).toEqual({ added: big.rows, changed: 0, unchanged: 0 });
				expect(await tableCounts(t.db)).toEqual({ measurements: before.measurements + big.rows, audits: before.audits + big.rows, settings: before.settings + 1 });

				const stored = await series(t.db, indicatorId);
				expect(stored.size).toBe(big.rows);
				// Row 0: 31.10.2026, deutsch, a symbol (every 40th), a note (every 50th).
				expect(big.first).toBe('31.10.2026;deutsch;.;;0;Hinweis Nr. 0');
				expect(valuesOf(stored.get('deutsch|2026-10-31')!)).toEqual(values('gross.csv', { group: 'deutsch', date: '2026-10-31', symbol: '.', cases: 0, note: 'Hinweis Nr. 0' }));
				// Row 13: provisional (every 13th), 4 days back, group 13 % 3 = 1, the common note.
				expect(valuesOf(stored.get('nichtdeutsch|2026-10-27')!)).toEqual(values('gross.csv', { group: 'nichtdeutsch', date: '2026-10-27', value: 13.3, flags: ['provisional'], cases: 13, note: 'Fortschreibung auf Grundlage des Zensus 2022' }));
				// The last row of the file.
				const i = big.rows - 1;
				const [d, m, y] = big.last.split(';')[0]!.split('.');
				expect(stored.get(`${BIG_GROUPS[i % 3]}|${y}-${m}-${d}`)).toMatchObject({ cases: i % 997, importId: draftId });
			},
			240_000
		);
	});

	describe('the column choice', () => {
		it('is remembered for the next file of the same layout', async () => {
			const { indicatorId } = await newIndicator(t.db, member, tandemId, { name: 'Spalten' });
			// A running number before the value: guessed as the value, wrongly.
			const first = utf8('Zähler;Ergebnis;Jahr\n1;12,5;2021\n2;13,5;2022\n3;14,5;2023\n');
			const { draftId, preview: guessed } = await uploadAndPreview(member.actor, indicatorId, first, 'ergebnisse-2023.csv');
			expect(guessed.reading.mapping).toEqual({ ...NO_COLUMNS, date: 2, value: 0 });
			expect(guessed.added.map((a) => a.after.value)).toEqual([1, 2, 3]);

			// The person picks the columns on the preview page.
			const choices = importChoices(new URLSearchParams({ draft: draftId, separator: 'semicolon', decimal: 'comma', col_date: '2', col_value: '1', col_group: '' }));
			expect(choices).toEqual({ separator: ';', decimalMark: ',', mapping: { ...NO_COLUMNS, date: 2, value: 1 } });
			const chosen = await previewImport(t.db, member.actor, indicatorId, draftId, choices);
			expect(chosen.added.map((a) => [a.after.date, a.after.value])).toEqual([
				['2021-12-31', 12.5],
				['2022-12-31', 13.5],
				['2023-12-31', 14.5]
			]);
			// Confirming with the guess's fingerprint but the chosen columns is refused as outdated.
			await expectValidation(confirmImport(t.db, member.actor, indicatorId, draftId, choices, guessed.fingerprint), { import: 'error_import_outdated' });
			await confirmImport(t.db, member.actor, indicatorId, draftId, choices, chosen.fingerprint);
			const [settings] = await t.db.select().from(importSettings).where(eq(importSettings.indicatorId, indicatorId));
			expect(settings).toMatchObject({ mapping: { ...NO_COLUMNS, date: 2, value: 1 }, header: ['Zähler', 'Ergebnis', 'Jahr'], separator: ';', decimalMark: ',' });

			// Next year's file: previewed and confirmed without choosing again.
			const next = utf8('Zähler;Ergebnis;Jahr\n4;15,5;2024\n5;16,5;2025\n');
			const later = await uploadAndPreview(member.actor, indicatorId, next, 'ergebnisse-2025.csv');
			expect(later.preview.reading.mapping).toEqual({ ...NO_COLUMNS, date: 2, value: 1 });
			expect(later.preview.added.map((a) => [a.after.date, a.after.value])).toEqual([
				['2024-12-31', 15.5],
				['2025-12-31', 16.5]
			]);
			expect(await confirmImport(t.db, member.actor, indicatorId, later.draftId, {}, later.preview.fingerprint)).toEqual({ added: 2, changed: 0, unchanged: 0 });
			expect([...(await series(t.db, indicatorId)).values()].map((r) => r.value!).sort((a, b) => a - b)).toEqual([12.5, 13.5, 14.5, 15.5, 16.5]);
		});
	});

	describe('a preview that is out of date', () => {
		it('is refused when someone entered a value at one of its dates meanwhile, and nothing is written', async () => {
			const { indicatorId } = await newIndicator(t.db, member, tandemId, { name: 'veraltet' });
			const { draftId, preview } = await uploadAndPreview(member.actor, indicatorId, utf8('Jahr;Wert\n2021;1,5\n2022;2,5\n'), 'werte.csv');
			expect(summary(preview)).toEqual({ added: 2, changed: 0, unchanged: 0, problems: [] });

			await addMeasurement(t.db, focus.actor, indicatorId, { group: '', date: '2022-12-31', value: '9', symbol: '', flags: [], cases: '', note: '', source: 'von Hand' }, 'de');
			const before = await tableCounts(t.db);
			await expectValidation(confirmImport(t.db, member.actor, indicatorId, draftId, {}, preview.fingerprint), { import: 'error_import_outdated' });
			expect(await tableCounts(t.db)).toEqual(before);
			expect([...(await series(t.db, indicatorId)).values()].map((r) => [r.refDate, r.value])).toEqual([['2022-12-31', 9]]);

			// Looking again shows the hand-entered value as changed; its source is kept.
			const fresh = await previewImport(t.db, member.actor, indicatorId, draftId);
			expect(summary(fresh)).toEqual({ added: 1, changed: 1, unchanged: 0, problems: [] });
			expect(fresh.changed).toEqual([{ line: 3, before: values('von Hand', { date: '2022-12-31', value: 9 }), after: values('von Hand', { date: '2022-12-31', value: 2.5 }) }]);
			expect(await confirmImport(t.db, member.actor, indicatorId, draftId, {}, fresh.fingerprint)).toEqual({ added: 1, changed: 1, unchanged: 0 });
		});
	});

	describe('permissions', () => {
		let indicatorId: string;
		let otherIndicatorId: string;
		let draftId: string;
		let fingerprint: string;
		const file = () => utf8('Jahr;Wert\n2021;1,5\n');

		beforeAll(async () => {
			({ indicatorId } = await newIndicator(t.db, member, tandemId, { name: 'Rechte' }));
			({ indicatorId: otherIndicatorId } = await newIndicator(t.db, member, tandemId, { name: 'Rechte 2' }));
			const uploaded = await uploadAndPreview(member.actor, indicatorId, file(), 'werte.csv');
			draftId = uploaded.draftId;
			fingerprint = uploaded.preview.fingerprint;
		});

		it('refuses the department head outside the tandem: 403', async () => {
			const before = await tableCounts(t.db);
			await expectHttpStatus(uploadImport(t.db, head.actor, indicatorId, new File([file()], 'werte.csv')), 403);
			await expectHttpStatus(previewImport(t.db, head.actor, indicatorId, draftId), 403);
			await expectHttpStatus(confirmImport(t.db, head.actor, indicatorId, draftId, {}, fingerprint), 403);
			expect(await tableCounts(t.db)).toEqual(before);
		});

		it('answers another municipality, unknown and malformed ids with 404', async () => {
			const before = await tableCounts(t.db);
			await expectHttpStatus(uploadImport(t.db, outsider.actor, indicatorId, new File([file()], 'werte.csv')), 404);
			await expectHttpStatus(previewImport(t.db, outsider.actor, indicatorId, draftId), 404);
			await expectHttpStatus(confirmImport(t.db, outsider.actor, indicatorId, draftId, {}, fingerprint), 404);
			await expectHttpStatus(uploadImport(t.db, focus.actor, UNKNOWN_ID, new File([file()], 'werte.csv')), 404);
			await expectHttpStatus(uploadImport(t.db, focus.actor, 'nope', new File([file()], 'werte.csv')), 404);
			await expectHttpStatus(previewImport(t.db, focus.actor, indicatorId, UNKNOWN_ID), 404);
			await expectHttpStatus(previewImport(t.db, focus.actor, indicatorId, 'nope'), 404);
			await expectHttpStatus(confirmImport(t.db, focus.actor, indicatorId, 'nope', {}, fingerprint), 404);
			// A draft belongs to its indicator.
			await expectHttpStatus(previewImport(t.db, focus.actor, otherIndicatorId, draftId), 404);
			await expectHttpStatus(confirmImport(t.db, focus.actor, otherIndicatorId, draftId, {}, fingerprint), 404);
			expect(await tableCounts(t.db)).toEqual(before);
			// The rightful people still can.
			expect(await confirmImport(t.db, focus.actor, indicatorId, draftId, {}, fingerprint)).toEqual({ added: 1, changed: 0, unchanged: 0 });
		});
	});

	it('removes drafts nobody confirmed within a day, keeping confirmed imports and fresh drafts', async () => {
		const { indicatorId } = await newIndicator(t.db, member, tandemId, { name: 'Entwürfe' });
		const stale = await uploadImport(t.db, member.actor, indicatorId, new File([utf8('Jahr;Wert\n2021;1\n')], 'alt.csv'));
		const fresh = await uploadImport(t.db, member.actor, indicatorId, new File([utf8('Jahr;Wert\n2021;1\n')], 'neu.csv'));
		const done = await uploadAndPreview(member.actor, indicatorId, utf8('Jahr;Wert\n2022;2\n'), 'fertig.csv');
		await confirmImport(t.db, member.actor, indicatorId, done.draftId, {}, done.preview.fingerprint);
		const twoDaysAgo = new Date(Date.now() - 2 * 86_400_000);
		for (const id of [stale, done.draftId]) await t.db.update(measurementImport).set({ createdAt: twoDaysAgo }).where(eq(measurementImport.id, id));

		await deleteStaleDrafts(t.db);
		const left = (await t.db.select({ id: measurementImport.id }).from(measurementImport).where(eq(measurementImport.indicatorId, indicatorId))).map((r) => r.id);
		expect(left.sort()).toEqual([fresh, done.draftId].sort());
	});
});
