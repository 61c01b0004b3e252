import { describe, expect, it } from 'vitest';
import { rateGoal, berlinToday, type SmartContext } from './smart';
import type { GoalContent, IndicatorDef } from './goal-doc';

const indicator = (over: Partial<IndicatorDef> = {}): IndicatorDef => ({
	id: 'i1',
	name: 'Eltern in Berufsorientierung',
	unit: 'Anzahl',
	direction: 'up',
	baselineValue: 45,
	baselineDate: '2025-07-31',
	targetValue: 120,
	targetDate: '2027-07-31',
	...over
});

const goal = (over: Partial<GoalContent> = {}): GoalContent => ({
	title: 'Eltern einbinden',
	forWhom: 'Eltern der Klassen 8–10 mit Migrationsgeschichte kennen die duale Ausbildung.',
	resources: 'Integrationsbeauftragte, zwei Elternlotsinnen',
	criterion: 'attention',
	deadline: '2027-07-31',
	indicators: [indicator()],
	...over
});

const context = (over: Partial<SmartContext> = {}): SmartContext => ({ today: '2026-11-25', status: 'agreed', signedSides: ['focus', 'department'], ...over });

describe('rateGoal', () => {
	it('rates a complete, agreed goal 5 of 5', () => {
		const result = rateGoal(goal(), context());
		expect(result.score).toBe(5);
		expect(Object.values(result.ratings).every((r) => r.ok && r.hint === null)).toBe(true);
	});

	it.each([
		['no title', goal({ title: ' ' }), 'specific', 'smart_specific_no_title'],
		['no for-whom', goal({ forWhom: '' }), 'specific', 'smart_specific_no_for_whom'],
		['short for-whom', goal({ forWhom: 'Eltern' }), 'specific', 'smart_specific_short'],
		['no indicator', goal({ indicators: [] }), 'measurable', 'smart_measurable_none'],
		['no target', goal({ indicators: [indicator({ targetValue: null })] }), 'measurable', 'smart_measurable_incomplete'],
		['no baseline date', goal({ indicators: [indicator({ baselineDate: null })] }), 'measurable', 'smart_measurable_incomplete'],
		['unnamed indicator', goal({ indicators: [indicator({ name: '' })] }), 'measurable', 'smart_measurable_incomplete'],
		['target equals baseline', goal({ indicators: [indicator({ targetValue: 45 })] }), 'measurable', 'smart_measurable_no_change'],
		['target the wrong way (up)', goal({ indicators: [indicator({ targetValue: 30 })] }), 'measurable', 'smart_measurable_direction'],
		['target the wrong way (down)', goal({ indicators: [indicator({ direction: 'down' })] }), 'measurable', 'smart_measurable_direction'],
		['no resources', goal({ resources: '  ' }), 'realistic', 'smart_realistic_no_resources'],
		['target before baseline', goal({ indicators: [indicator({ targetDate: '2025-01-01' })] }), 'realistic', 'smart_realistic_target_before_baseline'],
		['no deadline', goal({ deadline: null, indicators: [indicator({ targetDate: null })] }), 'terminated', 'smart_terminated_missing'],
		['target after deadline', goal({ deadline: '2027-01-31' }), 'terminated', 'smart_terminated_target_after_deadline']
	] as const)('%s', (_, content, criterion, reason) => {
		const result = rateGoal(content, context());
		expect(result.ratings[criterion]).toMatchObject({ ok: false, reason });
		expect(result.ratings[criterion].hint).toMatch(/_hint$/);
		expect(result.score).toBeLessThan(5);
	});

	it('treats a target date as due at the deadline when it has none', () => {
		const result = rateGoal(goal({ indicators: [indicator({ targetDate: null })] }), context());
		expect(result.ratings.measurable.ok).toBe(true);
		expect(result.ratings.realistic.ok).toBe(true);
	});

	it('says time is up when the target date has passed on an open goal', () => {
		const result = rateGoal(goal(), context({ today: '2027-08-01' }));
		expect(result.ratings.realistic.reason).toBe('smart_realistic_no_time');
		expect(result.ratings.terminated.reason).toBe('smart_terminated_past');
	});

	it('does not blame a closed goal for its passed deadline', () => {
		const result = rateGoal(goal(), context({ today: '2027-08-01', status: 'closed' }));
		expect(result.ratings.realistic.ok).toBe(true);
		expect(result.ratings.terminated.ok).toBe(true);
	});

	it.each([
		['draft without signatures', 'draft', [], 'smart_acceptable_missing_both'],
		['focus signed only', 'draft', ['focus'], 'smart_acceptable_missing_department'],
		['department signed only', 'draft', ['department'], 'smart_acceptable_missing_focus'],
		['changed since agreement', 'changed', [], 'smart_acceptable_changed']
	] as const)('acceptable: %s', (_, status, signedSides, reason) => {
		expect(rateGoal(goal(), context({ status, signedSides })).ratings.acceptable).toMatchObject({ ok: false, reason });
	});
});

describe('berlinToday', () => {
	it('uses the Berlin calendar, not UTC', () => {
		expect(berlinToday(new Date('2026-12-31T23:30:00Z'))).toBe('2027-01-01');
		expect(berlinToday(new Date('2026-07-01T21:59:00Z'))).toBe('2026-07-01');
		expect(berlinToday(new Date('2026-07-01T22:00:00Z'))).toBe('2026-07-02');
	});
});
