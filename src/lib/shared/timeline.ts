/**
 * A goal's story on one time axis: sign-offs, experiments (spans), check-ins with their
 * confidence, adjustments and the deadline, in date order. Pure; labels are left to the page.
 */
export type TimelineKind = 'signoff' | 'experiment' | 'checkIn' | 'adjustment' | 'deadline';

export interface TimelineEvent {
	kind: TimelineKind;
	/** `yyyy-mm-dd`; for experiments their start. */
	date: string;
	/** Experiments only: their end, when set. */
	end: string | null;
	/** What it is: a person, a title, a field. */
	title: string;
	/** Check-ins: confidence 0–10. */
	confidence: number | null;
	/** Adjustments: the changed field (`deadline`, `forWhom`, `indicator:<id>`); the title is its label. */
	field?: string;
}

export interface TimelineInput {
	deadline: string | null;
	signoffs: readonly { signedAt: Date | string; userName: string }[];
	experiments: readonly { title: string; startDate: string | null; endDate: string | null; createdAt: Date | string }[];
	checkIns: readonly { date: string; confidence: number }[];
	adjustments: readonly { detectedAt: Date | string; label: string; field: string }[];
}

const day = (value: Date | string) => (typeof value === 'string' ? value.slice(0, 10) : value.toISOString().slice(0, 10));
const ORDER: readonly TimelineKind[] = ['signoff', 'adjustment', 'experiment', 'checkIn', 'deadline'];

export function timelineEvents(input: TimelineInput): TimelineEvent[] {
	const events: TimelineEvent[] = [
		...input.signoffs.map((s) => ({ kind: 'signoff' as const, date: day(s.signedAt), end: null, title: s.userName, confidence: null })),
		...input.experiments.map((e) => ({ kind: 'experiment' as const, date: e.startDate ?? day(e.createdAt), end: e.endDate, title: e.title, confidence: null })),
		...input.checkIns.map((c) => ({ kind: 'checkIn' as const, date: c.date, end: null, title: '', confidence: c.confidence })),
		...input.adjustments.map((a) => ({ kind: 'adjustment' as const, date: day(a.detectedAt), end: null, title: a.label, confidence: null, field: a.field })),
		...(input.deadline ? [{ kind: 'deadline' as const, date: input.deadline, end: null, title: '', confidence: null }] : [])
	];
	return events.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : ORDER.indexOf(a.kind) - ORDER.indexOf(b.kind)));
}
