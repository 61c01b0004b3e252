import * as Y from 'yjs';

/** Readers for plain values in Yjs documents: a document may hold anything a client sent. */

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A calendar date `yyyy-mm-dd` that exists, or null. */
export function asDate(value: unknown): string | null {
	if (typeof value !== 'string' || !ISO_DATE.test(value)) return null;
	const parsed = new Date(`${value}T00:00:00Z`);
	return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === value ? value : null;
}

export function asNumber(value: unknown): number | null {
	return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** A string or a Y.Text's text, cut to `max` characters; anything else is ''. */
export function asString(value: unknown, max = 10_000): string {
	return typeof value === 'string' ? value.slice(0, max) : value instanceof Y.Text ? value.toString().slice(0, max) : '';
}

/** Whitespace runs as one space, trimmed: what a signature covers of a text. */
export function normaliseSpace(text: string): string {
	return text.replace(/\s+/g, ' ').trim();
}
