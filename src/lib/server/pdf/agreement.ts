import type { AgreementPart, AgreementSide, AgreementStatus } from '../../shared/agreement-doc';
import { writeAgreementBody } from './agreement-body';
import { translate } from '../../i18n/translate';
import { startDocument } from './tagged-pdf';

/**
 * An agreement (Verstetigung) between the integration office and a department as a PDF, to
 * print, file or hand to the council: A4, tagged like the snapshot report (structure tree with
 * headings and tables, language, title, page furniture as artifacts, see tagged-pdf.ts)
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

/** The agreement as PDF bytes. */
export async function renderAgreementPdf(input: AgreementPdfInput): Promise<Buffer> {
	const { locale, contentHash: hash } = input;
	const t = (key: string, params: Record<string, string | number> = {}) => translate(key, params, locale);
	const agreementTitle = input.title.replace(/\s+/g, ' ').trim();
	const title = agreementTitle ? t('agreement_pdf_document_title', { title: agreementTitle }) : t('agreement_pdf_kind');
	const department = input.departmentName;

	// The hash as the document's own Info entry gives each content its own trailer ID.
	const { w, root, outline, finish } = startDocument({
		locale,
		title,
		municipality: input.municipalityName,
		subject: t('agreement_pdf_subject', { department, municipality: input.municipalityName }),
		date: input.generatedAt,
		id: { FokusAgreementHash: hash }
	});

	// Under the title block the body: who agrees, the status (with a notice unless signed), the
	// period, the five parts, the goals, the signatures and the hash.
	writeAgreementBody(
		w,
		root,
		{
			department,
			status: input.status,
			validFrom: input.validFrom,
			validUntil: input.validUntil,
			reviewOn: input.reviewOn,
			parts: input.parts,
			goals: input.goals,
			signatures: input.signatures,
			contentHash: hash
		},
		t,
		locale,
		2,
		{ generatedAt: input.generatedAt, outline }
	);
	// The footer's hash is shortened only if it cannot fit.
	return finish({
		pageLabel: (page, pages) => t('agreement_pdf_page', { page, pages }),
		footer: (short) => t('agreement_pdf_hash_footer', { hash: short ? `${hash.slice(0, 16)}…` : hash })
	});
}
