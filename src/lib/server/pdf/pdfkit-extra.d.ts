// What pdfkit 0.20 supports and @types/pdfkit 0.17 does not declare (used by snapshot-pdf).
declare namespace PDFKit {
	interface PDFDocument {
		/** Writes the XMP packet from `info` (called by `end()`). */
		endMetadata(): void;
	}

	namespace Mixins {
		interface StructureElementOptions {
			/** Layout attribute: the element's box as [left, top, right, bottom] from the page's top left. */
			bbox?: [number, number, number, number];
			placement?: 'Block' | 'Inline';
			/** Table attribute of a header cell. */
			scope?: 'Row' | 'Column' | 'Both';
		}
		interface PDFVector {
			dash(pattern: number[], options?: { phase?: number }): this;
		}
	}
}
