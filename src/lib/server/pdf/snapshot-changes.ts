import { formatNumber } from '../../shared/format';
import { hasChanges, type SnapshotChanges, type ValueChange } from '../../shared/snapshot';
import { adjustmentText, OUTCOME_KEYS, type Report } from './snapshot-report';
import { STYLE, type Cell } from './tagged-pdf';

/** What changed since the previous snapshot: stage, agreements, goals, progress, values and adjustments. */
export function changesSection(r: Report, changes: SnapshotChanges) {
	const { w, root, t } = r;
	w.heading(root, 2, t('report_changes_heading'), 40, r.outline);
	const previous = changes.previous;
	w.block(root, 'P', t('report_changes_previous', { title: previous.title, date: r.date(previous.refDate), hash: previous.hash }), STYLE.meta);
	if (!hasChanges(changes)) {
		w.block(root, 'P', t('report_changes_none'), STYLE.p);
		return;
	}
	if (changes.stage) {
		const { before, after, assessedOn } = changes.stage;
		w.block(root, 'P', t('report_changes_stage', { before, after, date: r.date(assessedOn) }), STYLE.p);
	}
	agreementChanges(r, changes);
	goalChanges(r, changes);
	progressChanges(r, changes);
	valueChanges(r, changes);
	if (changes.adjustments.length > 0) {
		w.heading(root, 3, t('report_changes_adjustments', { count: changes.adjustments.length }));
		w.list(
			root,
			changes.adjustments.map((a) => `${a.goalTitle}: ${adjustmentText(r, a)}`)
		);
	}
}

function agreementChanges(r: Report, changes: SnapshotChanges) {
	if (changes.agreements.length === 0) return;
	const { t } = r;
	r.w.headedTable(r.root, 3, t('report_changes_agreements', { count: changes.agreements.length }), {
		widths: [4, 2.6, 2, 2],
		header: [t('report_col_agreement'), t('goal_side_department'), t('audit_before'), t('audit_after')].map((text): Cell => ({ text, header: 'Column' })),
		rows: changes.agreements.map((a): Cell[] => [
			{ text: r.agreementTitle(a.title), header: 'Row' },
			{ text: a.department },
			{ text: r.agreementStatus(a.before) },
			{ text: r.agreementStatus(a.after) }
		])
	});
}

/** Goals added, dropped and closed, and the goals whose status changed. */
function goalChanges(r: Report, changes: SnapshotChanges) {
	const { w, root, t } = r;
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
			rows: changes.statusChanges.map((c) => [{ text: c.title, header: 'Row' }, { text: r.track(c.before) }, { text: r.track(c.after) }])
		});
	}
}

function progressChanges(r: Report, changes: SnapshotChanges) {
	if (changes.progressDeltas.length === 0) return;
	const { t, percent } = r;
	const points = (delta: number) =>
		t('report_points', { delta: formatNumber(delta * 100, r.locale, { maximumFractionDigits: 1, signDisplay: 'exceptZero' }), count: Math.round(delta * 1000) / 10 });
	r.w.headedTable(r.root, 3, t('report_changes_progress', { count: changes.progressDeltas.length }), {
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

/** New, corrected and removed values: a table each. */
function valueChanges(r: Report, changes: SnapshotChanges) {
	const { t } = r;
	// Units of the indicators, for the changes' values.
	const units = new Map(r.content.goals.flatMap((g) => g.indicators.map((i) => [i.id, i.unit] as const)));
	const valueTable = (key: string, list: ValueChange[], columns: ('before' | 'after')[]) => {
		if (list.length === 0) return;
		r.anySuppressed ||= list.some((c) => c.before?.suppressed || c.after?.suppressed);
		const valueHeaders = columns.length === 1 ? [t('measurement_value')] : [t('audit_before'), t('audit_after')];
		r.w.headedTable(r.root, 3, t(key, { count: list.length }), {
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
					{ text: r.date(c.date) },
					...columns.map((side) => ({ text: r.valueText(c[side]), align: 'right' as const }))
				];
			})
		});
	};
	valueTable('report_changes_new_values', changes.newValues, ['after']);
	valueTable('report_changes_corrected_values', changes.correctedValues, ['before', 'after']);
	valueTable('report_changes_removed_values', changes.removedValues, ['before']);
}
