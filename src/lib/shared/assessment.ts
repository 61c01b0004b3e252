import type { Criterion } from './criteria';

/**
 * The baseline assessment (Ausgangssituation, section C1 of the guide): its six questions and
 * the six criteria of Table 1, criterion 3 through its three sub-points, each rated on a
 * four-step scale 0–3. From the ratings follows the municipality's stage, A, B or C. The guide
 * names the stages, not a formula: the rule below is ours, stated in the app and tested as a
 * table. Labels and step descriptions are message keys (`assessment_<item>`, `…_step_<n>`).
 */

export const QUESTIONS = ['framework', 'reporting', 'operationalised', 'responsible', 'transition', 'relations'] as const;
export type Question = (typeof QUESTIONS)[number];

/** Rated criteria: 1, 2, the three sub-points of 3, then 4–6. */
export const CRITERION_ITEMS = ['agreements', 'attention', 'funding', 'organisation', 'commissioner', 'reach', 'rights', 'statePolicy'] as const;
export type CriterionItem = (typeof CRITERION_ITEMS)[number];

export type AssessmentItem = Question | CriterionItem;
export const ITEMS: readonly AssessmentItem[] = [...QUESTIONS, ...CRITERION_ITEMS];

export const MAX_RATING = 3;
export const RATINGS = [0, 1, 2, 3] as const;
export type Rating = (typeof RATINGS)[number];

/** An average at or above this counts as established. */
export const ESTABLISHED = 2;

export const STAGES = ['A', 'B', 'C'] as const;
export type AssessmentStage = (typeof STAGES)[number];

/** Which rated items make up each Table 1 criterion (criterion 3: its sub-points). */
export const CRITERION_PARTS: Record<Criterion, readonly CriterionItem[]> = {
	agreements: ['agreements'],
	attention: ['attention'],
	institutionalisation: ['funding', 'organisation', 'commissioner'],
	reach: ['reach'],
	rights: ['rights'],
	statePolicy: ['statePolicy']
};

export type Ratings = Partial<Record<AssessmentItem, Rating | null>>;

export function isRating(value: unknown): value is Rating {
	return typeof value === 'number' && (RATINGS as readonly number[]).includes(value);
}

/** The mean of some items; an item not rated yet counts as 0 (nothing shown for it yet). */
export function average(ratings: Ratings, items: readonly AssessmentItem[]): number {
	return items.reduce<number>((sum, item) => sum + (ratings[item] ?? 0), 0) / items.length;
}

export interface StageReason {
	/** Message key, e.g. `stage_reason_attention`. */
	key: string;
	params: Record<string, string | number>;
}

export interface StageResult {
	stage: AssessmentStage;
	reasons: StageReason[];
	/** Criteria averaging below ESTABLISHED, in Table 1 order: each gets its action level proposed. */
	weak: Criterion[];
	/** Items not rated yet (they count as 0). */
	unrated: AssessmentItem[];
}

const ATTENTION_PARTS: readonly CriterionItem[] = ['agreements', 'attention'];
const CONSOLIDATION_PARTS: readonly CriterionItem[] = ['reach', 'rights', 'statePolicy'];
const round = (n: number) => Math.round(n * 100) / 100;

/**
 * A while criteria 1–2 (agreements, attention) average below 2: raise attention.
 * Else B while criterion 3 (institutionalisation, its sub-points) averages below 2: institutionalise.
 * Else C: consolidate and network, with criteria 4–6 (reach, role, state policy) as what to work on.
 */
export function assessmentStage(ratings: Ratings): StageResult {
	const attention = average(ratings, ATTENTION_PARTS);
	const institution = average(ratings, CRITERION_PARTS.institutionalisation);
	const consolidation = average(ratings, CONSOLIDATION_PARTS);
	const reasons: StageReason[] = [{ key: 'stage_reason_attention', params: { average: round(attention), threshold: ESTABLISHED } }];
	let stage: AssessmentStage = 'A';
	if (attention >= ESTABLISHED) {
		reasons.push({ key: 'stage_reason_institution', params: { average: round(institution), threshold: ESTABLISHED } });
		stage = institution >= ESTABLISHED ? 'C' : 'B';
		if (stage === 'C') reasons.push({ key: 'stage_reason_consolidation', params: { average: round(consolidation), threshold: ESTABLISHED } });
	}
	const weak = (Object.keys(CRITERION_PARTS) as Criterion[]).filter((c) => average(ratings, CRITERION_PARTS[c]) < ESTABLISHED);
	const unrated = ITEMS.filter((item) => !isRating(ratings[item]));
	return { stage, reasons, weak, unrated };
}

/** Per criterion, its average for a radar chart (0–3), in Table 1 order. */
export function criterionAverages(ratings: Ratings): Record<Criterion, number> {
	return Object.fromEntries((Object.keys(CRITERION_PARTS) as Criterion[]).map((c) => [c, round(average(ratings, CRITERION_PARTS[c]))])) as Record<Criterion, number>;
}
