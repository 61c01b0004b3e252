import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { chartModel } from '../../shared/chart-series';
import { rateIndicator } from '../../shared/indicator-progress';
import {
	snapshotChanges,
	SNAPSHOT_VERSION,
	type SnapshotAgreement,
	type SnapshotAssessment,
	type SnapshotContent,
	type SnapshotGoal,
	type SnapshotIndicator,
	type SnapshotValue
} from '../../shared/snapshot';
import { renderSnapshotPdf } from './snapshot';

// ---------------------------------------------------------------------------------------------
// Fixture: three goals, one indicator broken down by nationality with ten yearly values.

const REF_DATE = '2026-10-31';
const HASH = 'a3f1c2d4e5b60718293a4b5c6d7e8f90112233445566778899aabbccddeeff00';
const TITLE = 'Integration & Teilhabe <Süd> 2026';
const YEARS = Array.from({ length: 10 }, (_, i) => 2016 + i);

interface IndicatorInput {
	id: string;
	name: string;
	unit: string;
	groups: string[];
	targetGroup: string;
	gapGroup: string | null;
	values: SnapshotValue[];
	baseline: { date: string; value: number };
	target: { date: string; value: number };
	direction?: 'up' | 'down';
}

function value(group: string, year: number, v: number | null, extra: Partial<SnapshotValue> = {}): SnapshotValue {
	return { group, date: `${year}-12-31`, value: v, symbol: null, flags: [], cases: v === null ? null : 120, suppressed: false, ...extra };
}

function indicator(input: IndicatorInput, deadline: string, refDate = REF_DATE): SnapshotIndicator {
	const def = {
		groups: input.groups,
		targetGroup: input.targetGroup,
		gapGroup: input.gapGroup,
		baselineValue: input.baseline.value,
		baselineDate: input.baseline.date,
		targetValue: input.target.value,
		targetDate: input.target.date,
		frequency: 'yearly' as const
	};
	const values = input.values.filter((v) => v.date <= refDate);
	const rating = rateIndicator(def, deadline, values, refDate);
	return {
		id: input.id,
		name: input.name,
		unit: input.unit,
		direction: input.direction ?? 'up',
		frequency: 'yearly',
		source: 'Statistisches Landesamt, Kommunalstatistik',
		breakdown: input.groups.length > 0 ? 'Staatsangehörigkeit' : '',
		groups: input.groups,
		targetGroup: input.targetGroup,
		gapGroup: input.gapGroup,
		weight: 1,
		values,
		forecast: rating.forecast,
		chart: chartModel(input.groups, input.gapGroup !== null, values, rating)
	};
}

const GROUPS = ['deutsch', 'nichtdeutsch', 'insgesamt'];

function nationalityValues(): SnapshotValue[] {
	const values: SnapshotValue[] = [];
	YEARS.forEach((year, i) => {
		values.push(value('deutsch', year, 61 + i * 0.6));
		if (year === 2017) values.push(value('nichtdeutsch', year, null, { cases: null, suppressed: true }));
		else if (year === 2019) values.push(value('nichtdeutsch', year, null, { symbol: '.' }));
		else values.push(value('nichtdeutsch', year, 38 + i * 1.9, { flags: year === 2021 ? ['uncertain'] : [] }));
		values.push(value('insgesamt', year, 55 + i * 0.9, { flags: year === 2025 ? ['provisional'] : [] }));
	});
	return values;
}

const LONG_DESCRIPTION = Array.from(
	{ length: 14 },
	(_, i) =>
		`Abschnitt ${i + 1}: Die Beratungsstellen im Quartier „Östliche Vorstadt“ arbeiten eng mit Schulen, Kitas und Migrantenorganisationen zusammen. ` +
		`Für Sprachkurse stehen jährlich 48.500 € bereit – ergänzt durch Mittel des Landes. Die Träger berichten halbjährlich über Teilnahme, ` +
		`Abbrüche und Übergänge in Ausbildung; größere Verzögerungen gab es zuletzt wegen fehlender Räume und Honorarkräfte.`
).join('\n\n');

