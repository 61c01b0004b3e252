import * as messages from '../../paraglide/messages.js';
import type { AgreementStatus } from '../../shared/agreement-doc';
import { ESTABLISHED, MAX_RATING } from '../../shared/assessment';
import type { ChartSeries } from '../../shared/chart-series';
import { CRITERIA } from '../../shared/criteria';
import { clampedPercent, plannedValue, type TrackStatus } from '../../shared/forecast';
import { formatDate, formatDateTime, formatNumber } from '../../shared/format';
import type { CloseOutcome } from '../../shared/goal-status';
import type { Frequency } from '../../shared/indicator-templates';
import { formatMeasurementValue } from '../../shared/measurement-value';
import { SMART_CRITERIA } from '../../shared/smart';
import {
	hasChanges,
	SUPPRESSED_MARK,
	type SnapshotAdjustment,
	type SnapshotAgreement,
	type SnapshotAssessment,
	type SnapshotChanges,
	type SnapshotContent,
	type SnapshotGoal,
	type SnapshotIndicator,
	type SnapshotValue,
	type ValueChange
} from '../../shared/snapshot';
import { agreementStatusLabel, writeAgreementBody } from './agreement-body';
import { layoutChart } from './chart';
import { clean, FONTS, openDocument, remember, STYLE, Writer, type Cell, type Struct } from './tagged-pdf';

/**
 * The monitoring snapshot as a PDF for the council, made once when the snapshot is taken and
 * stored byte for byte: A4, tagged (PDF/UA as far as pdfkit goes: embedded fonts, language,
 * title, structure tree with headings, tables with header cells, figures with alt text, page
 * furniture as artifacts), and deterministic — the same content and hash give the same bytes.
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


// ---------------------------------------------------------------------------------------------
// Wording

const TRACK_KEYS: Record<TrackStatus, string> = { onTrack: 'track_on_track', atRisk: 'track_at_risk', offTrack: 'track_off_track', noData: 'track_no_data' };
const OUTCOME_KEYS: Record<CloseOutcome, string> = { achieved: 'goal_outcome_achieved', notAchieved: 'goal_outcome_not_achieved', dropped: 'goal_outcome_dropped' };
const FREQUENCY_KEYS: Record<Frequency, string> = { monthly: 'frequency_monthly', quarterly: 'frequency_quarterly', halfYearly: 'frequency_half_yearly', yearly: 'frequency_yearly' };


/**
 * The report as PDF bytes. `hash` is the snapshot's SHA-256 (printed in full on page 1 and in
 * every footer); `changes` against the previous snapshot, or null to leave that section out.
 */
