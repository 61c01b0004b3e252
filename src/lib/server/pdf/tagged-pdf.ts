import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';

/**
 * The tagged-PDF toolkit of the snapshot report: fonts, page layout and styles, the document
 * with its metadata, and a writer that puts headings, paragraphs, lists, tables and figures on
 * pages as structure elements, with everything else (running header and footer included) marked
 * as artifacts. The report itself is in snapshot.ts, the agreement in agreement.ts.
 */

export type Struct = PDFKit.PDFStructureElement;

// ---------------------------------------------------------------------------------------------
// Fonts: Fira Sans (OFL) from @expo-google-fonts/fira-sans, embedded as subsets.

const moduleRequire = createRequire(import.meta.url);

/**
 * The fonts are registered under their PostScript names: pdfkit keeps an opened font under
 * that name, so the alias finds the font it already parsed (under another alias pdfkit would
 * parse the file again on every switch of font). Each report parses the files afresh: a parsed
 * fontkit font remembers its glyphs with the characters first seen, which would make the text
 * mapping of one report depend on the reports rendered before it.
 */
export const FONTS = {
	regular: { file: '@expo-google-fonts/fira-sans/400Regular/FiraSans_400Regular.ttf', name: 'FiraSans-Regular' },
	bold: { file: '@expo-google-fonts/fira-sans/600SemiBold/FiraSans_600SemiBold.ttf', name: 'FiraSans-SemiBold' }
} as const;

type FontName = keyof typeof FONTS;
let fontFiles: Record<FontName, Buffer> | undefined;

/** The font files, read once per process. */
export function loadFonts(): Record<FontName, Buffer> {
	return (fontFiles ??= { regular: readFileSync(moduleRequire.resolve(FONTS.regular.file)), bold: readFileSync(moduleRequire.resolve(FONTS.bold.file)) });
}

// ---------------------------------------------------------------------------------------------
// Layout

export const MARGIN = { top: 64, bottom: 62, left: 56, right: 56 };
export const HEADER_Y = 30;
export const FOOTER_FROM_BOTTOM = 40;
const TEXT = '#1f1f1f';
export const MUTED = '#4a4a4a';
export const RULE = '#6f6f6f';
const ROW_RULE = '#c8c8c8';
const HEADER_FILL = '#eef1f5';
const CELL_SIZE = 8.5;
const CELL_PAD_X = 3.5;
const CELL_PAD_Y = 2.8;

interface TextStyle {
	font: FontName;
	size: number;
	/** Space after the block. */
	gap: number;
	/** Space before the block, unless it starts a page. */
	before?: number;
	colour?: string;
	lineGap?: number;
}

export const STYLE: Record<'lead' | 'h1' | 'h2' | 'h3' | 'h4' | 'p' | 'meta' | 'note' | 'caption', TextStyle> = {
	lead: { font: 'regular', size: 12, gap: 2 },
	h1: { font: 'bold', size: 19, gap: 8, lineGap: 1 },
	h2: { font: 'bold', size: 14, gap: 6, before: 14, lineGap: 1 },
	h3: { font: 'bold', size: 11.5, gap: 4, before: 8 },
	h4: { font: 'bold', size: 10, gap: 3, before: 5 },
	p: { font: 'regular', size: 9.5, gap: 5, lineGap: 1.5 },
	meta: { font: 'regular', size: 9, gap: 3, colour: MUTED, lineGap: 1 },
	note: { font: 'regular', size: 8, gap: 6, colour: MUTED, lineGap: 1 },
	caption: { font: 'bold', size: 9, gap: 3 }
};

export interface Cell {
	text: string;
	/** A header cell and what it heads; a data cell without. */
	header?: 'Column' | 'Row' | 'Both';
	align?: 'left' | 'right';
	bold?: boolean;
}

interface TableSpec {
	caption?: string;
	/** Relative column widths. */
	widths: number[];
	header?: Cell[];
	rows: Cell[][];
}

/** Text as the font can set it: no tabs or control characters, the narrow no-break space as a no-break space. */
export function clean(text: string): string {
	return (
		text
			.replace(/\r\n?/g, '\n')
			.replace(/\t/g, ' ')
			.replace(/\u202f/g, '\u00a0')
			// eslint-disable-next-line no-control-regex
			.replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '')
	);
}

/** Paragraphs of a plain text: separated by blank lines, or with `byLine` each line one. */
function paragraphsOf(text: string, byLine = false): string[] {
	return clean(text)
		.split(byLine ? /\n/ : /\n[ \t]*\n/)
		.map((p) => p.trim())
		.filter(Boolean);
}

