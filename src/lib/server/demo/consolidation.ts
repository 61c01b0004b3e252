import * as Y from 'yjs';
import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db';
import { agreement, agreementSignoff, assessment, goal } from '../db/schema';
import { appendUpdates } from '../documents/update-log';
import { assessmentDocName, projectAssessment } from '../assessments/assessments';
import { agreementDocName, projectAgreement } from '../agreements/projection';
import type { AssessmentItem, Ratings } from '../../shared/assessment';
import { assessmentText, initAssessmentDoc, readAssessmentContent } from '../../shared/assessment-doc';
import { initAgreementDoc, readAgreementContent, type AgreementPart } from '../../shared/agreement-doc';
import { replaceText } from '../../shared/goal-doc';

/**
 * The demo's baseline assessments and agreements, telling each story: stadt-a still raises
 * attention (A), stadt-b institutionalises (B), drafts its first agreement and a new assessment
 * that would reach C, stadt-c consolidates (C) with two signed agreements.
 */

interface DemoAssessment {
	assessedOn: string;
	/** The day the integration office completed it; none for a draft. */
	completedOn?: string;
	ratings: Ratings;
	notes?: Partial<Record<AssessmentItem, string>>;
	summary: string;
}

interface DemoAgreement {
	department: string;
	title: string;
	parts: Record<AgreementPart, string>;
	validFrom: string;
	validUntil: string;
	reviewOn: string;
	/** Links the department's agreed goals. */
	linkAgreedGoals: boolean;
	/** Who signed (people's `local` names); none for a draft. */
	signedBy?: { focus: string; head: string; at: string };
}

export interface DemoConsolidation {
	assessments: DemoAssessment[];
	agreements: DemoAgreement[];
}

const r = (
	questions: [number, number, number, number, number, number],
	criteria: [agreements: number, attention: number, funding: number, organisation: number, commissioner: number, reach: number, rights: number, statePolicy: number]
): Ratings => {
	const [framework, reporting, operationalised, responsible, transition, relations] = questions;
	const [agreements, attention, funding, organisation, commissioner, reach, rights, statePolicy] = criteria;
	return { framework, reporting, operationalised, responsible, transition, relations, agreements, attention, funding, organisation, commissioner, reach, rights, statePolicy } as Ratings;
};

