import { AGREEMENT_PARTS, AGREEMENT_SIDES, type AgreementSide, type AgreementStatus } from '../../shared/agreement-doc';
import type { SnapshotAgreement } from '../../shared/snapshot';
import { formatDate, formatDateTime } from '../../shared/format';
import { GOAL_STATUSES } from '../../shared/goal-status';
import { clean, STYLE, type Cell, type Struct, type Writer } from './tagged-pdf';

/**
 * The body of an agreement on tagged pages: the department and status (with a notice unless
 * signed), the period, the five parts, the linked goals, the signatures and the content hash.
 * The agreement PDF (agreement.ts) puts it under its title with H2 sections; the snapshot
 * report (snapshot.ts) puts each agreement under an H3 with H4 sections.
 */

export type Translate = (key: string, params?: Record<string, string | number>) => string;

/** A frozen agreement's fields; the agreement PDF also knows its goals' statuses and real dates. */
export interface AgreementBody extends Omit<SnapshotAgreement, 'id' | 'title' | 'goals' | 'signatures'> {
	/** `status` is a goal status key (draft | agreed | changed | closed); without it the goals are listed by title only. */
	goals: { title: string; status?: string }[];
	/** Signatures on the current content. */
	signatures: { side: AgreementSide; name: string; signedAt: Date | string }[];
}

export interface AgreementBodyOptions {
	/** Shown as "Stand"/"As of" below the parties; left out inside a report, which has its own date. */
	generatedAt?: Date;
	/** Bookmarks the section headings in the document outline. */
	outline?: PDFKit.PDFOutline;
}

/** Dark red, for the notice that the agreement is not (or no longer) signed: 8.6:1 on white. */
const NOTICE_COLOUR = '#8a1c1c';

const goalStatuses: readonly string[] = GOAL_STATUSES;

/** An agreement's status in words, e.g. "Unterzeichnet". */
export function agreementStatusLabel(status: AgreementStatus, t: Translate): string {
	return t(`agreement_pdf_status_${status}`);
}

/**
 * Writes the agreement's body below `parent`, its sections as headings of `headingLevel`. Only
 * the title (and what goes with it) is the caller's.
 */
export function writeAgreementBody(
	w: Writer,
	parent: Struct,
	agreement: AgreementBody,
	t: Translate,
	locale: 'de' | 'en',
	headingLevel: 2 | 3 | 4,
	options: AgreementBodyOptions = {}
): void {
	const { outline, generatedAt } = options;
	const hash = agreement.contentHash;
	const department = agreement.department;
	const day = (value: string | null) => (value ? formatDate(value, locale) : t('agreement_pdf_date_open'));
	const goalStatus = (status: string) => (goalStatuses.includes(status) ? t(`goal_status_${status}`) : status);

	// Who agrees, the status (with a notice unless signed) and the period.
	const emphasis = { ...STYLE.p, font: 'bold' as const, size: 11 };
	w.block(parent, 'P', t('agreement_pdf_lead', { department, status: agreementStatusLabel(agreement.status, t) }), emphasis);
	if (agreement.status !== 'signed') w.block(parent, 'P', t(`agreement_pdf_notice_${agreement.status}`), { ...emphasis, colour: NOTICE_COLOUR });
	if (generatedAt) {
		w.block(parent, 'P', t('agreement_pdf_parties'), STYLE.meta);
		w.block(parent, 'P', t('agreement_pdf_generated', { date: formatDateTime(generatedAt, locale) }), { ...STYLE.meta, gap: 10 });
	} else {
		w.block(parent, 'P', t('agreement_pdf_parties'), { ...STYLE.meta, gap: 10 });
	}

	const period: [string, string][] = [
		[t('agreement_pdf_valid_from'), day(agreement.validFrom)],
		[t('agreement_pdf_valid_until'), day(agreement.validUntil)],
		[t('agreement_pdf_review_on'), day(agreement.reviewOn)]
	];
	w.table(parent, {
		caption: t('agreement_pdf_period_caption'),
		widths: [1.3, 4],
		rows: period.map(([label, text]): Cell[] => [{ text: label, header: 'Row', bold: true }, { text }])
	});

	// The five parts, each line a paragraph.
	for (const part of AGREEMENT_PARTS) {
		const text = agreement.parts[part] ?? '';
		w.heading(parent, headingLevel, t(`agreement_pdf_part_${part}`), 30, outline);
		if (clean(text).trim()) w.paragraphs(parent, text, STYLE.p, true);
		else w.block(parent, 'P', t('agreement_pdf_part_empty'), STYLE.meta);
	}

	const goalsHeading = t('agreement_pdf_goals_heading');
	const goals = agreement.goals;
	if (goals.length === 0) {
		w.heading(parent, headingLevel, goalsHeading, 30, outline);
		w.block(parent, 'P', t('agreement_pdf_goals_none'), STYLE.p);
	} else {
		const withStatus = goals.every((goal) => goal.status !== undefined);
		const goalCell = (goal: { title: string }): Cell => ({ text: goal.title.trim() || t('agreement_pdf_goal_untitled'), header: 'Row' });
		w.headedTable(
			parent,
			headingLevel,
			goalsHeading,
			{
				caption: t('agreement_pdf_goals_caption', { count: goals.length }),
				widths: withStatus ? [5, 2] : [1],
				header: (withStatus ? [t('agreement_pdf_col_goal'), t('agreement_pdf_col_status')] : [t('agreement_pdf_col_goal')]).map((text): Cell => ({ text, header: 'Column' })),
				rows: goals.map((goal): Cell[] => (withStatus ? [goalCell(goal), { text: goalStatus(goal.status!) }] : [goalCell(goal)]))
			},
			outline
		);
	}

	// Signatures: a row per signature, both sides always shown.
	const signatureRows = AGREEMENT_SIDES.flatMap((side): Cell[][] => {
		const label: Cell = { text: t(`agreement_pdf_side_${side}`), header: 'Row' };
		const signed = agreement.signatures.filter((s) => s.side === side).sort((a, b) => new Date(a.signedAt).getTime() - new Date(b.signedAt).getTime());
		if (signed.length === 0) return [[label, { text: t('agreement_pdf_not_signed') }, { text: '–' }]];
		return signed.map((s) => [label, { text: s.name.trim() || '–' }, { text: formatDateTime(s.signedAt, locale) }]);
	});
	w.headedTable(
		parent,
		headingLevel,
		t('agreement_pdf_signatures_heading'),
		{
			widths: [2, 3, 2],
			header: [t('agreement_pdf_col_side'), t('agreement_pdf_col_name'), t('agreement_pdf_col_signed_at')].map((text): Cell => ({ text, header: 'Column' })),
			rows: signatureRows
		},
		outline
	);
	const hashLine = t('agreement_pdf_hash', { hash });
	const hashNote = t('agreement_pdf_hash_note');
	w.ensure(w.measure(hashLine, STYLE.p) + STYLE.p.gap + w.measure(hashNote, STYLE.meta));
	w.block(parent, 'P', hashLine, STYLE.p);
	w.block(parent, 'P', hashNote, STYLE.meta);
}