function goal(id: string, title: string, indicators: SnapshotIndicator[], extra: Partial<SnapshotGoal> = {}): SnapshotGoal {
	return {
		id,
		title,
		department: 'Fachbereich Bildung & Soziales',
		tandem: 'Ayşe Yılmaz / Jörg Müller',
		forWhom: 'Jugendliche ohne deutsche Staatsangehörigkeit im Übergang Schule–Beruf sollen häufiger einen Ausbildungsplatz finden.',
		description: 'Die Stadt baut die „Bildungskette“ aus.\n\nSchulen und Jobcenter vereinbaren feste Ansprechpersonen.',
		resources: 'Eine halbe Stelle Koordination, 12.000 € Sachmittel pro Jahr.',
		criterion: 'reach',
		deadline: '2027-12-31',
		status: 'agreed',
		closed: null,
		smart: { score: 4, ok: { specific: true, measurable: true, acceptable: true, realistic: true, terminated: false } },
		progress: indicators[0]?.forecast.progress ?? null,
		trackStatus: indicators[0]?.forecast.status ?? 'noData',
		commentary: 'Der Abstand ist kleiner geworden; die Verwaltung empfiehlt, die Maßnahmen fortzuführen.',
		indicators,
		checkIns: [
			{
				date: '2026-09-15',
				overall: 'atRisk',
				confidence: 6,
				happened: 'Zwei neue Kooperationsschulen; die Sprachkurse sind ausgebucht.',
				decided: 'Ein zusätzlicher Kurs ab Januar – Finanzierung über Restmittel.',
				participants: 'A. Yılmaz, J. Müller, Schulamt'
			}
		],
		adjustments: [
			{ field: 'deadline', label: '', before: '2026-12-31', after: '2027-12-31', detectedAt: '2026-03-02T10:00:00.000Z', reason: 'Kurse starteten ein halbes Jahr später.' },
			{ field: 'forWhom', label: '', before: 'Jugendliche', after: 'Jugendliche ohne deutsche Staatsangehörigkeit', detectedAt: '2026-05-10T08:00:00.000Z', reason: null }
		],
		...extra
	};
}

function makeContent(refDate = REF_DATE): SnapshotContent {
	const quote = indicator(
		{
			id: 'ind-ausbildung',
			name: 'Ausbildungsquote nach Staatsangehörigkeit',
			unit: '%',
			groups: GROUPS,
			targetGroup: 'nichtdeutsch',
			gapGroup: 'deutsch',
			values: nationalityValues(),
			baseline: { date: '2018-12-31', value: 20 },
			target: { date: '2027-12-31', value: 10 },
			direction: 'down'
		},
		'2027-12-31',
		refDate
	);
	const courses = indicator(
		{
			id: 'ind-kurse',
			name: 'Teilnehmende an Sprachkursen',
			unit: 'Personen',
			groups: [],
			targetGroup: '',
			gapGroup: null,
			values: YEARS.map((year, i) => value('', year, 120 + i * 14)),
			baseline: { date: '2019-12-31', value: 150 },
			target: { date: '2028-12-31', value: 320 }
		},
		'2028-12-31',
		refDate
	);
	return {
		version: SNAPSHOT_VERSION,
		locale: 'de',
		municipality: 'Stadt Süderstadt-Öhringen',
		title: TITLE,
		refDate,
		createdAt: `${refDate.slice(0, 4)}-11-04T09:30:00.000Z`,
		createdBy: 'Dr. Renée Weiß',
		commentary: 'Der Rat erhält den zweiten „Monitoring-Bericht“ – mit Kosten von 3.200 € für die Datenaufbereitung.',
		minCases: 5,
		previous: null,
		goals: [
			goal('g1', 'Übergang Schule–Beruf verbessern', [quote]),
			goal('g2', 'Sprachkurse für Erwachsene ausbauen', [courses], { commentary: '' }),
			goal('g3', 'Beratung im Quartier „Östliche Vorstadt“ stärken', [], {
				description: LONG_DESCRIPTION,
				status: 'closed',
				closed: { outcome: 'achieved', comment: 'Das Ziel wurde im Sommer erreicht.' },
				smart: { score: 5, ok: { specific: true, measurable: true, acceptable: true, realistic: true, terminated: true } },
				checkIns: [],
				adjustments: []
			})
		]
	};
}

