import { expect, test, type APIRequestContext, type APIResponse } from '@playwright/test';
import { createInvitation, departmentId, membershipIdOf } from './support/accounts';
import { BASE_URL, STADT_A, demoEmail } from './support/env';
import { freshRequest, getPage, idsIn, postForm, signedInRequest, unique, type FormValues } from './support/http';
import { msg } from './support/messages';
import { discoverEntries } from './support/routes';

// Every route and every form action, as every kind of person: signed out, the four roles of
// stadt-a, and the admin of stadt-b reaching for stadt-a's ids. The table below is complete by
// construction: a route or action added under src/routes without a row here fails the first test.

type Persona = 'anonymous' | 'member' | 'head' | 'focus' | 'foreignAdmin' | 'admin';
// The admin of stadt-a comes last: some of its allowed actions change what others would see.
const PERSONAS: Persona[] = ['anonymous', 'member', 'head', 'focus', 'foreignAdmin', 'admin'];
type SignedIn = Exclude<Persona, 'anonymous'>;

const ACCOUNTS: Record<SignedIn, string> = {
	member: demoEmail('bildung', 'stadt-a'),
	head: demoEmail('leitung', 'stadt-a'),
	focus: demoEmail('focus', 'stadt-a'),
	foreignAdmin: demoEmail('admin', 'stadt-b'),
	admin: demoEmail('admin', 'stadt-a')
};
const OWN_NAME: Record<Persona, string | undefined> = {
	anonymous: undefined,
	member: STADT_A.people.bildung,
	head: STADT_A.people.leitung,
	focus: STADT_A.people.focus,
	foreignAdmin: undefined,
	admin: STADT_A.people.admin
};

/** stadt-a's ids, read from its pages as its admin. */
interface Ids {
	adminMembership: string;
	focusMembership: string;
	bildungMembership: string;
	tandem: string;
	bildung: string;
	jugend: string;
	invitation: string;
	invitationNote: string;
	/** The first goal of stadt-a's list (a demo goal of the Bildung tandem). */
	goal: string;
	/** Its first indicator and one of its measurements. */
	indicator: string;
	measurement: string;
	/** stadt-a's demo council report. */
	snapshot: string;
	/** stadt-a's latest demo assessment (completed), and a draft agreement with Bildung made for this walk. */
	assessment: string;
	agreement: string;
}

interface Ctx {
	persona: Persona;
	ids: Ids;
	request: APIRequestContext;
	/** Values a case keeps between its request and its clean-up. */
	scratch: Record<string, string>;
}

type Outcome = number | { status: number; location: string | RegExp };

interface Case {
	url: (c: Ctx) => string | Promise<string>;
	form?: (c: Ctx) => FormValues;
	expect: Record<Persona, Outcome>;
	/** Sent on a session of its own (signing out would end the one the walk uses). */
	ownSession?: boolean;
	/**
	 * Sent only as these personas: for the others the action would end every session of a demo
	 * person the walk and other specs use; a spec on an account of its own covers them.
	 */
	only?: Persona[];
	/** An endpoint that streams (server-sent events): only its status and headers are read. */
	stream?: boolean;
	/** More to check in an answer: a list of problems, empty when fine. */
	check?: (c: Ctx, body: string) => string[];
	/** Undoes what an allowed request created, so stadt-a ends as seeded. */
	cleanUp?: (c: Ctx) => Promise<void>;
}

const LOGIN = { status: 303, location: /^\/login\?redirectTo=%2F/ };
const HOME = { status: 303, location: '/' };

/** Pages every member of the municipality reads; outsiders are sent to sign in. */
const everyMember: Record<Persona, Outcome> = { anonymous: LOGIN, member: 200, head: 200, focus: 200, foreignAdmin: 200, admin: 200 };
/** Public pages: the same answer for everyone. */
const everyone = (status: number): Record<Persona, Outcome> => ({ anonymous: status, member: status, head: status, focus: status, foreignAdmin: status, admin: status });

const allowedToFormTandems = (persona: Persona) => persona === 'admin' || persona === 'focus';

const bildungTandem = (c: Ctx, name = 'Tandem Bildung'): FormValues => ({
	name,
	departmentId: c.ids.bildung,
	membershipIds: [c.ids.focusMembership, c.ids.bildungMembership]
});

async function tandemIdByName(request: APIRequestContext, name: string): Promise<string | undefined> {
	const html = await (await getPage(request, '/tandems')).text();
	return html.match(new RegExp(`href="/tandems/([0-9a-f-]{36})">${name}</a>`))?.[1];
}

/** A tandem of stadt-a that exists only to be deleted by this request. */
async function throwawayTandem(c: Ctx): Promise<string> {
	const name = unique('Wegwerf-Tandem');
	const created = await postForm(c.request, '/tandems/new', bildungTandem(c, name));
	expect(created.status(), 'creating a throwaway tandem').toBe(303);
	const id = await tandemIdByName(c.request, name);
	expect(id, 'the throwaway tandem in the list').toBeTruthy();
	return id!;
}

/** Those who write a goal's measurements: its tandem (member, focus) and every focus member. */
const recordsMeasurements = (persona: Persona) => persona === 'member' || persona === 'focus';
const measurementRefused = { anonymous: 401, head: 403, admin: 403, foreignAdmin: 404 } as const;
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';
const measurementIdsIn = (html: string, goal: string) => idsIn(html, `/goals/${goal}/measurements/`);

/** A measurement of stadt-a that exists only to be deleted by this request. */
async function throwawayMeasurement(c: Ctx): Promise<string> {
	const before = measurementIdsIn(await (await getPage(c.request, `/goals/${c.ids.goal}/indicators`)).text(), c.ids.goal);
	const day = String(1 + PERSONAS.indexOf(c.persona)).padStart(2, '0');
	const added = await postForm(c.request, `/goals/${c.ids.goal}/indicators?/addMeasurement`, { indicatorId: c.ids.indicator, date: `2001-01-${day}`, value: '1' });
	expect(added.status(), 'adding a throwaway measurement').toBe(200);
	const after = measurementIdsIn(await (await getPage(c.request, `/goals/${c.ids.goal}/indicators`)).text(), c.ids.goal);
	const id = after.find((m) => !before.includes(m));
	expect(id, 'the throwaway measurement on the goal’s indicators page').toBeTruthy();
	return id!;
}

/** Something made only to be deleted by this request: the id from the answer's redirect. */
async function throwaway(c: Ctx, url: string, values: FormValues, prefix: string): Promise<string> {
	const created = await postForm(c.request, url, values);
	const id = created.headers()['location']?.match(new RegExp(`${prefix}([0-9a-f-]{36})$`))?.[1];
	expect(id, `a throwaway made at ${url}`).toBeTruthy();
	return id!;
}
const deletesAgreementDrafts = (persona: Persona) => persona === 'member' || persona === 'head' || persona === 'focus';
const deletesAssessments = (persona: Persona) => persona === 'focus' || persona === 'admin';

