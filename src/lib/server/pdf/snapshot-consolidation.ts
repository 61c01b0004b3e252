import { ESTABLISHED, MAX_RATING } from '../../shared/assessment';
import { CRITERIA } from '../../shared/criteria';
import { formatNumber } from '../../shared/format';
import type { SnapshotAgreement, SnapshotAssessment } from '../../shared/snapshot';
import { writeAgreementBody } from './agreement-body';
import type { Report } from './snapshot-report';
import { STYLE, type Cell } from './tagged-pdf';

/** The consolidation part of the snapshot report: where the municipality stands, and its agreements. */

/** Where the municipality stood: its stage and why, the average per criterion, and the summary. */
export function assessmentSection(r: Report, assessment: SnapshotAssessment) {
	const { w, t } = r;
	const sect = r.doc.struct('Sect');
	r.root.add(sect);
	w.heading(sect, 2, t('report_assessment_heading'), 60, r.outline);
	w.block(sect, 'P', t('report_assessment_stage', { stage: t(`assessment_stage_${assessment.stage}`) }), { ...STYLE.p, font: 'bold', size: 11 });
	w.block(sect, 'P', t('assessments_as_of', { date: r.date(assessment.assessedOn) }), STYLE.meta);
	// The reasons' numbers (averages, the threshold) in the report's language.
	for (const reason of assessment.reasons) {
		const params = Object.fromEntries(Object.entries(reason.params).map(([key, v]) => [key, typeof v === 'number' ? r.number(v) : v]));
		w.paragraphs(sect, t(reason.key, params));
	}
	const average = (value: number) => formatNumber(value, r.locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
	w.table(sect, {
		caption: t('report_assessment_caption', { max: MAX_RATING, threshold: r.number(ESTABLISHED) }),
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
export function agreementsSection(r: Report, agreements: SnapshotAgreement[]) {
	const { w, t } = r;
	const sect = r.doc.struct('Sect');
	r.root.add(sect);
	// Each agreement's heading stays with its status and the start of its period table; the
	// section's heading and intro with the first of them.
	const keep = 110;
	const first = agreements[0];
	const intro = first ? t('report_agreements_intro') : t('report_agreements_none');
	const introStyle = first ? STYLE.meta : STYLE.p;
	const firstHeading = first ? (STYLE.h3.before ?? 0) + w.measure(r.agreementTitle(first.title), STYLE.h3) + STYLE.h3.gap + keep : 0;
	w.heading(sect, 2, t('report_agreements_heading'), w.measure(intro, introStyle) + introStyle.gap + firstHeading, r.outline);
	w.block(sect, 'P', intro, introStyle);
	for (const agreement of agreements) {
		const part = r.doc.struct('Sect');
		sect.add(part);
		w.heading(part, 3, r.agreementTitle(agreement.title), keep);
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
			r.locale,
			4
		);
		part.end();
	}
	sect.end();
}