function makeChanges(content: SnapshotContent) {
	const previous = makeContent('2025-10-31');
	previous.goals = previous.goals.filter((g) => g.id !== 'g3');
	previous.goals.push(goal('g-old', 'Willkommenskultur in der Verwaltung', []));
	const values = previous.goals[0]!.indicators[0]!.values;
	const corrected = values.find((v) => v.group === 'deutsch' && v.date === '2023-12-31')!;
	corrected.value = 64.1;
	previous.goals[0]!.trackStatus = 'offTrack';
	previous.goals[0]!.progress = 0.35;
	return snapshotChanges({ ...previous, id: 'snap-2025', hash: 'b'.repeat(64), createdAt: '2025-11-05T09:00:00.000Z' }, content);
}

// The municipality's stage and two agreements (one signed, one draft), and a previous report
// with stage B and the first agreement still a draft.

const AGREEMENT_HASH = 'c0ffee0123456789abcdef0123456789abcdef0123456789abcdef0123456789';

function assessment(stage: SnapshotAssessment['stage'] = 'C'): SnapshotAssessment {
	return {
		id: `assessment-${stage}`,
		assessedOn: '2026-09-30',
		stage,
		reasons: [
			{ key: 'stage_reason_attention', params: { average: 2.5, threshold: 2 } },
			{ key: 'stage_reason_institution', params: { average: 2.33, threshold: 2 } },
			{ key: 'stage_reason_consolidation', params: { average: 1.67, threshold: 2 } }
		],
		averages: { agreements: 3, attention: 2, institutionalisation: 2.33, reach: 1.5, rights: 2, statePolicy: 1.5 },
		weak: ['reach', 'statePolicy'],
		summary: 'Die Verwaltung hat den Fokus verankert.\n\nOffen ist die Abstimmung mit den Landesprogrammen – dafür gibt es 2027 ein eigenes Ziel.'
	};
}

function agreements(firstStatus: SnapshotAgreement['status'] = 'signed'): SnapshotAgreement[] {
	return [
		{
			id: 'agr-1',
			title: 'Verstetigung Sprachförderung & Übergang',
			department: 'Fachbereich Bildung & Soziales',
			status: firstStatus,
			validFrom: '2026-01-01',
			validUntil: '2028-12-31',
			reviewOn: null,
			parts: {
				structures: 'Die Koordinierungsgruppe „Übergang“ tagt vierteljährlich.\nDie Integrationsstelle lädt ein.',
				tasks: 'Der Fachbereich meldet halbjährlich die Zahl der Teilnehmenden an den Sprachkursen.',
				goals: 'Die verknüpften Ziele werden dauerhaft im Haushalt geführt.',
				responsibilities: 'Verantwortlich ist die Leitung der Abteilung Jugend.',
				competencies: 'Über Mittel bis 12.000 € entscheidet der Fachbereich selbst.'
			},
			goals: ['Übergang Schule–Beruf verbessern', 'Sprachkurse für Erwachsene ausbauen'],
			signatures:
				firstStatus === 'signed'
					? [
							{ side: 'head', name: 'Dr. Renée Weiß', signedAt: '2026-02-03T14:05:00.000Z' },
							{ side: 'focus', name: 'Ayşe Yılmaz', signedAt: '2026-02-02T08:30:00.000Z' }
						]
					: [],
			contentHash: AGREEMENT_HASH
		},
		{
			id: 'agr-2',
			title: 'Beratung im Quartier dauerhaft sichern',
			department: 'Fachbereich Jugend',
			status: 'draft',
			validFrom: null,
			validUntil: null,
			reviewOn: '2027-06-30',
			parts: { structures: '', tasks: 'Die Beratungsstelle öffnet an drei Tagen in der Woche.', goals: '', responsibilities: '', competencies: '' },
			goals: [],
			signatures: [],
			contentHash: 'd'.repeat(64)
		}
	];
}

/** The fixture with an assessment and agreements, and its changes against the previous report. */
function makeConsolidated(): { content: SnapshotContent; changes: ReturnType<typeof snapshotChanges> } {
	const content: SnapshotContent = { ...makeContent(), assessment: assessment('C'), agreements: agreements('signed') };
	const previous: SnapshotContent = { ...makeContent('2025-10-31'), assessment: { ...assessment('B'), assessedOn: '2025-09-30' }, agreements: agreements('draft').slice(0, 1) };
	const changes = snapshotChanges({ ...previous, id: 'snap-2025', hash: 'b'.repeat(64), createdAt: '2025-11-05T09:00:00.000Z' }, content);
	return { content, changes };
}

// ---------------------------------------------------------------------------------------------
// Reading the PDF back