/**
 * Flowing layout on tagged pages. Every visible thing is either content of a structure element
 * or an artifact, and page breaks happen only between elements (`ensure`), never while a
 * marked-content sequence is open — except inside long paragraphs, where pdfkit carries the
 * marking over to the next page itself.
 */
export class Writer {
	readonly width: number;

	constructor(private readonly doc: PDFKit.PDFDocument) {
		this.width = doc.page.width - MARGIN.left - MARGIN.right;
	}

	get bottom(): number {
		return this.doc.page.height - MARGIN.bottom;
	}

	private get atTop(): boolean {
		return this.doc.y <= MARGIN.top + 0.5;
	}

	/** Starts a new page unless `height` fits below (or the page is still empty). */
	ensure(height: number): void {
		if (this.doc.y + height > this.bottom && !this.atTop) this.doc.addPage();
		this.doc.x = MARGIN.left;
	}

	/** Whether `height` fits on an empty page. */
	fitsOnPage(height: number): boolean {
		return height <= this.bottom - MARGIN.top;
	}

	private setFont(style: TextStyle): PDFKit.PDFDocument {
		return this.doc
			.font(FONTS[style.font].name)
			.fontSize(style.size)
			.fillColor(style.colour ?? TEXT);
	}

	measure(text: string, style: TextStyle, width = this.width): number {
		return this.setFont(style).heightOfString(clean(text), { width, lineGap: style.lineGap ?? 0 });
	}

	private spaceBefore(style: TextStyle): void {
		if (style.before && !this.atTop) this.doc.y += style.before;
	}

	/** One block of text as a structure element (P, H1, …). Never justified: pdfkit drops the spaces of justified text from the tagged text. */
	block(parent: Struct, type: string, text: string, style: TextStyle, options: { label?: string } = {}): void {
		const body = clean(text);
		if (!body.trim() && !options.label) return;
		const doc = this.doc;
		this.spaceBefore(style);
		const el = doc.struct(type);
		parent.add(el);
		el.add(() => {
			const textOptions = { width: this.width, lineGap: style.lineGap ?? 0, align: 'left' as const };
			if (options.label) {
				this.setFont({ ...style, font: 'bold' }).text(`${clean(options.label)}: `, MARGIN.left, doc.y, { ...textOptions, continued: true });
				this.setFont(style).text(body, textOptions);
			} else {
				this.setFont(style).text(body, MARGIN.left, doc.y, textOptions);
			}
		});
		el.end();
		doc.x = MARGIN.left;
		doc.y += style.gap;
	}

	/** A heading kept together with at least `keep` points of what follows it. */
	heading(parent: Struct, level: 1 | 2 | 3 | 4, text: string, keep = 48, bookmark?: PDFKit.PDFOutline): void {
		const style = STYLE[`h${level}`];
		this.ensure((style.before ?? 0) + this.measure(text, style) + style.gap + keep);
		// A bookmark for the document outline, pointing at this page.
		bookmark?.addItem(clean(text));
		this.block(parent, `H${level}`, text, style);
	}

	/** Paragraphs separated by blank lines (or with `byLine` every line), each a P. */
	paragraphs(parent: Struct, text: string, style: TextStyle = STYLE.p, byLine = false): void {
		for (const paragraph of paragraphsOf(text, byLine)) {
			this.ensure(Math.min(this.measure(paragraph, style), 3 * style.size * 1.3));
			this.block(parent, 'P', paragraph, style);
		}
	}

	/** "Label: text" as one P. */
	labelled(parent: Struct, label: string, text: string, style: TextStyle = STYLE.p): void {
		if (!text.trim()) return;
		this.ensure(Math.min(this.measure(`${label}: ${text}`, style), 3 * style.size * 1.3));
		this.block(parent, 'P', text.trim(), style, { label });
	}

	/** A bulleted list: L > LI > Lbl, LBody. */
	list(parent: Struct, items: string[], style: TextStyle = STYLE.p): void {
		if (items.length === 0) return;
		const doc = this.doc;
		const indent = 14;
		const list = doc.struct('L');
		parent.add(list);
		for (const item of items) {
			this.ensure(Math.min(this.measure(item, style, this.width - indent), 3 * style.size * 1.3));
			const y = doc.y;
			const li = doc.struct('LI');
			list.add(li);
			const label = doc.struct('Lbl');
			li.add(label);
			label.add(() => this.setFont(style).text('•', MARGIN.left + 3, y, { lineBreak: false }));
			label.end();
			const body = doc.struct('LBody');
			li.add(body);
			body.add(() => this.setFont(style).text(clean(item), MARGIN.left + indent, y, { width: this.width - indent, lineGap: style.lineGap ?? 0, align: 'left' }));
			body.end();
			li.end();
			doc.x = MARGIN.left;
			doc.y += 2;
		}
		list.end();
		doc.y += style.gap;
	}

