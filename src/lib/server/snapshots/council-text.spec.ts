import { describe, expect, it } from 'vitest';
import { councilText } from './council-text';
import type { SnapshotContent } from '../../shared/snapshot';

// Only what the council text reads of a report.
const report = (locale: 'de' | 'en', goals: { department: string; trackStatus: string }[]) =>
	({ locale, title: 'Fokus 2026', refDate: '2026-06-30', goals }) as unknown as SnapshotContent;

describe('councilText', () => {
	it('counts goals and departments in the singular and the plural', () => {
		expect(councilText(report('de', [{ department: 'Bildung', trackStatus: 'onTrack' }]), 'abc').summary).toContain('umfasst 1 Ziel aus 1 Fachbereich.');
		const two = [
			{ department: 'Bildung', trackStatus: 'onTrack' },
			{ department: 'Bildung', trackStatus: 'atRisk' }
		];
		expect(councilText(report('de', two), 'abc').summary).toContain('umfasst 2 Ziele aus 1 Fachbereich. Nach der Prognose zum Stichtag sind 1 auf Kurs, 1 gefährdet');
		expect(councilText(report('en', [...two, { department: 'Jugend', trackStatus: 'noData' }]), 'abc').summary).toContain('covers 3 goals of 2 departments. By the forecast');
	});
});
