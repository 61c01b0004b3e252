import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import { inTransaction, type Db } from '../db';
import { indicator, measurement, measurementAudit, user, type Measurement } from '../db/schema';
import type { Actor } from '../auth/session';
import { announce } from '../goals/announce';
import { accessTo, requireTarget, type TargetRef } from '../access/targets';
import { refreshProgress } from '../goals/progress';
import { refreshSmart } from '../goals/smart';
import { Check, isUuid } from '../validation';
import { asDate } from '../../shared/goal-doc';
import { isFlag, isSymbol, normaliseFlags, type Flag, type StatSymbol } from '../../shared/measurement-value';
import { parseDecimal } from '../../shared/numbers';
import { parseCasesCell } from '../../shared/csv/cells';
import { berlinToday } from '../../shared/smart';
import { isJump, observedDateRule, valueRule } from '../../shared/plausibility';
import { NotFoundError } from '../errors';

/**
 * Measurements of indicators: entered, corrected and deleted by the goal's tandem and every
 * focus member (the goal's write right), read by everyone in the municipality. Every change
 * leaves an audit row with the values before and after.
 */

export const MAX_NOTE = 2000;
export const MAX_SOURCE = 500;
/** The column is a 32-bit integer. */
const MAX_CASES = 2_147_483_647;

/** What a form sends: strings as typed, flags as a list. */
export interface MeasurementInput {
	group: string;
	date: string;
	value: string;
	symbol: string;
	flags: readonly string[];
	cases: string;
	note: string;
	source: string;
	/** The person confirmed a value the series makes look implausible (see `isJump`). */
	confirmJump?: boolean;
}

const TEXT_FIELDS = ['group', 'date', 'value', 'symbol', 'cases', 'note', 'source'] as const;

/** The measurement fields of a posted form, and the indicator they are for. */
export function readMeasurementForm(data: FormData): { indicatorId: string; input: MeasurementInput } {
	const text = (name: string) => {
		const value = data.get(name);
		return typeof value === 'string' ? value : '';
	};
	const input = Object.fromEntries(TEXT_FIELDS.map((f) => [f, text(f)])) as Omit<MeasurementInput, 'flags' | 'confirmJump'>;
	const flags = data.getAll('flags').filter((f): f is string => typeof f === 'string');
	return { indicatorId: text('indicatorId'), input: { ...input, flags, confirmJump: data.get('confirmJump') === 'on' } };
}

/** A measurement's values, validated; what the audit trail records. */
export interface MeasurementValues {
	group: string;
	date: string;
	value: number | null;
	symbol: StatSymbol | null;
	flags: Flag[];
	cases: number | null;
	note: string;
	source: string;
}

/** The indicator with its goal, for someone who may `action` the goal; unknown or foreign = 404. */
export async function requireIndicator(db: Db, actor: Actor, indicatorId: string, action: 'read' | 'editGoal') {
	if (!isUuid(indicatorId)) throw new NotFoundError();
	const [row] = await db
		.select({ id: indicator.id, goalId: indicator.goalId, groups: indicator.groups, name: indicator.name, unit: indicator.unit, archivedAt: indicator.archivedAt })
		.from(indicator)
		.where(eq(indicator.id, indicatorId));
	if (!row) throw new NotFoundError();
	const goalTarget = await requireTarget(db, actor, 'goal', row.goalId, action);
	return { ...row, access: accessTo(actor, goalTarget)! };
}

