import { m, t } from '$lib/i18n';
import type { Forecast, Point } from '$lib/shared/forecast';
import { formatDate, formatNumber } from '$lib/shared/format';
import { withUnit } from '$lib/shared/units';

/** One sentence on an indicator: its latest value and date, and why its forecast says what it says. */
export function indicatorSummary(indicator: { name: string; unit: string }, latest: Point | undefined, forecast: Pick<Forecast, 'reason' | 'params'>, locale: string): string {
	const name = indicator.name || m.goal_untitled();
	const value = latest ? withUnit(formatNumber(latest.value, locale, { maximumFractionDigits: 2 }), indicator.unit) : '';
	return [latest ? m.chart_summary_latest({ name, value, date: formatDate(latest.date, locale) }) : m.chart_summary_empty({ name }), t(forecast.reason, forecast.params)].join(' ');
}
