import { isHttpError } from '@sveltejs/kit';
import { describe, expect, it } from 'vitest';
import {
	agreementSignSides,
	can,
	goalSignSides,
	home,
	requireCan,
	type Action,
	type Target,
	type TandemRef
} from './rules';
import type { Actor } from '../auth/session';
import { httpErrorOf } from '../../../../tests/support/http-error';
import type { Role } from '../../shared/roles';

const TOWN = 'town-1';
const OTHER_TOWN = 'town-2';
const BILDUNG = 'dept-bildung';
const JUGEND = 'dept-jugend';

function actor(membershipId: string, roles: Role[], departmentId: string | null = null, municipalityId = TOWN): Actor {
	return {
		userId: `user-${membershipId}`,
		name: membershipId,
		email: `${membershipId}@example.test`,
		sessionId: `session-${membershipId}`,
		membershipId,
		municipalityId,
		municipalityName: municipalityId,
		municipalitySlug: municipalityId,
		roles,
		departmentId
	};
}

const people = {
	admin: actor('admin', ['admin']),
	adminAndFocus: actor('admin-focus', ['admin', 'focus']),
	adminInTandem: actor('admin-in-tandem', ['admin']),
	focusInTandem: actor('focus-in-tandem', ['focus']),
	focusOutside: actor('focus-outside', ['focus']),
	memberInTandem: actor('member-in-tandem', ['member'], BILDUNG),
	memberOutside: actor('member-outside', ['member'], BILDUNG),
	otherDepartmentMemberInTandem: actor('jugend-member-in-tandem', ['member'], JUGEND),
	headInTandem: actor('head-in-tandem', ['head'], BILDUNG),
	headOutside: actor('head-outside', ['head'], BILDUNG),
	otherDepartmentHead: actor('jugend-head', ['head'], JUGEND)
};
type Who = keyof typeof people;

/** The Bildung tandem; a Jugend member sits in it too, to show that department match matters. */
const tandem: TandemRef = {
	departmentId: BILDUNG,
	membershipIds: ['focus-in-tandem', 'member-in-tandem', 'head-in-tandem', 'jugend-member-in-tandem', 'admin-in-tandem']
};

const targets = {
	municipality: { kind: 'municipality', municipalityId: TOWN },
	goal: { kind: 'goal', municipalityId: TOWN, tandem },
	assessment: { kind: 'assessment', municipalityId: TOWN },
	agreement: { kind: 'agreement', municipalityId: TOWN, departmentId: BILDUNG },
	/** A thread on the Bildung goal, started by a member outside its tandem. */
	thread: { kind: 'thread', municipalityId: TOWN, authorId: 'member-outside', goal: { kind: 'goal', municipalityId: TOWN, tandem } }
} satisfies Record<string, Target>;

/** The object each action is about, as in the table of PRODUCT.md. */
const targetOf: Record<Action, Target> = {
	read: targets.municipality,
	manageMembers: targets.municipality,
	manageDepartments: targets.municipality,
	formTandem: targets.municipality,
	editGoal: targets.goal,
	deleteGoal: targets.goal,
	signGoal: targets.goal,
	editAssessment: targets.assessment,
	completeAssessment: targets.assessment,
	editAgreement: targets.agreement,
	signAgreement: targets.agreement,
	manageSnapshots: targets.municipality,
	comment: targets.goal,
	resolveThread: targets.thread
};

const ACTIONS = [
	'read',
	'manageMembers',
	'manageDepartments',
	'formTandem',
	'editGoal',
	'deleteGoal',
	'signGoal',
	'editAssessment',
	'completeAssessment',
	'editAgreement',
	'signAgreement',
	'manageSnapshots',
	'comment',
	'resolveThread'
] as const satisfies readonly Action[];

const Y = true;
const N = false;

/**
 * PRODUCT.md, "Who may do what", one row per kind of person, columns in the order of ACTIONS:
 * read | members | departments | form tandem | edit goal | delete goal | sign goal | edit assessment (a draft) |
 * complete assessment | edit agreement (Bildung) | sign agreement (Bildung) | snapshots |
 * comment on the goal | resolve a thread on it (started by memberOutside)
 */