/** Validates form input against the indicator; throws a ValidationError with every problem. */
export function validateMeasurement(input: MeasurementInput, indicator: { groups: readonly string[]; unit: string }, locale: string, today = berlinToday()): MeasurementValues {
	const { groups } = indicator;
	const check = new Check();
	const date = asDate(input.date.trim());
	check.when(date === null, 'date', input.date.trim() ? 'error_measurement_date_invalid' : 'error_measurement_date_required');
	const dateRule = date === null ? null : observedDateRule(date, today);
	if (dateRule) check.add('date', `plausible_${dateRule}`);
	const group = input.group.trim();
	if (groups.length > 0) check.when(!groups.includes(group), 'group', 'error_measurement_group_required');
	const symbol = input.symbol.trim() || null;
	check.when(symbol !== null && !isSymbol(symbol), 'symbol', 'error_measurement_symbol_unknown');
	const parsed = parseDecimal(input.value, locale);
	if (symbol === null) {
		check.when(parsed === null, 'value', 'error_measurement_value_required');
		check.when(parsed === undefined, 'value', 'error_number_invalid');
	} else {
		check.when(parsed !== null, 'value', 'error_measurement_value_with_symbol');
	}
	const valueProblem = typeof parsed === 'number' && symbol === null ? valueRule(parsed, indicator.unit) : null;
	if (valueProblem) check.add('value', `plausible_${valueProblem}`);
	const unknownFlag = input.flags.some((f) => !isFlag(f));
	check.when(unknownFlag, 'flags', 'error_measurement_flag_unknown');
	const flags = normaliseFlags(input.flags);
	// Offices flag symbols too ("... p"), but "uncertain" means a number in parentheses.
	check.when(symbol !== null && flags.includes('uncertain'), 'flags', 'error_measurement_flags_with_symbol');
	// The same reading as the CSV import: thousands grouped the page's way, whole numbers only.
	const casesCell = parseCasesCell(input.cases, locale === 'en' ? '.' : ',');
	const cases = casesCell.ok && (casesCell.value ?? 0) <= MAX_CASES && (casesCell.value !== null || input.cases.trim() === '') ? casesCell.value : undefined;
	check.when(cases === undefined, 'cases', 'error_measurement_cases_invalid');
	const note = input.note.trim();
	check.when(note.length > MAX_NOTE, 'note', 'error_measurement_note_too_long');
	const source = input.source.trim();
	check.when(source.length > MAX_SOURCE, 'source', 'error_measurement_source_too_long');
	check.throwIfAny();
	return {
		group: groups.length > 0 ? group : '',
		date: date!,
		value: symbol === null ? (parsed as number) : null,
		symbol: symbol as StatSymbol | null,
		flags,
		cases: cases ?? null,
		note,
		source
	};
}

/** A measurement's values as the table's columns. */
export const toColumns = (v: MeasurementValues) => ({
	groupName: v.group,
	refDate: v.date,
	value: v.value,
	symbol: v.symbol,
	flags: v.flags,
	cases: v.cases,
	note: v.note,
	source: v.source
});

export function valuesOf(row: Pick<Measurement, 'groupName' | 'refDate' | 'value' | 'symbol' | 'flags' | 'cases' | 'note' | 'source'>): MeasurementValues {
	return {
		group: row.groupName,
		date: row.refDate,
		value: row.value,
		symbol: row.symbol as StatSymbol | null,
		flags: normaliseFlags(row.flags),
		cases: row.cases,
		note: row.note,
		source: row.source
	};
}

async function findAt(db: Db, indicatorId: string, group: string, date: string) {
	const [row] = await db
		.select({ id: measurement.id })
		.from(measurement)
		.where(and(eq(measurement.indicatorId, indicatorId), eq(measurement.groupName, group), eq(measurement.refDate, date)));
	return row;
}

/**
 * Refuses, unless the person confirmed it, a value whose step from its neighbours is far
 * beyond anything the series did before: a typo (a missing comma) looks just like that.
 */
async function questionJump(tx: Db, indicatorId: string, values: MeasurementValues, input: MeasurementInput, replacing?: string): Promise<void> {
	if (input.confirmJump || values.value === null) return;
	const rows = await tx
		.select({ id: measurement.id, date: measurement.refDate, value: measurement.value })
		.from(measurement)
		.where(and(eq(measurement.indicatorId, indicatorId), eq(measurement.groupName, values.group)));
	const series = rows.flatMap((row) => (row.value === null || row.id === replacing ? [] : [{ date: row.date, value: row.value }]));
	if (isJump(series, { date: values.date, value: values.value })) new Check().add('value', 'plausible_jump').throwIfAny();
}

