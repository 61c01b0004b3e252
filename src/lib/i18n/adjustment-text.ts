import { m } from '$lib/i18n';
import { formatDate, formatNumber } from '$lib/shared/format';
import { withUnit } from '$lib/shared/units';

/** The name of an adjusted field in the reader's language (indicators by their name). */
export function adjustmentFieldName(field: string, label: string): string {
	if (field === 'forWhom') return m.goal_field_for_whom();
	if (field === 'deadline') return m.goal_field_deadline();
	return m.adjustment_indicator({ name: label || m.goal_untitled() });
}

/** A value before or after an adjustment, in words: a text, a date, or an indicator's plan. */
export function adjustmentValue(field: string, value: unknown, locale: string): string {
	const number = (v: unknown) => (typeof v === 'number' ? formatNumber(v, locale, { maximumFractionDigits: 6 }) : '–');
	const date = (v: unknown) => (typeof v === 'string' ? formatDate(v, locale) : '–');
	if (value === null || value === undefined) return field.startsWith('indicator:') ? m.adjustment_none() : '–';
	if (field === 'deadline') return date(value);
	if (typeof value === 'string') return value;
	const i = value as Record<string, unknown>;
	const unit = typeof i.unit === 'string' ? i.unit : '';
	return m.adjustment_indicator_value({
		baseline: withUnit(number(i.baselineValue), unit),
		baselineDate: date(i.baselineDate),
		target: withUnit(number(i.targetValue), unit),
		targetDate: date(i.targetDate)
	});
}
