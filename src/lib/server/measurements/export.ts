import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../db';
import { goal, indicator, measurement, user } from '../db/schema';
import type { Actor } from '../auth/session';
import { requireTarget, type TargetRef } from '../access/targets';
import { translate } from '../../i18n/translate';
import { isUuid } from '../validation';
import { formatDateCell, formatStatusCell, toSpreadsheetCsv } from '../../shared/csv/export';
import { normaliseFlags } from '../../shared/measurement-value';
import { berlinToday } from '../../shared/smart';
import { NotFoundError } from '../errors';

/**
 * A goal's or one indicator's measurements as CSV for a German spreadsheet: the value as a
 * number in its own column (so it stays a number), the symbol or flags beside it.
 */
export async function measurementsCsv(db: Db, actor: Actor, goalRef: TargetRef<'goal'>, indicatorId?: string): Promise<string> {
	const goalId = (await requireTarget(db, actor, 'goal', goalRef, 'read')).id;
	const rows = await db
		.select({ m: measurement, indicatorName: indicator.name, unit: indicator.unit, enteredBy: user.name })
		.from(measurement)
		.innerJoin(indicator, eq(indicator.id, measurement.indicatorId))
		.leftJoin(user, eq(user.id, measurement.enteredBy))
		.where(and(eq(measurement.goalId, goalId), indicatorId ? eq(measurement.indicatorId, indicatorId) : undefined))
		.orderBy(asc(indicator.position), asc(measurement.indicatorId), asc(measurement.groupName), asc(measurement.refDate));
	const header = ['csv_header_indicator', 'csv_header_unit', 'csv_header_group', 'csv_header_date', 'csv_header_value', 'csv_header_status', 'csv_header_cases', 'csv_header_note', 'csv_header_source', 'csv_header_entered_by', 'csv_header_entered_at'].map((key) => translate(key));
	return toSpreadsheetCsv(
		header,
		rows.map(({ m, indicatorName, unit, enteredBy }) => {
			const status = formatStatusCell(m.symbol, normaliseFlags(m.flags));
			return [indicatorName, unit, m.groupName, formatDateCell(m.refDate), m.value, status, m.cases, m.note, m.source, enteredBy ?? '', formatDateCell(berlinToday(m.enteredAt))];
		})
	);
}

/** The CSV as a download named after the goal (or indicator) and today's date. */
export async function csvDownload(db: Db, actor: Actor, goalId: string, indicatorId?: string): Promise<Response> {
	if (indicatorId !== undefined && !isUuid(indicatorId)) throw new NotFoundError();
	await requireTarget(db, actor, 'goal', goalId, 'read');
	const [named] = indicatorId
		? await db.select({ title: indicator.name }).from(indicator).where(and(eq(indicator.id, indicatorId), eq(indicator.goalId, goalId)))
		: await db.select({ title: goal.title }).from(goal).where(eq(goal.id, goalId));
	if (!named) throw new NotFoundError();
	const body = await measurementsCsv(db, actor, goalId, indicatorId);
	return new Response(body, {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="${downloadName(named.title, berlinToday(), 'csv')}"`,
			'cache-control': 'no-store'
		}
	});
}

/** An ASCII file name people recognise in their downloads folder. */
export function downloadName(title: string, date: string, extension: string, fallback = 'messwerte'): string {
	const base = title.normalize('NFKD').replace(/[^\w\s-]/g, '').trim().replace(/\s+/g, '-').slice(0, 60) || fallback;
	return `${base}-${date}.${extension}`;
}
