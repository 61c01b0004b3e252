import type { Frequency } from './indicator-templates';

/** Months between two measurements of each frequency. */
export const FREQUENCY_MONTHS: Record<Frequency, number> = { monthly: 1, quarterly: 3, halfYearly: 6, yearly: 12 };

/** `date` plus whole months, kept at the month's end when the day does not exist (31 Jan + 1 → 28/29 Feb). */
export function addMonths(date: string, months: number): string {
	const [y, m, d] = date.split('-').map(Number) as [number, number, number];
	const first = new Date(Date.UTC(y, m - 1 + months, 1));
	const lastDay = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
	first.setUTCDate(Math.min(d, lastDay));
	return first.toISOString().slice(0, 10);
}

/**
 * The reference date the next measurement is due for: one period after the latest measured
 * reference date (or the baseline, before any measurement). Null without either.
 */
export function nextDue(frequency: Frequency, latest: string | null): string | null {
	return latest ? addMonths(latest, FREQUENCY_MONTHS[frequency]) : null;
}

/** Overdue: the due date has passed without a measurement for it. */
export function isOverdue(due: string | null, today: string): boolean {
	return due !== null && due < today;
}