interface StructNode {
	role?: string;
	alt?: string;
	children?: StructNode[];
}

async function read(bytes: Uint8Array) {
	// pdfjs takes ownership of the buffer it is given: pass a copy.
	const pdf = await getDocument({ data: new Uint8Array(bytes), isEvalSupported: false }).promise;
	const pages: string[] = [];
	const roles = new Map<string, number>();
	const alts: string[] = [];
	const walk = (node: StructNode | null) => {
		if (!node) return;
		if (node.role) roles.set(node.role, (roles.get(node.role) ?? 0) + 1);
		if (node.alt) alts.push(node.alt);
		for (const child of node.children ?? []) walk(child);
	};
	for (let n = 1; n <= pdf.numPages; n++) {
		const page = await pdf.getPage(n);
		const content = await page.getTextContent();
		pages.push(content.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : '') : '')).join(''));
		walk((await page.getStructTree()) as StructNode | null);
	}
	const meta = await pdf.getMetadata();
	const markInfo = await pdf.getMarkInfo();
	await pdf.destroy();
	return { pages, roles, alts, info: meta.info as Record<string, unknown>, metadata: meta.metadata, markInfo };
}

/** Text with line breaks and runs of spaces folded, for phrases that may wrap. */
const flat = (text: string) => text.replace(/\s+/g, ' ');
const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

// ---------------------------------------------------------------------------------------------