const mentions = (body: string, text: string) => (body.includes(text) ? [] : [`expected the answer to say "${text}"`]);
const omits = (body: string, text: string) => (body.includes(text) ? [`the answer says "${text}"`] : []);

const TABLE: Record<string, Case> = {
	'GET /': { url: () => '/', expect: everyMember },
	'GET /account': { url: () => '/account', expect: everyMember },
	'POST /account?/password': {
		url: () => '/account?/password',
		form: () => ({ current: 'not-the-current-password', password: 'ein-neues-passwort', passwordRepeat: 'ein-neues-passwort' }),
		expect: { anonymous: 401, member: 400, head: 400, focus: 400, foreignAdmin: 400, admin: 400 }
	},
	'GET /departments': { url: () => '/departments', expect: everyMember },
	'POST /departments?/create': {
		url: () => '/departments?/create',
		form: () => ({ name: '' }),
		expect: { anonymous: 401, member: 403, head: 403, focus: 403, foreignAdmin: 400, admin: 400 }
	},
	'POST /departments?/rename': {
		url: () => '/departments?/rename',
		// stadt-a's admin renames Jugend to itself (allowed, changes nothing); everyone else tries a new name.
		form: (c) => ({ id: c.ids.jugend, name: c.persona === 'admin' ? 'Jugend' : 'Übernommen' }),
		expect: { anonymous: 401, member: 403, head: 403, focus: 403, foreignAdmin: 400, admin: 200 },
		// The page shows errors only next to a department it lists; the answer's form data names the key.
		check: (c, body) => (c.persona === 'foreignAdmin' ? mentions(body, msg('error_department_unknown')) : [])
	},
	'POST /departments?/delete': {
		url: () => '/departments?/delete',
		// Bildung has a tandem: its own admin is told so; a foreign admin must not learn even that.
		form: (c) => ({ id: c.ids.bildung }),
		expect: { anonymous: 401, member: 403, head: 403, focus: 403, foreignAdmin: 400, admin: 400 },
		check: (c, body) =>
			c.persona === 'foreignAdmin'
				? [...mentions(body, msg('error_department_unknown')), ...omits(body, msg('error_department_has_tandems'))]
				: c.persona === 'admin'
					? mentions(body, msg('error_department_has_tandems'))
					: []
	},
	'GET /invitations': {
		url: () => '/invitations',
		expect: { anonymous: LOGIN, member: 403, head: 403, focus: 403, foreignAdmin: 200, admin: 200 },
		check: (c, body) => (c.persona === 'admin' ? mentions(body, c.ids.invitationNote) : [])
	},
	'POST /invitations?/create': {
		url: () => '/invitations?/create',
		// The admin's own request lacks a role (400 proves it passed the permission check);
		// the foreign admin names stadt-a's department.
		form: (c) => (c.persona === 'admin' ? { roles: [], departmentId: '', note: '' } : { roles: ['admin'], departmentId: c.ids.jugend, note: 'Übernahme' }),
		expect: { anonymous: 401, member: 403, head: 403, focus: 403, foreignAdmin: 400, admin: 400 },
		check: (c, body) => [
			...omits(body, '/join/'),
			...(c.persona === 'foreignAdmin' ? mentions(body, msg('error_department_unknown')) : [])
		]
	},
	'POST /invitations?/revoke': {
		url: () => '/invitations?/revoke',
		form: (c) => ({ id: c.ids.invitation }),
		// A foreign id is an unknown one (and nothing changes, checked below); stadt-a's admin revokes it.
		expect: { anonymous: 401, member: 403, head: 403, focus: 403, foreignAdmin: 400, admin: 200 }
	},
	'GET /logout': { url: () => '/logout', expect: everyMember },
	'POST /logout': {
		url: () => '/logout',
		ownSession: true,
		expect: { anonymous: 401, member: { status: 303, location: '/login' }, head: { status: 303, location: '/login' }, focus: { status: 303, location: '/login' }, foreignAdmin: { status: 303, location: '/login' }, admin: { status: 303, location: '/login' } }
	},
	'GET /members': {
		url: () => '/members',
		expect: everyMember,
		// Everyone in the municipality reads the member list; only admins get the edit links.
		check: (c, body) =>
			c.persona === 'foreignAdmin' || c.persona === 'anonymous'
				? []
				: c.persona === 'admin'
					? mentions(body, `/members/${c.ids.bildungMembership}`)
					: [...mentions(body, STADT_A.people.bildung), ...omits(body, `/members/${c.ids.bildungMembership}`)]
	},
	'GET /members/[id]': {
		url: (c) => `/members/${c.ids.bildungMembership}`,
		expect: { anonymous: LOGIN, member: 403, head: 403, focus: 403, foreignAdmin: 404, admin: 200 }
	},
	'POST /members/[id]?/update': {
		url: (c) => `/members/${c.ids.bildungMembership}?/update`,
		// The admin saves what is there; everyone else tries to make the member an admin.
		form: (c) => (c.persona === 'admin' ? { roles: ['member'], departmentId: c.ids.bildung } : { roles: ['admin'], departmentId: '' }),
		expect: { anonymous: 401, member: 403, head: 403, focus: 403, foreignAdmin: 404, admin: 200 }
	},
	'POST /members/[id]?/deactivate': {
		// The admin may deactivate, but not themself: 400 proves the permission without locking anyone out.
		url: (c) => `/members/${c.persona === 'admin' ? c.ids.adminMembership : c.ids.bildungMembership}?/deactivate`,
		expect: { anonymous: 401, member: 403, head: 403, focus: 403, foreignAdmin: 404, admin: 400 },
		check: (c, body) => (c.persona === 'admin' ? mentions(body, msg('error_cannot_deactivate_self')) : [])
	},
	'POST /members/[id]?/activate': {
		url: (c) => `/members/${c.ids.bildungMembership}?/activate`,
		expect: { anonymous: 401, member: 403, head: 403, focus: 403, foreignAdmin: 404, admin: 200 }
	},
	'POST /members/[id]?/reset': {
		url: (c) => `/members/${c.ids.bildungMembership}?/reset`,
		expect: { anonymous: 401, member: 403, head: 403, focus: 403, foreignAdmin: 404, admin: 200 },
		check: (c, body) => (c.persona === 'admin' ? mentions(body, '/reset/') : omits(body, '/reset/'))
	},
	'GET /tandems': { url: () => '/tandems', expect: everyMember },
	'GET /tandems/[id]': {
		url: (c) => `/tandems/${c.ids.tandem}`,
		expect: { anonymous: LOGIN, member: 403, head: 403, focus: 200, foreignAdmin: 404, admin: 200 }
	},
	'POST /tandems/[id]?/update': {
		url: (c) => `/tandems/${c.ids.tandem}?/update`,
		// Those who may form tandems save it unchanged; everyone else tries to rename it.
		form: (c) => bildungTandem(c, allowedToFormTandems(c.persona) ? 'Tandem Bildung' : 'Übernommen'),
		expect: { anonymous: 401, member: 403, head: 403, focus: 200, foreignAdmin: 404, admin: 200 }
	},
	'POST /tandems/[id]?/delete': {
		// Those who may, delete a tandem made for the purpose; the others aim at the demo tandem.
		url: async (c) => `/tandems/${allowedToFormTandems(c.persona) ? await throwawayTandem(c) : c.ids.tandem}?/delete`,
		expect: { anonymous: 401, member: 403, head: 403, focus: { status: 303, location: '/tandems' }, foreignAdmin: 404, admin: { status: 303, location: '/tandems' } }
	},
	'GET /tandems/new': {
		url: () => '/tandems/new',
		expect: { anonymous: LOGIN, member: 403, head: 403, focus: 200, foreignAdmin: 200, admin: 200 }
	},
	'POST /tandems/new': {
		url: () => '/tandems/new',
		form: (c) => bildungTandem(c, (c.scratch.name = unique('Neues Tandem'))),
		expect: { anonymous: 401, member: 403, head: 403, focus: { status: 303, location: '/tandems' }, foreignAdmin: 400, admin: { status: 303, location: '/tandems' } },
		check: (c, body) => (c.persona === 'foreignAdmin' ? [...mentions(body, msg('error_department_unknown')), ...mentions(body, msg('error_member_unknown'))] : []),
		cleanUp: async (c) => {
			if (!allowedToFormTandems(c.persona)) return;
			const id = await tandemIdByName(c.request, c.scratch.name!);
			expect(id, 'the tandem just formed').toBeTruthy();
			expect((await postForm(c.request, `/tandems/${id}?/delete`)).status()).toBe(303);
		}
	},
	'GET /join/[token]': { url: () => '/join/no-such-invitation', expect: everyone(200) },
	'POST /join/[token]': {
		url: () => '/join/no-such-invitation',
		form: () => ({ name: 'Niemand', email: `${unique('niemand')}@e2e.example`, password: 'ein-langes-passwort', passwordRepeat: 'ein-langes-passwort' }),
		expect: everyone(200),
		check: (_c, body) => mentions(body, msg('join_invalid'))
	},
	'GET /login': { url: () => '/login', expect: { anonymous: 200, member: HOME, head: HOME, focus: HOME, foreignAdmin: HOME, admin: HOME } },
	'POST /login': {
		url: () => '/login',
		form: () => ({ email: `${unique('niemand')}@e2e.example`, password: 'not-a-password' }),
		// Signed in, the page itself sends people home, whatever the form said.
		expect: { anonymous: 400, member: HOME, head: HOME, focus: HOME, foreignAdmin: HOME, admin: HOME }
	},
	'GET /reset/[token]': { url: () => '/reset/no-such-link', expect: everyone(200) },
	'POST /reset/[token]': {
		url: () => '/reset/no-such-link',
		form: () => ({ password: 'ein-langes-passwort', passwordRepeat: 'ein-langes-passwort' }),
		expect: everyone(200),
		check: (_c, body) => mentions(body, msg('reset_invalid'))
	},
	'GET /healthz': { url: () => '/healthz', expect: everyone(200) },
	'GET /api/events': {
		url: () => '/api/events',
		stream: true,
		expect: { anonymous: 401, member: 200, head: 200, focus: 200, foreignAdmin: 200, admin: 200 }
	},
	'GET /goals': { url: () => '/goals', expect: everyMember },
	'GET /goals/new': {
		url: () => '/goals/new',
		expect: everyMember,
		// Those who write in no tandem are told so instead of getting a form.
		check: (c, body) => (c.persona === 'head' || c.persona === 'admin' ? mentions(body, msg('goals_new_no_tandem')) : c.persona === 'member' || c.persona === 'focus' ? mentions(body, 'name="title"') : [])
	},
	'POST /goals/new': {
		url: () => '/goals/new',
		// The tandem's members and every focus member may start a goal; a foreign tandem is unknown.
		form: (c) => ({ tandemId: c.ids.tandem, title: (c.scratch.title = unique('Autorisierungsziel')) }),
		expect: {
			anonymous: 401,
			member: { status: 303, location: /^\/goals\/[0-9a-f-]{36}$/ },
			head: 403,
			focus: { status: 303, location: /^\/goals\/[0-9a-f-]{36}$/ },
			foreignAdmin: 400,
			admin: 403
		},
		check: (c, body) => (c.persona === 'foreignAdmin' ? mentions(body, msg('error_tandem_unknown')) : []),
		// The draft started here is taken back, so stadt-a's goals stay as seeded.
		cleanUp: async (c) => {
			if (c.persona !== 'member' && c.persona !== 'focus') return;
			const id = (await (await getPage(c.request, '/goals')).text()).match(new RegExp(`href="/goals/([0-9a-f-]{36})">${c.scratch.title}<`))?.[1];
			expect(id, 'the goal started by the walk').toBeTruthy();
			expect((await postForm(c.request, `/goals/${id}?/delete`)).headers()['location']).toBe('/goals?deleted');
		}
	},
	'GET /goals/[id]': {
		url: (c) => `/goals/${c.ids.goal}`,
		expect: { anonymous: LOGIN, member: 200, head: 200, focus: 200, foreignAdmin: 404, admin: 200 },
		// A goal with measurements offers no deletion to anyone.
		check: (_c, body) => omits(body, 'action="?/delete"')
	},
	'POST /goals/[id]?/delete': {
		url: (c) => `/goals/${c.ids.goal}?/delete`,
		// The demo goal has measurements: those who may delete drafts are told why not; it stays.
		expect: { anonymous: 401, member: 409, head: 403, focus: 409, foreignAdmin: 404, admin: 403 },
		check: (c, body) => (c.persona === 'member' || c.persona === 'focus' ? mentions(body, msg('error_goal_delete_measurements')) : [])
	},
	'GET /goals/[id]/indicators': {
		url: (c) => `/goals/${c.ids.goal}/indicators`,
		expect: { anonymous: LOGIN, member: 200, head: 200, focus: 200, foreignAdmin: 404, admin: 200 },
		// Only those who record measurements get the form.
		check: (c, body) => (recordsMeasurements(c.persona) ? mentions(body, 'action="?/addMeasurement"') : omits(body, 'action="?/addMeasurement"'))
	},
	'GET /goals/[id]/loop': {
		url: (c) => `/goals/${c.ids.goal}/loop`,
		expect: { anonymous: LOGIN, member: 200, head: 200, focus: 200, foreignAdmin: 404, admin: 200 }
	},
	'GET /goals/[id]/history': {
		url: (c) => `/goals/${c.ids.goal}/history`,
		expect: { anonymous: LOGIN, member: 200, head: 200, focus: 200, foreignAdmin: 404, admin: 200 }
	},
	'GET /goals/[id]/as-of': {
		// Every reader of the goal; a bad date is the form's field error, not a failure.
		url: (c) => `/goals/${c.ids.goal}/as-of?date=kein-datum`,
		expect: { anonymous: LOGIN, member: 200, head: 200, focus: 200, foreignAdmin: 404, admin: 200 },
		check: (c, body) => (c.persona === 'foreignAdmin' || c.persona === 'anonymous' ? [] : mentions(body, msg('error_date_invalid')))
	},
	'GET /goals/[id]/versions': {
		url: (c) => `/goals/${c.ids.goal}/versions`,
		expect: { anonymous: LOGIN, member: 200, head: 200, focus: 200, foreignAdmin: 404, admin: 200 }
	},
	'GET /goals/[id]/versions/compare': {
		// Every reader compares; a version the goal does not have is said on the page.
		url: (c) => `/goals/${c.ids.goal}/versions/compare?from=0&to=999999999`,
		expect: { anonymous: LOGIN, member: 200, head: 200, focus: 200, foreignAdmin: 404, admin: 200 },
		check: (c, body) => (c.persona === 'foreignAdmin' || c.persona === 'anonymous' ? [] : mentions(body, msg('compare_unknown')))
	},
	'POST /goals/[id]/versions?/name': {
		// Without a name: the goal's writers get the field error, nothing is named.
		url: (c) => `/goals/${c.ids.goal}/versions?/name`,
		form: () => ({ name: '', upToId: '' }),
		expect: { anonymous: 401, member: 400, head: 403, focus: 400, foreignAdmin: 404, admin: 403 },
		check: (c, body) => (c.persona === 'member' || c.persona === 'focus' ? mentions(body, msg('error_version_name_required')) : [])
	},
	'GET /goals/[id]/versions/[upToId]': {
		url: (c) => `/goals/${c.ids.goal}/versions/999999999`,
		expect: { anonymous: LOGIN, member: 200, head: 200, focus: 200, foreignAdmin: 404, admin: 200 }
	},
	'POST /goals/[id]?/signoff': {
		url: (c) => `/goals/${c.ids.goal}?/signoff`,
		// A hash nobody saw: those who may sign are told the goal changed (400), nothing is signed.
		form: () => ({ contentHash: 'not-the-content' }),
		expect: { anonymous: 401, member: 400, head: 403, focus: 400, foreignAdmin: 404, admin: 403 },
		check: (c, body) => (c.persona === 'member' || c.persona === 'focus' ? mentions(body, msg('error_signoff_outdated')) : [])
	},
	'POST /goals/[id]?/close': {
		url: (c) => `/goals/${c.ids.goal}?/close`,
		// Without an outcome: those who may close get the field errors, nothing is closed.
		form: () => ({ outcome: '', comment: '' }),
		expect: { anonymous: 401, member: 400, head: 403, focus: 400, foreignAdmin: 404, admin: 403 }
	},
	'POST /goals/[id]?/reopen': {
		// Reopening an open goal changes nothing.
		url: (c) => `/goals/${c.ids.goal}?/reopen`,
		expect: { anonymous: 401, member: 200, head: 403, focus: 200, foreignAdmin: 404, admin: 403 }
	},
	'POST /goals/[id]/indicators?/addMeasurement': {
		url: (c) => `/goals/${c.ids.goal}/indicators?/addMeasurement`,
		// Without a date: those who may record get the field error, nothing is stored.
		form: (c) => ({ indicatorId: c.ids.indicator, date: '', value: '1' }),
		expect: { ...measurementRefused, member: 400, focus: 400 },
		check: (c, body) => (recordsMeasurements(c.persona) ? mentions(body, msg('error_measurement_date_required')) : [])
	},
	'GET /goals/[id]/measurements.csv': {
		url: (c) => `/goals/${c.ids.goal}/measurements.csv`,
		expect: { anonymous: LOGIN, member: 200, head: 200, focus: 200, foreignAdmin: 404, admin: 200 },
		check: (c, body) => (c.persona === 'member' ? mentions(body, '\uFEFF') : [])
	},
	'GET /goals/[id]/indicators/[iid]/measurements.csv': {
		url: (c) => `/goals/${c.ids.goal}/indicators/${c.ids.indicator}/measurements.csv`,
		expect: { anonymous: LOGIN, member: 200, head: 200, focus: 200, foreignAdmin: 404, admin: 200 }
	},
	'GET /goals/[id]/indicators/[iid]/import': {
		url: (c) => `/goals/${c.ids.goal}/indicators/${c.ids.indicator}/import`,
		expect: { ...measurementRefused, anonymous: LOGIN, member: 200, focus: 200 }
	},
	'POST /goals/[id]/indicators/[iid]/import?/upload': {
		url: (c) => `/goals/${c.ids.goal}/indicators/${c.ids.indicator}/import?/upload`,
		// No file: those who may import are asked for one.
		expect: { ...measurementRefused, member: 400, focus: 400 },
		check: (c, body) => (recordsMeasurements(c.persona) ? mentions(body, msg('error_import_file_empty')) : [])
	},
	'POST /goals/[id]/indicators/[iid]/import?/confirm': {
		url: (c) => `/goals/${c.ids.goal}/indicators/${c.ids.indicator}/import?/confirm`,
		// A draft that does not exist: unknown to everyone who may import.
		form: () => ({ draft: UNKNOWN_ID, fingerprint: 'x' }),
		expect: { ...measurementRefused, member: 404, focus: 404 }
	},
	'GET /goals/[id]/measurements/[mid]': {
		// Whoever reads the goal opens a value, to comment on it; only its writers see the correction form.
		url: (c) => `/goals/${c.ids.goal}/measurements/${c.ids.measurement}`,
		expect: { anonymous: LOGIN, member: 200, head: 200, focus: 200, foreignAdmin: 404, admin: 200 },
		check: (c, body) => {
			const form = body.includes('action="?/correct"');
			return form === recordsMeasurements(c.persona) ? [] : [`the correction form ${form ? 'shown to' : 'missing for'} ${c.persona}`];
		}
	},
	'POST /goals/[id]/measurements/[mid]?/correct': {
		url: (c) => `/goals/${c.ids.goal}/measurements/${c.ids.measurement}?/correct`,
		form: () => ({ date: '', value: '' }),
		expect: { ...measurementRefused, member: 400, focus: 400 }
	},
	'POST /goals/[id]/measurements/[mid]?/delete': {
		// Those who may, delete a measurement made for the purpose; the others aim at the demo value.
		url: async (c) => `/goals/${c.ids.goal}/measurements/${recordsMeasurements(c.persona) ? await throwawayMeasurement(c) : c.ids.measurement}?/delete`,
		expect: { ...measurementRefused, member: { status: 303, location: /^\/goals\/[0-9a-f-]{36}\/indicators$/ }, focus: { status: 303, location: /^\/goals\/[0-9a-f-]{36}\/indicators$/ } }
	},
	'POST /goals/[id]/loop?/addExperiment': {
		url: (c) => `/goals/${c.ids.goal}/loop?/addExperiment`,
		// Without a title: those who write the goal get the field error, nothing is stored.
		form: () => ({ title: '', status: 'planned' }),
		expect: { ...measurementRefused, member: 400, focus: 400 },
		check: (c, body) => (recordsMeasurements(c.persona) ? mentions(body, msg('error_experiment_title_required')) : [])
	},
	'POST /goals/[id]/loop?/updateExperiment': {
		url: (c) => `/goals/${c.ids.goal}/loop?/updateExperiment`,
		form: () => ({ experimentId: UNKNOWN_ID, title: 'Übernommen', status: 'planned' }),
		expect: { ...measurementRefused, member: 404, focus: 404 }
	},
	'POST /goals/[id]/loop?/addCheckIn': {
		url: (c) => `/goals/${c.ids.goal}/loop?/addCheckIn`,
		form: () => ({ date: '', overall: 'onTrack', confidence: '5', happened: 'x' }),
		expect: { ...measurementRefused, member: 400, focus: 400 },
		check: (c, body) => (recordsMeasurements(c.persona) ? mentions(body, msg('error_check_in_date_required')) : [])
	},
	'POST /goals/[id]/loop?/checkInInterval': {
		url: (c) => `/goals/${c.ids.goal}/loop?/checkInInterval`,
		form: () => ({ checkInMonths: '0' }),
		expect: { ...measurementRefused, member: 400, focus: 400 }
	},
	'POST /goals/[id]/loop?/explainAdjustment': {
		url: (c) => `/goals/${c.ids.goal}/loop?/explainAdjustment`,
		form: () => ({ adjustmentId: UNKNOWN_ID, reason: 'Übernommen' }),
		expect: { ...measurementRefused, member: 404, focus: 404 }
	},
	'GET /help': { url: () => '/help', expect: everyMember },
	'GET /monitoring/evaluation': { url: () => '/monitoring/evaluation', expect: everyMember },
	'GET /monitoring/evaluation/evaluation.csv': {
		url: () => '/monitoring/evaluation/evaluation.csv?year=2025&quarter=year&department=all',
		expect: everyMember
	},
	'GET /goals/[id]/comments': {
		url: (c) => `/goals/${c.ids.goal}/comments`,
		expect: { anonymous: LOGIN, member: 200, head: 200, focus: 200, foreignAdmin: 404, admin: 200 }
	},
	'GET /goals/[id]/comments/people': {
		// Whom the comment form suggests after "@": the municipality's people by name, no addresses (no two share a name here).
		url: (c) => `/goals/${c.ids.goal}/comments/people`,
		expect: { anonymous: LOGIN, member: 200, head: 200, focus: 200, foreignAdmin: 404, admin: 200 },
		check: (c, body) => {
			if (c.persona === 'anonymous' || c.persona === 'foreignAdmin') return [];
			const people = JSON.parse(body) as { name: string; handle: string }[];
			const problems = people.some((p) => p.handle.includes('@')) ? ['an e-mail address given out'] : [];
			return people.some((p) => p.name === OWN_NAME[c.persona]) ? problems : [...problems, `${OWN_NAME[c.persona]} not suggested`];
		}
	},
	'GET /goals/[id]/comments.csv': {
		url: (c) => `/goals/${c.ids.goal}/comments.csv`,
		expect: { anonymous: LOGIN, member: 200, head: 200, focus: 200, foreignAdmin: 404, admin: 200 }
	},
	'POST /goals/[id]/comments?/add': {
		// Without text nothing is written; every reader of the goal may comment.
		url: (c) => `/goals/${c.ids.goal}/comments?/add`,
		form: () => ({ body: '', back: '' }),
		expect: { anonymous: 401, member: 400, head: 400, focus: 400, foreignAdmin: 404, admin: 400 }
	},
	'POST /goals/[id]/comments?/resolve': {
		// A thread the goal does not have is unknown.
		url: (c) => `/goals/${c.ids.goal}/comments?/resolve`,
		form: () => ({ threadId: '00000000-0000-4000-8000-000000000000', back: '' }),
		expect: { anonymous: 401, member: 404, head: 404, focus: 404, foreignAdmin: 404, admin: 404 }
	},
	'POST /goals/[id]/comments?/reopen': {
		url: (c) => `/goals/${c.ids.goal}/comments?/reopen`,
		form: () => ({ threadId: '00000000-0000-4000-8000-000000000000', back: '' }),
		expect: { anonymous: 401, member: 404, head: 404, focus: 404, foreignAdmin: 404, admin: 404 }
	},
	'GET /due': { url: () => '/due', expect: everyMember },
	'GET /monitoring': { url: () => '/monitoring', expect: everyMember },
	'GET /monitoring/departments/[id]': {
		url: (c) => `/monitoring/departments/${c.ids.bildung}`,
		expect: { anonymous: LOGIN, member: 200, head: 200, focus: 200, foreignAdmin: 404, admin: 200 }
	},
	'POST /account?/calendar': {
		url: () => '/account?/calendar',
		expect: { anonymous: 401, member: 200, head: 200, focus: 200, foreignAdmin: 200, admin: 200 },
		check: (c, body) => (c.persona === 'anonymous' ? [] : mentions(body, '/calendar/')),
		cleanUp: async (c) => {
			if (c.persona !== 'anonymous') expect((await postForm(c.request, '/account?/revokeCalendar')).status()).toBe(200);
		}
	},
	'POST /account?/revokeCalendar': {
		url: () => '/account?/revokeCalendar',
		expect: { anonymous: 401, member: 200, head: 200, focus: 200, foreignAdmin: 200, admin: 200 }
	},
	'POST /account?/endSession': {
		// Not one of the person's sessions: nothing ends, and the answer says it had ended already.
		url: () => '/account?/endSession',
		form: () => ({ session: '00000000-0000-4000-8000-000000000000' }),
		expect: { anonymous: 401, member: 200, head: 200, focus: 200, foreignAdmin: 200, admin: 200 },
		check: (c, body) => (c.persona === 'anonymous' ? [] : mentions(body, msg('sessions_gone')))
	},
	'POST /account?/endAllSessions': {
		url: () => '/account?/endAllSessions',
		expect: { anonymous: 401, member: 303, head: 303, focus: 303, foreignAdmin: 303, admin: 303 },
		only: ['anonymous']
	},
	'GET /calendar/[token]': { url: () => '/calendar/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.ics', expect: everyone(404) },
	'GET /snapshots': { url: () => '/snapshots', expect: everyMember },
	'GET /snapshots/new': {
		url: () => '/snapshots/new',
		expect: { anonymous: LOGIN, member: 403, head: 403, focus: 200, foreignAdmin: 200, admin: 200 }
	},
	'POST /snapshots/new?/choose': {
		// Without a goal the first step says so; only those who make reports get that far.
		url: () => '/snapshots/new?/choose',
		form: () => ({}),
		expect: { anonymous: 401, member: 403, head: 403, focus: 400, foreignAdmin: 400, admin: 400 }
	},
	'POST /snapshots/new?/create': {
		url: () => '/snapshots/new?/create',
		// Without a title nothing is made; another municipality's goal is unknown.
		form: (c) => ({ goal: c.ids.goal, title: '', refDate: '2026-01-01', locale: 'de' }),
		expect: { anonymous: 401, member: 403, head: 403, focus: 400, foreignAdmin: 400, admin: 400 },
		check: (c, body) =>
			c.persona === 'foreignAdmin' ? mentions(body, msg('error_snapshot_goal_unknown')) : c.persona === 'focus' || c.persona === 'admin' ? mentions(body, msg('error_snapshot_title_required')) : []
	},
	'GET /snapshots/[id]': {
		url: (c) => `/snapshots/${c.ids.snapshot}`,
		expect: { anonymous: LOGIN, member: 200, head: 200, focus: 200, foreignAdmin: 404, admin: 200 },
		check: (c, body) => (c.persona === 'member' || c.persona === 'head' ? omits(body, 'action="?/createLink"') : [])
	},
	'POST /snapshots/[id]?/createLink': {
		url: (c) => `/snapshots/${c.ids.snapshot}?/createLink`,
		// A label too long: those who may share get the field error, and no link is made.
		form: () => ({ label: 'x'.repeat(201), validUntil: '' }),
		expect: { anonymous: 401, member: 403, head: 403, focus: 400, foreignAdmin: 404, admin: 400 }
	},
	'POST /snapshots/[id]?/revokeLink': {
		url: (c) => `/snapshots/${c.ids.snapshot}?/revokeLink`,
		form: () => ({ linkId: UNKNOWN_ID }),
		expect: { anonymous: 401, member: 403, head: 403, focus: 404, foreignAdmin: 404, admin: 404 }
	},
	'POST /snapshots/[id]?/withdraw': {
		url: (c) => `/snapshots/${c.ids.snapshot}?/withdraw`,
		// A reason too long: the demo report stays as it is.
		form: () => ({ reason: 'x'.repeat(10_001) }),
		expect: { anonymous: 401, member: 403, head: 403, focus: 400, foreignAdmin: 404, admin: 400 }
	},
	'GET /snapshots/[id]/report.pdf': {
		url: (c) => `/snapshots/${c.ids.snapshot}/report.pdf`,
		expect: { anonymous: LOGIN, member: 200, head: 200, focus: 200, foreignAdmin: 404, admin: 200 }
	},
	'GET /snapshots/[id]/snapshot.csv': {
		url: (c) => `/snapshots/${c.ids.snapshot}/snapshot.csv`,
		expect: { anonymous: LOGIN, member: 200, head: 200, focus: 200, foreignAdmin: 404, admin: 200 }
	},
	'GET /snapshots/[id]/snapshot.json': {
		url: (c) => `/snapshots/${c.ids.snapshot}/snapshot.json`,
		expect: { anonymous: LOGIN, member: 200, head: 200, focus: 200, foreignAdmin: 404, admin: 200 }
	},
	'GET /s/[token]': { url: () => '/s/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', expect: everyone(404) },
	'GET /s/[token]/report.pdf': { url: () => '/s/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/report.pdf', expect: everyone(404) },
	'GET /s/[token]/snapshot.csv': { url: () => '/s/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/snapshot.csv', expect: everyone(404) },
	'GET /s/[token]/snapshot.json': { url: () => '/s/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/snapshot.json', expect: everyone(404) },
	'GET /assessments': { url: () => '/assessments', expect: everyMember },
	'POST /assessments?/create': {
		url: () => '/assessments?/create',
		// A date in the future: those who may assess get the field error, and nothing is made.
		form: () => ({ assessedOn: '2999-01-01', carryOver: 'on' }),
		expect: { anonymous: 401, member: 403, head: 403, focus: 400, foreignAdmin: 400, admin: 400 },
		check: (c, body) => (c.persona === 'focus' || c.persona === 'admin' ? mentions(body, msg('error_assessment_date_range')) : [])
	},
	'GET /assessments/[id]': {
		url: (c) => `/assessments/${c.ids.assessment}`,
		expect: { anonymous: LOGIN, member: 200, head: 200, focus: 200, foreignAdmin: 404, admin: 200 }
	},
	'POST /assessments/[id]?/startGoal': {
		url: (c) => `/assessments/${c.ids.assessment}?/startGoal`,
		// An unknown criterion: readers are told so, and no goal is started.
		form: (c) => ({ criterion: 'unbekannt', tandemId: c.ids.tandem }),
		expect: { anonymous: 401, member: 400, head: 400, focus: 400, foreignAdmin: 404, admin: 400 }
	},
	'GET /agreements': { url: () => '/agreements', expect: everyMember },
	'POST /agreements?/create': {
		url: () => '/agreements?/create',
		// Jugend: only the integration office may start one there; without a title nothing is made.
		form: (c) => ({ departmentId: c.ids.jugend, title: '' }),
		expect: { anonymous: 401, member: 403, head: 403, focus: 400, foreignAdmin: 400, admin: 403 },
		check: (c, body) =>
			c.persona === 'foreignAdmin' ? mentions(body, msg('error_department_unknown')) : c.persona === 'focus' ? mentions(body, msg('error_agreement_title_required')) : []
	},
	'GET /agreements/[id]': {
		url: (c) => `/agreements/${c.ids.agreement}`,
		expect: { anonymous: LOGIN, member: 200, head: 200, focus: 200, foreignAdmin: 404, admin: 200 },
		// The sign button shows only to those who sign: the integration office and Bildung's head.
		check: (c, body) => (c.persona === 'member' || c.persona === 'admin' ? omits(body, 'action="?/sign"') : c.persona === 'head' || c.persona === 'focus' ? mentions(body, 'action="?/sign"') : [])
	},
	'POST /agreements/[id]?/sign': {
		url: (c) => `/agreements/${c.ids.agreement}?/sign`,
		// A hash that is not the current one: the signers are asked to look again; nothing is signed.
		form: () => ({ contentHash: 'veraltet' }),
		expect: { anonymous: 401, member: 403, head: 400, focus: 400, foreignAdmin: 404, admin: 403 },
		check: (c, body) => (c.persona === 'head' || c.persona === 'focus' ? mentions(body, msg('error_signoff_outdated')) : [])
	},
	'POST /agreements/[id]?/delete': {
		// Those who may write Bildung's agreements delete a draft of their own; the others reach for the walk's draft.
		url: async (c) =>
			`/agreements/${deletesAgreementDrafts(c.persona) ? await throwaway(c, '/agreements?/create', { departmentId: c.ids.bildung, title: unique('Wegwerf-Entwurf') }, '/agreements/') : c.ids.agreement}?/delete`,
		expect: {
			anonymous: 401,
			member: { status: 303, location: '/agreements' },
			head: { status: 303, location: '/agreements' },
			focus: { status: 303, location: '/agreements' },
			foreignAdmin: 404,
			admin: 403
		}
	},
	'POST /assessments/[id]?/complete': {
		// stadt-a's latest assessment is completed: the integration office is told so, nothing changes.
		url: (c) => `/assessments/${c.ids.assessment}?/complete`,
		expect: { anonymous: 401, member: 403, head: 403, focus: 400, foreignAdmin: 404, admin: 403 }
	},
	'POST /assessments/[id]?/delete': {
		url: async (c) =>
			`/assessments/${deletesAssessments(c.persona) ? await throwaway(c, '/assessments?/create', { assessedOn: '2020-01-01' }, '/assessments/') : c.ids.assessment}?/delete`,
		expect: {
			anonymous: 401,
			member: 403,
			head: 403,
			focus: { status: 303, location: '/assessments' },
			foreignAdmin: 404,
			admin: { status: 303, location: '/assessments' }
		}
	},
	'GET /agreements/[id]/agreement.pdf': {
		url: (c) => `/agreements/${c.ids.agreement}/agreement.pdf`,
		expect: { anonymous: LOGIN, member: 200, head: 200, focus: 200, foreignAdmin: 404, admin: 200 }
	},
	'POST /goals/[id]/history?/restore': {
		url: (c) => `/goals/${c.ids.goal}/history?/restore`,
		form: () => ({ upToId: '0' }),
		expect: { anonymous: 401, member: 400, head: 403, focus: 400, foreignAdmin: 404, admin: 403 }
	}
};

