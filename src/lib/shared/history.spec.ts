import { describe, expect, it } from 'vitest';
import { historyRows } from './history';

const edit = (id: number, to: string) => ({ upToId: id, to: new Date(to) });
const adjusted = (field: string, at: string) => ({ field, detectedAt: new Date(at) });

describe('historyRows', () => {
	it('interleaves editing sessions and adjustments, newest first', () => {
		const rows = historyRows(
			[edit(9, '2026-03-02T10:00:00Z'), edit(5, '2026-03-01T10:00:00Z'), edit(1, '2025-09-01T10:00:00Z')],
			[adjusted('deadline', '2025-10-01T09:00:00Z'), adjusted('forWhom', '2026-03-02T10:00:01Z')]
		);
		expect(rows.map((r) => (r.kind === 'edit' ? r.entry.upToId : r.kind === 'adjustment' ? r.adjustment.field : r.comment))).toEqual(['forWhom', 9, 5, 'deadline', 1]);
	});

	it('puts an adjustment above the edit of the same moment that caused it', () => {
		const rows = historyRows([edit(3, '2026-01-01T00:00:00Z')], [adjusted('deadline', '2026-01-01T00:00:00Z')]);
		expect(rows.map((r) => r.kind)).toEqual(['adjustment', 'edit']);
	});

	it('puts the conversation among them', () => {
		const rows = historyRows([edit(3, '2026-01-01T00:00:00Z')], [], [{ id: 'c', at: new Date('2026-01-02T00:00:00Z') }]);
		expect(rows.map((r) => r.kind)).toEqual(['comment', 'edit']);
	});

	it('is empty without either', () => {
		expect(historyRows([], [])).toEqual([]);
	});
});
