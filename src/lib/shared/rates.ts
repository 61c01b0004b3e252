import type { Direction } from './goal-doc';
import type { Point } from './forecast';

/**
 * Rates of change per year: the best an indicator has ever managed between two measurements,
 * and what a target still asks for. Comparing the two tells whether a target is realistic in
 * the light of the indicator's own history. Pure; dates are `yyyy-mm-dd`.
 */

/** A target is "far beyond" history when it needs more than this many times the best observed rate. */
export const FAR_BEYOND_FACTOR = 2;
/** Measurements closer than this are too noisy to make a yearly rate of. */
export const MIN_RATE_DAYS = 28;
export const DAYS_PER_YEAR = 365.25;

const DAY = 86_400_000;
const toDay = (date: string) => Date.parse(`${date}T00:00:00Z`) / DAY;

/** Days from one date to another (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
	return toDay(to) - toDay(from);
}

/**
 * The most favourable change per year between consecutive points (sorted by date), signed so
 * that positive means improvement in `direction`: for `down`, a fall of 2 per year is +2.
 * Pairs closer than MIN_RATE_DAYS are skipped. Null when no pair is far enough apart.
 */
export function bestObservedRate(points: readonly Point[], direction: Direction): number | null {
	const sign = direction === 'up' ? 1 : -1;
	const sorted = points.filter((p) => Number.isFinite(p.value) && Number.isFinite(toDay(p.date))).sort((a, b) => toDay(a.date) - toDay(b.date));
	let best: number | null = null;
	for (let i = 1; i < sorted.length; i++) {
		const a = sorted[i - 1]!;
		const b = sorted[i]!;
		const days = daysBetween(a.date, b.date);
		if (days < MIN_RATE_DAYS) continue;
		const rate = (sign * (b.value - a.value)) / (days / DAYS_PER_YEAR);
		if (best === null || rate > best) best = rate;
	}
	return best;
}

/**
 * Change per year still needed from `from` to reach `target`: the distance per year, never
 * negative (the direction is the one from `from.value` to `target.value`). Null when the target
 * date is not after `from`.
 */
export function requiredRate(from: Point, target: Point): number | null {
	const days = daysBetween(from.date, target.date);
	if (!(days > 0)) return null;
	return Math.abs(target.value - from.value) / (days / DAYS_PER_YEAR);
}

/**
 * Whether a required rate lies far beyond the best observed one: more than FAR_BEYOND_FACTOR
 * times it, or anything at all when the indicator never improved. Without an observed rate
 * (null) there is nothing to compare, so it is not.
 */
export function farBeyondHistory(required: number, best: number | null): boolean {
	if (best === null || !(required > 0)) return false;
	if (best <= 0) return true;
	return required > FAR_BEYOND_FACTOR * best;
}
