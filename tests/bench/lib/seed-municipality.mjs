// The municipality of the indicators benchmark (npm run bench:progress, bench:views): 500 goals in
// ten departments, 2,000 indicators and 100,000 measurements, plus a few check-ins, written
// straight into PostgreSQL; and signing in to the built server as one of its users.
import { randomUUID } from 'node:crypto';
import postgres from 'postgres';
import { hash } from '@node-rs/argon2';

export const INDICATORS_PER_GOAL = 4;
export const VALUES_PER_INDICATOR = 50;
export const PASSWORD = 'bench-password-1';
/** The user with the focus role (and member of every tandem). */
export const FOCUS_EMAIL = 'focus@bench.example';
const LATEST = '2026-10-31';
const BASELINE = '2022-12-31';

// ---------------------------------------------------------------------------------------------
// Seed data: deterministic (a seeded PRNG), written straight into the tables as the projection
// would (goal and indicator rows; the Yjs documents are not needed by the list or the refresh).

function prng(seed) {
	return () => {
		seed = (seed + 0x6d2b79f5) | 0;
		let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}
let random = prng(20261031); // reset by each seedMunicipality call
const between = (a, b) => a + (b - a) * random();
const pick = (list) => list[Math.floor(random() * list.length)];
const hex = (bytes) => Array.from({ length: bytes }, () => Math.floor(random() * 256).toString(16).padStart(2, '0')).join('');
const round = (value, digits) => Math.round(value * 10 ** digits) / 10 ** digits;
const DAY = 86_400_000;
const toDay = (date) => Date.parse(`${date}T00:00:00Z`) / DAY;
/** The last day of the month `back` months before LATEST's month. */
function monthEnd(back) {
	const [y, m] = LATEST.split('-').map(Number);
	return new Date(Date.UTC(y, m - back, 0)).toISOString().slice(0, 10);
}

const DEPARTMENTS = [
	['Bildung', 56],
	['Jugend und Familie', 54],
	['Soziales', 52],
	['Arbeit und Beschäftigung', 50],
	['Gesundheit', 50],
	['Wohnen', 50],
	['Stadtentwicklung', 48],
	['Kultur', 48],
	['Sport', 46],
	['Bürgerservice', 46]
];
const TOPICS = [
	'Sprachförderung in Kitas ausbauen',
	'Übergang Schule–Beruf verbessern',
	'Ausbildungsquote junger Zugewanderter erhöhen',
	'Beratung in mehreren Sprachen anbieten',
	'Wartezeiten bei der Ausländerbehörde senken',
	'Vereinsmitgliedschaften fördern',
	'Gesundheitslotsen gewinnen',
	'Wohnungslosigkeit verringern',
	'Elternbeteiligung an Schulen stärken',
	'Interkulturelle Öffnung der Verwaltung',
	'Anerkennung ausländischer Abschlüsse beschleunigen',
	'Integrationskurse besser auslasten',
	'Beteiligung an Kommunalwahlen erhöhen',
	'Ehrenamt von Zugewanderten sichtbar machen'
];
const DEADLINES = ['2027-06-30', '2027-12-31', '2028-06-30', '2028-12-31', '2029-06-30', '2029-12-31'];
const GROUPS = ['deutsch', 'nichtdeutsch', 'insgesamt'];
const DATES = Array.from({ length: VALUES_PER_INDICATOR }, (_, k) => monthEnd(k)); // newest first
const OK = (reason) => ({ ok: true, reason, hint: null });
const NO = (reason, hint) => ({ ok: false, reason, hint });

/** How a goal's weakest indicator runs; its other indicators do at least as well. */
const GOAL_CLASSES = [
	['onTrack', 0.35],
	['atRisk', 0.25],
	['offTrack', 0.3],
	['noData', 0.1]
];
const BETTER = { onTrack: ['met', 'onTrack'], atRisk: ['met', 'onTrack', 'atRisk'], offTrack: ['met', 'onTrack', 'atRisk', 'offTrack', 'wrongWay'] };
const CHECK_IN_OVERALL = ['onTrack', 'onTrack', 'atRisk', 'offTrack'];
const CHECK_IN_HAPPENED = [
	'Zwei neue Kursangebote gestartet, die Anmeldungen liegen über dem Vorjahr.',
	'Personalwechsel im Fachbereich, die Beratung lief mit halber Kapazität.',
	'Kooperationsvereinbarung mit den Trägern unterschrieben.',
	'Die Statistik für das letzte Quartal liegt erst vorläufig vor.'
];
function weighted(list) {
	let r = random();
	for (const [value, weight] of list) if ((r -= weight) < 0) return value;
	return list.at(-1)[0];
}

/** The share of the way from baseline to target planned at the latest measurement, times a pace per class. */
function paceFor(kind, latestShare) {
	switch (kind) {
		case 'met':
			return between(1.05, 1.3) / latestShare;
		case 'onTrack':
			return between(1.08, 1.4);
		case 'atRisk':
			return between(0.8, 0.93);
		case 'offTrack':
			return between(0.15, 0.6);
		case 'wrongWay':
			return between(-0.5, -0.1);
		default:
			return 1;
	}
}

function makeIndicator(goalRow, position, kind, enteredBy) {
	const id = randomUUID();
	const frequency = weighted([
		['yearly', 0.4],
		['quarterly', 0.3],
		['monthly', 0.3]
	]);
	const breakdown = weighted([
		['gap', 0.25],
		['total', 0.1],
		['none', 0.65]
	]);
	const targetDate = random() < 0.2 ? `${goalRow.deadline.slice(0, 4)}-06-30` : null;
	const due = targetDate ?? goalRow.deadline;
	let baselineValue;
	let way;
	let unit;
	let name;
	if (breakdown === 'gap') {
		baselineValue = round(between(8, 20), 1);
		way = -round(between(4, baselineValue - 2), 1);
		unit = 'Prozentpunkte';
		name = 'Abstand der Quote nichtdeutsch zu deutsch';
	} else if (random() < 0.6) {
		baselineValue = round(between(20, 70), 1);
		way = round(pick([1, 1, -1]) * between(5, 20), 1);
		unit = '%';
		name = pick(['Quote der Teilnehmenden', 'Anteil mit Abschluss', 'Übergangsquote', 'Beteiligungsquote']);
	} else {
		baselineValue = Math.round(between(100, 2000));
		way = Math.round(pick([1, 1, -1]) * baselineValue * between(0.1, 0.4));
		unit = 'Anzahl';
		name = pick(['Beratungen', 'Teilnehmende', 'Wartende', 'Anträge']);
	}
	let targetValue = round(baselineValue + way, 1);
	if (kind === 'noPlan') baselineValue = null;
	if (kind === 'noChange') targetValue = baselineValue;
	const row = {
		id,
		goal_id: goalRow.id,
		municipality_id: goalRow.municipality_id,
		position,
		name,
		unit,
		direction: way >= 0 ? 'up' : 'down',
		baseline_value: baselineValue,
		baseline_date: BASELINE,
		target_value: targetValue,
		target_date: targetDate,
		frequency,
		source: pick(['Kommunalstatistik', 'Schulamt', 'Bundesagentur für Arbeit', 'eigene Erhebung']),
		breakdown: breakdown === 'none' ? '' : 'Staatsangehörigkeit',
		groups: breakdown === 'none' ? [] : GROUPS,
		target_group: breakdown === 'gap' ? 'nichtdeutsch' : breakdown === 'total' ? 'insgesamt' : '',
		gap_group: breakdown === 'gap' ? 'deutsch' : null
	};

	// The target series runs baseline + way · pace · (share of the planned time), with a little noise.
	const start = toDay(BASELINE);
	const span = toDay(due) - start;
	const pace = paceFor(kind, (toDay(LATEST) - start) / span);
	const b = baselineValue ?? round(between(20, 60), 1);
	const series = (date) => b + way * pace * ((toDay(date) - start) / span) + Math.abs(way) * between(-0.02, 0.02);
	const digits = unit === 'Anzahl' ? 0 : 1;
	const provisional = random() < 0.3;
	const values = [];
	for (let k = 0; k < VALUES_PER_INDICATOR; k++) {
		// Grouped series: three groups per reference date (the oldest date gets two).
		const [date, group] = breakdown === 'none' ? [DATES[k], ''] : [DATES[Math.floor(k / 3)], GROUPS[k % 3]];
		let value;
		if (breakdown === 'gap') {
			const deutsch = 72 + (toDay(date) - start) / 365 + between(-0.3, 0.3);
			const gap = Math.max(0.2, series(date));
			value = group === 'deutsch' ? deutsch : group === 'nichtdeutsch' ? deutsch - gap : deutsch - gap / 4;
		} else if (breakdown === 'total') {
			const total = series(date);
			value = group === 'insgesamt' ? total : group === 'deutsch' ? total + 4 : total - 12;
		} else {
			value = series(date);
		}
		const symbol = random() < 0.02 ? '.' : null;
		values.push({
			municipality_id: goalRow.municipality_id,
			goal_id: goalRow.id,
			indicator_id: id,
			group_name: group,
			ref_date: date,
			value: symbol ? null : round(Math.max(0, value), digits),
			symbol,
			flags: provisional && date === LATEST ? ['provisional'] : [],
			cases: breakdown === 'none' ? null : Math.round(between(40, 600)),
			entered_by: enteredBy
		});
	}
	return { row, values };
}

/** Inserts rows through one JSON parameter per chunk (as refreshProgress writes). */
async function insertRows(sql, table, columns, rows, chunk = 20_000) {
	const list = Object.entries(columns)
		.map(([name, type]) => `${name} ${type}`)
		.join(', ');
	const names = Object.keys(columns).join(', ');
	for (let i = 0; i < rows.length; i += chunk) {
		await sql.unsafe(`insert into ${table} (${names}) select ${names} from jsonb_to_recordset($1::text::jsonb) as v(${list})`, [
			JSON.stringify(rows.slice(i, i + chunk))
		]);
	}
}

/** Goals were written over two years; status changes are recorded since RECORDING_SINCE. */
const WRITTEN_FROM = Date.parse('2024-10-01T08:00:00Z');
const WRITTEN_UNTIL = Date.parse('2026-09-30T08:00:00Z');
const RECORDING_SINCE = '2026-04-01T06:00:00Z';
const STATUSES = ['onTrack', 'atRisk', 'offTrack', 'noData'];

/**
 * The goals' history for the monitoring's share on track per quarter (decision 0022): creation
 * times spread over two years, recording begun on RECORDING_SINCE with every goal's status of
 * then, and up to three status changes per goal after it. From a PRNG of its own, so the rest
 * of the municipality stays the same. The quarters before recording are left to the app,
 * which computes them on the first view and keeps them.
 */
async function seedStatusHistory(sql, municipalityId, goals) {
	const historyRandom = prng(20260401);
	const since = Date.parse(RECORDING_SINCE);
	const now = Date.now();
	const created = [];
	const changes = [];
	for (const g of goals) {
		const at = WRITTEN_FROM + Math.floor(historyRandom() * (WRITTEN_UNTIL - WRITTEN_FROM));
		created.push({ id: g.id, created_at: new Date(at).toISOString() });
		const status = () => STATUSES[Math.floor(historyRandom() * STATUSES.length)];
		if (at < since) changes.push({ goal_id: g.id, municipality_id: municipalityId, track_status: status(), changed_at: RECORDING_SINCE });
		const from = Math.max(at, since);
		for (let k = Math.floor(historyRandom() * 4); k > 0; k--) {
			changes.push({ goal_id: g.id, municipality_id: municipalityId, track_status: status(), changed_at: new Date(from + Math.floor(historyRandom() * (now - from))).toISOString() });
		}
	}
	await sql.unsafe(`update goal g set created_at = v.created_at from jsonb_to_recordset($1::text::jsonb) as v(id uuid, created_at timestamptz) where g.id = v.id`, [JSON.stringify(created)]);
	await sql`insert into status_recording (municipality_id, since) values (${municipalityId}, ${RECORDING_SINCE})`;
	await insertRows(sql, 'goal_status_change', { goal_id: 'uuid', municipality_id: 'uuid', track_status: 'text', changed_at: 'timestamptz' }, changes);
}

/**
 * Seeds the municipality into an empty, migrated database. Returns the row counts, the
 * department with the most goals ({ id, name, count, … }) and every department.
 */
export async function seedMunicipality(databaseUrl, { goals: GOALS = 500 } = {}) {
	random = prng(20261031);
	const sql = postgres(databaseUrl, { max: 2, onnotice: () => {} });
	try {
		const passwordHash = await hash(PASSWORD, { memoryCost: 19456, timeCost: 2, outputLen: 32, parallelism: 1 });
		const [m] = await sql`insert into municipality (slug, name) values ('bench', 'Benchstadt') returning id`;
		const [focusUser] = await sql`insert into "user" (email, name, password_hash) values (${FOCUS_EMAIL}, 'Fokus Bench', ${passwordHash}) returning id`;
		const [focus] = await sql`insert into membership (user_id, municipality_id, roles) values (${focusUser.id}, ${m.id}, ${['focus']}) returning id`;
		const departments = [];
		for (const [index, [name, count]] of DEPARTMENTS.entries()) {
			const [d] = await sql`insert into department (municipality_id, name) values (${m.id}, ${name}) returning id`;
			const email = `fb${index}@bench.example`;
			const [u] = await sql`insert into "user" (email, name, password_hash) values (${email}, ${`Fachbereich ${name}`}, ${passwordHash}) returning id`;
			const [member] = await sql`insert into membership (user_id, municipality_id, roles, department_id) values (${u.id}, ${m.id}, ${['member']}, ${d.id}) returning id`;
			const [t] = await sql`insert into tandem (municipality_id, department_id, name) values (${m.id}, ${d.id}, ${`Tandem ${name}`}) returning id`;
			await sql`insert into tandem_member (tandem_id, membership_id) values (${t.id}, ${focus.id}), (${t.id}, ${member.id})`;
			departments.push({ id: d.id, name, count, tandemId: t.id, userId: u.id, membershipId: member.id });
		}

		const goals = [];
		const indicators = [];
		const measurements = [];
		const signoffs = [];
		const slots = departments.flatMap((d) => Array.from({ length: d.count }, () => d)).slice(0, GOALS);
		for (const [i, d] of slots.entries()) {
			const status = random() < 0.65 ? 'agreed' : 'draft';
			const focusSigned = status === 'agreed' || random() < 0.5;
			const resources = random() < 0.85 ? 'Zwei Stellenanteile und Sachmittel aus dem Integrationsbudget.' : '';
			const smart = {
				ratings: {
					specific: OK('smart_specific_ok'),
					measurable: OK('smart_measurable_ok'),
					acceptable:
						status === 'agreed'
							? OK('smart_acceptable_ok')
							: NO(focusSigned ? 'smart_acceptable_missing_department' : 'smart_acceptable_missing_both', 'smart_acceptable_sign_hint'),
					realistic: resources ? OK('smart_realistic_ok') : NO('smart_realistic_no_resources', 'smart_realistic_no_resources_hint'),
					terminated: OK('smart_terminated_ok')
				}
			};
			smart.score = Object.values(smart.ratings).filter((r) => r.ok).length;
			const goalRow = {
				id: randomUUID(),
				municipality_id: m.id,
				department_id: d.id,
				tandem_id: d.tandemId,
				title: `Ziel ${String(i + 1).padStart(3, '0')}: ${TOPICS[i % TOPICS.length]}`,
				for_whom: 'Kinder und Jugendliche mit Einwanderungsgeschichte und ihre Familien in der Stadt',
				criterion: 'Die Quote erreicht den Zielwert laut kommunaler Statistik.',
				resources,
				deadline: pick(DEADLINES),
				content_hash: hex(32),
				smart,
				smart_score: smart.score,
				status,
				created_by: focusUser.id
			};
			goals.push(goalRow);
			if (focusSigned) signoffs.push({ goal_id: goalRow.id, user_id: focusUser.id, membership_id: focus.id, side: 'focus', content_hash: goalRow.content_hash });
			if (status === 'agreed') signoffs.push({ goal_id: goalRow.id, user_id: d.userId, membership_id: d.membershipId, side: 'department', content_hash: goalRow.content_hash });

			const goalClass = weighted(GOAL_CLASSES);
			for (let position = 0; position < INDICATORS_PER_GOAL; position++) {
				let kind;
				if (goalClass === 'noData') kind = random() < 0.7 ? 'noPlan' : 'noChange';
				else if (position === 0) kind = goalClass === 'offTrack' && random() < 0.3 ? 'wrongWay' : goalClass;
				else kind = random() < 0.06 ? pick(['noPlan', 'noChange']) : pick(BETTER[goalClass]);
				const made = makeIndicator(goalRow, position, kind, d.userId);
				indicators.push(made.row);
				measurements.push(...made.values);
			}
		}

		await insertRows(
			sql,
			'goal',
			{
				id: 'uuid',
				municipality_id: 'uuid',
				department_id: 'uuid',
				tandem_id: 'uuid',
				title: 'text',
				for_whom: 'text',
				criterion: 'text',
				resources: 'text',
				deadline: 'date',
				content_hash: 'text',
				smart: 'jsonb',
				smart_score: 'integer',
				status: 'text',
				created_by: 'uuid'
			},
			goals
		);
		await sql`update goal set projected_at = now()`;
		await insertRows(
			sql,
			'goal_signoff',
			{ goal_id: 'uuid', user_id: 'uuid', membership_id: 'uuid', side: 'text', content_hash: 'text' },
			signoffs
		);
		await insertRows(
			sql,
			'indicator',
			{
				id: 'uuid',
				goal_id: 'uuid',
				municipality_id: 'uuid',
				position: 'integer',
				name: 'text',
				unit: 'text',
				direction: 'text',
				baseline_value: 'numeric',
				baseline_date: 'date',
				target_value: 'numeric',
				target_date: 'date',
				frequency: 'text',
				source: 'text',
				breakdown: 'text',
				groups: 'jsonb',
				target_group: 'text',
				gap_group: 'text'
			},
			indicators
		);
		await insertRows(
			sql,
			'measurement',
			{
				municipality_id: 'uuid',
				goal_id: 'uuid',
				indicator_id: 'uuid',
				group_name: 'text',
				ref_date: 'date',
				value: 'double precision',
				symbol: 'text',
				flags: 'text[]',
				cases: 'integer',
				entered_by: 'uuid'
			},
			measurements
		);
		// Check-ins: every fifth agreed goal gets 3–6 quarterly reviews by its tandem, from a PRNG of
		// their own so that the goals, indicators and measurements stay the same as without them.
		const checkInRandom = prng(31102026);
		const checkIns = [];
		for (const [i, goalRow] of goals.filter((g) => g.status === 'agreed').entries()) {
			if (i % 5 !== 0) continue;
			const d = departments.find((x) => x.id === goalRow.department_id);
			const count = 3 + Math.floor(checkInRandom() * 4);
			for (let k = 0; k < count; k++) {
				const overall = CHECK_IN_OVERALL[Math.floor(checkInRandom() * CHECK_IN_OVERALL.length)];
				checkIns.push({
					municipality_id: m.id,
					goal_id: goalRow.id,
					date: monthEnd(3 * k),
					overall,
					confidence: Math.floor(checkInRandom() * 11),
					happened: CHECK_IN_HAPPENED[(i + k) % CHECK_IN_HAPPENED.length],
					decided: overall === 'onTrack' ? 'Weiter wie geplant.' : 'Ansatz anpassen und in drei Monaten erneut prüfen.',
					participants: `Fokus Bench, Fachbereich ${d.name}`,
					created_by: focusUser.id
				});
			}
		}
		await insertRows(
			sql,
			'check_in',
			{
				municipality_id: 'uuid',
				goal_id: 'uuid',
				date: 'date',
				overall: 'text',
				confidence: 'integer',
				happened: 'text',
				decided: 'text',
				participants: 'text',
				created_by: 'uuid'
			},
			checkIns
		);
		await seedStatusHistory(sql, m.id, goals);
		await sql`vacuum analyze`;
		const [counts] = await sql`select (select count(*)::int from goal) as goals, (select count(*)::int from indicator) as indicators,
			(select count(*)::int from measurement) as measurements, (select count(*)::int from measurement where symbol is not null) as symbols,
			(select count(*)::int from measurement where 'provisional' = any(flags)) as provisional,
			(select count(*)::int from check_in) as check_ins, (select count(distinct goal_id)::int from check_in) as checked_goals`;
		const busiest = departments.reduce((a, b) => (b.count > a.count ? b : a));
		return { counts, department: busiest, departments };
	} finally {
		await sql.end();
	}
}

// ---------------------------------------------------------------------------------------------

/** Signs in through the login form; returns the session cookie (`name=value`). */
export async function signIn(base, email = FOCUS_EMAIL) {
	const response = await fetch(`${base}/login`, {
		method: 'POST',
		redirect: 'manual',
		headers: { origin: base, 'content-type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams({ email, password: PASSWORD })
	});
	const cookie = response.headers.get('set-cookie')?.split(';')[0];
	if (response.status !== 303 || !cookie) throw new Error(`signing in failed: ${response.status}`);
	return cookie;
}