export async function renderSnapshotPdf(content: SnapshotContent, hash: string, changes: SnapshotChanges | null): Promise<Buffer> {
	const locale = content.locale;
	const t = translator(locale);
	const created = new Date(content.createdAt);
	const title = t('report_document_title', { title: content.title });
	// Building an Intl formatter per value is the slowest part of a large report; values repeat.
	const date = remember((value: string) => formatDate(value, locale));
	const number = remember((value: number) => formatNumber(value, locale, { maximumFractionDigits: 2 }));
	const tick = remember((value: number) => formatNumber(value, locale, { maximumFractionDigits: 4 }));
	const withUnit = (value: number, unit: string) => (unit ? `${number(value)} ${unit}` : number(value));
	const percent = (share: number) => formatNumber(share / 100, locale, { style: 'percent', maximumFractionDigits: 0 });
	const track = (status: TrackStatus) => t(TRACK_KEYS[status]);
	const agreementTitle = (text: string) => text.replace(/\s+/g, ' ').trim() || t('report_agreement_untitled');
	const agreementStatus = (status: AgreementStatus | null) => (status === null ? t('report_agreement_new') : agreementStatusLabel(status, t));

	const { doc, bytes } = openDocument(locale, {
		Title: title,
		Author: content.municipality,
		Subject: t('report_subject', { municipality: content.municipality, date: date(content.refDate) }),
		Creator: 'Fokus',
		Producer: 'Fokus (pdfkit)',
		// Fixed dates make the bytes reproducible; the trailer ID is an MD5 over these entries, so
		// the hash as its own entry gives every report its own ID.
		CreationDate: created,
		ModDate: created,
		FokusSnapshotHash: hash
	});

	const w = new Writer(doc);
	const root = doc.struct('Document');
	// Attached first: content closures run at once only below an attached element.
	doc.addStructure(root);
	const outline = doc.outline;

	// Title block
	w.block(root, 'P', content.municipality, STYLE.lead);
	w.block(root, 'H1', title, STYLE.h1);
	outline.addItem(clean(title));
	w.block(root, 'P', t('report_ref_date', { date: date(content.refDate) }), { ...STYLE.p, font: 'bold', size: 11 });
	w.block(root, 'P', t('report_created', { date: formatDateTime(content.createdAt, locale), name: content.createdBy }), STYLE.meta);
	w.block(root, 'P', t('report_hash', { hash }), { ...STYLE.meta, gap: 10 });

	if (content.commentary.trim()) {
		w.heading(root, 2, t('report_commentary_heading'), 40, outline);
		w.paragraphs(root, content.commentary);
	}

	// Where the municipality stands, and its agreements: both only in reports made with them.
	if (content.assessment) assessmentSection(content.assessment);
	if (content.agreements) agreementsSection(content.agreements);

	// Overview
	const progressCell = (progress: number | null) => {
		if (progress === null) return '–';
		const shown = clampedPercent(progress);
		const exact = Math.round(progress * 100);
		return shown === exact ? percent(shown) : `${percent(shown)} (${percent(exact)})`;
	};
	w.headedTable(root, 2, t('report_overview_heading'), {
		caption: t('report_overview_caption', { count: content.goals.length }),
		widths: [5, 2.6, 1.6, 1.4, 1.4],
		header: [t('report_col_goal'), t('goal_side_department'), t('goal_status'), t('progress_title'), t('goal_field_deadline')].map((text, i) => ({
			text,
			header: 'Column',
			align: i >= 3 ? 'right' : 'left'
		})),
		rows: content.goals.map((goal) => [
			{ text: goal.title || t('goal_untitled'), header: 'Row' },
			{ text: goal.department },
			{ text: track(goal.trackStatus) },
			{ text: progressCell(goal.progress), align: 'right' },
			{ text: goal.deadline ? date(goal.deadline) : '–', align: 'right' }
		])
	}, outline);

	// Units of the indicators, for the changes' values.
	const units = new Map(content.goals.flatMap((g) => g.indicators.map((i) => [i.id, i.unit] as const)));
	const measurement = remember(
		(v: Pick<SnapshotValue, 'value' | 'symbol' | 'flags'>) => formatMeasurementValue(v, locale),
		(v) => `${v.value}|${v.symbol}|${v.flags.join()}`
	);
	const valueText = (v: Pick<SnapshotValue, 'value' | 'symbol' | 'flags' | 'suppressed'> | null | undefined) =>
		!v ? '' : v.suppressed ? SUPPRESSED_MARK : measurement(v);
	let anySuppressed = false;

	if (changes) {
		w.heading(root, 2, t('report_changes_heading'), 40, outline);
		const previous = changes.previous;
		w.block(root, 'P', t('report_changes_previous', { title: previous.title, date: date(previous.refDate), hash: previous.hash }), STYLE.meta);
		if (!hasChanges(changes)) w.block(root, 'P', t('report_changes_none'), STYLE.p);
		else {
			if (changes.stage) {
				const { before, after, assessedOn } = changes.stage;
				w.block(root, 'P', t('report_changes_stage', { before, after, date: date(assessedOn) }), STYLE.p);
			}
			if (changes.agreements.length > 0) {
				w.headedTable(root, 3, t('report_changes_agreements', { count: changes.agreements.length }), {
					widths: [4, 2.6, 2, 2],
					header: [t('report_col_agreement'), t('goal_side_department'), t('audit_before'), t('audit_after')].map((text): Cell => ({ text, header: 'Column' })),
					rows: changes.agreements.map((a): Cell[] => [
						{ text: agreementTitle(a.title), header: 'Row' },
						{ text: a.department },
						{ text: agreementStatus(a.before) },
						{ text: agreementStatus(a.after) }
					])
				});
			}
			const goalList = (key: string, items: string[]) => {
				if (items.length === 0) return;
				w.heading(root, 3, t(key, { count: items.length }));
				w.list(root, items);
			};
			goalList('report_changes_goals_added', changes.goalsAdded.map((g) => g.title));
			goalList('report_changes_goals_dropped', changes.goalsDropped.map((g) => g.title));
			goalList(
				'report_changes_goals_closed',
				changes.goalsClosed.map((g) => (g.outcome ? `${g.title} – ${t(OUTCOME_KEYS[g.outcome])}` : g.title))
			);
			if (changes.statusChanges.length > 0) {
				w.headedTable(root, 3, t('report_changes_status', { count: changes.statusChanges.length }), {
					widths: [5, 2, 2],
					header: [t('report_col_goal'), t('audit_before'), t('audit_after')].map((text) => ({ text, header: 'Column' })),
					rows: changes.statusChanges.map((c) => [{ text: c.title, header: 'Row' }, { text: track(c.before) }, { text: track(c.after) }])
				});
			}
			if (changes.progressDeltas.length > 0) {
				const points = (delta: number) =>
					t('report_points', { delta: formatNumber(delta * 100, locale, { maximumFractionDigits: 1, signDisplay: 'exceptZero' }) });
				w.headedTable(root, 3, t('report_changes_progress', { count: changes.progressDeltas.length }), {
					widths: [5, 1.5, 1.5, 2.5],
					header: [t('report_col_goal'), t('audit_before'), t('audit_after'), t('report_col_change')].map((text, i) => ({
						text,
						header: 'Column',
						align: i > 0 ? 'right' : 'left'
					})),
					rows: changes.progressDeltas.map((c) => [
						{ text: c.title, header: 'Row' },
						{ text: percent(Math.round(c.before * 100)), align: 'right' },
						{ text: percent(Math.round(c.after * 100)), align: 'right' },
						{ text: points(c.delta), align: 'right' }
					])
				});
			}
			const valueTable = (key: string, list: ValueChange[], columns: ('before' | 'after')[]) => {
				if (list.length === 0) return;
				anySuppressed ||= list.some((c) => c.before?.suppressed || c.after?.suppressed);
				const valueHeaders = columns.length === 1 ? [t('measurement_value')] : [t('audit_before'), t('audit_after')];
				w.headedTable(root, 3, t(key, { count: list.length }), {
					widths: [5, 2, 1.6, ...columns.map(() => 1.6)],
					header: [t('csv_header_indicator'), t('measurement_group'), t('measurement_date'), ...valueHeaders].map((text, i) => ({
						text,
						header: 'Column',
						align: i > 2 ? 'right' : 'left'
					})),
					rows: list.map((c) => {
						const unit = units.get(c.indicatorId);
						return [
							{ text: `${c.indicatorName}${unit ? ` (${unit})` : ''} – ${c.goalTitle}`, header: 'Row' },
							{ text: c.group || t('chart_measured') },
							{ text: date(c.date) },
							...columns.map((side) => ({ text: valueText(c[side]), align: 'right' as const }))
						];
					})
				});
			};
			valueTable('report_changes_new_values', changes.newValues, ['after']);
			valueTable('report_changes_corrected_values', changes.correctedValues, ['before', 'after']);
			valueTable('report_changes_removed_values', changes.removedValues, ['before']);
			if (changes.adjustments.length > 0) {
				w.heading(root, 3, t('report_changes_adjustments', { count: changes.adjustments.length }));
				w.list(
					root,
					changes.adjustments.map((a) => `${a.goalTitle}: ${adjustmentText(a)}`)
				);
			}
		}
	}

	/** Where the municipality stood: its stage and why, the average per criterion, and the summary. */
	function assessmentSection(assessment: SnapshotAssessment) {
		const sect = doc.struct('Sect');
		root.add(sect);
		w.heading(sect, 2, t('report_assessment_heading'), 60, outline);
		w.block(sect, 'P', t('report_assessment_stage', { stage: t(`assessment_stage_${assessment.stage}`) }), { ...STYLE.p, font: 'bold', size: 11 });
		w.block(sect, 'P', t('assessments_as_of', { date: date(assessment.assessedOn) }), STYLE.meta);
		// The reasons' numbers (averages, the threshold) in the report's language.
		for (const reason of assessment.reasons) {
			const params = Object.fromEntries(Object.entries(reason.params).map(([key, v]) => [key, typeof v === 'number' ? number(v) : v]));
			w.paragraphs(sect, t(reason.key, params));
		}
		const average = (value: number) => formatNumber(value, locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
		w.table(sect, {
			caption: t('report_assessment_caption', { max: MAX_RATING, threshold: number(ESTABLISHED) }),
			widths: [5, 1.4, 3],
			header: [t('assessment_radar_criterion'), t('report_assessment_col_average'), t('report_assessment_col_rating')].map(
				(text, i): Cell => ({ text, header: 'Column', align: i === 1 ? 'right' : 'left' })
			),
			rows: CRITERIA.map((criterion): Cell[] => [
				{ text: t(`criterion_${criterion}`), header: 'Row' },
				{ text: average(assessment.averages[criterion]), align: 'right' },
				{
					text: assessment.weak.includes(criterion)
						? t('report_assessment_weak', { action: t(`assessment_action_${criterion}`) })
						: t('report_assessment_established')
				}
			])
		});
		if (assessment.summary.trim()) {
			w.heading(sect, 3, t('assessment_summary'));
			w.paragraphs(sect, assessment.summary);
		}
		sect.end();
	}

	/** The agreements as they stood, each with the body of its own PDF, one heading level lower. */
	function agreementsSection(agreements: SnapshotAgreement[]) {
		const sect = doc.struct('Sect');
		root.add(sect);
		// Each agreement's heading stays with its status and the start of its period table; the
		// section's heading and intro with the first of them.
		const keep = 110;
		const first = agreements[0];
		const intro = first ? t('report_agreements_intro') : t('report_agreements_none');
		const introStyle = first ? STYLE.meta : STYLE.p;
		const firstHeading = first ? (STYLE.h3.before ?? 0) + w.measure(agreementTitle(first.title), STYLE.h3) + STYLE.h3.gap + keep : 0;
		w.heading(sect, 2, t('report_agreements_heading'), w.measure(intro, introStyle) + introStyle.gap + firstHeading, outline);
		w.block(sect, 'P', intro, introStyle);
		for (const agreement of agreements) {
			const part = doc.struct('Sect');
			sect.add(part);
			w.heading(part, 3, agreementTitle(agreement.title), keep);
			writeAgreementBody(
				w,
				part,
				{
					department: agreement.department,
					status: agreement.status,
					validFrom: agreement.validFrom,
					validUntil: agreement.validUntil,
					reviewOn: agreement.reviewOn,
					parts: agreement.parts,
					goals: agreement.goals.map((title) => ({ title })),
					signatures: agreement.signatures,
					contentHash: agreement.contentHash
				},
				t,
				locale,
				4
			);
			part.end();
		}
		sect.end();
	}

	function adjustmentFieldName(a: SnapshotAdjustment): string {
		if (a.field === 'forWhom') return t('goal_field_for_whom');
		if (a.field === 'deadline') return t('goal_field_deadline');
		return t('adjustment_indicator', { name: a.label || t('goal_untitled') });
	}

	/** A value before or after an adjustment, in words: a text, a date, or an indicator's plan (as in the app). */
	function adjustmentValue(field: string, value: unknown): string {
		const num = (v: unknown) => (typeof v === 'number' ? formatNumber(v, locale, { maximumFractionDigits: 6 }) : '–');
		const day = (v: unknown) => (typeof v === 'string' ? date(v) : '–');
		if (value === null || value === undefined) return field.startsWith('indicator:') ? t('adjustment_none') : '–';
		if (field === 'deadline') return day(value);
		if (typeof value === 'string') return value;
		if (typeof value !== 'object') return String(value);
		const i = value as Record<string, unknown>;
		const unit = typeof i.unit === 'string' && i.unit ? ` ${i.unit}` : '';
		return t('adjustment_indicator_value', {
			baseline: `${num(i.baselineValue)}${unit}`,
			baselineDate: day(i.baselineDate),
			target: `${num(i.targetValue)}${unit}`,
			targetDate: day(i.targetDate)
		});
	}

	function adjustmentText(a: SnapshotAdjustment): string {
		const change = t('report_adjustment', {
			date: date(a.detectedAt),
			field: adjustmentFieldName(a),
			before: adjustmentValue(a.field, a.before),
			after: adjustmentValue(a.field, a.after)
		});
		const reason = a.reason?.trim() ? t('goal_history_adjustment_reason', { reason: a.reason.trim() }) : t('adjustment_reason_missing');
		return `${change}. ${reason}`;
	}

	function indicatorSection(parent: Struct, indicator: SnapshotIndicator) {
		const name = indicator.name || t('goal_untitled');
		const heading = indicator.unit ? t('report_indicator_heading', { name, unit: indicator.unit }) : name;
		const gapLabel = t('chart_gap', { a: indicator.targetGroup, b: indicator.gapGroup ?? '' });
		const chart = layoutChart(
			doc,
			{
				model: indicator.chart,
				unit: indicator.unit,
				locale,
				font: FONTS.regular.name,
				number: tick,
				label: (series: ChartSeries) =>
					series.kind === 'gap' ? gapLabel : series.kind === 'planned' ? t('chart_planned') : series.kind === 'forecast' ? t('chart_forecast') : series.group || t('chart_measured'),
				markerLabel: (kind, point) =>
					t('report_chart_marker', { label: t(kind === 'baseline' ? 'chart_baseline' : 'chart_target'), value: withUnit(point.value, indicator.unit), date: date(point.date) })
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
		const forecastText = `${t('report_forecast', { status: track(indicator.forecast.status) })} ${t(indicator.forecast.reason, indicator.forecast.params)}`;
		const intro = w.measure(heading, STYLE.h3) + w.measure(meta, STYLE.meta) + w.measure(forecastText, STYLE.p) + 20;
		const together = intro + (chart?.height ?? 0);
		w.heading(parent, 3, heading, w.fitsOnPage(together) ? together - w.measure(heading, STYLE.h3) : 80);
		w.block(parent, 'P', meta, STYLE.meta);
		w.block(parent, 'P', forecastText, STYLE.p);

		// The series the target refers to, for the one-sentence summary.
		const targetSeries =
			indicator.chart.series.find((s) => s.kind === 'gap') ??
			indicator.chart.series.find((s) => s.kind === 'measured' && s.group === indicator.targetGroup) ??
			indicator.chart.series.find((s) => s.kind === 'measured');
		const latest = targetSeries?.points.at(-1);
		const status = track(indicator.forecast.status);
		if (chart) {
			const value = latest ? (targetSeries!.kind === 'gap' ? `${gapLabel} ${withUnit(latest.value, indicator.unit)}` : withUnit(latest.value, indicator.unit)) : '';
			const alt = latest ? t('report_chart_alt', { name, value, date: date(latest.date), status }) : t('report_chart_alt_empty', { name, status });
			w.figure(parent, alt, chart.height, chart.draw);
		}

		// Values: a row per reference date (and baseline and target), a column per group.
		const groups = [...indicator.groups];
		for (const v of indicator.values) if (!groups.includes(v.group)) groups.push(v.group);
		if (groups.length === 0) groups.push('');
		const byKey = new Map(indicator.values.map((v) => [`${v.group}\u0000${v.date}`, v]));
		const gapSeries = indicator.chart.series.find((s) => s.kind === 'gap');
		const gapAt = new Map(gapSeries?.points.map((p) => [p.date, p.value]) ?? []);
		const plan = indicator.chart.baseline && indicator.chart.target ? { baseline: indicator.chart.baseline, target: indicator.chart.target } : null;
		type Row = { date: string; kind: 'values' | 'baseline' | 'target' };
		const rows: Row[] = [...new Set(indicator.values.map((v) => v.date))].map((d) => ({ date: d, kind: 'values' }));
		if (plan) rows.push({ date: plan.baseline.date, kind: 'baseline' }, { date: plan.target.date, kind: 'target' });
		rows.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.kind === 'baseline' || b.kind === 'target' ? -1 : 1));
		if (rows.length === 0) return;
		const suppressed = indicator.values.some((v) => v.suppressed);
		anySuppressed ||= suppressed;
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
					...groups.map((g): Cell => ({ text: row.kind === 'values' ? valueText(byKey.get(`${g}\u0000${row.date}`)) : '', align: 'right' })),
					...(gapSeries ? [{ text: gapValue === undefined ? '' : number(gapValue), align: 'right' } satisfies Cell] : []),
					...(plan ? [{ text: planned === null ? '' : number(planned), align: 'right' } satisfies Cell] : [])
				];
			})
		});
		if (suppressed) {
			w.ensure(w.measure('·', STYLE.note));
			w.block(parent, 'P', t('report_suppressed_note', { mark: SUPPRESSED_MARK, n: content.minCases ?? '–' }), STYLE.note);
		}
	}

	function goalSection(goal: SnapshotGoal) {
		const sect = doc.struct('Sect');
		root.add(sect);
		const goalTitle = goal.title || t('goal_untitled');
		w.heading(sect, 2, goalTitle, 120, outline);
		w.block(sect, 'P', [`${t('goal_side_department')}: ${goal.department}`, `${t('field_tandem')}: ${goal.tandem}`].join(' · '), STYLE.meta);

		const met = SMART_CRITERIA.filter((c) => goal.smart.ok[c]).map((c) => t(`smart_${c}`));
		const unmet = SMART_CRITERIA.filter((c) => !goal.smart.ok[c]).map((c) => t(`smart_${c}`));
		const smart = [
			t('report_smart_score', { score: goal.smart.score }),
			[met.length ? t('report_smart_met', { list: met.join(', ') }) : '', unmet.length ? t('report_smart_not_met', { list: unmet.join(', ') }) : '']
				.filter(Boolean)
				.join('; ')
		].join(' – ');
		const progress =
			goal.progress === null
				? '–'
				: clampedPercent(goal.progress) === Math.round(goal.progress * 100)
					? t('progress_percent', { percent: clampedPercent(goal.progress) })
					: t('progress_percent_exact', { percent: clampedPercent(goal.progress), exact: Math.round(goal.progress * 100) });
		const facts: [string, string][] = [
			[t('goal_status'), track(goal.trackStatus)],
			[t('progress_title'), progress],
			[t('goal_field_deadline'), goal.deadline ? date(goal.deadline) : '–'],
			[t('report_goal_state'), t(`goal_status_${goal.status}`)],
			...(goal.closed?.outcome ? ([[t('goal_outcome'), t(OUTCOME_KEYS[goal.closed.outcome])]] as [string, string][]) : []),
			...(goal.criterion ? ([[t('goal_field_criterion'), t(`criterion_${goal.criterion}`)]] as [string, string][]) : []),
			[t('smart_title'), smart]
		];
		w.table(sect, { widths: [1.3, 4], rows: facts.map(([label, text]) => [{ text: label, header: 'Row', bold: true }, { text }]) });

		const textSection = (label: string, text: string) => {
			if (!text.trim()) return;
			w.heading(sect, 3, label);
			w.paragraphs(sect, text);
		};
		textSection(t('goal_field_for_whom'), goal.forWhom);
		textSection(t('goal_field_description'), goal.description);
		textSection(t('goal_field_resources'), goal.resources);
		textSection(t('goal_closing_comment'), goal.closed?.comment ?? '');
		textSection(t('report_goal_commentary'), goal.commentary);

		for (const indicator of goal.indicators) indicatorSection(sect, indicator);

		w.heading(sect, 3, t('check_ins_heading'));
		if (goal.checkIns.length === 0) w.block(sect, 'P', t('report_check_ins_none'), STYLE.p);
		for (const checkIn of goal.checkIns) {
			w.heading(sect, 4, t('check_in_on', { date: date(checkIn.date) }), 30);
			w.labelled(sect, t('check_in_overall'), `${track(checkIn.overall)} · ${t('check_in_confidence_value', { confidence: checkIn.confidence })}`);
			w.labelled(sect, t('check_in_happened'), checkIn.happened);
			w.labelled(sect, t('check_in_decided'), checkIn.decided);
			w.labelled(sect, t('check_in_participants'), checkIn.participants);
		}

		w.heading(sect, 3, t('adjustments_heading'));
		if (goal.adjustments.length === 0) w.block(sect, 'P', t('adjustments_none'), STYLE.p);
		else w.list(sect, goal.adjustments.map(adjustmentText));
		sect.end();
	}

	for (const goal of content.goals) goalSection(goal);

	// Legend of the statistics symbols
	w.heading(root, 2, t('report_legend_heading'), 30, outline);
	w.block(root, 'P', t('chart_symbols_legend'), STYLE.p);
	if (content.minCases !== null || anySuppressed) {
		w.block(root, 'P', t('report_suppressed_note', { mark: SUPPRESSED_MARK, n: content.minCases ?? '–' }), STYLE.p);
	}
	root.end();

	// Running header and footer on every page. The full hash is on page 1; in the footer it is
	// shortened only if it cannot fit.
	w.pageFurniture({
		header: `${content.municipality} · ${title}`,
		pageLabel: (page, pages) => t('report_page', { page, pages }),
		footer: (short) => t('report_hash_footer', { hash: short ? `${hash.slice(0, 16)}…` : hash })
	});

	doc.end();
	return bytes;
}
