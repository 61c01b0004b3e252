import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { AGREEMENT_PARTS } from '../../shared/agreement-doc';
import { renderAgreementPdf, type AgreementPdfInput } from './agreement';

// ---------------------------------------------------------------------------------------------
// Fixture: a signed agreement with all five parts, three linked goals and both signatures.

const HASH = 'c0ffee0123456789abcdef0123456789abcdef0123456789abcdef0123456789';
const TITLE = 'Verstetigung Sprachförderung & Übergang <Schule–Beruf>';
const DEPARTMENT = 'Fachbereich Bildung & Soziales';

function makeInput(extra: Partial<AgreementPdfInput> = {}): AgreementPdfInput {
	return {
		locale: 'de',
		municipalityName: 'Stadt Süderstadt-Öhringen',
		departmentName: DEPARTMENT,
		title: TITLE,
		parts: {
			structures: 'Die Koordinierungsgruppe „Übergang“ tagt vierteljährlich.\nDie Integrationsstelle lädt ein und führt das Protokoll.',
			tasks: 'Der Fachbereich meldet halbjährlich die Zahl der Teilnehmenden an den Sprachkursen.',
			goals: 'Die verknüpften Ziele werden dauerhaft im Haushalt des Fachbereichs geführt.',
			responsibilities: 'Verantwortlich für die Umsetzung ist die Leitung der Abteilung Jugend; Vertretung: Sachgebiet 2.',
			competencies: 'Die Integrationsstelle berät; über Mittel bis 12.000 € entscheidet der Fachbereich selbst.'
		},
		validFrom: '2026-01-01',
		validUntil: '2028-12-31',
		reviewOn: null,
		goals: [
			{ title: 'Übergang Schule–Beruf verbessern', status: 'agreed' },
			{ title: 'Sprachkurse für Erwachsene ausbauen', status: 'changed' },
			{ title: 'Beratung im Quartier „Östliche Vorstadt“ stärken', status: 'closed' }
		],
		status: 'signed',
		contentHash: HASH,
		signatures: [
			{ side: 'head', name: 'Dr. Renée Weiß', signedAt: new Date('2026-02-03T14:05:00.000Z') },
			{ side: 'focus', name: 'Ayşe Yılmaz', signedAt: new Date('2026-02-02T08:30:00.000Z') }
		],
		generatedAt: new Date('2026-03-01T09:15:00.000Z'),
		...extra
	};
}

// ---------------------------------------------------------------------------------------------
// Reading the PDF back

interface StructNode {
	role?: string;
	children?: StructNode[];
}

