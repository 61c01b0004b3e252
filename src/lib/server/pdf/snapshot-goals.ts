import { clampedPercent } from '../../shared/forecast';
import { SMART_CRITERIA } from '../../shared/smart';
import type { SnapshotGoal } from '../../shared/snapshot';
import { indicatorSection } from './snapshot-indicator';
import { adjustmentText, OUTCOME_KEYS, type Report } from './snapshot-report';
import { STYLE, type Struct } from './tagged-pdf';

/** The goals in the snapshot report: one table over all of them, then a section for each. */

export function overviewSection(r: Report) {
	const { t, percent, content } = r;
	const progressCell = (progress: number | null) => {
		if (progress === null) return '–';
		const shown = clampedPercent(progress);
		const exact = Math.round(progress * 100);
		return shown === exact ? percent(shown) : `${percent(shown)} (${percent(exact)})`;
	};
	r.w.headedTable(r.root, 2, t('report_overview_heading'), {
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
			{ text: r.track(goal.trackStatus) },
			{ text: progressCell(goal.progress), align: 'right' },
			{ text: goal.deadline ? r.date(goal.deadline) : '–', align: 'right' }
		])
	}, r.outline);
}

/** A goal: its facts and texts, its indicators, its check-ins and its adjustments. */
export function goalSection(r: Report, goal: SnapshotGoal) {
	const { w, t } = r;
	const sect = r.doc.struct('Sect');
	r.root.add(sect);
	const goalTitle = goal.title || t('goal_untitled');
	w.heading(sect, 2, goalTitle, 120, r.outline);
	w.block(sect, 'P', [`${t('goal_side_department')}: ${goal.department}`, `${t('field_tandem')}: ${goal.tandem}`].join(' · '), STYLE.meta);
	goalFacts(r, sect, goal);

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

	for (const indicator of goal.indicators) indicatorSection(r, sect, indicator);
	checkIns(r, sect, goal);

	w.heading(sect, 3, t('adjustments_heading'));
	if (goal.adjustments.length === 0) w.block(sect, 'P', t('adjustments_none'), STYLE.p);
	else w.list(sect, goal.adjustments.map((a) => adjustmentText(r, a)));
	sect.end();
}

/** The goal's facts as a table: status, progress, deadline, state, outcome, criterion and SMART check. */
function goalFacts(r: Report, sect: Struct, goal: SnapshotGoal) {
	const { t } = r;
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
		[t('goal_status'), r.track(goal.trackStatus)],
		[t('progress_title'), progress],
		[t('goal_field_deadline'), goal.deadline ? r.date(goal.deadline) : '–'],
		[t('report_goal_state'), t(`goal_status_${goal.status}`)],
		...(goal.closed?.outcome ? ([[t('goal_outcome'), t(OUTCOME_KEYS[goal.closed.outcome])]] as [string, string][]) : []),
		...(goal.criterion ? ([[t('goal_field_criterion'), t(`criterion_${goal.criterion}`)]] as [string, string][]) : []),
		[t('smart_title'), smart]
	];
	r.w.table(sect, { widths: [1.3, 4], rows: facts.map(([label, text]) => [{ text: label, header: 'Row', bold: true }, { text }]) });
}

function checkIns(r: Report, sect: Struct, goal: SnapshotGoal) {
	const { w, t } = r;
	w.heading(sect, 3, t('check_ins_heading'));
	if (goal.checkIns.length === 0) w.block(sect, 'P', t('report_check_ins_none'), STYLE.p);
	for (const checkIn of goal.checkIns) {
		w.heading(sect, 4, t('check_in_on', { date: r.date(checkIn.date) }), 30);
		w.labelled(sect, t('check_in_overall'), `${r.track(checkIn.overall)} · ${t('check_in_confidence_value', { confidence: checkIn.confidence })}`);
		w.labelled(sect, t('check_in_happened'), checkIn.happened);
		w.labelled(sect, t('check_in_decided'), checkIn.decided);
		w.labelled(sect, t('check_in_participants'), checkIn.participants);
	}
}
