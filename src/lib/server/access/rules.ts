import type { Actor } from '../auth/session';
import { ForbiddenError } from '../errors';
import type { Role } from '../../shared/roles';

/**
 * The one place that answers "may this user do X to Y". Its rules are the table "Who may do
 * what" in PRODUCT.md. Every load, action, endpoint and WebSocket upgrade asks it.
 * Targets carry their municipality: nothing crosses municipalities, whatever the role. A target
 * loaded from the database (`access/targets.ts`) also carries its id; one described for a check
 * before it exists (may this person start a goal in this tandem?) has none.
 */
export type Target =
	| { kind: 'municipality'; municipalityId: string }
	| { kind: 'goal'; id?: string; municipalityId: string; tandem: TandemRef }
	| { kind: 'assessment'; id?: string; municipalityId: string; completed?: boolean }
	| { kind: 'agreement'; id?: string; municipalityId: string; departmentId: string }
	/** A comment thread on a goal: who started it, and the goal it belongs to. */
	| { kind: 'thread'; id?: string; municipalityId: string; authorId: string | null; goal: { kind: 'goal'; municipalityId: string; tandem: TandemRef } };

/** The target of one kind: `TargetOf<'goal'>` is a goal as the rules see it. */
export type TargetOf<K extends Target['kind']> = Extract<Target, { kind: K }>;

/** A tandem as the rules need it: its department and the memberships in it. */
export interface TandemRef {
	departmentId: string;
	membershipIds: readonly string[];
}

export type Action =
	| 'read'
	| 'manageMembers'
	| 'manageDepartments'
	| 'formTandem'
	| 'editGoal'
	| 'deleteGoal'
	| 'signGoal'
	| 'editAssessment'
	| 'completeAssessment'
	| 'editAgreement'
	| 'signAgreement'
	| 'manageSnapshots'
	| 'comment'
	| 'resolveThread';

/** The subject of a rule: an actor, reduced to what the rules look at. */
export type Subject = Pick<Actor, 'municipalityId' | 'membershipId' | 'roles' | 'departmentId'>;

const has = (subject: Subject, role: Role) => subject.roles.includes(role);

/** The side a person signs for: the integration office, the department, or its head. */
export type SignSide = 'focus' | 'department' | 'head';

/** Which sides of a goal's sign-off this person may sign for (empty: none). */
export function goalSignSides(subject: Subject, tandem: TandemRef): SignSide[] {
	if (!tandem.membershipIds.includes(subject.membershipId)) return [];
	const sides: SignSide[] = [];
	if (has(subject, 'focus')) sides.push('focus');
	if (subject.departmentId === tandem.departmentId && (has(subject, 'member') || has(subject, 'head'))) {
		sides.push('department');
	}
	return sides;
}

/** Which sides of an agreement's sign-off this person may sign for. */
export function agreementSignSides(subject: Subject, departmentId: string): SignSide[] {
	const sides: SignSide[] = [];
	if (has(subject, 'focus')) sides.push('focus');
	if (has(subject, 'head') && subject.departmentId === departmentId) sides.push('head');
	return sides;
}

export function can(subject: Subject | null | undefined, action: Action, target: Target): boolean {
	if (!subject || subject.municipalityId !== target.municipalityId) return false;
	switch (action) {
		case 'read':
			return true;
		case 'manageMembers':
		case 'manageDepartments':
			return has(subject, 'admin');
		case 'formTandem':
			return has(subject, 'admin') || has(subject, 'focus');
		case 'editGoal':
			return (
				target.kind === 'goal' &&
				(has(subject, 'focus') || target.tandem.membershipIds.includes(subject.membershipId))
			);
		case 'deleteGoal':
			// The goal's writers may take back a draft; whether it is still one without a history
			// is the goal's state, which goals/deletion.ts checks.
			return can(subject, 'editGoal', target);
		case 'signGoal':
			return target.kind === 'goal' && goalSignSides(subject, target.tandem).length > 0;
		case 'editAssessment':
			// A completed assessment is on record: nobody writes to it any more, so its document opens read-only.
			return target.kind === 'assessment' && !target.completed && (has(subject, 'focus') || has(subject, 'admin'));
		case 'completeAssessment':
			// The integration office answers for the stage a completed assessment sets.
			return target.kind === 'assessment' && has(subject, 'focus');
		case 'editAgreement':
			return (
				target.kind === 'agreement' &&
				(has(subject, 'focus') ||
					(subject.departmentId === target.departmentId && (has(subject, 'head') || has(subject, 'member'))))
			);
		case 'signAgreement':
			return target.kind === 'agreement' && agreementSignSides(subject, target.departmentId).length > 0;
		case 'manageSnapshots':
			return has(subject, 'focus') || has(subject, 'admin');
		case 'comment':
			// Whoever may read a goal may talk about it: the conversation is how readers take part.
			return target.kind === 'goal';
		case 'resolveThread':
			// The person who asked, or the goal's writers, who answer for it.
			return target.kind === 'thread' && (target.authorId === subject.membershipId || can(subject, 'editGoal', target.goal));
	}
}

/** Refuses (403) unless the actor may act; 404 would leak nothing more, but 403 is honest for our own objects. */
export function requireCan(actor: Subject, action: Action, target: Target): void {
	if (!can(actor, action, target)) throw new ForbiddenError();
}

/** The actor's own municipality as a target. */
export function home(actor: Subject): Target {
	return { kind: 'municipality', municipalityId: actor.municipalityId };
}