const TABLE: Record<Who, readonly boolean[]> = {
	admin: /*                         */ [Y, Y, Y, Y, N, N, N, Y, N, N, N, Y, Y, N],
	adminAndFocus: /*                 */ [Y, Y, Y, Y, Y, Y, N, Y, Y, Y, Y, Y, Y, Y],
	adminInTandem: /*                 */ [Y, Y, Y, Y, Y, Y, N, Y, N, N, N, Y, Y, Y],
	focusInTandem: /*                 */ [Y, N, N, Y, Y, Y, Y, Y, Y, Y, Y, Y, Y, Y],
	focusOutside: /*                  */ [Y, N, N, Y, Y, Y, N, Y, Y, Y, Y, Y, Y, Y],
	memberInTandem: /*                */ [Y, N, N, N, Y, Y, Y, N, N, Y, N, N, Y, Y],
	memberOutside: /*                 */ [Y, N, N, N, N, N, N, N, N, Y, N, N, Y, Y],
	otherDepartmentMemberInTandem: /* */ [Y, N, N, N, Y, Y, N, N, N, N, N, N, Y, Y],
	headInTandem: /*                  */ [Y, N, N, N, Y, Y, Y, N, N, Y, Y, N, Y, Y],
	headOutside: /*                   */ [Y, N, N, N, N, N, N, N, N, Y, Y, N, Y, N],
	otherDepartmentHead: /*           */ [Y, N, N, N, N, N, N, N, N, N, N, N, Y, N]
};

const cases = (Object.keys(TABLE) as Who[]).flatMap((who) =>
	ACTIONS.map((action, column) => ({ who, action, allowed: TABLE[who][column]! }))
);

describe('can: the table "Who may do what"', () => {
	it('has a row for every kind of person and a column for every action', () => {
		expect(Object.keys(TABLE).sort()).toEqual(Object.keys(people).sort());
		for (const row of Object.values(TABLE)) expect(row).toHaveLength(ACTIONS.length);
	});

	it.each(cases)('$who › $action → $allowed', ({ who, action, allowed }) => {
		expect(can(people[who], action, targetOf[action])).toBe(allowed);
	});

	it.each(Object.keys(people) as Who[])('%s reads every kind of object of their municipality', (who) => {
		for (const target of Object.values(targets)) expect(can(people[who], 'read', target)).toBe(true);
	});

	it('lets the Jugend head and members work on the Jugend agreement, not the Bildung one', () => {
		const jugendAgreement: Target = { kind: 'agreement', municipalityId: TOWN, departmentId: JUGEND };
		expect(can(people.otherDepartmentHead, 'editAgreement', jugendAgreement)).toBe(true);
		expect(can(people.otherDepartmentHead, 'signAgreement', jugendAgreement)).toBe(true);
		expect(can(people.otherDepartmentMemberInTandem, 'editAgreement', jugendAgreement)).toBe(true);
		expect(can(people.otherDepartmentMemberInTandem, 'signAgreement', jugendAgreement)).toBe(false);
		expect(can(people.headInTandem, 'editAgreement', jugendAgreement)).toBe(false);
		expect(can(people.headInTandem, 'signAgreement', jugendAgreement)).toBe(false);
	});

	it('answers goal and agreement actions only for a goal or an agreement', () => {
		const focus = people.focusInTandem;
		expect(can(focus, 'editGoal', targets.municipality)).toBe(false);
		expect(can(focus, 'deleteGoal', targets.agreement)).toBe(false);
		expect(can(focus, 'signGoal', targets.agreement)).toBe(false);
		expect(can(focus, 'editAgreement', targets.goal)).toBe(false);
		expect(can(focus, 'signAgreement', targets.municipality)).toBe(false);
		expect(can(focus, 'editAssessment', targets.municipality)).toBe(false);
		expect(can(focus, 'completeAssessment', targets.municipality)).toBe(false);
		expect(can(focus, 'comment', targets.agreement)).toBe(false);
		expect(can(focus, 'resolveThread', targets.goal)).toBe(false);
	});

	it('lets nobody write to a completed assessment, and everyone of the town read it', () => {
		const completed: Target = { kind: 'assessment', municipalityId: TOWN, completed: true };
		for (const who of Object.keys(people) as Who[]) {
			expect(can(people[who], 'editAssessment', completed), who).toBe(false);
			expect(can(people[who], 'read', completed), who).toBe(true);
		}
	});
});