/** Serialises writes to one indicator's values (entries, corrections, imports) until the transaction ends. */
export async function lockSeries(tx: Db, indicatorId: string): Promise<void> {
	await tx.select({ id: indicator.id }).from(indicator).where(eq(indicator.id, indicatorId)).for('update');
}

/** After a write, in its transaction: stored progress and the SMART check follow the values. */
export async function afterValuesChanged(tx: Db, goalId: string): Promise<void> {
	await refreshProgress(tx, { goalIds: [goalId] });
	await refreshSmart(tx, goalId);
}

export async function addMeasurement(db: Db, actor: Actor, indicatorId: string, input: MeasurementInput, locale: string): Promise<string> {
	const target = await requireIndicator(db, actor, indicatorId, 'editGoal');
	new Check().when(target.archivedAt !== null, 'indicator', 'error_indicator_archived').throwIfAny();
	const values = validateMeasurement(input, target, locale);
	const id = await inTransaction(db, async (tx) => {
		await lockSeries(tx, indicatorId);
		if (await findAt(tx, indicatorId, values.group, values.date)) {
			new Check().add('date', 'error_measurement_duplicate').throwIfAny();
		}
		await questionJump(tx, indicatorId, values, input);
		const [row] = await tx
			.insert(measurement)
			.values({ ...toColumns(values), municipalityId: actor.municipalityId, goalId: target.goalId, indicatorId, enteredBy: actor.userId })
			.returning({ id: measurement.id });
		await tx.insert(measurementAudit).values({ municipalityId: actor.municipalityId, indicatorId, measurementId: row!.id, action: 'create', after: values, userId: actor.userId });
		await afterValuesChanged(tx, target.goalId);
		return row!.id;
	});
	announce(actor.municipalityId, target.goalId);
	return id;
}

/** A measurement of the actor's municipality with its indicator; unknown or foreign = 404. */
async function requireMeasurement(db: Db, actor: Actor, measurementId: string, action: 'read' | 'editGoal' = 'editGoal') {
	if (!isUuid(measurementId)) throw new NotFoundError();
	const [row] = await db.select().from(measurement).where(eq(measurement.id, measurementId));
	if (!row || row.municipalityId !== actor.municipalityId) throw new NotFoundError();
	const target = await requireIndicator(db, actor, row.indicatorId, action);
	return { row, target };
}

/**
 * A measurement within the given goal (else 404): its values, its indicator, and whether this
 * person may correct it. Whoever reads the goal opens it, to read and comment on the value.
 */
export async function measurementOf(db: Db, actor: Actor, goalId: string, measurementId: string, action: 'read' | 'editGoal' = 'read') {
	const { row, target } = await requireMeasurement(db, actor, measurementId, action);
	if (row.goalId !== goalId) throw new NotFoundError();
	return {
		id: row.id,
		values: valuesOf(row),
		canCorrect: target.access === 'write',
		indicator: { id: target.id, name: target.name, unit: target.unit, groups: target.groups }
	};
}

export async function correctMeasurement(db: Db, actor: Actor, measurementId: string, input: MeasurementInput, locale: string): Promise<void> {
	const { row, target } = await requireMeasurement(db, actor, measurementId);
	const values = validateMeasurement(input, target, locale);
	const before = valuesOf(row);
	if (JSON.stringify(before) === JSON.stringify(values)) return;
	await inTransaction(db, async (tx) => {
		await lockSeries(tx, row.indicatorId);
		const clash = await findAt(tx, row.indicatorId, values.group, values.date);
		if (clash && clash.id !== measurementId) new Check().add('date', 'error_measurement_duplicate').throwIfAny();
		await questionJump(tx, row.indicatorId, values, input, measurementId);
		await tx
			.update(measurement)
			.set({ ...toColumns(values), updatedBy: actor.userId, updatedAt: new Date() })
			.where(eq(measurement.id, measurementId));
		await tx.insert(measurementAudit).values({ municipalityId: actor.municipalityId, indicatorId: row.indicatorId, measurementId, action: 'update', before, after: values, userId: actor.userId });
		await afterValuesChanged(tx, row.goalId);
	});
	announce(actor.municipalityId, target.goalId);
}

