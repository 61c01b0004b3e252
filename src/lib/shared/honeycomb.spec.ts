import { describe, expect, it } from 'vitest';
import { honeycombStage, type DepartmentFacts } from './honeycomb';

const none: DepartmentFacts = { tandems: 0, agreedGoals: 0, lastActivity: null, checkInMonths: 3, signedAgreements: 0 };
const today = '2026-11-25';

describe('honeycombStage', () => {
	it.each([
		['nothing yet', none, 'nothing'],
		['a tandem formed', { ...none, tandems: 1 }, 'tandem'],
		['a goal agreed, no activity', { ...none, tandems: 1, agreedGoals: 1 }, 'agreed'],
		['a check-in four months ago (within two quarterly intervals)', { ...none, tandems: 1, agreedGoals: 1, lastActivity: '2026-07-25' }, 'monitoring'],
		['exactly two intervals ago still counts', { ...none, tandems: 1, agreedGoals: 1, lastActivity: '2026-05-25' }, 'monitoring'],
		['activity older than two intervals', { ...none, tandems: 1, agreedGoals: 1, lastActivity: '2026-05-24' }, 'agreed'],
		['a longer interval keeps it running', { ...none, tandems: 1, agreedGoals: 1, lastActivity: '2026-01-10', checkInMonths: 6 }, 'monitoring'],
		['activity without an agreed goal', { ...none, tandems: 1, lastActivity: '2026-11-01' }, 'tandem'],
		['a signed agreement is the last stage', { ...none, signedAgreements: 1 }, 'agreement']
	] as [string, DepartmentFacts, string][])('%s → %s', (_, facts, stage) => {
		expect(honeycombStage(facts, today)).toBe(stage);
	});
});