/** Whether an answer refuses (or sends away): then it must carry nothing of stadt-a. */
function isRefusal(response: Answer): boolean {
	const status = response.status();
	return status === 401 || status === 403 || status === 404 || (status === 303 && /^\/login/.test(response.headers()['location'] ?? ''));
}

/** stadt-a data found in an answer that must not carry it. */
function leaks(persona: Persona, ids: Ids, body: string): string[] {
	const secrets = [ids.invitationNote, ...Object.values(STADT_A.people).filter((name) => name !== OWN_NAME[persona])];
	if (persona === 'anonymous' || persona === 'foreignAdmin') secrets.push(STADT_A.municipality, '@stadt-a.example');
	else secrets.push(...Object.values(ACCOUNTS).filter((email) => email.endsWith('@stadt-a.example') && email !== ACCOUNTS[persona]));
	return secrets.filter((secret) => body.includes(secret)).map((secret) => `leaks "${secret}"`);
}

function describeOutcome(outcome: Outcome): string {
	return typeof outcome === 'number' ? String(outcome) : `${outcome.status} → ${outcome.location}`;
}

function matches(response: Answer, outcome: Outcome): boolean {
	const expected = typeof outcome === 'number' ? { status: outcome, location: undefined } : outcome;
	if (response.status() !== expected.status) return false;
	if (expected.location === undefined) return true;
	const location = response.headers()['location'] ?? '';
	return typeof expected.location === 'string' ? location === expected.location : expected.location.test(location);
}

