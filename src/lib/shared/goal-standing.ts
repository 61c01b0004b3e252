import type { TrackStatus } from './forecast';

/**
 * How goals stand, for the monitoring charts: an open goal by its track status, a closed one as
 * closed (its forecast no longer matters). Counts per department and per quarter, the weakest
 * status, the share on track, and the calendar quarters the share is shown for. Pure.
 */
export const STANDINGS = ['onTrack', 'atRisk', 'offTrack', 'noData', 'closed'] as const;
export type Standing = (typeof STANDINGS)[number];
export type StandingCounts = Record<Standing, number>;

/** Worst first: what a ring on the honeycomb shows. */
const WEAKEST_FIRST: readonly TrackStatus[] = ['offTrack', 'atRisk', 'noData', 'onTrack'];

export const noStandings = (): StandingCounts => ({ onTrack: 0, atRisk: 0, offTrack: 0, noData: 0, closed: 0 });

export function standingOf(trackStatus: TrackStatus, closed: boolean): Standing {
	return closed ? 'closed' : trackStatus;
}

export function countStandings(standings: Iterable<Standing>): StandingCounts {
	const counts = noStandings();
	for (const s of standings) counts[s]++;
	return counts;
}

/** Goals still open (every standing but closed). */
export const openGoals = (c: StandingCounts) => c.onTrack + c.atRisk + c.offTrack + c.noData;

/** The share of open goals on track, 0–1; null without open goals. */
export function onTrackShare(c: StandingCounts): number | null {
	const open = openGoals(c);
	return open === 0 ? null : c.onTrack / open;
}

/** The weakest status among open goals; null without open goals. */
export function weakestStatus(c: StandingCounts): TrackStatus | null {
	return WEAKEST_FIRST.find((s) => c[s] > 0) ?? null;
}

export interface Quarter {
	/** `2025-Q3` */
	key: string;
	year: number;
	/** 1–4 */
	number: number;
	/** First and last day, `yyyy-mm-dd`. */
	start: string;
	end: string;
}

export function quarterOf(date: string): Quarter {
	const year = Number(date.slice(0, 4));
	const number = Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1;
	const lastMonth = number * 3;
	const lastDay = new Date(Date.UTC(year, lastMonth, 0)).getUTCDate();
	const pad = (n: number) => String(n).padStart(2, '0');
	return { key: `${year}-Q${number}`, year, number, start: `${year}-${pad(lastMonth - 2)}-01`, end: `${year}-${pad(lastMonth)}-${pad(lastDay)}` };
}

/** The quarters from the one holding `first` to the one holding `today`, at most the latest `max`. */
export function quartersBetween(first: string, today: string, max: number): Quarter[] {
	const quarters: Quarter[] = [];
	for (let q = quarterOf(today); quarters.length < max && q.end >= first; ) {
		quarters.unshift(q);
		const previous = new Date(Date.UTC(q.year, q.number * 3 - 3, 0)).toISOString().slice(0, 10);
		q = quarterOf(previous);
	}
	return quarters;
}
