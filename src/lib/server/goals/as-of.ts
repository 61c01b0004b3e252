import { and, eq, lt, max } from 'drizzle-orm';
import type { Db } from '../db';
import { docUpdate, goal, goalSignoff } from '../db/schema';
import { stateBefore } from '../documents/update-log';
import { goalDocName } from './projection';
import { contentHash } from '../../shared/content-hash';
import { DESCRIPTION, readGoalContent, type GoalContent } from '../../shared/goal-doc';
import { goalStatus, signedSides, type CloseOutcome, type GoalSide, type GoalStatus } from '../../shared/goal-status';
import { richTextNodes, type RichNode } from '../../shared/rich-text';
import { endOfBerlinDay } from '../../shared/smart';

/**
 * A goal as it stood at the end of a day (Europe/Berlin): its document rebuilt from the update
 * log up to then (the time of a change is when the server stored it), the sign-offs given by
 * then and the status they made, and whether it was closed. What a council report and the
 * "Stand am …" view show; the rows describe only the present.
 */
export interface GoalAsOf {
	date: string;
	content: GoalContent;
	description: RichNode[];
	status: GoalStatus;
	signedSides: GoalSide[];
	closed: { at: Date; outcome: CloseOutcome | null; comment: string } | null;
	/** The last change of the document stored by then. */
	lastChange: Date | null;
}

/** The goal at the end of `date`, or null when it was created later. */
export async function goalAsOf(db: Db, goalId: string, date: string): Promise<GoalAsOf | null> {
	const instant = endOfBerlinDay(date);
	const [row] = await db
		.select({ createdAt: goal.createdAt, closedAt: goal.closedAt, closedOutcome: goal.closedOutcome, closingComment: goal.closingComment })
		.from(goal)
		.where(eq(goal.id, goalId));
	if (!row || row.createdAt >= instant) return null;
	const name = goalDocName(goalId);
	const doc = await stateBefore(db, name, instant);
	const content = readGoalContent(doc);
	const description = richTextNodes(doc.getXmlFragment(DESCRIPTION));
	doc.destroy();
	const signoffs = await db
		.select({ side: goalSignoff.side, contentHash: goalSignoff.contentHash })
		.from(goalSignoff)
		.where(and(eq(goalSignoff.goalId, goalId), lt(goalSignoff.signedAt, instant)));
	const [last] = await db
		.select({ at: max(docUpdate.createdAt) })
		.from(docUpdate)
		.where(and(eq(docUpdate.docName, name), lt(docUpdate.createdAt, instant)));
	const closed = row.closedAt && row.closedAt < instant ? { at: row.closedAt, outcome: row.closedOutcome as CloseOutcome | null, comment: row.closingComment ?? '' } : null;
	const hash = contentHash(content);
	return {
		date,
		content,
		description,
		status: goalStatus({ closed: closed !== null, signoffs, contentHash: hash }),
		signedSides: signedSides(signoffs, hash),
		closed,
		lastChange: last?.at ?? null
	};
}
