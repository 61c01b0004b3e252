import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/lib/server/db';
import { agreement, goal, startVisit } from '../../src/lib/server/db/schema';
import { createAgreement } from '../../src/lib/server/agreements/agreements';
import { signAgreement } from '../../src/lib/server/agreements/signing';
import { completeAssessment, createAssessment } from '../../src/lib/server/assessments/assessments';
import { createDepartment } from '../../src/lib/server/departments/departments';
import { createGoal } from '../../src/lib/server/goals/goals';
import { signOffGoal } from '../../src/lib/server/goals/signoff';
import { addCheckIn } from '../../src/lib/server/loop/check-ins';
import { addExperiment } from '../../src/lib/server/loop/experiments';
import { addMeasurement } from '../../src/lib/server/measurements/measurements';
import { createInvitation } from '../../src/lib/server/members/invitations';
import { firstSteps } from '../../src/lib/server/start/first-steps';
import { startPage } from '../../src/lib/server/start/start';
import { VISIT_GAP_MS } from '../../src/lib/server/start/visits';
import { createTandem } from '../../src/lib/server/tandems/tandems';
import { FIRST_STEPS } from '../../src/lib/shared/first-steps';
import { addIndicator, goalRoot, goalText, replaceText } from '../../src/lib/shared/goal-doc';
import { berlinToday } from '../../src/lib/shared/smart';
import { addPerson, backends, createTown, signInAs, useTestDatabase, type SignedIn, type Town } from '../support/db';
import { editGoal } from '../support/goals';
import { entry } from '../support/measurements';

const TODAY = berlinToday();
const storedGoal = async (db: Db, id: string) => (await db.select().from(goal).where(eq(goal.id, id)))[0]!;
const later = (from: Date, ms: number) => new Date(from.getTime() + ms);
const checkIn = { date: TODAY, overall: 'atRisk', confidence: '6', happened: 'Treffen', decided: '', participants: '' };
const experiment = { title: 'Elternabende', hypothesis: '', indicatorIds: [], startDate: '', endDate: '', status: 'planned', learned: '', decision: '' };

/** The steps done, in the guide's order. */
const doneSteps = async (db: Db, who: SignedIn) => (await firstSteps(db, who.actor)).filter((s) => s.done).map((s) => s.step);