	/** A figure drawn by `draw(x, y)` in a box of `height`, with its alt text. */
	figure(parent: Struct, alt: string, height: number, draw: (x: number, y: number) => void): void {
		const doc = this.doc;
		this.ensure(height);
		const y = doc.y;
		const figure = doc.struct('Figure', { alt: clean(alt), bbox: [MARGIN.left, y, MARGIN.left + this.width, y + height], placement: 'Block' });
		parent.add(figure);
		figure.add(() => draw(MARGIN.left, y));
		figure.end();
		doc.x = MARGIN.left;
		doc.y = y + height + 8;
	}

	private layoutTable(spec: TableSpec) {
		const total = spec.widths.reduce((sum, w) => sum + w, 0);
		const widths = spec.widths.map((w) => (w / total) * this.width);
		const xs = widths.map((_, i) => MARGIN.left + widths.slice(0, i).reduce((sum, w) => sum + w, 0));
		const cellStyle = (cell: Cell): TextStyle => ({ font: cell.bold || cell.header === 'Column' || cell.header === 'Both' ? 'bold' : 'regular', size: CELL_SIZE, gap: 0 });
		const rowHeight = (cells: Cell[]) =>
			Math.max(...cells.map((cell, i) => this.measure(cell.text || ' ', cellStyle(cell), widths[i]! - 2 * CELL_PAD_X))) + 2 * CELL_PAD_Y;
		const captionHeight = spec.caption ? this.measure(spec.caption, STYLE.caption) + STYLE.caption.gap : 0;
		const headerHeight = spec.header ? rowHeight(spec.header) : 0;
		const heights = spec.rows.map(rowHeight);
		const whole = captionHeight + headerHeight + heights.reduce((sum, h) => sum + h, 0);
		// What must stay together: the whole table if it fits on a page, else its start.
		const lead = this.fitsOnPage(whole) ? whole : captionHeight + headerHeight + (heights[0] ?? 0);
		return { widths, xs, cellStyle, captionHeight, headerHeight, heights, lead };
	}

	/** A heading and the table under it, kept together. */
	headedTable(parent: Struct, level: 2 | 3 | 4, heading: string, spec: TableSpec, bookmark?: PDFKit.PDFOutline): void {
		this.heading(parent, level, heading, this.layoutTable(spec).lead, bookmark);
		this.table(parent, spec);
	}

	/**
	 * A table built by hand: Table > Caption, TR > TH/TD, the rules and header shading as
	 * artifacts. Rows never split; a table that fits on a page is kept on one page, a longer one
	 * continues with its header row repeated (as an artifact: the header is tagged once).
	 */
	table(parent: Struct, spec: TableSpec): void {
		const doc = this.doc;
		const { widths, xs, cellStyle, headerHeight, heights, lead } = this.layoutTable(spec);
		this.ensure(lead);

		const table = doc.struct('Table');
		parent.add(table);
		if (spec.caption) {
			const caption = doc.struct('Caption');
			table.add(caption);
			caption.add(() => this.setFont(STYLE.caption).text(clean(spec.caption!), MARGIN.left, doc.y, { width: this.width, align: 'left' }));
			caption.end();
			doc.y += STYLE.caption.gap;
		}

		// `top`: the first row on its page, which gets the table's top rule.
		const drawRow = (cells: Cell[], height: number, isHeader: boolean, tagged: boolean, top: boolean) => {
			const y = doc.y;
			doc.markContent('Artifact', { type: 'Layout' });
			doc.save();
			if (isHeader) doc.rect(MARGIN.left, y, this.width, height).fill(HEADER_FILL);
			if (top) doc.lineWidth(0.8).strokeColor(RULE).moveTo(MARGIN.left, y).lineTo(MARGIN.left + this.width, y).stroke();
			doc.lineWidth(isHeader ? 0.8 : 0.4)
				.strokeColor(isHeader ? RULE : ROW_RULE)
				.moveTo(MARGIN.left, y + height)
				.lineTo(MARGIN.left + this.width, y + height)
				.stroke();
			doc.restore();
			doc.endMarkedContent();

			const drawCell = (cell: Cell, i: number) => {
				this.setFont(cellStyle(cell)).text(clean(cell.text), xs[i]! + CELL_PAD_X, y + CELL_PAD_Y, {
					width: widths[i]! - 2 * CELL_PAD_X,
					align: cell.align ?? 'left'
				});
			};
			if (!tagged) {
				doc.markContent('Artifact', { type: 'Pagination' });
				cells.forEach(drawCell);
				doc.endMarkedContent();
			} else {
				const tr = doc.struct('TR');
				table.add(tr);
				cells.forEach((cell, i) => {
					const el = doc.struct(cell.header ? 'TH' : 'TD', cell.header ? { scope: cell.header } : {});
					tr.add(el);
					if (cell.text) el.add(() => drawCell(cell, i));
					el.end();
				});
				tr.end();
			}
			doc.x = MARGIN.left;
			doc.y = y + height;
		};

		if (spec.header) drawRow(spec.header, headerHeight, true, true, true);
		spec.rows.forEach((row, i) => {
			const height = heights[i]!;
			let top = i === 0 && !spec.header;
			if (doc.y + height > this.bottom) {
				doc.addPage();
				if (spec.header) drawRow(spec.header, headerHeight, true, false, true);
				top = !spec.header;
			}
			drawRow(row, height, false, true, top);
		});
		table.end();
		doc.x = MARGIN.left;
		doc.y += 8;
	}

