import { m } from '$lib/i18n';
import { criterionLabel } from '$lib/i18n/criteria-labels';
import { formatDate, formatNumber } from '$lib/shared/format';
import { isCriterion } from '$lib/shared/criteria';
import type { ChangedField, FieldChange, FieldValue, GoalField } from '$lib/shared/goal-changes';
import type { IndicatorKey } from '$lib/shared/goal-doc';

/** How the history and the comparison of versions name changed fields and show their values. */

const GOAL_FIELD: Record<GoalField, () => string> = {
	title: m.goal_field_title,
	forWhom: m.goal_field_for_whom,
	description: m.goal_field_description,
	resources: m.goal_field_resources,
	deadline: m.goal_field_deadline,
	criterion: m.goal_field_criterion
};

const INDICATOR_FIELD: Record<IndicatorKey, () => string> = {
	name: m.goal_indicator_name,
	unit: m.goal_indicator_unit,
	direction: m.goal_indicator_direction,
	baselineValue: m.goal_indicator_baseline,
	baselineDate: m.goal_indicator_baseline_date,
	targetValue: m.goal_indicator_target,
	targetDate: m.goal_indicator_target_date,
	templateKey: m.history_key_template,
	frequency: m.indicator_frequency,
	source: m.indicator_source,
	breakdown: m.indicator_breakdown,
	groups: m.indicator_groups,
	targetGroup: m.history_key_target_group,
	gapGroup: m.history_key_gap_group,
	weight: m.indicator_weight
};

const FREQUENCY: Record<string, () => string> = {
	monthly: m.frequency_monthly,
	quarterly: m.frequency_quarterly,
	halfYearly: m.frequency_half_yearly,
	yearly: m.frequency_yearly
};

/** "Titel", or "Indikator ›Übergangsquote‹: Zielwert". */
export function fieldLabel(ref: ChangedField): string {
	if (ref.field !== 'indicator') return GOAL_FIELD[ref.field]();
	const name = ref.name || m.goal_untitled();
	if (ref.key === 'added') return m.history_indicator_added({ name });
	if (ref.key === 'removed') return m.history_indicator_removed({ name });
	return m.history_indicator_field({ name, field: INDICATOR_FIELD[ref.key]() });
}

/** A value that is not a text, in words: a date, a number, a choice. */
export function plainValue(change: FieldChange, value: FieldValue, locale: string): string {
	if (value === null || value === '' || (Array.isArray(value) && value.length === 0)) return m.compare_empty();
	if (Array.isArray(value)) return value.join(', ');
	if (typeof value === 'number') return formatNumber(value, locale, { maximumFractionDigits: 6 });
	if (change.kind === 'date') return formatDate(value, locale);
	if (change.ref.field === 'criterion') return isCriterion(value) ? criterionLabel[value]() : value;
	if (change.ref.field === 'indicator' && change.ref.key === 'direction') return value === 'down' ? m.goal_indicator_down() : m.goal_indicator_up();
	if (change.ref.field === 'indicator' && change.ref.key === 'frequency') return FREQUENCY[value]?.() ?? value;
	return value;
}