/** What an admin of stadt-a sees of its people, departments, tandems and invitations. */
async function stateOfStadtA(admin: APIRequestContext, ids: Ids): Promise<Record<string, string>> {
	const state: Record<string, string> = {};
	for (const path of ['/members', `/members/${ids.bildungMembership}`, '/departments', '/tandems', `/tandems/${ids.tandem}`, '/invitations']) {
		const html = await (await getPage(admin, path)).text();
		state[path] = html.match(/<main[\s\S]*<\/main>/)?.[0] ?? html;
	}
	return state;
}

type Answer = Pick<APIResponse, 'status' | 'headers' | 'text'>;

/** GET with the context's cookies that reads status and headers and then hangs up. */
async function peek(request: APIRequestContext, url: string): Promise<Answer> {
	const { cookies } = await request.storageState();
	const abort = new AbortController();
	const response = await fetch(new URL(url, BASE_URL), {
		headers: { cookie: cookies.map((cookie) => `${cookie.name}=${cookie.value}`).join('; ') },
		redirect: 'manual',
		signal: abort.signal
	});
	const headers = Object.fromEntries(response.headers.entries());
	const status = response.status;
	const body = response.headers.get('content-type')?.includes('text/event-stream') ? '' : await response.text();
	abort.abort();
	return { status: () => status, headers: () => headers, text: async () => body };
}