	/**
	 * The running header and footer on every page, as pagination artifacts: call it once all
	 * content is on the pages. The footer has `footer(false)` at the left — or `footer(true)`, a
	 * shorter form, if that cannot fit — and the page label at the right.
	 */
	pageFurniture(furniture: PageFurniture): void {
		const doc = this.doc;
		const range = doc.bufferedPageRange();
		const header = clean(furniture.header);
		for (let i = 0; i < range.count; i++) {
			doc.switchToPage(range.start + i);
			const page = doc.page;
			const keep = page.margins.bottom;
			// Text below the bottom margin would make pdfkit start a new page.
			page.margins.bottom = 0;
			const right = MARGIN.left + this.width;

			doc.markContent('Artifact', { type: 'Pagination', attached: ['Top'] });
			doc.font(FONTS.regular.name).fontSize(7.5).fillColor(MUTED);
			doc.text(truncate(doc, header, this.width), MARGIN.left, HEADER_Y, { lineBreak: false });
			doc.lineWidth(0.5).strokeColor(RULE).moveTo(MARGIN.left, HEADER_Y + 12).lineTo(right, HEADER_Y + 12).stroke();
			doc.endMarkedContent();

			const y = page.height - FOOTER_FROM_BOTTOM;
			doc.markContent('Artifact', { type: 'Pagination', attached: ['Bottom'] });
			doc.lineWidth(0.5).strokeColor(RULE).moveTo(MARGIN.left, y - 6).lineTo(right, y - 6).stroke();
			const pageLabel = clean(furniture.pageLabel(i + 1, range.count));
			doc.font(FONTS.regular.name).fontSize(8).fillColor(MUTED);
			const pageWidth = doc.widthOfString(pageLabel);
			doc.text(pageLabel, right - pageWidth, y, { lineBreak: false });
			doc.fontSize(6.5);
			let footer = clean(furniture.footer(false));
			if (doc.widthOfString(footer) > this.width - pageWidth - 12) footer = truncate(doc, clean(furniture.footer(true)), this.width - pageWidth - 12);
			doc.text(footer, MARGIN.left, y + 1, { lineBreak: false });
			doc.endMarkedContent();
			page.margins.bottom = keep;
		}
	}
}

export interface PageFurniture {
	/** The running header; shortened with an ellipsis to fit one line. */
	header: string;
	/** The right of the footer, e.g. "Seite 2 von 5". */
	pageLabel: (page: number, pages: number) => string;
	/** The left of the footer; asked again with `short` when it does not fit beside the page label. */
	footer: (short: boolean) => string;
}

const xmlEscape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** pdfkit writes the XMP packet from `info` without XML escaping; escape only for that step (the Info dictionary is already written). */
export function escapeXmp(doc: PDFKit.PDFDocument): void {
	const endMetadata = doc.endMetadata.bind(doc);
	doc.endMetadata = () => {
		const info = doc.info;
		const escaped: Record<string, unknown> = { ...info };
		for (const key of ['Title', 'Author', 'Subject', 'Keywords', 'Creator', 'Producer']) {
			const value = escaped[key];
			if (typeof value === 'string') escaped[key] = xmlEscape(value);
		}
		doc.info = escaped as PDFKit.DocumentInfo;
		try {
			endMetadata();
		} finally {
			doc.info = info;
		}
	};
}

