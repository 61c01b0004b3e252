import { AGREEMENT_PARTS, AGREEMENT_SIDES, type AgreementPart, type AgreementSide, type AgreementStatus } from '../shared/agreement-doc';
import { formatDate, formatDateTime } from '../shared/format';
import { GOAL_STATUSES } from '../shared/goal-status';
import { translate } from './forms';
import { clean, openDocument, STYLE, Writer, type Cell } from './snapshot-pdf-writer';

/**
 * An agreement (Verstetigung) between the integration office and a department as a PDF, to
 * print, file or hand to the council: A4, tagged like the snapshot report (structure tree with
 * headings and tables, language, title, page furniture as artifacts, see snapshot-pdf-writer.ts)
 * and deterministic — equal input gives equal bytes. The content hash, which the signatures
 * cover, is printed in full below the signatures and in every footer.
 */

export interface AgreementPdfInput {
	locale: 'de' | 'en';
	municipalityName: string;
	departmentName: string;
	title: string;
	parts: Record<AgreementPart, string>;
	/** yyyy-mm-dd, or null while open. */
	validFrom: string | null;
	validUntil: string | null;
	reviewOn: string | null;
	/** `status` is a goal status key: draft | agreed | changed | closed. */
	goals: { title: string; status: string }[];
	status: AgreementStatus;
	/** SHA-256 (hex) of the content, see agreementHash. */
	contentHash: string;
	/** Signatures on the current content. */
	signatures: { side: AgreementSide; name: string; signedAt: Date }[];
	/** Shown as "Stand"/"As of" – the PDF must be deterministic for equal input. */
	generatedAt: Date;
}

/** Dark red, for the notice that the agreement is not (or no longer) signed: 8.6:1 on white. */
const NOTICE_COLOUR = '#8a1c1c';

const goalStatuses: readonly string[] = GOAL_STATUSES;

/** The agreement as PDF bytes. */
export async function renderAgreementPdf(input: AgreementPdfInput): Promise<Buffer> {
	const { locale, contentHash: hash } = input;
	const t = (key: string, params: Record<string, string | number> = {}) => translate(key, params, locale);
	const day = (value: string | null) => (value ? formatDate(value, locale) : t('agreement_pdf_date_open'));
	const agreementTitle = input.title.replace(/\s+/g, ' ').trim();
	const title = agreementTitle ? t('agreement_pdf_document_title', { title: agreementTitle }) : t('agreement_pdf_kind');
	const department = input.departmentName;
	const goalStatus = (status: string) => (goalStatuses.includes(status) ? t(`goal_status_${status}`) : status);

	const { doc, bytes } = openDocument(locale, {
		Title: title,
		Author: input.municipalityName,
		Subject: t('agreement_pdf_subject', { department, municipality: input.municipalityName }),
		Creator: 'Fokus',
		Producer: 'Fokus (pdfkit)',
		// Fixed dates make the bytes reproducible; the hash as its own entry gives each content its
		// own trailer ID.
		CreationDate: input.generatedAt,
		ModDate: input.generatedAt,
		FokusAgreementHash: hash
	});

	const w = new Writer(doc);
	const root = doc.struct('Document');
	// Attached first: content closures run at once only below an attached element.
	doc.addStructure(root);
	const outline = doc.outline;

	// Title block: who agrees, the status (with a notice unless signed) and the period.
	w.block(root, 'P', input.municipalityName, STYLE.lead);
	w.block(root, 'H1', title, STYLE.h1);
	outline.addItem(clean(title));
	const emphasis = { ...STYLE.p, font: 'bold' as const, size: 11 };
	w.block(root, 'P', t('agreement_pdf_lead', { department, status: t(`agreement_pdf_status_${input.status}`) }), emphasis);
	if (input.status !== 'signed') w.block(root, 'P', t(`agreement_pdf_notice_${input.status}`), { ...emphasis, colour: NOTICE_COLOUR });
	w.block(root, 'P', t('agreement_pdf_parties'), STYLE.meta);
	w.block(root, 'P', t('agreement_pdf_generated', { date: formatDateTime(input.generatedAt, locale) }), { ...STYLE.meta, gap: 10 });

	const period: [string, string][] = [
		[t('agreement_pdf_valid_from'), day(input.validFrom)],
		[t('agreement_pdf_valid_until'), day(input.validUntil)],
		[t('agreement_pdf_review_on'), day(input.reviewOn)]
	];
	w.table(root, {
		caption: t('agreement_pdf_period_caption'),
		widths: [1.3, 4],
		rows: period.map(([label, text]): Cell[] => [{ text: label, header: 'Row', bold: true }, { text }])
	});

	// The five parts, each line a paragraph.
	for (const part of AGREEMENT_PARTS) {
		const text = input.parts[part] ?? '';
		w.heading(root, 2, t(`agreement_pdf_part_${part}`), 30, outline);
		if (clean(text).trim()) w.paragraphs(root, text, STYLE.p, true);
		else w.block(root, 'P', t('agreement_pdf_part_empty'), STYLE.meta);
	}

	const goalsHeading = t('agreement_pdf_goals_heading');
	if (input.goals.length === 0) {
		w.heading(root, 2, goalsHeading, 30, outline);
		w.block(root, 'P', t('agreement_pdf_goals_none'), STYLE.p);
	} else {
		w.headedTable(
			root,
			2,
			goalsHeading,
			{
				caption: t('agreement_pdf_goals_caption', { count: input.goals.length }),
				widths: [5, 2],
				header: [t('agreement_pdf_col_goal'), t('agreement_pdf_col_status')].map((text): Cell => ({ text, header: 'Column' })),
				rows: input.goals.map((goal): Cell[] => [{ text: goal.title.trim() || t('agreement_pdf_goal_untitled'), header: 'Row' }, { text: goalStatus(goal.status) }])
			},
			outline
		);
	}

	// Signatures: a row per signature, both sides always shown.
	const signatureRows = AGREEMENT_SIDES.flatMap((side): Cell[][] => {
		const label: Cell = { text: t(`agreement_pdf_side_${side}`), header: 'Row' };
		const signed = input.signatures.filter((s) => s.side === side).sort((a, b) => a.signedAt.getTime() - b.signedAt.getTime());
		if (signed.length === 0) return [[label, { text: t('agreement_pdf_not_signed') }, { text: '–' }]];
		return signed.map((s) => [label, { text: s.name.trim() || '–' }, { text: formatDateTime(s.signedAt, locale) }]);
	});
	w.headedTable(
		root,
		2,
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
	w.block(root, 'P', hashLine, STYLE.p);
	w.block(root, 'P', hashNote, STYLE.meta);
	root.end();

	// Running header and footer on every page; the footer's hash is shortened only if it cannot fit.
	w.pageFurniture({
		header: `${input.municipalityName} · ${title}`,
		pageLabel: (page, pages) => t('agreement_pdf_page', { page, pages }),
		footer: (short) => t('agreement_pdf_hash_footer', { hash: short ? `${hash.slice(0, 16)}…` : hash })
	});

	doc.end();
	return bytes;
}