describe('renderSnapshotPdf', () => {
	it('renders 20 goals with two indicators each in reasonable time', async () => {
		const base = makeContent();
		const template = base.goals[0]!;
		const content: SnapshotContent = {
			...base,
			goals: Array.from({ length: 20 }, (_, i) => ({
				...template,
				id: `goal-${i}`,
				title: `Ziel ${i + 1}: ${template.title}`,
				indicators: [
					{ ...template.indicators[0]!, id: `a-${i}` },
					{ ...base.goals[1]!.indicators[0]!, id: `b-${i}`, groups: GROUPS, values: nationalityValues(), chart: template.indicators[0]!.chart }
				]
			}))
		};
		// Wall time depends on the machine's load; CPU time of this process is steadier.
		const measure = async () => {
			const start = performance.now();
			const cpu = process.cpuUsage();
			const bytes = await renderSnapshotPdf(content, HASH, null);
			const used = process.cpuUsage(cpu);
			return { bytes, wall: performance.now() - start, cpu: (used.user + used.system) / 1000 };
		};
		const first = await measure();
		const warm = [await measure(), await measure(), await measure()].sort((a, b) => a.wall - b.wall);
		const { pages } = await read(first.bytes);
		console.log(
			`snapshot PDF, 20 goals × 2 indicators × 10 years × 3 groups: first render ${first.wall.toFixed(0)} ms (CPU ${first.cpu.toFixed(0)} ms), ` +
				`warm median ${warm[1]!.wall.toFixed(0)} ms (CPU ${warm[1]!.cpu.toFixed(0)} ms), ${pages.length} pages, ${(first.bytes.length / 1024).toFixed(1)} KiB`
		);
		expect(pages.length).toBeGreaterThan(20);
	});

	it('renders the report with page furniture, sections, tables and a figure', async () => {
		const content = makeContent();
		const bytes = await renderSnapshotPdf(content, HASH, makeChanges(content));
		const { pages, roles, alts, info, metadata, markInfo } = await read(bytes);
		const all = flat(pages.join('\n'));

		expect(pages.length).toBeGreaterThan(1);
		pages.forEach((text, i) => {
			expect(text).toContain(`Seite ${i + 1} von ${pages.length}`);
			expect(text).toContain(HASH);
		});

		const first = flat(pages[0]!);
		expect(first).toContain('Stadt Süderstadt-Öhringen');
		expect(first).toContain(`Monitoring-Bericht: ${TITLE}`);
		expect(first).toContain('Stand: 31.10.2026');
		expect(first).toContain('Dr. Renée Weiß');
		expect(first).toContain(`Prüfsumme (SHA-256) der eingefrorenen Daten: ${HASH}`);
		expect(first).toContain('Der Rat erhält den zweiten „Monitoring-Bericht“ – mit Kosten von 3.200 € für die Datenaufbereitung.');

		// Goal sections
		expect(all).toContain('Übergang Schule–Beruf verbessern');
		expect(all).toContain('Beratung im Quartier „Östliche Vorstadt“ stärken');
		expect(all).toContain('4 von 5 SMART-Kriterien erfüllt');
		expect(all).toContain('Ausbildungsquote nach Staatsangehörigkeit (Einheit: %)');
		expect(all).toContain('Monitoring-Gespräche');
		expect(all).toContain('Zuversicht 6 von 10');
		expect(all).toContain('ohne Begründung');
		expect(all).toContain('Abschnitt 14: Die Beratungsstellen');

		// Values table: symbol, flags, the suppressed value and its footnote
		expect(all).toMatch(/31\.12\.2017 [\d,]+ · [\d,]+/);
		expect(all).toContain('· = weniger als 5 Fälle, zum Schutz der Personen nicht veröffentlicht');
		expect(all).toMatch(/31\.12\.2019 [\d,]+ \. [\d,]+/);
		expect(all).toMatch(/[\d,]+ p/);
		expect(all).toContain('(47,5)');

		// Changes since the previous snapshot
		expect(all).toContain('Änderungen seit dem vorigen Bericht');
		expect(all).toContain('Neu aufgenommene Ziele (1)');
		expect(all).toContain('Nicht mehr enthaltene Ziele (1)');
		expect(all).toContain('Willkommenskultur in der Verwaltung');
		expect(all).toContain('Korrigierte Werte (1)');
		expect(all).toMatch(/64,1 6[0-9],[0-9]/);
		expect(all).toContain('Prozentpunkte');
		expect(all).toContain('Neue Werte (');

		// Tagging
		for (const role of ['Document', 'H1', 'H2', 'H3', 'P', 'Table', 'TR', 'TH', 'TD', 'Figure', 'L', 'LI']) expect(roles.get(role), role).toBeGreaterThan(0);
		expect(alts.some((alt) => alt.startsWith('Liniendiagramm „Ausbildungsquote nach Staatsangehörigkeit“: zuletzt') && alt.includes('Prognose:'))).toBe(true);
		expect(markInfo?.Marked).toBe(true);

		// Metadata: the title in the Info dictionary and (escaped correctly) in XMP
		expect(info.Title).toBe(`Monitoring-Bericht: ${TITLE}`);
		expect(info.Language).toBe('de-DE');
		expect(metadata?.get('dc:title')).toBe(`Monitoring-Bericht: ${TITLE}`);
		const raw = Buffer.from(bytes).toString('latin1');
		expect(raw).toMatch(/\/DisplayDocTitle true/);
		expect(raw).toMatch(/<pdfuaid:part>1<\/pdfuaid:part>/);
		// Exactly the two Fira Sans fonts, embedded as subsets; no standard font.
		expect(raw.match(/\/FontFile2/g)).toHaveLength(2);
		expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+FiraSans-Regular/);
		expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+FiraSans-SemiBold/);
		expect(raw).not.toContain('Helvetica');
	});

	it('says so when nothing changed, and leaves the section out without a previous snapshot', async () => {
		const content = makeContent();
		const same = snapshotChanges({ ...content, id: 'same', hash: 'c'.repeat(64) }, content);
		const withNone = flat((await read(await renderSnapshotPdf(content, HASH, same))).pages.join('\n'));
		expect(withNone).toContain('Keine Änderungen seit dem vorigen Bericht.');
		const without = flat((await read(await renderSnapshotPdf(content, HASH, null))).pages.join('\n'));
		expect(without).not.toContain('Änderungen seit dem vorigen Bericht');
	});

	it('renders the same bytes for the same input, other bytes for another hash', async () => {
		const content = makeContent();
		const changes = makeChanges(content);
		const a = await renderSnapshotPdf(content, HASH, changes);
		const b = await renderSnapshotPdf(structuredClone(content), HASH, structuredClone(changes));
		expect(sha(a)).toBe(sha(b));
		const other = await renderSnapshotPdf(content, HASH.replace(/^a/, 'f'), changes);
		expect(sha(other)).not.toBe(sha(a));
		// The trailer ID follows the hash, so two reports never share a file ID.
		const id = (bytes: Uint8Array) => Buffer.from(bytes).toString('latin1').match(/\/ID \[<([0-9a-f]+)>/)?.[1];
		expect(id(other)).not.toBe(id(a));
	});

	it('shows where the municipality stands, its agreements and what changed in both', async () => {
		const { content, changes } = makeConsolidated();
		expect(changes.stage).toEqual({ before: 'B', after: 'C', assessedOn: '2026-09-30' });
		expect(changes.agreements.map((a) => [a.id, a.before, a.after])).toEqual([
			['agr-1', 'draft', 'signed'],
			['agr-2', null, 'draft']
		]);
		const bytes = await renderSnapshotPdf(content, HASH, changes);
		const { pages, roles } = await read(bytes);
		const all = flat(pages.join('\n'));

		// Where the municipality stands: after the commentary, before the goals.
		const at = (text: string) => all.indexOf(text);
		expect(at('Stand der Kommune')).toBeGreaterThan(at('Datenaufbereitung'));
		expect(at('Stand der Kommune')).toBeLessThan(at('Vereinbarungen zur Verstetigung'));
		expect(at('Vereinbarungen zur Verstetigung')).toBeLessThan(at('Übersicht der Ziele'));
		expect(all).toContain('Stufe C – Verstetigen und vernetzen');
		expect(all).toContain('Einschätzung vom 30.09.2026');
		expect(all).toContain('Kriterien 1–2 (Vereinbarungen, Aufmerksamkeit) erreichen im Mittel 2,5 von 3 (gefestigt ab 2).');
		expect(all).toContain('Kriterium 3 (Institutionalisierung mit seinen Unterpunkten) erreicht im Mittel 2,33 von 3');
		expect(all).toContain('Kriterien 4–6 (Wirkungsgrad, Rolle, Landespolitik) erreichen im Mittel 1,67 von 3');
		expect(all).toContain('Durchschnitt je Kriterium aus Tabelle 1 (0 bis 3, gefestigt ab 2)');
		expect(all).toContain('1. Kommunale Integrationsvereinbarungen – Integrationskonzepte entwickeln 3,0 gefestigt');
		expect(all).toContain('3. Institutionalisierungsgrad des Fokus – Fokus verankern 2,3 gefestigt');
		expect(all).toContain('4. Wirkungsgrad: Tiefe und Streuung – Fokus vernetzen 1,5 schwach – Handlungsebene: Fokus vernetzen');
		expect(all).toContain('Kommunal- und Landesmaßnahmen abstimmen 1,5 schwach – Handlungsebene: Kommunal- und Landesmaßnahmen abstimmen');
		expect(all).toContain('Offen ist die Abstimmung mit den Landesprogrammen');

		// The agreements, each with the body of the agreement PDF.
		expect(all).toContain('Verstetigung Sprachförderung & Übergang Fachbereich: Fachbereich Bildung & Soziales · Status: Unterzeichnet');
		expect(all).toContain('Beratung im Quartier dauerhaft sichern Fachbereich: Fachbereich Jugend · Status: Entwurf Entwurf – nicht unterzeichnet');
		expect(all).toMatch(/Gültig ab 01\.01\.2026 Gültig bis 31\.12\.2028 Überprüfung am offen/);
		expect(all).toMatch(/Gültig ab offen Gültig bis offen Überprüfung am 30\.06\.2027/);
		expect(all).toContain('Die Koordinierungsgruppe „Übergang“ tagt vierteljährlich.');
		expect(all).toContain('Die Beratungsstelle öffnet an drei Tagen in der Woche.');
		expect(all).toContain('Ziele, die diese Vereinbarung verstetigt (2)');
		expect(all).toContain('Mit dieser Vereinbarung sind keine Ziele verknüpft.');
		expect(all).toContain('Integrationsstelle Ayşe Yılmaz 02.02.2026, 09:30');
		expect(all).toContain('Fachbereichsleitung Dr. Renée Weiß 03.02.2026, 15:05');
		expect(all).toContain('Integrationsstelle noch nicht unterzeichnet');
		expect(all).toContain(`Prüfsumme (SHA-256) des Inhalts: ${AGREEMENT_HASH}`);

		// What changed: the stage and the agreements.
		expect(all).toContain('Stufe: B → C (Einschätzung vom 30.09.2026)');
		expect(all).toContain('Neue Vereinbarungen und geänderter Status (2)');
		expect(all).toContain('Verstetigung Sprachförderung & Übergang Fachbereich Bildung & Soziales Entwurf Unterzeichnet');
		expect(all).toContain('Beratung im Quartier dauerhaft sichern Fachbereich Jugend neu im Bericht Entwurf');

		// Structure: two more H2 (the stage, the agreements); H3 for the summary, each agreement
		// and the changed agreements; H4 for the sections of each agreement (five parts, goals, signatures).
		const { assessment: _assessment, agreements: _agreements, ...plain } = content;
		const before = (await read(await renderSnapshotPdf(plain, HASH, { ...changes, stage: null, agreements: [] }))).roles;
		expect((roles.get('H2') ?? 0) - (before.get('H2') ?? 0)).toBe(2);
		expect((roles.get('H3') ?? 0) - (before.get('H3') ?? 0)).toBe(1 + 2 + 1);
		expect((roles.get('H4') ?? 0) - (before.get('H4') ?? 0)).toBe(2 * 7);

		// Deterministic as before.
		expect(sha(await renderSnapshotPdf(structuredClone(content), HASH, structuredClone(changes)))).toBe(sha(bytes));
	});

	it('shows the stage and the agreements in English', async () => {
		const { content, changes } = makeConsolidated();
		const all = flat((await read(await renderSnapshotPdf({ ...content, locale: 'en' }, HASH, changes))).pages.join('\n'));
		expect(all).toContain('Where the municipality stands');
		expect(all).toContain('Stage C – consolidate and network');
		expect(all).toContain('Criteria 4–6 (reach, role, state policy) average 1.67 of 3');
		expect(all).toContain('1.5 weak – action level: Network the focus');
		expect(all).toContain('Status: Signed');
		expect(all).toContain('Draft – not signed');
		expect(all).toMatch(/Stage: B → C \(assessment of 30 Sept? 2026\)/);
		expect(all).toContain('new in this report Draft');
	});

	it('continues a long values table on the next page with its header row repeated', async () => {
		const content = makeContent();
		const months = Array.from({ length: 90 }, (_, i) => new Date(Date.UTC(2019, i + 1, 0)).toISOString().slice(0, 10));
		const monthly = indicator(
			{
				id: 'ind-monthly',
				name: 'Wartende auf einen Integrationskurs',
				unit: 'Personen',
				groups: ['Frauen', 'Männer'],
				targetGroup: 'Frauen',
				gapGroup: null,
				values: months.flatMap((date, i) => [
					{ ...value('Frauen', 2019, 400 - i * 2), date },
					{ ...value('Männer', 2019, 380 - i), date }
				]),
				baseline: { date: '2019-01-31', value: 400 },
				target: { date: '2027-12-31', value: 150 },
				direction: 'down'
			},
			'2027-12-31'
		);
		content.goals = [{ ...content.goals[1]!, indicators: [monthly] }];
		const bytes = await renderSnapshotPdf(content, HASH, null);
		const { pages } = await read(bytes);
		const withTable = pages.filter((text) => /\d{2}\.\d{2}\.20\d{2}\n?\s*[\d.]+\s/.test(text) && text.includes('Frauen'));
		expect(withTable.length).toBeGreaterThan(1);
		// The header row is on every page of the table, tagged once: 4 column headers + a row header per row.
		for (const text of withTable) expect(flat(text)).toMatch(/Stichtag Frauen Männer geplanter Verlauf/);
		const rows = 90 + 2;
		const headerCells = Buffer.from(bytes).toString('latin1').match(/\/S \/TH\b/g)?.length;
		expect(headerCells).toBe(4 + rows + 6 /* the goal's facts */ + 5 + 1 /* the overview */);
	});

	it('renders an English report, whatever was rendered before', async () => {
		const content = { ...makeContent(), locale: 'en' as const };
		const bytes = await renderSnapshotPdf(content, HASH, null);
		const { pages, info } = await read(bytes);
		expect(pages[0]).toContain('As of: 31 Oct 2026');
		expect(pages[0]).toContain('Overview of the goals');
		pages.forEach((text, i) => expect(text).toContain(`Page ${i + 1} of ${pages.length}`));
		expect(info.Language).toBe('en-GB');
		expect(info.Title).toBe(`Monitoring report: ${TITLE}`);
		// Nothing carries over from one report to the next (fonts are parsed per report).
		await renderSnapshotPdf(makeContent(), HASH, null);
		expect(sha(await renderSnapshotPdf(content, HASH, null))).toBe(sha(bytes));
	});
});
