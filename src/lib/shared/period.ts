/** A quarter or a whole year, the spans of a period evaluation (Quartals-/Jahresauswertung). */

export const QUARTERS = [1, 2, 3, 4] as const;
export type Quarter = (typeof QUARTERS)[number];

export interface Period {
	year: number;
	/** Null for the whole year. */
	quarter: Quarter | null;
	/** First and last day, `yyyy-mm-dd`. */
	start: string;
	end: string;
}

const iso = (y: number, monthIndex: number, day: number) => new Date(Date.UTC(y, monthIndex, day)).toISOString().slice(0, 10);

export function periodOf(year: number, quarter: Quarter | null): Period {
	const first = quarter === null ? 0 : (quarter - 1) * 3;
	const months = quarter === null ? 12 : 3;
	return { year, quarter, start: iso(year, first, 1), end: iso(year, first + months, 0) };
}

/** The day before `date`: a period's start is measured at the end of it. */
export function dayBefore(date: string): string {
	const [y, m, d] = date.split('-').map(Number) as [number, number, number];
	return iso(y, m - 1, d - 1);
}

/** The last quarter that has ended by `today`: what an evaluation shows first. */
export function lastEndedQuarter(today: string): { year: number; quarter: Quarter } {
	const [y, m] = today.split('-').map(Number) as [number, number];
	const current = Math.floor((m - 1) / 3) + 1;
	return current === 1 ? { year: y - 1, quarter: 4 } : { year: y, quarter: (current - 1) as Quarter };
}
