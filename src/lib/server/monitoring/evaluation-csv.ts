import { and, asc, between, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db';
import { indicator, measurement } from '../db/schema';
import type { Actor } from '../auth/session';
import { ValidationError } from '../errors';
import { translate } from '../../i18n/translate';
import { formatDateCell, formatNumberCell, formatStatusCell, toSpreadsheetCsv } from '../../shared/csv/export';
import type { TrackStatus } from '../../shared/forecast';
import type { GoalStatus } from '../../shared/goal-status';
import { normaliseFlags } from '../../shared/measurement-value';
import { berlinToday } from '../../shared/smart';
import { periodEvaluation, type EvaluatedAdjustment, type Evaluation, type EvaluationInput } from './evaluation';

/**
 * The period evaluation as one table for a German spreadsheet: a row per goal and per indicator
 * (start and end side by side), then one per measurement, review, adjustment and approach of the
 * period, the first column naming which. Filtering that column gives each section.
 */

const TRACK_KEYS: Record<TrackStatus, string> = { onTrack: 'track_on_track', atRisk: 'track_at_risk', offTrack: 'track_off_track', noData: 'track_no_data' };
const STATUS_KEYS: Record<GoalStatus, string> = { draft: 'goal_status_draft', agreed: 'goal_status_agreed', changed: 'goal_status_changed', closed: 'goal_status_closed' };
const HEADER = [
	'evaluation_csv_section',
	'csv_header_department',
	'csv_header_goal',
	'evaluation_csv_subject',
	'evaluation_csv_date',
	'evaluation_csv_value_start',
	'evaluation_csv_value_end',
	'csv_header_unit',
	'evaluation_csv_progress_start',
	'evaluation_csv_progress_end',
	'evaluation_csv_state_start',
	'evaluation_csv_state_end',
	'evaluation_csv_new_values',
	'evaluation_csv_text',
	'evaluation_csv_reason'
] as const;

type Cell = string | number | null;

const percent = (progress: number | null | undefined) => (progress === null || progress === undefined ? null : Math.round(progress * 1000) / 10);

/** The CSV of a valid evaluation; invalid form values are refused as the page shows them. */
export async function evaluationCsv(db: Db, actor: Actor, input: EvaluationInput, today = berlinToday()): Promise<{ body: string; fileName: string }> {
	const view = await periodEvaluation(db, actor, { ...input, goal: null }, today);
	if (!view.evaluation) throw new ValidationError(view.errors);
	const e = view.evaluation;
	const t = (key: string, params: Record<string, string | number> = {}) => translate(key, params);
	const departmentOf = new Map(e.goals.map((g) => [g.id, g.departmentName]));
	const row = (section: string, goalId: string, goalTitle: string, cells: Partial<Record<(typeof HEADER)[number], Cell>>): Cell[] => {
		const full: Record<string, Cell> = { evaluation_csv_section: t(section), csv_header_department: departmentOf.get(goalId) ?? '', csv_header_goal: goalTitle || t('goal_untitled'), ...cells };
		return HEADER.map((key) => full[key] ?? null);
	};
	const rows: Cell[][] = [];
	for (const g of e.goals) {
		const state = (s: { status: GoalStatus; trackStatus: TrackStatus } | null) => (s ? `${t(STATUS_KEYS[s.status])}, ${t(TRACK_KEYS[s.trackStatus])}` : t('evaluation_not_yet'));
		rows.push(
			row('evaluation_csv_goal', g.id, g.title, {
				evaluation_csv_progress_start: percent(g.start?.progress),
				evaluation_csv_progress_end: percent(g.end.progress),
				evaluation_csv_state_start: state(g.start),
				evaluation_csv_state_end: state(g.end),
				evaluation_csv_new_values: g.newValues
			})
		);
		for (const i of g.indicators) {
			rows.push(
				row('evaluation_csv_indicator', g.id, g.title, {
					evaluation_csv_subject: i.name,
					evaluation_csv_value_start: i.start?.value ?? null,
					evaluation_csv_value_end: i.end?.value ?? null,
					csv_header_unit: i.unit,
					evaluation_csv_progress_start: percent(i.start?.progress),
					evaluation_csv_progress_end: percent(i.end?.progress),
					evaluation_csv_state_start: i.start ? t(TRACK_KEYS[i.start.trackStatus]) : t('evaluation_indicator_added'),
					evaluation_csv_state_end: i.end ? t(TRACK_KEYS[i.end.trackStatus]) : t('evaluation_indicator_removed'),
					evaluation_csv_new_values: i.newValues
				})
			);
		}
	}
	for (const v of await periodValues(db, e)) {
		rows.push(
			row('evaluation_csv_measurement', v.goalId, e.goals.find((g) => g.id === v.goalId)?.title ?? '', {
				evaluation_csv_subject: v.group ? `${v.indicatorName} (${v.group})` : v.indicatorName,
				evaluation_csv_date: formatDateCell(v.refDate),
				evaluation_csv_value_end: v.value,
				csv_header_unit: v.unit,
				evaluation_csv_text: formatStatusCell(v.symbol, normaliseFlags(v.flags))
			})
		);
	}
	for (const c of e.checkIns) {
		rows.push(
			row('evaluation_csv_check_in', c.goalId, c.goalTitle, {
				evaluation_csv_subject: t(TRACK_KEYS[c.overall]),
				evaluation_csv_date: formatDateCell(c.date),
				evaluation_csv_text: [t('check_in_confidence_value', { confidence: c.confidence }), c.happened, c.decided].filter(Boolean).join(' – ')
			})
		);
	}
	for (const a of e.adjustments) {
		rows.push(
			row('evaluation_csv_adjustment', a.goalId, a.goalTitle, {
				evaluation_csv_subject: adjustedField(a, t),
				evaluation_csv_date: formatDateCell(berlinToday(a.detectedAt)),
				evaluation_csv_value_start: adjustedValue(a.field, a.before, t),
				evaluation_csv_value_end: adjustedValue(a.field, a.after, t),
				evaluation_csv_reason: a.reason?.trim() || t('adjustment_reason_missing')
			})
		);
	}
	for (const x of e.experiments) {
		rows.push(
			row('evaluation_csv_experiment', x.goalId, x.goalTitle, {
				evaluation_csv_subject: x.title,
				evaluation_csv_date: [x.startDate, x.endDate].map((d) => (d ? formatDateCell(d) : '')).join(' – '),
				evaluation_csv_state_end: t(`experiment_status_${x.status}`),
				evaluation_csv_text: [x.startedInPeriod ? t('evaluation_experiment_started') : '', x.endedInPeriod ? t('evaluation_experiment_ended') : ''].filter(Boolean).join(', ')
			})
		);
	}
	const p = e.period;
	return { body: toSpreadsheetCsv(HEADER.map((key) => t(key)), rows), fileName: `auswertung-${p.year}${p.quarter ? `-q${p.quarter}` : ''}.csv` };
}

/** Every measurement dated in the period, of the evaluated goals. */
async function periodValues(db: Db, e: Evaluation) {
	const ids = e.goals.map((g) => g.id);
	if (ids.length === 0) return [];
	return db
		.select({ goalId: measurement.goalId, indicatorName: indicator.name, unit: indicator.unit, group: measurement.groupName, refDate: measurement.refDate, value: measurement.value, symbol: measurement.symbol, flags: measurement.flags })
		.from(measurement)
		.innerJoin(indicator, eq(indicator.id, measurement.indicatorId))
		.where(and(inArray(measurement.goalId, ids), between(measurement.refDate, e.period.start, e.to)))
		.orderBy(asc(measurement.goalId), asc(indicator.position), asc(measurement.groupName), asc(measurement.refDate));
}

function adjustedField(a: EvaluatedAdjustment, t: (key: string, params?: Record<string, string>) => string): string {
	if (a.field === 'forWhom') return t('goal_field_for_whom');
	if (a.field === 'deadline') return t('goal_field_deadline');
	return t('adjustment_indicator', { name: a.label || t('goal_untitled') });
}

/** A value before or after an adjustment in words, as the council report writes it. */
function adjustedValue(field: string, value: unknown, t: (key: string, params?: Record<string, string>) => string): string {
	if (value === null || value === undefined) return field.startsWith('indicator:') ? t('adjustment_none') : '';
	if (field === 'deadline' && typeof value === 'string') return formatDateCell(value);
	if (typeof value === 'string') return value;
	if (typeof value !== 'object') return String(value);
	const i = value as Record<string, unknown>;
	const unit = typeof i.unit === 'string' && i.unit ? ` ${i.unit}` : '';
	const num = (v: unknown) => (typeof v === 'number' ? formatNumberCell(v) : '–');
	const day = (v: unknown) => (typeof v === 'string' ? formatDateCell(v) : '–');
	return t('adjustment_indicator_value', { baseline: `${num(i.baselineValue)}${unit}`, baselineDate: day(i.baselineDate), target: `${num(i.targetValue)}${unit}`, targetDate: day(i.targetDate) });
}