export const DEMO_CONSOLIDATION: Record<string, DemoConsolidation> = {
	'stadt-a': {
		assessments: [
			{
				assessedOn: '2025-09-15',
				completedOn: '2025-09-22',
				ratings: r([0, 0, 1, 1, 1, 1], [0, 1, 1, 1, 1, 0, 1, 1]),
				notes: { attention: 'Migration kommt in den Fachausschüssen bisher nur bei Anfragen der Fraktionen vor.' },
				summary: 'Erste Einschätzung mit der Integrationsbeauftragten und der Leitung des Fachbereichs Bildung.'
			},
			{
				assessedOn: '2026-10-20',
				completedOn: '2026-10-27',
				ratings: r([1, 1, 1, 2, 1, 1], [1, 2, 1, 1, 1, 1, 1, 1]),
				notes: { attention: 'Die Elternarbeit hat das Thema in den Schulausschuss gebracht; der Bericht wurde dort beraten.' },
				summary: 'Die Aufmerksamkeit ist gewachsen; ein Integrationskonzept fehlt weiterhin.'
			}
		],
		agreements: []
	},
	'stadt-b': {
		assessments: [
			{
				assessedOn: '2025-11-20',
				completedOn: '2025-11-27',
				ratings: r([2, 1, 1, 2, 1, 1], [2, 2, 1, 1, 1, 1, 1, 2]),
				notes: { agreements: 'Das Integrationskonzept wurde 2023 vom Rat beschlossen.', funding: 'Die Koordinierungsstelle läuft über Projektmittel bis 2027.' },
				summary: 'Das Konzept steht, die Verankerung in der Verwaltung fehlt.'
			},
			{
				assessedOn: '2026-10-05',
				completedOn: '2026-10-12',
				ratings: r([2, 2, 2, 2, 2, 1], [2, 2, 2, 2, 1, 1, 1, 2]),
				notes: { funding: 'Ab 2027 trägt der Haushalt eine halbe Stelle der Koordinierungsstelle.' },
				summary: 'Die Finanzierung ist teilweise gesichert; die Rolle der Integrationsbeauftragten bleibt zu klären.'
			},
			{
				// A draft: it would reach C, but the town stays at B until the office completes it.
				assessedOn: '2026-11-20',
				ratings: r([2, 2, 2, 2, 2, 1], [2, 2, 2, 2, 2, 1, 1, 2]),
				notes: { commissioner: 'Die Integrationsbeauftragte soll ab 2027 im Verwaltungsvorstand sitzen; der Beschluss steht noch aus.' },
				summary: 'Entwurf zum Jahresende: Ist die Rolle der Integrationsbeauftragten geklärt, erreicht die Stadt Stufe C.'
			}
		],
		agreements: [
			{
				department: 'Bildung',
				title: 'Koordinierungsstelle Übergang Schule–Beruf',
				parts: {
					structures: 'Ein Lenkungskreis aus Bildung, Jugend, Arbeitsmarkt und Integrationsbüro tagt vierteljährlich.',
					tasks: 'Der Fachbereich Bildung liefert die Schulabgangsdaten; das Integrationsbüro bereitet sie nach Staatsangehörigkeit auf.',
					goals: 'Mehr Jugendliche mit Migrationsgeschichte gelingt der Übergang in Ausbildung.',
					responsibilities: '',
					competencies: ''
				},
				validFrom: '2027-01-01',
				validUntil: '2029-12-31',
				reviewOn: '2027-12-31',
				linkAgreedGoals: true
			}
		]
	},
	'stadt-c': {
		assessments: [
			{
				assessedOn: '2025-10-01',
				completedOn: '2025-10-08',
				ratings: r([3, 2, 2, 3, 2, 2], [3, 3, 2, 3, 2, 2, 2, 1]),
				notes: { statePolicy: 'Landesprogramme und kommunale Angebote laufen im Übergang Schule–Beruf nebeneinander.' },
				summary: 'Das Netzwerk besteht; es fehlen feste Dialogstrukturen über Projekte hinaus.'
			},
			{
				assessedOn: '2026-10-15',
				completedOn: '2026-10-22',
				ratings: r([3, 3, 3, 3, 2, 3], [3, 3, 2, 3, 3, 3, 2, 2]),
				notes: { reach: 'Vereinbarungen mit Bildung und Jugend sind unterzeichnet.', statePolicy: 'Die Landesförderung ist mit dem kommunalen Netzwerk abgestimmt.' },
				summary: 'Die Vernetzung ist verbindlich geworden; als Nächstes Arbeitsmarkt und Soziales.'
			}
		],
		agreements: [
			{
				department: 'Bildung',
				title: 'Fokus Migration im Fachbereich Bildung',
				parts: {
					structures: 'Das Netzwerk Schulabschluss (Schulen, Jugendberufsagentur, Migrantenorganisationen) tagt zweimal im Jahr unter gemeinsamer Leitung von Fachbereich und Fokus-Agentur.',
					tasks: 'Der Fachbereich liefert jährlich die Abgangsdaten nach Staatsangehörigkeit; die Fokus-Agentur berichtet dem Schulausschuss.',
					goals: 'Der Abstand bei den Schulabschlüssen zwischen deutschen und nichtdeutschen Jugendlichen sinkt.',
					responsibilities: 'Fachbereichsleitung Bildung und Leitung der Fokus-Agentur; die Netzwerkkoordination (0,5 Stelle) ist im Stellenplan verankert.',
					competencies: 'Die Fokus-Agentur wird an der Schulentwicklungsplanung beteiligt und kann Daten des Fachbereichs einsehen.'
				},
				validFrom: '2026-01-01',
				validUntil: '2028-12-31',
				reviewOn: '2027-06-30',
				linkAgreedGoals: true,
				signedBy: { focus: 'focus', head: 'leitung', at: '2025-12-10T10:00:00Z' }
			},
			{
				department: 'Jugend',
				title: 'Offene Jugendarbeit für alle',
				parts: {
					structures: 'Die Jugendhilfeplanung hat eine ständige Arbeitsgruppe Migration mit der Fokus-Agentur.',
					tasks: 'Die Jugendzentren erheben Besuchszahlen nach Herkunft; die Fokus-Agentur wertet sie halbjährlich aus.',
					goals: 'Junge Geflüchtete nutzen die offene Jugendarbeit so selbstverständlich wie andere Jugendliche.',
					responsibilities: 'Leitung des Jugendamts und Netzwerkkoordination der Fokus-Agentur.',
					competencies: 'Mitsprache der Fokus-Agentur bei der Vergabe der Mittel für offene Jugendarbeit.'
				},
				validFrom: '2026-03-01',
				validUntil: '2029-02-28',
				reviewOn: '2027-03-01',
				linkAgreedGoals: true,
				signedBy: { focus: 'netzwerk', head: 'jugendleitung', at: '2026-02-20T09:30:00Z' }
			},
			{
				department: 'Arbeitsmarkt',
				title: 'Ausbildung in Migrantenbetrieben',
				parts: {
					structures: 'Gemeinsame Runde mit Kammern und Jobcenter.',
					tasks: '',
					goals: '',
					responsibilities: '',
					competencies: ''
				},
				validFrom: '2027-01-01',
				validUntil: '2029-12-31',
				reviewOn: '2027-12-31',
				linkAgreedGoals: false
			}
		]
	}
};

