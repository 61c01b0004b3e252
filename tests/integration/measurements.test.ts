import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { goal, indicator, measurement, measurementAudit } from '../../src/lib/server/db/schema';
import type { Db } from '../../src/lib/server/db';
import { createGoal } from '../../src/lib/server/goals/goals';
import {
	addMeasurement,
	correctMeasurement,
	deleteMeasurement,
	goalMeasurements,
	measurementAuditTrail,
	readMeasurementForm,
	type MeasurementInput
} from '../../src/lib/server/measurements/measurements';
import { csvDownload, measurementsCsv } from '../../src/lib/server/measurements/export';
import { confirmImport, previewImport, uploadImport } from '../../src/lib/server/measurements/import';
import { createTandem } from '../../src/lib/server/tandems/tandems';
import { addIndicator, findIndicator, goalRoot, goalText, removeIndicator, type IndicatorDef } from '../../src/lib/shared/goal-doc';
import { berlinToday } from '../../src/lib/shared/smart';
import { backends, createTown, person, signInAs, useTestDatabase, type SignedIn, type Town } from '../support/db';
import { expectHttpStatus, expectValidation } from '../support/expect';
import { editGoal } from '../support/goals';
import { entry } from '../support/measurements';

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

type IndicatorFields = Partial<Omit<IndicatorDef, 'id'>>;

/** A goal of the tandem with a deadline and these indicators (in this order). */
async function goalWith(db: Db, author: SignedIn, tandemId: string, title: string, indicators: IndicatorFields[]) {
	const goalId = await createGoal(db, author.actor, { tandemId, title });
	const indicatorIds: string[] = [];
	await editGoal(db, goalId, author, (doc) => {
		goalRoot(doc).set('deadline', '2027-12-31');
		for (const fields of indicators) indicatorIds.push(addIndicator(doc, fields));
	});
	return { goalId, indicatorIds };
}

const storedMeasurement = async (db: Db, id: string) => (await db.select().from(measurement).where(eq(measurement.id, id)))[0];
const storedIndicator = async (db: Db, id: string) => (await db.select().from(indicator).where(eq(indicator.id, id)))[0]!;
const storedGoal = async (db: Db, id: string) => (await db.select().from(goal).where(eq(goal.id, id)))[0]!;

/** Rows in the measurement and audit tables, to prove a refused call wrote nothing. */
async function tableCounts(db: Db) {
	const [m] = await db.select({ n: count() }).from(measurement);
	const [a] = await db.select({ n: count() }).from(measurementAudit);
	return { measurements: m!.n, audits: a!.n };
}