export async function deleteMeasurement(db: Db, actor: Actor, measurementId: string): Promise<void> {
	const { row } = await requireMeasurement(db, actor, measurementId);
	await inTransaction(db, async (tx) => {
		await tx.delete(measurement).where(eq(measurement.id, measurementId));
		await tx.insert(measurementAudit).values({ municipalityId: actor.municipalityId, indicatorId: row.indicatorId, measurementId, action: 'delete', before: valuesOf(row), userId: actor.userId });
		await afterValuesChanged(tx, row.goalId);
	});
	announce(actor.municipalityId, row.goalId);
}

export interface MeasurementRow extends MeasurementValues {
	id: string;
	indicatorId: string;
	enteredBy: string | null;
	enteredAt: Date;
	updatedBy: string | null;
	updatedAt: Date | null;
}

/** A goal's measurements (all its indicators, archived ones included), by indicator, group and date. */
export async function goalMeasurements(db: Db, actor: Actor, goalRef: TargetRef<'goal'>): Promise<MeasurementRow[]> {
	const goalId = (await requireTarget(db, actor, 'goal', goalRef, 'read')).id;
	const rows = await db
		.select({ m: measurement, enteredBy: user.name })
		.from(measurement)
		.leftJoin(user, eq(user.id, measurement.enteredBy))
		.where(eq(measurement.goalId, goalId))
		.orderBy(asc(measurement.indicatorId), asc(measurement.groupName), asc(measurement.refDate));
	const editors = await namesOf(db, rows.map((r) => r.m.updatedBy));
	return rows.map(({ m, enteredBy }) => ({
		...valuesOf(m),
		id: m.id,
		indicatorId: m.indicatorId,
		enteredBy,
		enteredAt: m.enteredAt,
		updatedBy: m.updatedBy ? (editors.get(m.updatedBy) ?? null) : null,
		updatedAt: m.updatedAt
	}));
}

async function namesOf(db: Db, ids: readonly (string | null)[]): Promise<Map<string, string>> {
	const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
	if (wanted.length === 0) return new Map();
	const rows = await db.select({ id: user.id, name: user.name }).from(user).where(inArray(user.id, wanted));
	return new Map(rows.map((r) => [r.id, r.name]));
}

export interface AuditEntry {
	id: string;
	indicatorId: string;
	action: 'create' | 'update' | 'delete';
	before: MeasurementValues | null;
	after: MeasurementValues | null;
	userName: string | null;
	at: Date;
	imported: boolean;
}

/** The audit trail of a goal's measurements, newest first. */
export async function measurementAuditTrail(db: Db, actor: Actor, goalRef: TargetRef<'goal'>, limit = 200): Promise<AuditEntry[]> {
	const goalId = (await requireTarget(db, actor, 'goal', goalRef, 'read')).id;
	const rows = await db
		.select({ a: measurementAudit, userName: user.name })
		.from(measurementAudit)
		.innerJoin(indicator, eq(indicator.id, measurementAudit.indicatorId))
		.leftJoin(user, eq(user.id, measurementAudit.userId))
		.where(eq(indicator.goalId, goalId))
		.orderBy(desc(measurementAudit.at))
		.limit(limit);
	return rows.map(({ a, userName }) => ({
		id: a.id,
		indicatorId: a.indicatorId,
		action: a.action,
		before: a.before as MeasurementValues | null,
		after: a.after as MeasurementValues | null,
		userName,
		at: a.at,
		imported: a.importId !== null
	}));
}
