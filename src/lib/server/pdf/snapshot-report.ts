import * as messages from '../../paraglide/messages.js';
import type { AgreementStatus } from '../../shared/agreement-doc';
import type { CloseOutcome } from '../../shared/goal-status';
import { formatDate, formatNumber } from '../../shared/format';
import type { TrackStatus } from '../../shared/forecast';
import type { Frequency } from '../../shared/indicator-templates';
import { formatMeasurementValue } from '../../shared/measurement-value';
import { SUPPRESSED_MARK, type SnapshotAdjustment, type SnapshotContent, type SnapshotValue } from '../../shared/snapshot';
import { withUnit } from '../../shared/units';
import { agreementStatusLabel } from './agreement-body';
import { remember, type TaggedDocument } from './tagged-pdf';

/**
 * What every section of the snapshot report writes with: the report's wording (messages and
 * numbers in its language) and the tagged document it goes into.
 */

type Locale = SnapshotContent['locale'];
type Params = Record<string, string | number>;
type Message = (params?: Params, options?: { locale?: Locale }) => string;
type Translate = (key: string, params?: Params) => string;

const catalogue = messages as unknown as Record<string, Message | undefined>;

/** Messages in the report's language; an unknown key (e.g. an old forecast reason) is shown as it is. */
function translator(locale: Locale): Translate {
	return (key, params = {}) => {
		const message = catalogue[key];
		return typeof message === 'function' ? message(params, { locale }) : key;
	};
}

const TRACK_KEYS: Record<TrackStatus, string> = { onTrack: 'track_on_track', atRisk: 'track_at_risk', offTrack: 'track_off_track', noData: 'track_no_data' };
export const OUTCOME_KEYS: Record<CloseOutcome, string> = { achieved: 'goal_outcome_achieved', notAchieved: 'goal_outcome_not_achieved', dropped: 'goal_outcome_dropped' };
export const FREQUENCY_KEYS: Record<Frequency, string> = { monthly: 'frequency_monthly', quarterly: 'frequency_quarterly', halfYearly: 'frequency_half_yearly', yearly: 'frequency_yearly' };

type ShownValue = Pick<SnapshotValue, 'value' | 'symbol' | 'flags' | 'suppressed'>;

/** The report's wording: messages, dates, numbers and values in its language. */
export function reportWording(locale: Locale) {
	const t = translator(locale);
	// Building an Intl formatter per value is the slowest part of a large report; values repeat.
	const date = remember((value: string) => formatDate(value, locale));
	const number = remember((value: number) => formatNumber(value, locale, { maximumFractionDigits: 2 }));
	const measurement = remember(
		(v: Omit<ShownValue, 'suppressed'>) => formatMeasurementValue(v, locale),
		(v) => `${v.value}|${v.symbol}|${v.flags.join()}`
	);
	return {
		locale,
		t,
		date,
		number,
		tick: remember((value: number) => formatNumber(value, locale, { maximumFractionDigits: 4 })),
		withUnit: (value: number, unit: string) => withUnit(number(value), unit),
		percent: (share: number) => formatNumber(share / 100, locale, { style: 'percent', maximumFractionDigits: 0 }),
		track: (status: TrackStatus) => t(TRACK_KEYS[status]),
		agreementTitle: (text: string) => text.replace(/\s+/g, ' ').trim() || t('report_agreement_untitled'),
		agreementStatus: (status: AgreementStatus | null) => (status === null ? t('report_agreement_new') : agreementStatusLabel(status, t)),
		valueText: (v: ShownValue | null | undefined) => (!v ? '' : v.suppressed ? SUPPRESSED_MARK : measurement(v))
	};
}

/** The report being written: its content, wording and document. */
export interface Report extends ReturnType<typeof reportWording>, Omit<TaggedDocument, 'finish'> {
	content: SnapshotContent;
	/** Whether a table has shown a suppressed value, which the legend then explains. */
	anySuppressed: boolean;
}

function adjustmentFieldName(r: Report, a: SnapshotAdjustment): string {
	if (a.field === 'forWhom') return r.t('goal_field_for_whom');
	if (a.field === 'deadline') return r.t('goal_field_deadline');
	return r.t('adjustment_indicator', { name: a.label || r.t('goal_untitled') });
}

/** A value before or after an adjustment, in words: a text, a date, or an indicator's plan (as in the app). */
function adjustmentValue(r: Report, field: string, value: unknown): string {
	const { t } = r;
	const num = (v: unknown) => (typeof v === 'number' ? formatNumber(v, r.locale, { maximumFractionDigits: 6 }) : '–');
	const day = (v: unknown) => (typeof v === 'string' ? r.date(v) : '–');
	if (value === null || value === undefined) return field.startsWith('indicator:') ? t('adjustment_none') : '–';
	if (field === 'deadline') return day(value);
	if (typeof value === 'string') return value;
	if (typeof value !== 'object') return String(value);
	const i = value as Record<string, unknown>;
	const unit = typeof i.unit === 'string' ? i.unit : '';
	return t('adjustment_indicator_value', {
		baseline: withUnit(num(i.baselineValue), unit),
		baselineDate: day(i.baselineDate),
		target: withUnit(num(i.targetValue), unit),
		targetDate: day(i.targetDate)
	});
}

/** An adjustment in one sentence, with its reason: in a goal's section and among the changes. */
export function adjustmentText(r: Report, a: SnapshotAdjustment): string {
	const change = r.t('report_adjustment', {
		date: r.date(a.detectedAt),
		field: adjustmentFieldName(r, a),
		before: adjustmentValue(r, a.field, a.before),
		after: adjustmentValue(r, a.field, a.after)
	});
	const reason = a.reason?.trim() ? r.t('goal_history_adjustment_reason', { reason: a.reason.trim() }) : r.t('adjustment_reason_missing');
	return `${change}. ${reason}`;
}
