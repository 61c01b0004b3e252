import { berlinToday } from './smart';

/**
 * A goal's story on one time axis: sign-offs, experiments (spans), check-ins with their
 * confidence, adjustments and the deadline, in the order they happened. Pure; labels are left to the page.
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
	checkIns: readonly { date: string; confidence: number; createdAt?: Date | string }[];
	adjustments: readonly { detectedAt: Date | string; label: string; field: string }[];
}

/** The municipality's calendar day of a moment (a sign-off at 00:30 in Berlin is on that day, not the UTC day before). */
const day = (value: Date | string) => (typeof value === 'string' && value.length === 10 ? value : berlinToday(new Date(value)));
const iso = (value: Date | string) => new Date(value).toISOString();

/**
 * Within a day, cause before effect where the records cannot tell: a review leads to a change,
 * a change asks for new sign-offs, approaches start under the agreed goal, the deadline ends the day.
 */
const CAUSE_TO_EFFECT: readonly TimelineKind[] = ['checkIn', 'adjustment', 'signoff', 'experiment', 'deadline'];
// Events known only by their day sort before (reviews) or after (approaches, the deadline) the recorded moments of that day.
const START_OF_DAY = '';
const END_OF_DAY = '~';

/** When on its day an event was recorded: the record's time if it was made that day. */
function momentOn(date: string, recorded: Date | string | undefined, unknown: string): string {
	return recorded !== undefined && day(recorded) === date ? iso(recorded) : unknown;
}

/** Every event in the order it happened: by day, then by recorded time, then cause before effect, then as given. */
export function timelineEvents(input: TimelineInput): TimelineEvent[] {
	const events: (TimelineEvent & { at: string })[] = [
		...input.signoffs.map((s) => ({ kind: 'signoff' as const, date: day(s.signedAt), at: iso(s.signedAt), end: null, title: s.userName, confidence: null })),
		...input.experiments.map((e) => {
			const date = e.startDate ?? day(e.createdAt);
			return { kind: 'experiment' as const, date, at: momentOn(date, e.createdAt, END_OF_DAY), end: e.endDate, title: e.title, confidence: null };
		}),
		...input.checkIns.map((c) => ({ kind: 'checkIn' as const, date: c.date, at: momentOn(c.date, c.createdAt, START_OF_DAY), end: null, title: '', confidence: c.confidence })),
		...input.adjustments.map((a) => ({ kind: 'adjustment' as const, date: day(a.detectedAt), at: iso(a.detectedAt), end: null, title: a.label, confidence: null, field: a.field })),
		...(input.deadline ? [{ kind: 'deadline' as const, date: input.deadline, at: END_OF_DAY, end: null, title: '', confidence: null }] : [])
	];
	const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
	return events
		.sort((a, b) => compare(a.date, b.date) || compare(a.at, b.at) || CAUSE_TO_EFFECT.indexOf(a.kind) - CAUSE_TO_EFFECT.indexOf(b.kind))
		.map(({ at: _, ...event }) => event);
}