async function contextFor(persona: Persona): Promise<APIRequestContext> {
	return persona === 'anonymous' ? freshRequest() : signedInRequest(ACCOUNTS[persona]);
}

let ids: Ids;
let adminA: APIRequestContext;
let seeded: Record<string, string>;

test.beforeAll(async () => {
	adminA = await signedInRequest(ACCOUNTS.admin);
	const members = await Promise.all([STADT_A.people.admin, STADT_A.people.focus, STADT_A.people.bildung].map((name) => membershipIdOf(adminA, name)));
	const [tandem] = idsIn(await (await getPage(adminA, '/tandems')).text(), '/tandems/');
	const bildung = await departmentId(adminA, 'Bildung');
	const jugend = await departmentId(adminA, 'Jugend');
	// An open invitation of stadt-a, with a note only its admin may ever see.
	const invitationNote = unique('Geheime Notiz');
	await createInvitation(adminA, { roles: ['member'], department: 'Jugend', note: invitationNote });
	const html = await (await getPage(adminA, '/invitations')).text();
	const invitation = html.slice(html.indexOf(invitationNote)).match(/name="id" value="([0-9a-f-]{36})"/)?.[1];
	const [goal] = idsIn(await (await getPage(adminA, '/goals')).text(), '/goals/');
	// Measurement links show to those who may correct them, on the goal's indicators page: read as the focus member.
	const focusA = await signedInRequest(ACCOUNTS.focus);
	const goalPage = await (await getPage(focusA, `/goals/${goal}/indicators`)).text();
	await focusA.dispose();
	const indicator = goalPage.match(new RegExp(`/goals/${goal}/indicators/([0-9a-f-]{36})/`))?.[1];
	const [measurement] = measurementIdsIn(goalPage, goal!);
	const [snapshot] = idsIn(await (await getPage(adminA, '/snapshots')).text(), '/snapshots/');
	const [assessment] = idsIn(await (await getPage(adminA, '/assessments')).text(), '/assessments/');
	// stadt-a has no agreement in its story: the integration office drafts one for this walk.
	const focusForAgreement = await signedInRequest(ACCOUNTS.focus);
	const drafted = await postForm(focusForAgreement, '/agreements?/create', { departmentId: bildung, title: unique('Entwurf Bildung') });
	await focusForAgreement.dispose();
	const agreement = drafted.headers()['location']?.match(/\/agreements\/([0-9a-f-]{36})$/)?.[1];
	expect(tandem && invitation && goal && indicator && measurement && snapshot && assessment && agreement, 'stadt-a ids').toBeTruthy();
	ids = {
		adminMembership: members[0]!,
		focusMembership: members[1]!,
		bildungMembership: members[2]!,
		tandem: tandem!,
		bildung,
		jugend,
		invitation: invitation!,
		invitationNote,
		goal: goal!,
		indicator: indicator!,
		measurement: measurement!,
		snapshot: snapshot!,
		assessment: assessment!,
		agreement: agreement!
	};
	seeded = await stateOfStadtA(adminA, ids);
});