describe('can: another municipality', () => {
	// Every role, the same department id and even a membership id listed in the tandem: none of it counts.
	const stranger = actor('focus-in-tandem', ['admin', 'focus', 'member', 'head'], BILDUNG, OTHER_TOWN);
	const everyPair = ACTIONS.flatMap((action) =>
		Object.entries(targets).map(([kind, target]) => ({ action, kind, target }))
	);

	it.each(everyPair)('refuses $action on a $kind', ({ action, target }) => {
		expect(can(stranger, action, target)).toBe(false);
	});

	it('allows the same person everything in their own municipality (the refusal is about the tenant)', () => {
		const own = { ...stranger, municipalityId: TOWN };
		for (const action of ACTIONS) expect(can(own, action, targetOf[action])).toBe(true);
	});

	it('refuses everything to nobody', () => {
		for (const action of ACTIONS) {
			expect(can(null, action, targetOf[action])).toBe(false);
			expect(can(undefined, action, targetOf[action])).toBe(false);
		}
	});
});

describe('goalSignSides', () => {
	it.each([
		['a focus member of the tandem', actor('focus-in-tandem', ['focus']), ['focus']],
		['a focus member outside the tandem', actor('focus-outside', ['focus']), []],
		['a department member of the tandem', actor('member-in-tandem', ['member'], BILDUNG), ['department']],
		['the department head in the tandem', actor('head-in-tandem', ['head'], BILDUNG), ['department']],
		['a department member outside the tandem', actor('member-outside', ['member'], BILDUNG), []],
		['a tandem member of another department', actor('jugend-member-in-tandem', ['member'], JUGEND), []],
		['an admin in the tandem', actor('admin-in-tandem', ['admin']), []],
		['a focus and department member in the tandem', actor('member-in-tandem', ['focus', 'member'], BILDUNG), ['focus', 'department']]
	] as const)('%s signs for %j', (_, subject, sides) => {
		expect(goalSignSides(subject, tandem)).toEqual(sides);
	});
});

describe('agreementSignSides', () => {
	it.each([
		['a focus member', actor('f', ['focus']), BILDUNG, ['focus']],
		['the head of the department', actor('h', ['head'], BILDUNG), BILDUNG, ['head']],
		['the head of another department', actor('h', ['head'], JUGEND), BILDUNG, []],
		['a member of the department', actor('m', ['member'], BILDUNG), BILDUNG, []],
		['an admin', actor('a', ['admin']), BILDUNG, []],
		['a focus member who heads the department', actor('fh', ['focus', 'head'], BILDUNG), BILDUNG, ['focus', 'head']]
	] as const)('%s signs for %j', (_, subject, departmentId, sides) => {
		expect(agreementSignSides(subject, departmentId)).toEqual(sides);
	});
});

describe('requireCan', () => {
	it('passes an allowed action and refuses a forbidden one with 403', () => {
		expect(() => requireCan(people.admin, 'manageMembers', home(people.admin))).not.toThrow();
		let thrown: unknown;
		try {
			requireCan(people.focusOutside, 'manageMembers', home(people.focusOutside));
		} catch (error) {
			thrown = httpErrorOf(error);
		}
		expect(isHttpError(thrown, 403)).toBe(true);
	});

	it('refuses an action on another municipality with 403, even for an admin', () => {
		let thrown: unknown;
		try {
			requireCan(people.admin, 'read', { kind: 'municipality', municipalityId: OTHER_TOWN });
		} catch (error) {
			thrown = httpErrorOf(error);
		}
		expect(isHttpError(thrown, 403)).toBe(true);
	});
});
