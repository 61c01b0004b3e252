import { describe, expect, it } from 'vitest';
import { sortHistory, withComments, type HistoryItem } from './history';

const session = (id: number, to: string): HistoryItem => ({
	kind: 'session',
	at: new Date(to),
	session: { upToId: id, fromId: id - 1, userName: 'A', from: new Date(to), to: new Date(to), fields: [] }
});
const adjusted = (field: string, at: string): HistoryItem => ({
	kind: 'adjustment',
	at: new Date(at),
	adjustment: { id: field, field, label: '', before: null, after: null, detectedAt: new Date(at), reason: null }
});
const signed = (at: string): HistoryItem => ({ kind: 'signoff', at: new Date(at), signoff: { side: 'focus', userName: 'B', signedAt: new Date(at) } });
const named = (name: string, at: string): HistoryItem => ({
	kind: 'version',
	at: new Date(at),
	version: { id: name, name, upToId: 1, stateAt: new Date(at), createdByName: 'C', createdAt: new Date(at) }
});
const label = (item: HistoryItem) =>
	item.kind === 'session' ? item.session.upToId : item.kind === 'adjustment' ? item.adjustment.field : item.kind === 'version' ? item.version.name : 'signoff';

describe('sortHistory', () => {
	it('interleaves editing sessions, adjustments and sign-offs, newest first', () => {
		const rows = sortHistory([
			session(9, '2026-03-02T10:00:00Z'),
			session(5, '2026-03-01T10:00:00Z'),
			session(1, '2025-09-01T10:00:00Z'),
			adjusted('deadline', '2025-10-01T09:00:00Z'),
			adjusted('forWhom', '2026-03-02T10:00:01Z'),
			signed('2025-09-02T10:00:00Z')
		]);
		expect(rows.map(label)).toEqual(['forWhom', 9, 5, 'deadline', 'signoff', 1]);
	});

	it('puts a named version, then an adjustment, then a sign-off above the edit of the same moment', () => {
		const at = '2026-01-01T00:00:00Z';
		const rows = sortHistory([session(3, at), signed(at), adjusted('deadline', at), named('Ausschuss', at)]);
		expect(rows.map((r) => r.kind)).toEqual(['version', 'adjustment', 'signoff', 'session']);
	});

	it('is empty without entries', () => {
		expect(sortHistory([])).toEqual([]);
	});

	it('takes the conversation on the goal in at its moments, below an edit of the same moment', () => {
		const at = '2026-01-01T00:00:00Z';
		const comment = (id: string, when: string) => ({ id, threadId: 't', kind: 'comment' as const, userName: 'D', at: new Date(when), excerpt: id });
		const rows = withComments([session(3, at), session(1, '2025-01-01T00:00:00Z')], [comment('later', '2026-02-01T00:00:00Z'), comment('same', at)]);
		expect(rows.map((r) => (r.kind === 'comment' ? r.comment.id : r.kind))).toEqual(['later', 'session', 'same', 'session']);
	});
});
