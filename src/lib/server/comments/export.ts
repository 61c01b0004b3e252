import { eq } from 'drizzle-orm';
import type { Db } from '../db';
import { goal } from '../db/schema';
import type { Actor } from '../auth/session';
import { requireTarget, type TargetRef } from '../access/targets';
import { translate } from '../../i18n/translate';
import { formatDateCell, toSpreadsheetCsv } from '../../shared/csv/export';
import { formatDateTime } from '../../shared/format';
import { goalEntries } from './comments';

/**
 * A goal's conversation as CSV for a German spreadsheet, next to its measurements: one row per
 * entry, each thread's entries together and in order, threads in the order they were started.
 */
export async function commentsCsv(db: Db, actor: Actor, goalRef: TargetRef<'goal'>): Promise<{ title: string; csv: string }> {
	const target = await requireTarget(db, actor, 'goal', goalRef, 'read');
	const [named] = await db.select({ title: goal.title }).from(goal).where(eq(goal.id, target.id));
	const rows = await goalEntries(db, target.id);
	const threadOf = (row: (typeof rows)[number]) => row.threadId ?? row.id;
	const started = new Map<string, number>();
	rows.forEach((row, i) => {
		if (!started.has(threadOf(row))) started.set(threadOf(row), i);
	});
	const ordered = rows.map((row, i) => ({ row, i })).sort((a, b) => started.get(threadOf(a.row))! - started.get(threadOf(b.row))! || a.i - b.i);
	const number = new Map([...started.keys()].map((id, i) => [id, i + 1]));
	const header = ['csv_header_comment_thread', 'csv_header_comment_kind', 'csv_header_comment_author', 'csv_header_comment_at', 'csv_header_comment_about', 'csv_header_comment_body'].map((key) => translate(key));
	const kind = (row: (typeof rows)[number]) => translate(row.kind === 'comment' ? (row.threadId ? 'comments_kind_reply' : 'comments_kind_comment') : `comments_kind_${row.kind}`);
	const about = (row: (typeof rows)[number]) =>
		row.measurementDate ? `${row.indicatorName ?? ''}${row.measurementGroup ? ` (${row.measurementGroup})` : ''}, ${formatDateCell(row.measurementDate)}` : '';
	return {
		title: named?.title ?? '',
		csv: toSpreadsheetCsv(
			header,
			ordered.map(({ row }) => [number.get(threadOf(row))!, kind(row), row.authorName ?? translate('comments_former_member'), formatDateTime(row.createdAt, 'de'), about(row), row.body])
		)
	};
}