interface Where {
	municipalityId: string;
	departmentId: (name: string) => string;
	person: (local: string) => { userId: string; membershipId: string };
}

/** Seeds one municipality's assessments and agreements as their authors would have written them. */
export async function seedConsolidation(db: Db, where: Where, demo: DemoConsolidation, author: string): Promise<void> {
	const { userId } = where.person(author);
	for (const a of demo.assessments) {
		const [row] = await db.insert(assessment).values({ municipalityId: where.municipalityId, assessedOn: a.assessedOn, createdBy: userId, createdAt: new Date(`${a.assessedOn}T12:00:00Z`) }).returning({ id: assessment.id });
		const doc = new Y.Doc();
		initAssessmentDoc(doc, { assessedOn: a.assessedOn, ratings: a.ratings, notes: a.notes });
		replaceText(assessmentText(doc, 'summary')!, a.summary);
		await appendUpdates(db, assessmentDocName(row!.id), [{ userId, update: Y.encodeStateAsUpdate(doc) }]);
		await projectAssessment(db, row!.id, readAssessmentContent(doc));
		if (a.completedOn) await db.update(assessment).set({ completedAt: new Date(`${a.completedOn}T12:00:00Z`), completedBy: userId }).where(eq(assessment.id, row!.id));
		doc.destroy();
	}
	for (const a of demo.agreements) {
		const departmentId = where.departmentId(a.department);
		const goalIds = a.linkAgreedGoals
			? (await db.select({ id: goal.id }).from(goal).where(and(eq(goal.departmentId, departmentId), inArray(goal.status, ['agreed', 'changed'])))).map((g) => g.id)
			: [];
		const doc = new Y.Doc();
		initAgreementDoc(doc, { title: a.title, parts: a.parts, validFrom: a.validFrom, validUntil: a.validUntil, reviewOn: a.reviewOn, goalIds });
		const content = readAgreementContent(doc);
		const [row] = await db
			.insert(agreement)
			.values({ municipalityId: where.municipalityId, departmentId, title: a.title, parts: content.parts, createdBy: userId })
			.returning({ id: agreement.id });
		await appendUpdates(db, agreementDocName(row!.id), [{ userId, update: Y.encodeStateAsUpdate(doc) }]);
		await projectAgreement(db, row!.id, content);
		if (a.signedBy) {
			const [projected] = await db.select({ contentHash: agreement.contentHash }).from(agreement).where(eq(agreement.id, row!.id));
			const signedAt = new Date(a.signedBy.at);
			await db.insert(agreementSignoff).values(
				(['focus', 'head'] as const).map((side) => ({ agreementId: row!.id, ...where.person(a.signedBy![side]), side, contentHash: projected!.contentHash, signedAt }))
			);
			await projectAgreement(db, row!.id, content);
		}
		doc.destroy();
	}
}
