import { and, asc, inArray, isNull } from 'drizzle-orm';
import type { Db } from '../db';
import { indicator } from '../db/schema';
import type { IndicatorDef } from '../../shared/goal-doc';
import { FREQUENCIES, type Frequency } from '../../shared/indicator-templates';

/**
 * The goal's indicators as projected (not archived), in document order: what the page shows
 * before the live document has arrived, and the ones measurements can be recorded for.
 */
export async function projectedIndicators(db: Db, goalId: string): Promise<IndicatorDef[]> {
	return (await projectedIndicatorsOf(db, [goalId])).get(goalId) ?? [];
}

/** The live indicators of several goals in one read, by goal id, each in its document's order. */
export async function projectedIndicatorsOf(db: Db, goalIds: readonly string[]): Promise<Map<string, IndicatorDef[]>> {
	const byGoal = new Map<string, IndicatorDef[]>();
	if (goalIds.length === 0) return byGoal;
	const rows = await db
		.select()
		.from(indicator)
		.where(and(inArray(indicator.goalId, [...goalIds]), isNull(indicator.archivedAt)))
		.orderBy(asc(indicator.position));
	for (const r of rows) {
		const list = byGoal.get(r.goalId) ?? [];
		list.push({
			id: r.id,
			name: r.name,
			unit: r.unit,
			direction: r.direction === 'down' ? 'down' : 'up',
			baselineValue: r.baselineValue,
			baselineDate: r.baselineDate,
			targetValue: r.targetValue,
			targetDate: r.targetDate,
			templateKey: r.templateKey,
			frequency: (FREQUENCIES as readonly string[]).includes(r.frequency) ? (r.frequency as Frequency) : 'yearly',
			source: r.source,
			breakdown: r.breakdown,
			groups: r.groups,
			targetGroup: r.targetGroup,
			gapGroup: r.gapGroup,
			weight: r.weight
		});
		byGoal.set(r.goalId, list);
	}
	return byGoal;
}
