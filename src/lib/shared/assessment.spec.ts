import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { assessmentStage, average, CRITERION_ITEMS, criterionAverages, ITEMS, QUESTIONS, RATINGS, STAGES, type Rating, type Ratings } from './assessment';

/** Ratings for criteria 1–2, criterion 3's sub-points and 4–6, in Table 1 order. */
const rated = (c1: Rating, c2: Rating, c3: [Rating, Rating, Rating], c4: Rating, c5: Rating, c6: Rating): Ratings => ({
	agreements: c1,
	attention: c2,
	funding: c3[0],
	organisation: c3[1],
	commissioner: c3[2],
	reach: c4,
	rights: c5,
	statePolicy: c6
});

describe('assessmentStage', () => {
	it.each([
		// c1, c2, c3 sub-points, c4, c5, c6 → stage
		['nothing rated', {}, 'A'],
		['attention below 2 on average', rated(2, 1, [3, 3, 3], 3, 3, 3), 'A'],
		['attention just below', rated(1, 2, [3, 3, 3], 3, 3, 3), 'A'],
		['attention exactly 2, institutionalisation weak', rated(2, 2, [1, 2, 2], 3, 3, 3), 'B'],
		['attention high, institutionalisation just below', rated(3, 3, [2, 2, 1], 0, 0, 0), 'B'],
		['attention and institutionalisation established', rated(2, 2, [2, 2, 2], 0, 0, 0), 'C'],
		['everything at its best', rated(3, 3, [3, 3, 3], 3, 3, 3), 'C'],
		// Stadt A of the guide: a new integration concept, attention still to raise.
		['stadt-a', rated(2, 1, [2, 1, 1], 1, 1, 1), 'A'],
		// Stadt B: a framework and a committed commissioner, no institution yet.
		['stadt-b', rated(2, 3, [1, 1, 2], 2, 2, 1), 'B'],
		// Stadt C: agreements, a coordination office, an agency: now network it.
		['stadt-c', rated(3, 3, [3, 3, 2], 2, 2, 1), 'C']
	] as [string, Ratings, string][])('%s → %s', (_name, ratings, stage) => {
		expect(assessmentStage(ratings).stage).toBe(stage);
	});

	it('explains the stage with the averages it rests on', () => {
		expect(assessmentStage(rated(2, 1, [3, 3, 3], 3, 3, 3)).reasons).toEqual([{ key: 'stage_reason_attention', params: { average: 1.5, threshold: 2 } }]);
		expect(assessmentStage(rated(3, 3, [2, 2, 1], 0, 0, 0)).reasons.map((r) => [r.key, r.params.average])).toEqual([
			['stage_reason_attention', 3],
			['stage_reason_institution', 1.67]
		]);
		expect(assessmentStage(rated(3, 3, [3, 3, 3], 2, 1, 0)).reasons.map((r) => [r.key, r.params.average])).toEqual([
			['stage_reason_attention', 3],
			['stage_reason_institution', 3],
			['stage_reason_consolidation', 1]
		]);
	});

	it('names every criterion below 2 as weak, in Table 1 order, whatever the stage', () => {
		expect(assessmentStage(rated(3, 3, [3, 3, 2], 2, 1, 0)).weak).toEqual(['rights', 'statePolicy']);
		expect(assessmentStage(rated(1, 3, [1, 1, 3], 2, 2, 2)).weak).toEqual(['agreements', 'institutionalisation']);
		expect(assessmentStage({}).weak).toEqual(['agreements', 'attention', 'institutionalisation', 'reach', 'rights', 'statePolicy']);
	});

	it('counts what is not rated yet as 0 and lists it', () => {
		const result = assessmentStage({ agreements: 3, attention: 3, framework: 2 });
		expect(result.stage).toBe('B');
		expect(result.unrated).toEqual(ITEMS.filter((item) => !['agreements', 'attention', 'framework'].includes(item)));
		expect(average({ funding: 3 }, ['funding', 'organisation', 'commissioner'])).toBe(1);
	});
});

describe('criterionAverages', () => {
	it('gives criterion 3 as the mean of its sub-points, the others as they are', () => {
		expect(criterionAverages(rated(1, 2, [3, 2, 2], 0, 1, 3))).toEqual({ agreements: 1, attention: 2, institutionalisation: 2.33, reach: 0, rights: 1, statePolicy: 3 });
	});
});

describe('assessment messages', () => {
	const messages = (locale: string) => JSON.parse(fs.readFileSync(fileURLToPath(new URL(`../../messages/assessments/${locale}.json`, import.meta.url)), 'utf8')) as Record<string, string>;
	const keys = [
		...QUESTIONS.map((q) => `assessment_question_${q}`),
		...CRITERION_ITEMS.map((c) => `assessment_criterion_${c}`),
		...STAGES.map((s) => `assessment_stage_${s}`),
		'stage_reason_attention',
		'stage_reason_institution',
		'stage_reason_consolidation'
	];
	const steps = [...QUESTIONS.map((q) => `assessment_question_${q}`), ...CRITERION_ITEMS.map((c) => `assessment_criterion_${c}`)].flatMap((item) => RATINGS.map((r) => `${item}_step_${r}`));

	it.each(['de', 'en'])('%s has a label for every item and stage, and a description of every step', (locale) => {
		const found = messages(locale);
		expect([...keys, ...steps].filter((key) => !found[key]?.trim())).toEqual([]);
	});
});