export interface DocumentOptions extends Omit<PDFKit.PDFDocumentOptions, 'font' | 'subset' | 'info'> {
	font: Buffer;
	subset: 'PDF/UA';
	info: PDFKit.DocumentInfo & Record<string, string | Date>;
}

/**
 * A new A4 document, tagged (PDF/UA as far as pdfkit goes: embedded fonts, language, title
 * shown), with the fonts registered and every page buffered for the page furniture; `bytes`
 * resolves once `doc.end()` has been called. For reproducible bytes `info` needs fixed dates,
 * and an entry of its own for each document (e.g. its hash): the trailer ID is an MD5 over the
 * Info entries.
 */
function openDocument(locale: 'de' | 'en', info: DocumentOptions['info']): { doc: PDFKit.PDFDocument; bytes: Promise<Buffer> } {
	const loaded = loadFonts();
	const options: DocumentOptions = {
		size: 'A4',
		margins: MARGIN,
		pdfVersion: '1.7',
		subset: 'PDF/UA',
		tagged: true,
		lang: locale === 'en' ? 'en-GB' : 'de-DE',
		displayTitle: true,
		bufferPages: true,
		font: loaded.regular,
		info
	};
	const doc = new PDFDocument(options as unknown as PDFKit.PDFDocumentOptions);
	escapeXmp(doc);
	doc.registerFont(FONTS.regular.name, loaded.regular);
	doc.registerFont(FONTS.bold.name, loaded.bold);
	const chunks: Buffer[] = [];
	doc.on('data', (chunk: Buffer) => chunks.push(chunk));
	const bytes = new Promise<Buffer>((resolve, reject) => {
		doc.on('end', () => resolve(Buffer.concat(chunks)));
		doc.on('error', reject);
	});
	return { doc, bytes };
}

/** What a document says about itself: the Info entries, the title block and the running header. */
export interface DocumentStart {
	locale: 'de' | 'en';
	title: string;
	/** The author, shown above the title and in the running header. */
	municipality: string;
	subject: string;
	/** The creation and modification date: fixed, so the bytes are reproducible. */
	date: Date;
	/** An Info entry of the document's own (e.g. its hash): the trailer ID is an MD5 over the Info entries. */
	id: Record<string, string>;
}

export interface TaggedDocument {
	doc: PDFKit.PDFDocument;
	w: Writer;
	/** The Document element, already in the structure tree. */
	root: Struct;
	outline: PDFKit.PDFOutline;
	/** Ends the structure tree, puts the running header and footer on every page and ends the document. */
	finish(furniture: Omit<PageFurniture, 'header'>): Promise<Buffer>;
}

/** A new document (see openDocument) with its title block: the municipality, then the title as H1 and first bookmark. */
export function startDocument(start: DocumentStart): TaggedDocument {
	const { doc, bytes } = openDocument(start.locale, {
		Title: start.title,
		Author: start.municipality,
		Subject: start.subject,
		Creator: 'Fokus',
		Producer: 'Fokus (pdfkit)',
		CreationDate: start.date,
		ModDate: start.date,
		...start.id
	});
	const w = new Writer(doc);
	const root = doc.struct('Document');
	// Attached first: content closures run at once only below an attached element.
	doc.addStructure(root);
	const outline = doc.outline;
	w.block(root, 'P', start.municipality, STYLE.lead);
	w.block(root, 'H1', start.title, STYLE.h1);
	outline.addItem(clean(start.title));
	const finish = (furniture: Omit<PageFurniture, 'header'>) => {
		root.end();
		w.pageFurniture({ header: `${start.municipality} · ${start.title}`, ...furniture });
		doc.end();
		return bytes;
	};
	return { doc, w, root, outline, finish };
}

/** A function of one argument that computes the result for each key once. */
export function remember<A, V>(compute: (arg: A) => V, keyOf: (arg: A) => unknown = (arg) => arg): (arg: A) => V {
	const results = new Map<unknown, V>();
	return (arg) => {
		const key = keyOf(arg);
		if (!results.has(key)) results.set(key, compute(arg));
		return results.get(key)!;
	};
}

/** A line shortened with an ellipsis to fit `width` in the current font. */
export function truncate(doc: PDFKit.PDFDocument, text: string, width: number): string {
	if (doc.widthOfString(text) <= width) return text;
	let end = text.length;
	while (end > 0 && doc.widthOfString(`${text.slice(0, end)}…`) > width) end--;
	return `${text.slice(0, end).trimEnd()}…`;
}