describe.each(backends)('the start page on %s', (backend) => {
	const t = useTestDatabase(backend);

	describe('first steps of a new municipality', () => {
		let town: Town;
		let other: Town;
		let focus: SignedIn, member: SignedIn, head: SignedIn;

		beforeAll(async () => {
			// As `npm run admin -- create-municipality` leaves it: a municipality and its admin, nothing else.
			town = await createTown(t.db);
			other = await createTown(t.db, { departments: ['Bildung'], people: { focus: { roles: ['focus'] } } });
		});

		it('starts with every step open and ticks each one as its data appears, in this municipality only', async () => {
			const admin = town.admin;
			expect(await doneSteps(t.db, admin)).toEqual([]);
			const page = await startPage(t.db, admin.actor, TODAY);
			expect(page.firstSteps?.map((s) => s.step)).toEqual([...FIRST_STEPS]);
			expect(page.sections).toEqual(['admin']);

			// Another municipality's progress ticks nothing here.
			const outsider = await signInAs(t.db, other.people.focus!);
			await createAssessment(t.db, outsider.actor, { assessedOn: TODAY }).then((id) => completeAssessment(t.db, outsider.actor, id));
			expect(await doneSteps(t.db, admin)).toEqual([]);

			const bildung = await createDepartment(t.db, admin.actor, { name: 'Bildung' });
			town.departments.Bildung = bildung;
			expect(await doneSteps(t.db, admin)).toEqual(['departments']);

			await createInvitation(t.db, admin.actor, { roles: ['member'], departmentId: bildung, note: '' });
			expect(await doneSteps(t.db, admin)).toEqual(['departments', 'members']);
			focus = await signInAs(t.db, await addPerson(t.db, town, 'focus', { roles: ['focus'] }));
			member = await signInAs(t.db, await addPerson(t.db, town, 'member', { roles: ['member'], department: 'Bildung' }));
			head = await signInAs(t.db, await addPerson(t.db, town, 'head', { roles: ['head'], department: 'Bildung' }));

			// A draft assessment is not the baseline yet.
			const assessmentId = await createAssessment(t.db, focus.actor, { assessedOn: TODAY });
			expect(await doneSteps(t.db, admin)).not.toContain('assessment');
			await completeAssessment(t.db, focus.actor, assessmentId);
			expect(await doneSteps(t.db, admin)).toContain('assessment');

			const tandemId = await createTandem(t.db, focus.actor, { name: 'Tandem Bildung', departmentId: bildung, membershipIds: [focus.actor.membershipId, member.actor.membershipId] });
			expect(await doneSteps(t.db, admin)).toContain('tandem');

			// A goal counts once both sides have signed the same content.
			const goalId = await createGoal(t.db, member.actor, { tandemId, title: 'Mehr Ausbildungsplätze' });
			let indicatorId = '';
			await editGoal(t.db, goalId, member, (doc) => {
				replaceText(goalText(doc, 'forWhom')!, 'Jugendliche');
				goalRoot(doc).set('deadline', '2029-12-31');
				indicatorId = addIndicator(doc, { name: 'Quote', unit: '%', frequency: 'yearly', baselineValue: 10, baselineDate: '2024-12-31', targetValue: 20, targetDate: '2029-12-31' });
			});
			const { contentHash } = await storedGoal(t.db, goalId);
			await signOffGoal(t.db, focus.actor, { goalId, contentHash });
			expect(await doneSteps(t.db, admin)).not.toContain('goal');
			await signOffGoal(t.db, member.actor, { goalId, contentHash });
			expect(await doneSteps(t.db, admin)).toEqual(['departments', 'members', 'assessment', 'tandem', 'goal']);

			await addMeasurement(t.db, member.actor, indicatorId, entry({ date: '2025-12-31', value: '12' }), 'de');
			await addCheckIn(t.db, member.actor, goalId, checkIn);
			expect(await doneSteps(t.db, admin)).toEqual(['departments', 'members', 'assessment', 'tandem', 'goal', 'measurement', 'checkIn']);

			const agreementId = await createAgreement(t.db, focus.actor, { departmentId: bildung, title: 'Verstetigung Bildung' });
			const [{ contentHash: agreed }] = (await t.db.select({ contentHash: agreement.contentHash }).from(agreement).where(eq(agreement.id, agreementId))) as [{ contentHash: string }];
			await signAgreement(t.db, focus.actor, { agreementId, contentHash: agreed });
			expect(await doneSteps(t.db, admin)).not.toContain('agreement');
			await signAgreement(t.db, head.actor, { agreementId, contentHash: agreed });
			expect(await doneSteps(t.db, admin)).toEqual([...FIRST_STEPS]);

			// Done: the start page no longer shows the list; the help page still does (firstSteps).
			expect((await startPage(t.db, admin.actor, TODAY)).firstSteps).toBeNull();
			expect((await startPage(t.db, focus.actor, TODAY)).firstSteps).toBeNull();
		});

		it('links each step only for those who may do it', async () => {
			const fresh = await createTown(t.db, { people: { focus: { roles: ['focus'] }, member: { roles: ['member'] }, both: { roles: ['admin', 'focus'] } } });
			const links = async (key: string) => {
				const who = key === 'admin' ? fresh.admin : await signInAs(t.db, fresh.people[key]!);
				return Object.fromEntries((await firstSteps(t.db, who.actor)).map((s) => [s.step, s.href]));
			};
			expect(await links('admin')).toEqual({ departments: '/departments', members: '/invitations', assessment: '/assessments', tandem: '/tandems/new', goal: null, measurement: null, checkIn: null, agreement: null });
			expect(await links('focus')).toEqual({ departments: null, members: null, assessment: '/assessments', tandem: '/tandems/new', goal: '/goals/new', measurement: null, checkIn: null, agreement: '/agreements' });
			expect(await links('member')).toEqual({ departments: null, members: null, assessment: null, tandem: null, goal: null, measurement: null, checkIn: null, agreement: null });
			expect((await links('both')).departments).toBe('/departments');
			// A member sees no checklist on the start page, only in the help.
			expect((await startPage(t.db, (await signInAs(t.db, fresh.people.member!)).actor, TODAY)).firstSteps).toBeNull();
		});
	});

	describe('a head: the department and what changed since the last visit', () => {
		let town: Town;
		let focus: SignedIn, member: SignedIn, head: SignedIn, otherHead: SignedIn;
		let tandemId: string, goalId: string, quiet: string, jugendGoal: string, indicatorId: string, agreementId: string;

		beforeAll(async () => {
			town = await createTown(t.db, {
				departments: ['Bildung', 'Jugend'],
				people: {
					focus: { roles: ['focus'] },
					member: { roles: ['member'], department: 'Bildung' },
					head: { roles: ['head'], department: 'Bildung' },
					jugend: { roles: ['member'], department: 'Jugend' },
					jugendHead: { roles: ['head'], department: 'Jugend' }
				}
			});
			focus = await signInAs(t.db, town.people.focus!);
			member = await signInAs(t.db, town.people.member!);
			head = await signInAs(t.db, town.people.head!);
			otherHead = await signInAs(t.db, town.people.jugendHead!);
			const jugend = await signInAs(t.db, town.people.jugend!);
			tandemId = await createTandem(t.db, focus.actor, { name: 'Tandem Bildung', departmentId: town.departments.Bildung!, membershipIds: [focus.actor.membershipId, member.actor.membershipId] });
			const jugendTandem = await createTandem(t.db, focus.actor, { name: 'Tandem Jugend', departmentId: town.departments.Jugend!, membershipIds: [focus.actor.membershipId, jugend.actor.membershipId] });
			goalId = await createGoal(t.db, member.actor, { tandemId, title: 'Übergangsquote' });
			await editGoal(t.db, goalId, member, (doc) => {
				goalRoot(doc).set('deadline', '2029-12-31');
				// Overdue: the yearly value of 2025 has not come.
				indicatorId = addIndicator(doc, { name: 'Quote', unit: '%', frequency: 'yearly', baselineValue: 10, baselineDate: '2024-12-31', targetValue: 20, targetDate: '2029-12-31' });
			});
			quiet = await createGoal(t.db, member.actor, { tandemId, title: 'Ohne Indikator' });
			jugendGoal = await createGoal(t.db, jugend.actor, { tandemId: jugendTandem, title: 'Jugendziel' });
			agreementId = await createAgreement(t.db, focus.actor, { departmentId: town.departments.Bildung!, title: 'Verstetigung Bildung' });
		});

		it('shows the department goals as traffic lights with their reasons, and what is overdue', async () => {
			const page = await startPage(t.db, head.actor, TODAY);
			expect(page.sections).toEqual(['head']);
			expect(page.firstSteps).toBeNull();
			expect(page.head?.department?.id).toBe(town.departments.Bildung);
			const lights = page.head!.goals!;
			expect(lights.map((g) => g.title).sort()).toEqual(['Ohne Indikator', 'Übergangsquote']);
			expect(lights.find((g) => g.id === goalId)).toMatchObject({ trackStatus: 'noData', status: 'draft', reason: { key: 'forecast_not_enough_data' } });
			expect(lights.find((g) => g.id === quiet)?.reason.key).toBe('forecast_no_indicator');
			expect(lights.some((g) => g.id === jugendGoal)).toBe(false);
			expect(page.head!.overdue!.map((o) => o.indicatorId)).toEqual([indicatorId]);
		});

		it('shows changes since the visit before, keeps them through the same visit, and counts from the next one after that', async () => {
			// The first visit has nothing to compare with.
			const first = new Date();
			const visit1 = await startPage(t.db, head.actor, TODAY, first);
			expect(visit1.head!.since).toBeNull();
			expect(visit1.head!.changes!.goals).toEqual([]);

			// Meanwhile: both sides agree the goal, a value arrives (the forecast moves), a review and an approach, an agreement signature.
			const { contentHash } = await storedGoal(t.db, goalId);
			await signOffGoal(t.db, focus.actor, { goalId, contentHash });
			await signOffGoal(t.db, member.actor, { goalId, contentHash });
			await addMeasurement(t.db, member.actor, indicatorId, entry({ date: '2025-12-31', value: '10,5' }), 'de');
			await addMeasurement(t.db, member.actor, indicatorId, entry({ date: '2025-06-30', value: '10,2' }), 'de');
			await addCheckIn(t.db, member.actor, goalId, checkIn);
			await addExperiment(t.db, member.actor, goalId, experiment);
			const [{ contentHash: agreed }] = (await t.db.select({ contentHash: agreement.contentHash }).from(agreement).where(eq(agreement.id, agreementId))) as [{ contentHash: string }];
			await signAgreement(t.db, focus.actor, { agreementId, contentHash: agreed });
			const track = (await storedGoal(t.db, goalId)).trackStatus;
			expect(track).not.toBe('noData');

			// A visit after a pause: the changes since the first visit.
			const second = later(first, VISIT_GAP_MS + 60_000);
			const visit2 = await startPage(t.db, head.actor, TODAY, second);
			expect(new Date(visit2.head!.since!).getTime()).toBe(first.getTime());
			const changes = visit2.head!.changes!;
			expect(changes.goals).toHaveLength(1);
			expect(changes.goals[0]).toMatchObject({
				goalId,
				measurements: 2,
				checkIns: 1,
				experiments: 1,
				adjustments: 0,
				signedBy: [town.people.focus!.name, town.people.member!.name],
				track: { from: 'noData', to: track },
				status: { from: 'draft', to: 'agreed' }
			});
			expect(changes.agreements).toEqual([{ id: agreementId, title: 'Verstetigung Bildung', signedBy: [town.people.focus!.name] }]);

			// Reloading a few minutes later (a live update, coming back) is the same visit: the same changes.
			const visit2b = await startPage(t.db, head.actor, TODAY, later(second, 5 * 60_000));
			expect(visit2b.head!.since).toBe(visit2.head!.since);
			expect(visit2b.head!.changes!.goals.map((g) => g.goalId)).toEqual([goalId]);

			// The next visit counts from the end of that one: nothing new since.
			const visit3 = await startPage(t.db, head.actor, TODAY, later(second, 5 * 60_000 + VISIT_GAP_MS + 60_000));
			expect(new Date(visit3.head!.since!).getTime()).toBe(later(second, 5 * 60_000).getTime());
			expect(visit3.head!.changes).toEqual({ goals: [], agreements: [] });
		});

		it('keeps each person\'s visits apart and shows a head only their own department', async () => {
			const visits = await t.db.select({ membershipId: startVisit.membershipId }).from(startVisit);
			expect(visits.map((v) => v.membershipId)).toContain(head.actor.membershipId);
			expect(visits.map((v) => v.membershipId)).not.toContain(otherHead.actor.membershipId);
			const page = await startPage(t.db, otherHead.actor, TODAY);
			expect(page.head!.goals!.map((g) => g.id)).toEqual([jugendGoal]);
			expect(page.head!.since).toBeNull();
		});

		it('shows a tandem member their goals and due items, and the integration office the municipality', async () => {
			const mine = await startPage(t.db, member.actor, TODAY);
			expect(mine.sections).toEqual(['member']);
			expect(mine.member!.tandems.map((x) => x.name)).toEqual(['Tandem Bildung']);
			expect(mine.member!.goals.map((g) => g.id).sort()).toEqual([goalId, quiet].sort());
			const office = await startPage(t.db, focus.actor, TODAY);
			expect(office.sections).toEqual(['focus']);
			expect(office.focus!.openGoals).toBe(3);
			expect(Object.values(office.focus!.goalsByTrack).reduce((a, b) => a + b, 0)).toBe(3);
			expect(office.focus!.stage).toBeNull();
		});
	});
});