test.afterAll(async () => {
	await adminA?.dispose();
});

test('the table covers every route and every form action under src/routes', () => {
	const discovered = discoverEntries().map((entry) => entry.key).sort();
	const table = Object.keys(TABLE).sort();
	expect(
		discovered.filter((key) => !table.includes(key)),
		'routes or actions without expectations: add them to TABLE in authorization.spec.ts'
	).toEqual([]);
	expect(table.filter((key) => !discovered.includes(key)), 'expectations for routes that no longer exist').toEqual([]);
});

for (const persona of PERSONAS) {
	test(`every route and action as ${persona}`, async () => {
		const request = await contextFor(persona);
		const before = persona === 'foreignAdmin' ? await stateOfStadtA(adminA, ids) : undefined;
		const problems: string[] = [];
		try {
			for (const [key, item] of Object.entries(TABLE)) {
				if (item.only && !item.only.includes(persona)) continue;
				const own = item.ownSession ? await contextFor(persona) : undefined;
				const c: Ctx = { persona, ids, request: own ?? request, scratch: {} };
				try {
					const url = await item.url(c);
					const method = key.split(' ')[0]!;
					const response = item.stream
						? await peek(c.request, url)
						: method === 'GET'
							? await getPage(c.request, url)
							: await postForm(c.request, url, item.form?.(c) ?? {});
					const body = await response.text();
					const expected = item.expect[persona];
					const label = `${key} as ${persona}`;
					if (!matches(response, expected)) {
						problems.push(`${label}: expected ${describeOutcome(expected)}, got ${response.status()}${response.headers()['location'] ? ` → ${response.headers()['location']}` : ''}`);
					}
					if (response.status() >= 500) problems.push(`${label}: server error`);
					const mustNotLeak = persona === 'anonymous' || persona === 'foreignAdmin' || isRefusal(response);
					if (mustNotLeak) problems.push(...leaks(persona, ids, body).map((leak) => `${label}: ${leak}`));
					problems.push(...(item.check?.(c, body) ?? []).map((problem) => `${label}: ${problem}`));
					await item.cleanUp?.(c);
				} finally {
					await own?.dispose();
				}
			}
		} finally {
			await request.dispose();
		}
		expect(problems).toEqual([]);
		// Nothing the foreign admin tried changed anything in stadt-a.
		if (before) expect(await stateOfStadtA(adminA, ids)).toEqual(before);
	});
}

