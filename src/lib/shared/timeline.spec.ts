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

	it('dates moments by the Berlin calendar: a sign-off at half past midnight is on that day', () => {
		const events = timelineEvents({
			deadline: null,
			signoffs: [{ signedAt: new Date('2026-03-04T23:30:00Z'), userName: 'Aylin Demir' }],
			experiments: [],
			checkIns: [{ date: '2026-03-05', confidence: 7 }],
			adjustments: [{ detectedAt: '2026-06-30T22:15:00Z', label: 'Frist', field: 'deadline' }]
		});
		expect(events.map((e) => `${e.kind} ${e.date}`)).toEqual(['checkIn 2026-03-05', 'signoff 2026-03-05', 'adjustment 2026-07-01']);
	});

	describe('within one day', () => {
		const none = { deadline: null, signoffs: [], experiments: [], checkIns: [], adjustments: [] };
		const order = (events: ReturnType<typeof timelineEvents>) => events.map((e) => `${e.kind}:${e.title || e.field || e.confidence || ''}`);

		it('follows the recorded times: the adjustment comes before the re-approval it asked for', () => {
			const events = timelineEvents({
				...none,
				// Given in the order a page may hold them: sign-offs first.
				signoffs: [
					{ signedAt: '2026-03-05T10:30:00Z', userName: 'Aylin Demir' },
					{ signedAt: '2026-03-05T11:00:00Z', userName: 'Jonas Weber' }
				],
				adjustments: [{ detectedAt: new Date('2026-03-05T10:00:00Z'), label: 'Frist', field: 'deadline' }]
			});
			expect(order(events)).toEqual(['adjustment:Frist', 'signoff:Aylin Demir', 'signoff:Jonas Weber']);
		});

		it('puts cause before effect when the times are the same', () => {
			const at = '2026-03-05T10:00:00Z';
			const events = timelineEvents({
				...none,
				signoffs: [{ signedAt: at, userName: 'Aylin Demir' }],
				adjustments: [{ detectedAt: at, label: 'Frist', field: 'deadline' }],
				checkIns: [{ date: '2026-03-05', confidence: 4, createdAt: at }]
			});
			expect(order(events)).toEqual(['checkIn:4', 'adjustment:Frist', 'signoff:Aylin Demir']);
		});

		it('orders a check-in by when it was recorded that day, and a back-dated one before the day’s changes', () => {
			const adjustments = [{ detectedAt: '2026-03-05T09:00:00Z', label: 'Frist', field: 'deadline' }];
			const recordedLater = timelineEvents({ ...none, adjustments, checkIns: [{ date: '2026-03-05', confidence: 7, createdAt: '2026-03-05T15:00:00Z' }] });
			expect(order(recordedLater)).toEqual(['adjustment:Frist', 'checkIn:7']);
			const backDated = timelineEvents({ ...none, adjustments, checkIns: [{ date: '2026-03-05', confidence: 7, createdAt: '2026-04-01T08:00:00Z' }] });
			expect(order(backDated)).toEqual(['checkIn:7', 'adjustment:Frist']);
		});

		it('starts an approach known only by its day after the day’s sign-offs, and ends the day with the deadline', () => {
			const events = timelineEvents({
				...none,
				deadline: '2026-03-05',
				experiments: [{ title: 'Elternabende', startDate: '2026-03-05', endDate: null, createdAt: '2026-02-20T10:00:00Z' }],
				signoffs: [{ signedAt: '2026-03-05T16:00:00Z', userName: 'Aylin Demir' }]
			});
			expect(order(events)).toEqual(['signoff:Aylin Demir', 'experiment:Elternabende', 'deadline:']);
		});

		it('keeps events of the same kind and time in the order given', () => {
			const at = '2026-03-05T10:00:00Z';
			const events = timelineEvents({ ...none, signoffs: ['B', 'A', 'C'].map((userName) => ({ signedAt: at, userName })) });
			expect(order(events)).toEqual(['signoff:B', 'signoff:A', 'signoff:C']);
		});
	});
});
