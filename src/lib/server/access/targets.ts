import { eq, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db';
import { agreement, assessment, goal, tandem, tandemMember } from '../db/schema';
import { NotFoundError } from '../errors';
import { isUuid } from '../validation';
import { can, requireCan, type Action, type Subject, type TandemRef, type TargetOf } from './rules';
import type { DocKind, DocRef } from '../../shared/documents';

/**
 * Loading what the rules judge: one way for every kind of document, used by the sync server's
 * upgrade (documentAccess), pages and actions alike. A page resolves its target once and passes
 * the loaded target on; the domain verbs accept either an id or that target.
 */

/** A target as loaded from the database: it always has its id. */
export type Loaded<K extends DocKind> = TargetOf<K> & { id: string };

/** An id still to be loaded, or a target a page has already loaded. */
export type TargetRef<K extends DocKind> = string | Loaded<K>;

/** Tandems as the permission rules need them, in one query, by tandem id. */
export async function tandemRefs(db: Db, where: SQL): Promise<Map<string, TandemRef>> {
	const rows = await db
		.select({ id: tandem.id, departmentId: tandem.departmentId, membershipId: tandemMember.membershipId })
		.from(tandem)
		.leftJoin(tandemMember, eq(tandemMember.tandemId, tandem.id))
		.where(where);
	const refs = new Map<string, TandemRef>();
	for (const row of rows) {
		const ref = refs.get(row.id) ?? { departmentId: row.departmentId, membershipIds: [] };
		if (row.membershipId) (ref.membershipIds as string[]).push(row.membershipId);
		refs.set(row.id, ref);
	}
	return refs;
}

/** One tandem as the rules need it. */
export async function tandemRef(db: Db, tandemId: string): Promise<TandemRef | undefined> {
	return (await tandemRefs(db, eq(tandem.id, tandemId))).get(tandemId);
}

const LOADERS: { [K in DocKind]: (db: Db, id: string) => Promise<Loaded<K> | undefined> } = {
	async goal(db, id) {
		// The goal, its tandem and the tandem's members in one query: the sync server asks this for
		// every socket that connects.
		const [row] = await db
			.select({
				municipalityId: goal.municipalityId,
				departmentId: tandem.departmentId,
				membershipIds: sql<string[]>`coalesce(array_agg(${tandemMember.membershipId}::text) filter (where ${tandemMember.membershipId} is not null), '{}')`
			})
			.from(goal)
			.innerJoin(tandem, eq(tandem.id, goal.tandemId))
			.leftJoin(tandemMember, eq(tandemMember.tandemId, tandem.id))
			.where(eq(goal.id, id))
			.groupBy(goal.municipalityId, tandem.departmentId);
		if (!row) return undefined;
		return { kind: 'goal', id, municipalityId: row.municipalityId, tandem: { departmentId: row.departmentId, membershipIds: row.membershipIds } };
	},
	async assessment(db, id) {
		const [row] = await db.select({ municipalityId: assessment.municipalityId, completedAt: assessment.completedAt }).from(assessment).where(eq(assessment.id, id));
		return row && { kind: 'assessment', id, municipalityId: row.municipalityId, completed: row.completedAt !== null };
	},
	async agreement(db, id) {
		const [row] = await db.select({ municipalityId: agreement.municipalityId, departmentId: agreement.departmentId }).from(agreement).where(eq(agreement.id, id));
		return row && { kind: 'agreement', id, ...row };
	}
};

/** The target of a document, or undefined when there is none (a malformed id is none too). */
export async function loadTarget<K extends DocKind>(db: Db, kind: K, id: string): Promise<Loaded<K> | undefined> {
	if (!isUuid(id)) return undefined;
	return LOADERS[kind](db, id);
}

/**
 * The target, for someone who may do `action` to it. Unknown targets and those of other
 * municipalities are both "not found": nothing tells them apart. A target already loaded is
 * checked again (the rules are pure) without another query.
 */
export async function requireTarget<K extends DocKind>(db: Db, actor: Subject, kind: K, ref: TargetRef<K>, action: Action): Promise<Loaded<K>> {
	const target = typeof ref === 'string' ? await loadTarget(db, kind, ref) : ref;
	if (!target || target.kind !== kind || !can(actor, 'read', target)) throw new NotFoundError();
	requireCan(actor, action, target);
	return target;
}

const EDIT: { [K in DocKind]: Action } = { goal: 'editGoal', assessment: 'editAssessment', agreement: 'editAgreement' };

/** Read or write access to a loaded target; null when the person may not even read it. */
export function accessTo(actor: Subject, target: Loaded<DocKind> | undefined): 'write' | 'read' | null {
	if (!target || !can(actor, 'read', target)) return null;
	return can(actor, EDIT[target.kind], target) ? 'write' : 'read';
}

/**
 * Read or write access to a collaborative document, for the sync server and the pages alike.
 * An unknown document and another municipality's answer the same: none.
 */
export async function documentAccess(db: Db, actor: Subject, ref: DocRef): Promise<'write' | 'read' | null> {
	return accessTo(actor, await loadTarget(db, ref.kind, ref.id));
}

/** The target when this person may read it; undefined for unknown and foreign ones alike. */
export async function readableTarget<K extends DocKind>(db: Db, actor: Subject, kind: K, ref: TargetRef<K>): Promise<Loaded<K> | undefined> {
	const target = typeof ref === 'string' ? await loadTarget(db, kind, ref) : ref;
	return target && target.kind === kind && can(actor, 'read', target) ? target : undefined;
}