test('malformed ids are unknown ids, not server errors', async () => {
	const admin = await signedInRequest(ACCOUNTS.foreignAdmin);
	try {
		const answers = {
			'GET /members/x': (await getPage(admin, '/members/not-an-id')).status(),
			'POST /members/x?/update': (await postForm(admin, '/members/not-an-id?/update', { roles: ['member'], departmentId: 'nope' })).status(),
			'POST /members/x?/deactivate': (await postForm(admin, '/members/not-an-id?/deactivate')).status(),
			'POST /members/x?/reset': (await postForm(admin, '/members/not-an-id?/reset')).status(),
			'GET /tandems/x': (await getPage(admin, '/tandems/not-an-id')).status(),
			'POST /tandems/x?/update': (await postForm(admin, '/tandems/not-an-id?/update', { name: 'x', departmentId: 'nope', membershipIds: ['nope'] })).status(),
			'POST /tandems/x?/delete': (await postForm(admin, '/tandems/not-an-id?/delete')).status(),
			'POST /tandems/new': (await postForm(admin, '/tandems/new', { name: 'x', departmentId: 'nope', membershipIds: ['nope', 'nix'] })).status(),
			'POST /departments?/rename': (await postForm(admin, '/departments?/rename', { id: 'nope', name: 'x' })).status(),
			'POST /departments?/delete': (await postForm(admin, '/departments?/delete', { id: 'nope' })).status(),
			'POST /invitations?/create': (await postForm(admin, '/invitations?/create', { roles: ['member'], departmentId: 'nope' })).status(),
			'POST /invitations?/revoke': (await postForm(admin, '/invitations?/revoke', { id: 'nope' })).status()
		};
		expect(answers).toEqual({
			'GET /members/x': 404,
			'POST /members/x?/update': 404,
			'POST /members/x?/deactivate': 404,
			'POST /members/x?/reset': 404,
			'GET /tandems/x': 404,
			'POST /tandems/x?/update': 404,
			'POST /tandems/x?/delete': 404,
			'POST /tandems/new': 400,
			'POST /departments?/rename': 400,
			'POST /departments?/delete': 400,
			'POST /invitations?/create': 400,
			'POST /invitations?/revoke': 400
		});
	} finally {
		await admin.dispose();
	}
});

test('stadt-a ends as it was seeded, but for the invitation its admin revoked', async () => {
	const now = await stateOfStadtA(adminA, ids);
	const { '/invitations': invitationsNow, ...rest } = now;
	const { '/invitations': _invitationsBefore, ...restBefore } = seeded;
	expect(rest).toEqual(restBefore);
	expect(invitationsNow).toContain(ids.invitationNote);
	expect(invitationsNow).toContain(msg('invitation_state_revoked'));
});
