import { describe, expect, it } from 'vitest';
import { timelineEvents } from './timeline';

describe('timelineEvents', () => {
	it('puts every act of the loop on one axis, in date order', () => {
		const events = timelineEvents({
			deadline: '2027-07-31',
			signoffs: [{ signedAt: new Date('2025-09-10T08:00:00Z'), userName: 'Aylin Demir' }],
			experiments: [
				{ title: 'Elternabende', startDate: '2026-03-01', endDate: null, createdAt: '2026-02-20T10:00:00Z' },
				{ title: 'Ohne Beginn', startDate: null, endDate: null, createdAt: '2025-10-02T10:00:00Z' }
			],
			checkIns: [{ date: '2026-01-20', confidence: 6 }],
			adjustments: [{ detectedAt: new Date('2025-09-10T12:00:00Z'), label: '', field: 'deadline' }]
		});
		expect(events.map((e) => [e.kind, e.date, e.title || e.field || e.confidence])).toEqual([
			['signoff', '2025-09-10', 'Aylin Demir'],
			['adjustment', '2025-09-10', 'deadline'],
			['experiment', '2025-10-02', 'Ohne Beginn'],
			['checkIn', '2026-01-20', 6],
			['experiment', '2026-03-01', 'Elternabende'],
			['deadline', '2027-07-31', null]
		]);
	});

	it('has only the deadline for a fresh goal, and nothing without one', () => {
		const empty = { signoffs: [], experiments: [], checkIns: [], adjustments: [] };
		expect(timelineEvents({ ...empty, deadline: '2027-01-01' }).map((e) => e.kind)).toEqual(['deadline']);
		expect(timelineEvents({ ...empty, deadline: null })).toEqual([]);
	});
});
