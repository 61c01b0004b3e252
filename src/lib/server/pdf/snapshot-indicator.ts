import type { ChartSeries } from '../../shared/chart-series';
import { plannedValue } from '../../shared/forecast';
import { SUPPRESSED_MARK, type SnapshotIndicator } from '../../shared/snapshot';
import { layoutChart } from './chart';
import { FREQUENCY_KEYS, type Report } from './snapshot-report';
import { FONTS, STYLE, type Cell, type Struct } from './tagged-pdf';

/** An indicator in a goal's section of the snapshot report: its heading and forecast, its chart, and its values as a table. */
export function indicatorSection(r: Report, parent: Struct, indicator: SnapshotIndicator) {
	const { w, t } = r;
	const name = indicator.name || t('goal_untitled');
	const heading = indicator.unit ? t('report_indicator_heading', { name, unit: indicator.unit }) : name;
	const gapLabel = t('chart_gap', { a: indicator.targetGroup, b: indicator.gapGroup ?? '' });
	const chart = layoutChart(
		r.doc,
		{
			model: indicator.chart,
			unit: indicator.unit,
			locale: r.locale,
			font: FONTS.regular.name,
			number: r.tick,
			label: (series: ChartSeries) =>
				series.kind === 'gap' ? gapLabel : series.kind === 'planned' ? t('chart_planned') : series.kind === 'forecast' ? t('chart_forecast') : series.group || t('chart_measured'),
			markerLabel: (kind, point) =>
				t('report_chart_marker', { label: t(kind === 'baseline' ? 'chart_baseline' : 'chart_target'), value: r.withUnit(point.value, indicator.unit), date: r.date(point.date) })
		},
		w.width
	);
	const meta = [
		indicator.source ? `${t('indicator_source')}: ${indicator.source}` : '',
		`${t('indicator_frequency')}: ${t(FREQUENCY_KEYS[indicator.frequency])}`,
		indicator.breakdown ? `${t('indicator_breakdown')}: ${indicator.breakdown} (${indicator.groups.join(', ')})` : ''
	]
		.filter(Boolean)
		.join(' · ');
	const forecastText = `${t('report_forecast', { status: r.track(indicator.forecast.status) })} ${t(indicator.forecast.reason, indicator.forecast.params)}`;
	const intro = w.measure(heading, STYLE.h3) + w.measure(meta, STYLE.meta) + w.measure(forecastText, STYLE.p) + 20;
	const together = intro + (chart?.height ?? 0);
	w.heading(parent, 3, heading, w.fitsOnPage(together) ? together - w.measure(heading, STYLE.h3) : 80);
	w.block(parent, 'P', meta, STYLE.meta);
	w.block(parent, 'P', forecastText, STYLE.p);
	if (chart) w.figure(parent, chartAlt(r, indicator, name, gapLabel), chart.height, chart.draw);
	valuesTable(r, parent, indicator, name, gapLabel);
}

/** The chart's alt text: in one sentence the latest value of the series the target refers to, and the status. */
function chartAlt(r: Report, indicator: SnapshotIndicator, name: string, gapLabel: string): string {
	const targetSeries =
		indicator.chart.series.find((s) => s.kind === 'gap') ??
		indicator.chart.series.find((s) => s.kind === 'measured' && s.group === indicator.targetGroup) ??
		indicator.chart.series.find((s) => s.kind === 'measured');
	const latest = targetSeries?.points.at(-1);
	const status = r.track(indicator.forecast.status);
	const value = latest ? (targetSeries!.kind === 'gap' ? `${gapLabel} ${r.withUnit(latest.value, indicator.unit)}` : r.withUnit(latest.value, indicator.unit)) : '';
	return latest ? r.t('report_chart_alt', { name, value, date: r.date(latest.date), status }) : r.t('report_chart_alt_empty', { name, status });
}

type Row = { date: string; kind: 'values' | 'baseline' | 'target' };

/** The table's rows: a reference date each, and the plan's baseline and target, in date order. */
function valueRows(indicator: SnapshotIndicator) {
	const plan = indicator.chart.baseline && indicator.chart.target ? { baseline: indicator.chart.baseline, target: indicator.chart.target } : null;
	const rows: Row[] = [...new Set(indicator.values.map((v) => v.date))].map((d) => ({ date: d, kind: 'values' }));
	if (plan) rows.push({ date: plan.baseline.date, kind: 'baseline' }, { date: plan.target.date, kind: 'target' });
	rows.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.kind === 'baseline' || b.kind === 'target' ? -1 : 1));
	return { plan, rows };
}

/** The values: a row per reference date (and baseline and target), a column per group, then the gap and the plan. */
function valuesTable(r: Report, parent: Struct, indicator: SnapshotIndicator, name: string, gapLabel: string) {
	const { w, t, date, number } = r;
	const groups = [...indicator.groups];
	for (const v of indicator.values) if (!groups.includes(v.group)) groups.push(v.group);
	if (groups.length === 0) groups.push('');
	const byKey = new Map(indicator.values.map((v) => [`${v.group}\u0000${v.date}`, v]));
	const gapSeries = indicator.chart.series.find((s) => s.kind === 'gap');
	const gapAt = new Map(gapSeries?.points.map((p) => [p.date, p.value]) ?? []);
	const { plan, rows } = valueRows(indicator);
	if (rows.length === 0) return;
	const suppressed = indicator.values.some((v) => v.suppressed);
	r.anySuppressed ||= suppressed;
	const rowLabel = (row: Row) =>
		row.kind === 'baseline' ? `${date(row.date)} (${t('chart_baseline')})` : row.kind === 'target' ? `${date(row.date)} (${t('chart_target')})` : date(row.date);
	w.table(parent, {
		caption: `${t('chart_table_caption', { name })}${indicator.unit ? ` (${indicator.unit})` : ''}`,
		widths: [2.4, ...groups.map(() => 1.5), ...(gapSeries ? [1.8] : []), ...(plan ? [1.5] : [])],
		header: [
			{ text: t('measurement_date'), header: 'Column' },
			...groups.map((g): Cell => ({ text: g || t('chart_measured'), header: 'Column', align: 'right' })),
			...(gapSeries ? [{ text: gapLabel, header: 'Column', align: 'right' } satisfies Cell] : []),
			...(plan ? [{ text: t('chart_planned'), header: 'Column', align: 'right' } satisfies Cell] : [])
		],
		rows: rows.map((row) => {
			const planned = plan && row.date >= plan.baseline.date ? plannedValue(plan, row.date) : null;
			const gapValue = row.kind === 'values' ? gapAt.get(row.date) : undefined;
			return [
				{ text: rowLabel(row), header: 'Row' },
				...groups.map((g): Cell => ({ text: row.kind === 'values' ? r.valueText(byKey.get(`${g}\u0000${row.date}`)) : '', align: 'right' })),
				...(gapSeries ? [{ text: gapValue === undefined ? '' : number(gapValue), align: 'right' } satisfies Cell] : []),
				...(plan ? [{ text: planned === null ? '' : number(planned), align: 'right' } satisfies Cell] : [])
			];
		})
	});
	if (suppressed) {
		w.ensure(w.measure('·', STYLE.note));
		w.block(parent, 'P', t('report_suppressed_note', { mark: SUPPRESSED_MARK, count: r.content.minCases ?? '–' }), STYLE.note);
	}
}