/** The day after today in Berlin (the first date the form must refuse). */
function tomorrow(): string {
	return new Date(Date.parse(`${berlinToday()}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';
const GROUPS = ['Deutsche', 'Ausländer'];
/** Baseline 20 at the end of 2024, target 10 at the end of 2027: down by 10 in three years. */
const FALLING: IndicatorFields = {
	name: 'Schulabbruchquote',
	unit: '%',
	direction: 'down',
	baselineValue: 20,
	baselineDate: '2024-12-31',
	targetValue: 10,
	targetDate: '2027-12-31',
	frequency: 'yearly'
};

// Every invalid input: the field and message key it must answer with.
const INVALID: [label: string, indicator: 'plain' | 'grouped', fields: Partial<MeasurementInput>, locale: string, errors: Record<string, string>][] = [
	['a missing date', 'plain', { date: '', value: '12,5' }, 'de', { date: 'error_measurement_date_required' }],
	['an impossible date', 'plain', { date: '2025-02-30', value: '12,5' }, 'de', { date: 'error_measurement_date_invalid' }],
	['a date that is not ISO', 'plain', { date: '31.12.2025', value: '12,5' }, 'de', { date: 'error_measurement_date_invalid' }],
	['a future date', 'plain', { date: tomorrow(), value: '12,5' }, 'de', { date: 'plausible_date_future' }],
	['a date before 1950', 'plain', { date: '1800-01-01', value: '12,5' }, 'de', { date: 'plausible_date_too_early' }],
	['a percentage over 100', 'plain', { value: '150' }, 'de', { value: 'plausible_percent_range' }],
	['a negative percentage', 'plain', { value: '-0,5' }, 'de', { value: 'plausible_percent_range' }],
	['a value and a symbol', 'plain', { value: '12,5', symbol: '.' }, 'de', { value: 'error_measurement_value_with_symbol' }],
	['neither value nor symbol', 'plain', {}, 'de', { value: 'error_measurement_value_required' }],
	['a word as number', 'plain', { value: 'zwölf' }, 'de', { value: 'error_number_invalid' }],
	['a German number in English', 'plain', { value: '12,5' }, 'en', { value: 'error_number_invalid' }],
	['uncertain with a symbol', 'plain', { symbol: '.', flags: ['uncertain'] }, 'de', { flags: 'error_measurement_flags_with_symbol' }],
	['an unknown flag', 'plain', { value: '3', flags: ['final'] }, 'de', { flags: 'error_measurement_flag_unknown' }],
	['an unknown symbol', 'plain', { symbol: '?' }, 'de', { symbol: 'error_measurement_symbol_unknown' }],
	['negative cases', 'plain', { value: '3', cases: '-3' }, 'de', { cases: 'error_measurement_cases_invalid' }],
	['fractional cases', 'plain', { value: '3', cases: '2,5' }, 'de', { cases: 'error_measurement_cases_invalid' }],
	['a note over 2000 characters', 'plain', { value: '3', note: 'x'.repeat(2001) }, 'de', { note: 'error_measurement_note_too_long' }],
	['a source over 500 characters', 'plain', { value: '3', source: 'x'.repeat(501) }, 'de', { source: 'error_measurement_source_too_long' }],
	['no group for an indicator with groups', 'grouped', { value: '3' }, 'de', { group: 'error_measurement_group_required' }],
	['a group the indicator does not have', 'grouped', { value: '3', group: 'Andere' }, 'de', { group: 'error_measurement_group_required' }],
	['several problems at once', 'grouped', { date: '', value: 'viel' }, 'de', { date: 'error_measurement_date_required', group: 'error_measurement_group_required', value: 'error_number_invalid' }]
];

describe.each(backends)('measurements on %s', (backend) => {
	const t = useTestDatabase(backend);
	let town: Town;
	let other: Town;
	/** In the tandem: focus (integration office) and member (Bildung). Outside it: the rest. */
	let focus: SignedIn, member: SignedIn, focus2: SignedIn, head: SignedIn, plain: SignedIn, outsider: SignedIn;
	let tandemId: string;

	beforeAll(async () => {
		town = await createTown(t.db, {
			departments: ['Bildung'],
			people: {
				focus: { roles: ['focus'] },
				member: { roles: ['member'], department: 'Bildung' },
				focus2: { roles: ['focus'] },
				head: { roles: ['head'], department: 'Bildung' },
				plain: { roles: ['member'], department: 'Bildung' }
			}
		});
		other = await createTown(t.db, { departments: ['Bildung'], people: { focus: { roles: ['focus'] } } });
		[focus, member, focus2, head, plain, outsider] = await Promise.all([
			signInAs(t.db, person(town, 'focus')),
			signInAs(t.db, person(town, 'member')),
			signInAs(t.db, person(town, 'focus2')),
			signInAs(t.db, person(town, 'head')),
			signInAs(t.db, person(town, 'plain')),
			signInAs(t.db, person(other, 'focus'))
		]);
		tandemId = await createTandem(t.db, focus.actor, {
			name: 'Tandem Bildung',
			departmentId: town.departments.Bildung!,
			membershipIds: [person(town, 'focus').membershipId, person(town, 'member').membershipId]
		});
	});

	describe('entering values', () => {
		let plainId: string;
		let groupedId: string;

		beforeAll(async () => {
			const made = await goalWith(t.db, member, tandemId, 'Werte eintragen', [
				{ name: 'Quote', unit: '%' },
				{ name: 'Quote nach Staatsangehörigkeit', unit: '%', breakdown: 'Staatsangehörigkeit', groups: GROUPS }
			]);
			[plainId, groupedId] = made.indicatorIds as [string, string];
		});

		it('reads a German decimal comma and an English decimal point as the same number', async () => {
			const german = await addMeasurement(t.db, member.actor, plainId, entry({ date: '2023-12-31', value: ' 12,5 ' }), 'de');
			const english = await addMeasurement(t.db, member.actor, plainId, entry({ date: '2024-12-31', value: '12.5' }), 'en');
			expect(await storedMeasurement(t.db, german)).toMatchObject({ refDate: '2023-12-31', groupName: '', value: 12.5, symbol: null, flags: [], cases: null });
			expect(await storedMeasurement(t.db, english)).toMatchObject({ refDate: '2024-12-31', value: 12.5, symbol: null });
			expect(await storedMeasurement(t.db, german)).toMatchObject({ municipalityId: town.municipalityId, indicatorId: plainId, enteredBy: member.actor.userId, importId: null });
		});

		it('stores a statistics symbol without a number: null, never 0', async () => {
			const id = await addMeasurement(t.db, member.actor, plainId, entry({ date: '2022-12-31', symbol: '.', value: '' }), 'de');
			const row = await storedMeasurement(t.db, id);
			expect(row).toMatchObject({ value: null, symbol: '.', flags: [] });
			expect(row!.value).not.toBe(0);
		});

		it('stores flags in their canonical order without repeats, cases without thousands dots, text trimmed', async () => {
			const id = await addMeasurement(
				t.db,
				member.actor,
				groupedId,
				entry({ group: ' Ausländer ', date: '2021-12-31', value: '14,2', flags: ['provisional', 'uncertain', 'provisional'], cases: '1.234', note: ' Hinweis ', source: ' Statistikamt ' }),
				'de'
			);
			expect(await storedMeasurement(t.db, id)).toMatchObject({
				groupName: 'Ausländer',
				refDate: '2021-12-31',
				value: 14.2,
				symbol: null,
				flags: ['uncertain', 'provisional'],
				cases: 1234,
				note: 'Hinweis',
				source: 'Statistikamt'
			});
		});

		it('takes the form fields as a browser posts them', async () => {
			const data = new FormData();
			data.set('indicatorId', groupedId);
			data.set('group', 'Deutsche');
			data.set('date', '2021-12-31');
			data.set('value', '85,8');
			data.append('flags', 'revised');
			data.append('flags', 'estimated');
			const { indicatorId, input } = readMeasurementForm(data);
			expect(indicatorId).toBe(groupedId);
			expect(input).toEqual({ ...entry({ group: 'Deutsche', date: '2021-12-31', value: '85,8', flags: ['revised', 'estimated'] }), confirmJump: false });
			const id = await addMeasurement(t.db, focus.actor, indicatorId, input, 'de');
			expect(await storedMeasurement(t.db, id)).toMatchObject({ groupName: 'Deutsche', value: 85.8, flags: ['revised', 'estimated'], enteredBy: focus.actor.userId });
		});

		it.each(INVALID)('refuses %s with the exact field error and writes nothing', async (_, which, fields, locale, errors) => {
			const before = await tableCounts(t.db);
			await expectValidation(addMeasurement(t.db, member.actor, which === 'plain' ? plainId : groupedId, entry(fields), locale), errors);
			expect(await tableCounts(t.db)).toEqual(before);
		});

		it('takes counts only whole and not negative', async () => {
			const { indicatorIds } = await goalWith(t.db, member, tandemId, 'Anzahlen', [{ name: 'Teilnehmende', unit: 'Anzahl' }]);
			const countId = indicatorIds[0]!;
			const before = await tableCounts(t.db);
			await expectValidation(addMeasurement(t.db, member.actor, countId, entry({ date: '2024-12-31', value: '-5' }), 'de'), { value: 'plausible_count_negative' });
			await expectValidation(addMeasurement(t.db, member.actor, countId, entry({ date: '2024-12-31', value: '2,5' }), 'de'), { value: 'plausible_count_not_whole' });
			expect(await tableCounts(t.db)).toEqual(before);
			// Beyond the percentage range is fine for a count.
			await addMeasurement(t.db, member.actor, countId, entry({ date: '2024-12-31', value: '1.250' }), 'de');
		});

		it('asks before it saves a jump far beyond the steps of the series, for entries and corrections', async () => {
			const { indicatorIds } = await goalWith(t.db, member, tandemId, 'Sprünge', [{ name: 'Quote', unit: '%' }]);
			const id = indicatorIds[0]!;
			for (const [date, value] of [['2021-12-31', '10'], ['2022-12-31', '12'], ['2023-12-31', '11']] as const) {
				await addMeasurement(t.db, member.actor, id, entry({ date, value }), 'de');
			}
			// A correction is measured against the series without the value it replaces.
			const earliest = await addMeasurement(t.db, member.actor, id, entry({ date: '2020-12-31', value: '9' }), 'de');
			await expectValidation(correctMeasurement(t.db, member.actor, earliest, entry({ date: '2020-12-31', value: '90' }), 'de'), { value: 'plausible_jump' });
			await correctMeasurement(t.db, member.actor, earliest, entry({ date: '2020-12-31', value: '9,5' }), 'de');
			// The largest step is 2: 21 is within five times it, 95 (a missing comma in 9,5) is not.
			await addMeasurement(t.db, member.actor, id, entry({ date: '2024-06-30', value: '21' }), 'de');
			const before = await tableCounts(t.db);
			await expectValidation(addMeasurement(t.db, member.actor, id, entry({ date: '2024-12-31', value: '95' }), 'de'), { value: 'plausible_jump' });
			expect(await tableCounts(t.db)).toEqual(before);
			const confirmed = await addMeasurement(t.db, member.actor, id, { ...entry({ date: '2024-12-31', value: '95' }), confirmJump: true }, 'de');
			expect((await storedMeasurement(t.db, confirmed))!.value).toBe(95);
		});

		it('accepts today as the reference date (only later dates are in the future)', async () => {
			const id = await addMeasurement(t.db, member.actor, plainId, entry({ date: berlinToday(), value: '1' }), 'de');
			expect((await storedMeasurement(t.db, id))!.refDate).toBe(berlinToday());
		});

		it('refuses a case count with a decimal point instead of reading it as thousands', async () => {
			// "2.5" is no German thousands grouping (that needs three digits after the dot) and no whole number in English.
			for (const locale of ['de', 'en']) {
				const before = await tableCounts(t.db);
				await expectValidation(addMeasurement(t.db, member.actor, plainId, entry({ date: '2019-12-31', value: '3', cases: '2.5' }), locale), {
					cases: 'error_measurement_cases_invalid'
				});
				expect(await tableCounts(t.db)).toEqual(before);
			}
		});

		it('refuses a second value for the same group and date, but takes the other group', async () => {
			await addMeasurement(t.db, member.actor, groupedId, entry({ group: 'Ausländer', date: '2020-12-31', value: '14' }), 'de');
			const before = await tableCounts(t.db);
			await expectValidation(addMeasurement(t.db, focus.actor, groupedId, entry({ group: 'Ausländer', date: '2020-12-31', value: '15' }), 'de'), {
				date: 'error_measurement_duplicate'
			});
			await expectValidation(addMeasurement(t.db, focus.actor, groupedId, entry({ group: 'ausländer', date: '2020-12-31', symbol: '-' }), 'de'), {
				group: 'error_measurement_group_required'
			});
			expect(await tableCounts(t.db)).toEqual(before);
			await addMeasurement(t.db, focus.actor, groupedId, entry({ group: 'Deutsche', date: '2020-12-31', value: '86' }), 'de');
			expect((await tableCounts(t.db)).measurements).toBe(before.measurements + 1);
		});

		it('refuses values for an indicator removed from the goal', async () => {
			const { goalId, indicatorIds } = await goalWith(t.db, member, tandemId, 'Entfernter Indikator', [{ name: 'Weg' }]);
			await editGoal(t.db, goalId, member, (doc) => removeIndicator(doc, indicatorIds[0]!));
			const before = await tableCounts(t.db);
			await expectValidation(addMeasurement(t.db, member.actor, indicatorIds[0]!, entry({ value: '1' }), 'de'), { indicator: 'error_indicator_archived' });
			expect(await tableCounts(t.db)).toEqual(before);
		});
	});

	describe('permissions', () => {
		let goalId: string;
		let indicatorId: string;
		let existing: string;

		beforeAll(async () => {
			const made = await goalWith(t.db, member, tandemId, 'Rechte', [{ name: 'Quote' }]);
			goalId = made.goalId;
			indicatorId = made.indicatorIds[0]!;
			existing = await addMeasurement(t.db, member.actor, indicatorId, entry({ date: '2020-12-31', value: '1' }), 'de');
		});

		it('lets the tandem and every focus member write, not the department head or another member', async () => {
			await addMeasurement(t.db, member.actor, indicatorId, entry({ date: '2021-12-31', value: '2' }), 'de');
			await addMeasurement(t.db, focus.actor, indicatorId, entry({ date: '2022-12-31', value: '3' }), 'de');
			await addMeasurement(t.db, focus2.actor, indicatorId, entry({ date: '2023-12-31', value: '4' }), 'de');
			const before = await tableCounts(t.db);
			for (const refused of [head, plain, town.admin]) {
				await expectHttpStatus(addMeasurement(t.db, refused.actor, indicatorId, entry({ date: '2024-12-31', value: '5' }), 'de'), 403);
				await expectHttpStatus(correctMeasurement(t.db, refused.actor, existing, entry({ date: '2020-12-31', value: '9' }), 'de'), 403);
				await expectHttpStatus(deleteMeasurement(t.db, refused.actor, existing), 403);
			}
			expect(await tableCounts(t.db)).toEqual(before);
			expect(await storedMeasurement(t.db, existing)).toMatchObject({ value: 1 });
		});

		it('lets every member of the municipality read', async () => {
			for (const reader of [head, plain, town.admin]) {
				const rows = await goalMeasurements(t.db, reader.actor, goalId);
				expect(rows.map((r) => [r.date, r.value])).toEqual([
					['2020-12-31', 1],
					['2021-12-31', 2],
					['2022-12-31', 3],
					['2023-12-31', 4]
				]);
				expect(rows[0]).toMatchObject({ id: existing, indicatorId, enteredBy: person(town, 'member').name, updatedBy: null, updatedAt: null });
			}
		});

		it('answers another municipality exactly as an unknown id: 404', async () => {
			const before = await tableCounts(t.db);
			await expectHttpStatus(addMeasurement(t.db, outsider.actor, indicatorId, entry({ date: '2024-12-31', value: '5' }), 'de'), 404);
			await expectHttpStatus(correctMeasurement(t.db, outsider.actor, existing, entry({ date: '2020-12-31', value: '9' }), 'de'), 404);
			await expectHttpStatus(deleteMeasurement(t.db, outsider.actor, existing), 404);
			await expectHttpStatus(goalMeasurements(t.db, outsider.actor, goalId), 404);
			await expectHttpStatus(measurementAuditTrail(t.db, outsider.actor, goalId), 404);
			await expectHttpStatus(addMeasurement(t.db, focus.actor, UNKNOWN_ID, entry({ value: '5' }), 'de'), 404);
			await expectHttpStatus(correctMeasurement(t.db, focus.actor, UNKNOWN_ID, entry({ value: '5' }), 'de'), 404);
			await expectHttpStatus(deleteMeasurement(t.db, focus.actor, UNKNOWN_ID), 404);
			await expectHttpStatus(goalMeasurements(t.db, focus.actor, UNKNOWN_ID), 404);
			expect(await tableCounts(t.db)).toEqual(before);
		});

		it('answers malformed ids with 404, not a database error', async () => {
			for (const bad of ['nope', '', '123', `${UNKNOWN_ID}x`, "'; drop table measurement; --"]) {
				await expectHttpStatus(addMeasurement(t.db, focus.actor, bad, entry({ value: '5' }), 'de'), 404);
				await expectHttpStatus(correctMeasurement(t.db, focus.actor, bad, entry({ value: '5' }), 'de'), 404);
				await expectHttpStatus(deleteMeasurement(t.db, focus.actor, bad), 404);
				await expectHttpStatus(goalMeasurements(t.db, focus.actor, bad), 404);
				await expectHttpStatus(measurementAuditTrail(t.db, focus.actor, bad), 404);
			}
		});
	});

	describe('corrections and deletions', () => {
		it('leave an audit trail create → update → delete with the values before and after and who did it', async () => {
			const { goalId, indicatorIds } = await goalWith(t.db, member, tandemId, 'Protokoll', [{ name: 'Quote', unit: '%' }]);
			const indicatorId = indicatorIds[0]!;
			const id = await addMeasurement(t.db, member.actor, indicatorId, entry({ date: '2024-12-31', value: '12,5', note: 'erste Meldung' }), 'de');
			const created = { group: '', date: '2024-12-31', value: 12.5, symbol: null, flags: [], cases: null, note: 'erste Meldung', source: '' };

			await correctMeasurement(t.db, focus.actor, id, entry({ date: '2024-12-31', value: '13,1', flags: ['provisional'], note: 'erste Meldung', cases: '40' }), 'de');
			const corrected = { ...created, value: 13.1, flags: ['provisional'], cases: 40 };
			expect(await storedMeasurement(t.db, id)).toMatchObject({ value: 13.1, flags: ['provisional'], cases: 40, updatedBy: focus.actor.userId, enteredBy: member.actor.userId });
			expect((await goalMeasurements(t.db, plain.actor, goalId))[0]).toMatchObject({ id, enteredBy: person(town, 'member').name, updatedBy: person(town, 'focus').name });
			expect((await goalMeasurements(t.db, plain.actor, goalId))[0]!.updatedAt).toBeInstanceOf(Date);

			// Saving the same values again changes nothing and records nothing.
			await correctMeasurement(t.db, focus.actor, id, entry({ date: '2024-12-31', value: '13.1', flags: ['provisional'], note: ' erste Meldung ', cases: '40' }), 'en');
			expect(await measurementAuditTrail(t.db, plain.actor, goalId)).toHaveLength(2);

			await deleteMeasurement(t.db, focus2.actor, id);
			expect(await storedMeasurement(t.db, id)).toBeUndefined();
			expect(await goalMeasurements(t.db, plain.actor, goalId)).toEqual([]);

			const trail = await measurementAuditTrail(t.db, plain.actor, goalId);
			expect(trail.map(({ action, before, after, userName, indicatorId: iid, imported }) => ({ action, before, after, userName, indicatorId: iid, imported }))).toEqual([
				{ action: 'delete', before: corrected, after: null, userName: person(town, 'focus2').name, indicatorId, imported: false },
				{ action: 'update', before: created, after: corrected, userName: person(town, 'focus').name, indicatorId, imported: false },
				{ action: 'create', before: null, after: created, userName: person(town, 'member').name, indicatorId, imported: false }
			]);
			// The audit rows outlive the measurement and all point at it.
			const rows = await t.db.select().from(measurementAudit).where(eq(measurementAudit.indicatorId, indicatorId));
			expect(rows.map((r) => r.measurementId)).toEqual([id, id, id]);
		});

		it('refuses a correction onto a date that already has a value, keeping both rows as they were', async () => {
			const { indicatorIds } = await goalWith(t.db, member, tandemId, 'Doppelt', [{ name: 'Quote' }]);
			const first = await addMeasurement(t.db, member.actor, indicatorIds[0]!, entry({ date: '2023-12-31', value: '1' }), 'de');
			await addMeasurement(t.db, member.actor, indicatorIds[0]!, entry({ date: '2024-12-31', value: '2' }), 'de');
			const before = await tableCounts(t.db);
			await expectValidation(correctMeasurement(t.db, member.actor, first, entry({ date: '2024-12-31', value: '1' }), 'de'), { date: 'error_measurement_duplicate' });
			await expectValidation(correctMeasurement(t.db, member.actor, first, entry({ date: '2023-12-31', value: '1', symbol: 'x' }), 'de'), {
				value: 'error_measurement_value_with_symbol'
			});
			expect(await tableCounts(t.db)).toEqual(before);
			expect(await storedMeasurement(t.db, first)).toMatchObject({ refDate: '2023-12-31', value: 1, updatedBy: null });
		});
	});

	describe('stored progress', () => {
		// Pinned so the hand-computed numbers hold: 531 of the plan's 1095 days have passed (48 %).
		beforeAll(() => {
			vi.useFakeTimers({ toFake: ['Date'] });
			vi.setSystemTime(new Date('2026-06-15T10:00:00Z'));
		});
		afterAll(() => {
			vi.useRealTimers();
		});

		it('rates SMART again with every change of values: form, import and deletion, in their transaction', async () => {
			// From 0 in 2022 to 100 by the end of 2027; slow values make the target unrealistic.
			const { goalId, indicatorIds } = await goalWith(t.db, member, tandemId, 'Beratungen ausbauen', [
				{ name: 'Beratungen', unit: 'Punkte', baselineValue: 0, baselineDate: '2022-01-01', targetValue: 100, targetDate: '2027-12-31' }
			]);
			await editGoal(t.db, goalId, member, (doc) => goalText(doc, 'resources')!.insert(0, 'Eine halbe Stelle'));
			const id = indicatorIds[0]!;
			const realistic = async () => (await storedGoal(t.db, goalId)).smart!.ratings.realistic;
			const score = async () => (await storedGoal(t.db, goalId)).smartScore;
			expect(await realistic()).toMatchObject({ ok: true });
			const before = await score();

			const first = await addMeasurement(t.db, member.actor, id, entry({ date: '2023-01-01', value: '1' }), 'de');
			const second = await addMeasurement(t.db, member.actor, id, entry({ date: '2024-01-01', value: '2' }), 'de');
			expect(await realistic()).toMatchObject({ ok: false, reason: 'smart_realistic_beyond_history' });
			expect(await score()).toBe(before - 1);

			await deleteMeasurement(t.db, member.actor, second);
			await deleteMeasurement(t.db, member.actor, first);
			expect(await realistic()).toMatchObject({ ok: true });
			expect(await score()).toBe(before);

			const file = new File([new TextEncoder().encode('Stichtag;Wert\r\n01.01.2023;1\r\n01.01.2024;2\r\n')], 'werte.csv');
			const draftId = await uploadImport(t.db, member.actor, id, file);
			const preview = await previewImport(t.db, member.actor, id, draftId);
			await confirmImport(t.db, member.actor, id, draftId, {}, preview.fingerprint, true);
			expect(await realistic()).toMatchObject({ ok: false, reason: 'smart_realistic_beyond_history' });
		});

		it('follows added and corrected values, a symbol never counting as a number, and a changed target', async () => {
			const { goalId, indicatorIds } = await goalWith(t.db, member, tandemId, 'Abbrüche senken', [FALLING]);
			const id = indicatorIds[0]!;
			// A plan but no value yet: at the baseline, nothing to rate; the first value is due a year after the baseline.
			expect(await storedIndicator(t.db, id)).toMatchObject({ progress: 0, trackStatus: 'noData', trackReason: 'forecast_not_enough_data', latestDate: null, nextDue: '2025-12-31' });
			expect(await storedGoal(t.db, goalId)).toMatchObject({ progress: 0, trackStatus: 'noData' });

			// 16 after one year: 4 of 10 points down (40 %); the trend (−4 a year) reaches 8 by 2027, 120 % of the way.
			const value = await addMeasurement(t.db, member.actor, id, entry({ date: '2025-12-31', value: '16' }), 'de');
			expect(await storedIndicator(t.db, id)).toMatchObject({
				progress: 0.4,
				trackStatus: 'onTrack',
				trackReason: 'forecast_on_track',
				trackParams: { progress: 40, time: 48, forecast: 120, reachYear: 2027 },
				latestDate: '2025-12-31',
				nextDue: '2026-12-31'
			});
			expect(await storedGoal(t.db, goalId)).toMatchObject({ progress: 0.4, trackStatus: 'onTrack' });

			// Corrected to 19: 10 % of the way; the trend (−1 a year) ends at 17, 30 % of the way: off track.
			await correctMeasurement(t.db, focus.actor, value, entry({ date: '2025-12-31', value: '19' }), 'de');
			expect(await storedIndicator(t.db, id)).toMatchObject({ progress: 0.1, trackStatus: 'offTrack', trackReason: 'forecast_off_track' });
			expect((await storedIndicator(t.db, id)).trackParams).toMatchObject({ progress: 10, forecast: 30 });
			expect(await storedGoal(t.db, goalId)).toMatchObject({ progress: 0.1, trackStatus: 'offTrack' });

			// A symbol later on moves the latest date, not the progress (as a 0 it would be 200 %: target met).
			await addMeasurement(t.db, member.actor, id, entry({ date: '2026-03-31', symbol: '.' }), 'de');
			expect(await storedIndicator(t.db, id)).toMatchObject({ progress: 0.1, trackStatus: 'offTrack', latestDate: '2026-03-31', nextDue: '2027-03-31' });

			// Target 18 instead of 10 (in the document): 19 is half the way, the trend's 17 is 150 %: on track.
			await editGoal(t.db, goalId, member, (doc) => findIndicator(doc, id)!.set('targetValue', 18));
			expect(await storedIndicator(t.db, id)).toMatchObject({ targetValue: 18, progress: 0.5, trackStatus: 'onTrack', trackReason: 'forecast_on_track' });
			expect((await storedIndicator(t.db, id)).trackParams).toMatchObject({ progress: 50, forecast: 150 });
			expect(await storedGoal(t.db, goalId)).toMatchObject({ progress: 0.5, trackStatus: 'onTrack' });

			// Deleting the only number leaves the symbol: nothing to rate again.
			await deleteMeasurement(t.db, focus.actor, value);
			expect(await storedIndicator(t.db, id)).toMatchObject({ progress: 0, trackStatus: 'noData', latestDate: '2026-03-31' });
			expect(await storedGoal(t.db, goalId)).toMatchObject({ progress: 0, trackStatus: 'noData' });
		});

		it('does not rate an indicator whose only value is a symbol', async () => {
			const { goalId, indicatorIds } = await goalWith(t.db, member, tandemId, 'Nur Zeichen', [FALLING]);
			const id = indicatorIds[0]!;
			await addMeasurement(t.db, member.actor, id, entry({ date: '2025-12-31', symbol: '-' }), 'de');
			// The figure was delivered (latest date, next due date move) but there is no number: no data, not on track.
			expect(await storedIndicator(t.db, id)).toMatchObject({
				progress: 0,
				trackStatus: 'noData',
				trackReason: 'forecast_not_enough_data',
				latestDate: '2025-12-31',
				nextDue: '2026-12-31'
			});
			expect(await storedGoal(t.db, goalId)).toMatchObject({ progress: 0, trackStatus: 'noData' });
		});

		it('rates a target on the gap between two groups, and the goal by weight and its weakest indicator', async () => {
			const { goalId, indicatorIds } = await goalWith(t.db, member, tandemId, 'Abstand verringern', [
				{
					name: 'Arbeitslosenquote',
					unit: '%',
					direction: 'down',
					breakdown: 'Staatsangehörigkeit',
					groups: GROUPS,
					targetGroup: 'Ausländer',
					gapGroup: 'Deutsche',
					baselineValue: 10,
					baselineDate: '2024-12-31',
					targetValue: 4,
					targetDate: '2027-12-31'
				},
				{ name: 'Teilnehmende', unit: 'Personen', direction: 'up', baselineValue: 0, baselineDate: '2024-12-31', targetValue: 100, targetDate: '2027-12-31', weight: 3 }
			]);
			const [gapId, countId] = indicatorIds as [string, string];
			expect(await storedIndicator(t.db, gapId)).toMatchObject({ groups: GROUPS, targetGroup: 'Ausländer', gapGroup: 'Deutsche', weight: 1 });

			// One group alone makes no gap.
			await addMeasurement(t.db, member.actor, gapId, entry({ group: 'Ausländer', date: '2025-12-31', value: '13' }), 'de');
			expect(await storedIndicator(t.db, gapId)).toMatchObject({ progress: 0, trackStatus: 'noData', latestDate: '2025-12-31' });

			// |13 − 6| = 7: 3 of 6 points (50 %); the trend (−3 a year) ends at 1, 150 % of the way.
			await addMeasurement(t.db, member.actor, gapId, entry({ group: 'Deutsche', date: '2025-12-31', value: '6' }), 'de');
			expect(await storedIndicator(t.db, gapId)).toMatchObject({ progress: 0.5, trackStatus: 'onTrack', trackParams: { progress: 50, time: 48, forecast: 150, reachYear: 2026 } });

			// 30 of 100 after a year: the trend reaches 90 (90 %): at risk.
			await addMeasurement(t.db, member.actor, countId, entry({ date: '2025-12-31', value: '30' }), 'de');
			expect(await storedIndicator(t.db, countId)).toMatchObject({ progress: 0.3, trackStatus: 'atRisk', trackReason: 'forecast_at_risk' });
			// (0.5 × 1 + 0.3 × 3) / 4 = 0.35; the goal is as far as its weakest indicator: at risk.
			const stored = await storedGoal(t.db, goalId);
			expect(stored.progress).toBeCloseTo(0.35, 12);
			expect(stored.trackStatus).toBe('atRisk');
		});
	});

	describe('CSV export', () => {
		let goalId: string;
		let indicatorId: string;
		let otherGoalId: string;

		beforeAll(async () => {
			const made = await goalWith(t.db, member, tandemId, 'Teilhabe stärken', [{ name: 'Ausländerindex', unit: 'Punkte', breakdown: 'Staatsangehörigkeit', groups: GROUPS }]);
			goalId = made.goalId;
			indicatorId = made.indicatorIds[0]!;
			const ids = [
				await addMeasurement(t.db, member.actor, indicatorId, entry({ group: 'Ausländer', date: '2024-12-31', value: '12,5', flags: ['provisional'], cases: '1.234', note: 'Hinweis; mit Semikolon' }), 'de'),
				await addMeasurement(t.db, member.actor, indicatorId, entry({ group: 'Ausländer', date: '2025-12-31', symbol: '.', source: 'Landesamt' }), 'de'),
				await addMeasurement(t.db, focus.actor, indicatorId, entry({ group: 'Deutsche', date: '2024-12-31', value: '1234,5', flags: ['uncertain', 'revised'] }), 'de')
			];
			// Entry times fixed, so the file is known to the byte.
			for (const id of ids) await t.db.update(measurement).set({ enteredAt: new Date('2025-03-02T10:00:00Z') }).where(eq(measurement.id, id));
			const others = await goalWith(t.db, member, tandemId, 'Anderes Ziel', [{ name: 'Fremder Wert' }]);
			otherGoalId = others.goalId;
			await addMeasurement(t.db, member.actor, others.indicatorIds[0]!, entry({ date: '2024-12-31', value: '99' }), 'de');
		});

		it('writes a spreadsheet file: BOM, semicolons, CRLF, decimal comma, German dates, the symbol beside the empty value', async () => {
			const csv = await measurementsCsv(t.db, plain.actor, goalId);
			expect(csv.startsWith('\uFEFF')).toBe(true);
			expect(csv.endsWith('\r\n')).toBe(true);
			const memberName = person(town, 'member').name;
			const focusName = person(town, 'focus').name;
			expect(csv.slice(1).split('\r\n')).toEqual([
				'Indikator;Einheit;Gruppe;Stichtag;Wert;Zeichen/Kennzeichen;Fallzahl;Bemerkung;Quelle;eingetragen von;eingetragen am',
				`Ausländerindex;Punkte;Ausländer;31.12.2024;12,5;p;1234;"Hinweis; mit Semikolon";;${memberName};02.03.2025`,
				`Ausländerindex;Punkte;Ausländer;31.12.2025;;.;;;Landesamt;${memberName};02.03.2025`,
				`Ausländerindex;Punkte;Deutsche;31.12.2024;1234,5;()r;;;;${focusName};02.03.2025`,
				''
			]);
			expect(csv).not.toContain('Fremder Wert');
		});

		it('gives the entry date as the calendar day in Germany', async () => {
			const { goalId: late, indicatorIds } = await goalWith(t.db, member, tandemId, 'Spät eingetragen', [{ name: 'Nachts' }]);
			const id = await addMeasurement(t.db, member.actor, indicatorIds[0]!, entry({ date: '2024-12-31', value: '1' }), 'de');
			// 23:30 UTC on 1 March is 00:30 on 2 March in Berlin.
			await t.db.update(measurement).set({ enteredAt: new Date('2025-03-01T23:30:00Z') }).where(eq(measurement.id, id));
			const lines = (await measurementsCsv(t.db, member.actor, late)).split('\r\n');
			expect(lines[1]).toBe(`Nachts;;;31.12.2024;1;;;;;${person(town, 'member').name};02.03.2025`);
		});

		it('downloads one indicator or the whole goal, only within the goal and the municipality', async () => {
			const response = await csvDownload(t.db, head.actor, goalId, indicatorId);
			expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
			expect(response.headers.get('content-disposition')).toBe(`attachment; filename="Auslanderindex-${berlinToday()}.csv"`);
			expect((await response.text()).split('\r\n')).toHaveLength(5);
			const whole = await csvDownload(t.db, head.actor, goalId);
			expect(whole.headers.get('content-disposition')).toBe(`attachment; filename="Teilhabe-starken-${berlinToday()}.csv"`);

			await expectHttpStatus(measurementsCsv(t.db, outsider.actor, goalId), 404);
			await expectHttpStatus(csvDownload(t.db, outsider.actor, goalId), 404);
			await expectHttpStatus(csvDownload(t.db, head.actor, otherGoalId, indicatorId), 404);
			await expectHttpStatus(csvDownload(t.db, head.actor, goalId, 'nope'), 404);
			await expectHttpStatus(csvDownload(t.db, head.actor, 'nope'), 404);
		});
	});
});
