import type { AgreementPart, AgreementSide, AgreementStatus } from '../../shared/agreement-doc';
import { writeAgreementBody } from './agreement-body';
import { translate } from '../http/forms';
import { clean, openDocument, STYLE, Writer } from './tagged-pdf';

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

/** The agreement as PDF bytes. */
export async function renderAgreementPdf(input: AgreementPdfInput): Promise<Buffer> {
	const { locale, contentHash: hash } = input;
	const t = (key: string, params: Record<string, string | number> = {}) => translate(key, params, locale);
	const agreementTitle = input.title.replace(/\s+/g, ' ').trim();
	const title = agreementTitle ? t('agreement_pdf_document_title', { title: agreementTitle }) : t('agreement_pdf_kind');
	const department = input.departmentName;

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

	// Title block, then the body: who agrees, the status (with a notice unless signed), the
	// period, the five parts, the goals, the signatures and the hash.
	w.block(root, 'P', input.municipalityName, STYLE.lead);
	w.block(root, 'H1', title, STYLE.h1);
	outline.addItem(clean(title));
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
