import { formatDateTime } from '../../shared/format';
import { SUPPRESSED_MARK, type SnapshotChanges, type SnapshotContent } from '../../shared/snapshot';
import { changesSection } from './snapshot-changes';
import { agreementsSection, assessmentSection } from './snapshot-consolidation';
import { goalSection, overviewSection } from './snapshot-goals';
import { reportWording, type Report } from './snapshot-report';
import { startDocument, STYLE } from './tagged-pdf';

/**
 * The monitoring snapshot as a PDF for the council, made once when the snapshot is taken and
 * stored byte for byte: A4, tagged (PDF/UA as far as pdfkit goes: embedded fonts, language,
 * title, structure tree with headings, tables with header cells, figures with alt text, page
 * furniture as artifacts), and deterministic — the same content and hash give the same bytes.
 * The sections are in snapshot-*.ts.
 */

/**
 * The report as PDF bytes. `hash` is the snapshot's SHA-256 (printed in full on page 1 and in
 * every footer); `changes` against the previous snapshot, or null to leave that section out.
 */
export async function renderSnapshotPdf(content: SnapshotContent, hash: string, changes: SnapshotChanges | null): Promise<Buffer> {
	const wording = reportWording(content.locale);
	const { t, date } = wording;
	const title = t('report_document_title', { title: content.title });
	// The hash as the report's own Info entry gives every report its own trailer ID.
	const { finish, ...document } = startDocument({
		locale: content.locale,
		title,
		municipality: content.municipality,
		subject: t('report_subject', { municipality: content.municipality, date: date(content.refDate) }),
		date: new Date(content.createdAt),
		id: { FokusSnapshotHash: hash }
	});
	const r: Report = { content, ...wording, ...document, anySuppressed: false };

	frontMatter(r, hash);
	// Where the municipality stands, and its agreements: both only in reports made with them.
	if (content.assessment) assessmentSection(r, content.assessment);
	if (content.agreements) agreementsSection(r, content.agreements);
	overviewSection(r);
	if (changes) changesSection(r, changes);
	for (const goal of content.goals) goalSection(r, goal);
	legend(r);

	// The full hash is on page 1; in the footer it is shortened only if it cannot fit.
	return finish({
		pageLabel: (page, pages) => t('report_page', { page, pages }),
		footer: (short) => t('report_hash_footer', { hash: short ? `${hash.slice(0, 16)}…` : hash })
	});
}

/** Below the title: the reference date, who made the report when, its hash, and the commentary. */
function frontMatter(r: Report, hash: string) {
	const { w, root, t, content } = r;
	w.block(root, 'P', t('report_ref_date', { date: r.date(content.refDate) }), { ...STYLE.p, font: 'bold', size: 11 });
	w.block(root, 'P', t('report_created', { date: formatDateTime(content.createdAt, r.locale), name: content.createdBy }), STYLE.meta);
	w.block(root, 'P', t('report_hash', { hash }), { ...STYLE.meta, gap: 10 });
	if (content.commentary.trim()) {
		w.heading(root, 2, t('report_commentary_heading'), 40, r.outline);
		w.paragraphs(root, content.commentary);
	}
}

/** Last, the legend of the statistics symbols, and of the mark for suppressed values if any could show. */
function legend(r: Report) {
	const { w, root, t, content } = r;
	w.heading(root, 2, t('report_legend_heading'), 30, r.outline);
	w.block(root, 'P', t('chart_symbols_legend'), STYLE.p);
	if (content.minCases !== null || r.anySuppressed) {
		w.block(root, 'P', t('report_suppressed_note', { mark: SUPPRESSED_MARK, count: content.minCases ?? '–' }), STYLE.p);
	}
}