async function read(bytes: Uint8Array) {
	// pdfjs takes ownership of the buffer it is given: pass a copy.
	const pdf = await getDocument({ data: new Uint8Array(bytes), isEvalSupported: false }).promise;
	const pages: string[] = [];
	const roles = new Map<string, number>();
	const walk = (node: StructNode | null) => {
		if (!node) return;
		if (node.role) roles.set(node.role, (roles.get(node.role) ?? 0) + 1);
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
	return { pages, roles, info: meta.info as Record<string, unknown>, metadata: meta.metadata, markInfo };
}

/** Text with line breaks and runs of spaces folded, for phrases that may wrap. */
const flat = (text: string) => text.replace(/\s+/g, ' ');
const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

// ---------------------------------------------------------------------------------------------

describe('renderAgreementPdf', () => {
	it('renders the agreement with its parts, goals, signatures and hash, tagged', async () => {
		const input = makeInput();
		const bytes = await renderAgreementPdf(input);
		const { pages, roles, info, metadata, markInfo } = await read(bytes);
		const all = flat(pages.join('\n'));

		pages.forEach((text, i) => {
			expect(text).toContain(`Seite ${i + 1} von ${pages.length}`);
			expect(text).toContain('Stadt Süderstadt-Öhringen');
			expect(text).toContain('Vereinbarung');
			expect(text).toContain(HASH);
		});

		const first = flat(pages[0]!);
		expect(first).toContain(`Vereinbarung: ${TITLE}`);
		expect(first).toContain(`Fachbereich: ${DEPARTMENT} · Status: Unterzeichnet`);
		expect(first).toContain('Stand: 01.03.2026, 10:15');
		expect(first).toMatch(/Gültig ab 01\.01\.2026 Gültig bis 31\.12\.2028 Überprüfung am offen/);
		expect(all).not.toContain('Entwurf – nicht unterzeichnet');
		expect(all).not.toContain('erneut nötig');

		for (const heading of ['Strukturen', 'Aufgaben', 'Ziele', 'Zuständigkeiten', 'Kompetenzen', 'Verknüpfte Ziele', 'Unterschriften']) expect(all).toContain(heading);
		for (const part of AGREEMENT_PARTS) for (const line of input.parts[part].split('\n')) expect(all).toContain(line);

		expect(all).toContain('Übergang Schule–Beruf verbessern Vereinbart');
		expect(all).toContain('Sprachkurse für Erwachsene ausbauen Geändert seit Vereinbarung');
		expect(all).toContain('Beratung im Quartier „Östliche Vorstadt“ stärken Abgeschlossen');

		// Both sides in a fixed order, times in Berlin time.
		expect(all).toContain('Integrationsstelle Ayşe Yılmaz 02.02.2026, 09:30');
		expect(all).toContain('Fachbereichsleitung Dr. Renée Weiß 03.02.2026, 15:05');
		expect(all).toContain(`Prüfsumme (SHA-256) des Inhalts: ${HASH}`);
		expect(all).toContain('Die Unterschriften gelten genau für den Inhalt mit dieser Prüfsumme');

		for (const role of ['Document', 'H1', 'H2', 'P', 'Table', 'Caption', 'TR', 'TH', 'TD']) expect(roles.get(role), role).toBeGreaterThan(0);
		expect(roles.get('H1')).toBe(1);
		expect(roles.get('H2')).toBe(AGREEMENT_PARTS.length + 2);
		expect(roles.get('Table')).toBe(3);
		expect(markInfo?.Marked).toBe(true);

		expect(info.Title).toBe(`Vereinbarung: ${TITLE}`);
		expect(info.Language).toBe('de-DE');
		expect(info.Author).toBe('Stadt Süderstadt-Öhringen');
		expect(metadata?.get('dc:title')).toBe(`Vereinbarung: ${TITLE}`);
		const raw = Buffer.from(bytes).toString('latin1');
		expect(raw).toMatch(/\/DisplayDocTitle true/);
		expect(raw).toMatch(/<pdfuaid:part>1<\/pdfuaid:part>/);
		expect(raw.match(/\/FontFile2/g)).toHaveLength(2);
		expect(raw).not.toContain('Helvetica');
	});

	it('marks a draft, a changed agreement, open dates, empty parts and missing signatures', async () => {
		const empty = Object.fromEntries(AGREEMENT_PARTS.map((part) => [part, ''])) as AgreementPdfInput['parts'];
		const draft = flat(
			(
				await read(
					await renderAgreementPdf(
						makeInput({ status: 'draft', title: '', parts: { ...empty, tasks: 'Nur die Aufgaben stehen schon fest.' }, validFrom: null, validUntil: null, goals: [], signatures: [] })
					)
				)
			).pages.join('\n')
		);
		expect(draft).toContain('Entwurf – nicht unterzeichnet');
		expect(draft).toContain('Status: Entwurf');
		expect(draft).toMatch(/Gültig ab offen Gültig bis offen Überprüfung am offen/);
		expect(draft.match(/Nicht ausgefüllt\./g)).toHaveLength(AGREEMENT_PARTS.length - 1);
		expect(draft).toContain('Nur die Aufgaben stehen schon fest.');
		expect(draft).toContain('Mit dieser Vereinbarung sind keine Ziele verknüpft.');
		expect(draft).toContain('Integrationsstelle noch nicht unterzeichnet');
		expect(draft).toContain('Fachbereichsleitung noch nicht unterzeichnet');

		const input = makeInput({ status: 'changed', reviewOn: '2027-06-30', signatures: [makeInput().signatures[0]!] });
		const changed = flat((await read(await renderAgreementPdf(input))).pages.join('\n'));
		expect(changed).toContain('Seit der Unterzeichnung geändert – die Unterschriften sind erneut nötig');
		expect(changed).toContain('Überprüfung am 30.06.2027');
		expect(changed).toContain('Integrationsstelle noch nicht unterzeichnet');
		expect(changed).toContain('Fachbereichsleitung Dr. Renée Weiß');
	});

	it('renders the same bytes for the same input, other bytes for another hash', async () => {
		const a = await renderAgreementPdf(makeInput());
		const b = await renderAgreementPdf(structuredClone(makeInput()));
		expect(sha(a)).toBe(sha(b));
		const other = await renderAgreementPdf(makeInput({ contentHash: HASH.replace(/^c/, 'd') }));
		expect(sha(other)).not.toBe(sha(a));
	});

	it('breaks a long part across pages with the header and footer on every page', async () => {
		const lines = Array.from(
			{ length: 200 },
			(_, i) => `Absatz ${i + 1}: Die Integrationsstelle und der Fachbereich stimmen sich monatlich über Kurse, Räume und Honorarkräfte ab.`
		);
		const bytes = await renderAgreementPdf(makeInput({ parts: { ...makeInput().parts, tasks: lines.join('\n') } }));
		const { pages, roles } = await read(bytes);
		expect(pages.length).toBeGreaterThan(3);
		pages.forEach((text, i) => {
			const page = flat(text);
			expect(page).toContain(`Stadt Süderstadt-Öhringen · Vereinbarung: ${TITLE}`);
			expect(page).toContain(`Seite ${i + 1} von ${pages.length}`);
			expect(page).toContain(`SHA-256: ${HASH}`);
		});
		const all = flat(pages.join('\n'));
		expect(all).toContain('Absatz 1: Die Integrationsstelle');
		expect(all).toContain('Absatz 200: Die Integrationsstelle');
		// Each line its own paragraph.
		expect(roles.get('P')).toBeGreaterThanOrEqual(200);
		// Everything after the long part is still there, on a later page.
		expect(flat(pages.at(-1)!)).toContain(`Prüfsumme (SHA-256) des Inhalts: ${HASH}`);
	});

	it('renders an English agreement', async () => {
		const bytes = await renderAgreementPdf(makeInput({ locale: 'en', status: 'changed' }));
		const { pages, info } = await read(bytes);
		const all = flat(pages.join('\n'));
		pages.forEach((text, i) => expect(text).toContain(`Page ${i + 1} of ${pages.length}`));
		expect(all).toContain(`Agreement: ${TITLE}`);
		expect(all).toContain('Changed since signing – signatures needed again');
		expect(all).toContain('As of: 1 Mar 2026, 10:15');
		expect(all).toMatch(/Valid from 1 Jan 2026 Valid until 31 Dec 2028 Review on open/);
		expect(all).toContain('Integration office Ayşe Yılmaz');
		expect(all).toContain('Head of department Dr. Renée Weiß');
		expect(all).toContain('Sprachkurse für Erwachsene ausbauen Changed since agreement');
		expect(info.Language).toBe('en-GB');
		expect(info.Title).toBe(`Agreement: ${TITLE}`);
	});
});
