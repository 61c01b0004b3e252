import { downloadName } from '../measurements/export';
import { snapshotCsv } from '../snapshots/snapshots';
import type { SnapshotContent } from '../../shared/snapshot';

/**
 * The snapshot's files as downloads: the stored PDF byte for byte, its values as CSV, and the
 * frozen content as the canonical JSON its hash was computed over (`sha256sum` checks it).
 */
const name = (title: string, refDate: string, extension: string, fallback = 'monitoring-bericht') => downloadName(title, refDate, extension, fallback);

/** A PDF download; agreements use it too, with their own fallback name. */
export function pdfResponse(file: { pdf: Uint8Array; title: string; refDate: string }, fallback?: string): Response {
	return new Response(file.pdf as BodyInit, {
		headers: {
			'content-type': 'application/pdf',
			'content-disposition': `attachment; filename="${name(file.title, file.refDate, 'pdf', fallback)}"`,
			'cache-control': 'private, no-store'
		}
	});
}

export function csvResponse(content: SnapshotContent): Response {
	return new Response(snapshotCsv(content), {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="${name(content.title, content.refDate, 'csv')}"`,
			'cache-control': 'private, no-store'
		}
	});
}

export function jsonResponse(json: string, content: SnapshotContent): Response {
	return new Response(json, {
		headers: {
			'content-type': 'application/json; charset=utf-8',
			'content-disposition': `attachment; filename="${name(content.title, content.refDate, 'json')}"`,
			'cache-control': 'private, no-store'
		}
	});
}
