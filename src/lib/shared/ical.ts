/**
 * An iCalendar feed (RFC 5545) of all-day events, e.g. target dates and deadlines, for people to
 * subscribe to in their calendar app. Pure: the caller passes the time the feed is made.
 */

export interface CalendarEvent {
	/** Unique within Fokus; the feed appends `@fokus` to make it globally unique. */
	uid: string;
	/** All-day, `yyyy-mm-dd`. */
	date: string;
	summary: string;
	description?: string;
	url?: string;
}

/** Content lines may be at most this many octets long (without the CRLF). */
export const MAX_LINE_OCTETS = 75;

const CRLF = '\r\n';
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** TEXT values: backslash first, so the escapes added after it are not escaped again. */
export function escapeText(value: string): string {
	return value
		.replace(/\\/g, '\\\\')
		.replace(/;/g, '\\;')
		.replace(/,/g, '\\,')
		.replace(/\r\n|\r|\n/g, '\\n');
}

const utf8 = new TextEncoder();

/**
 * Folds a content line at 75 octets of UTF-8. Splits only between code points (never inside a
 * multi-byte sequence); each continuation starts with one space, which counts toward its 75.
 */
export function foldLine(line: string): string {
	const parts: string[] = [];
	let current = '';
	let octets = 0;
	for (const char of line) {
		const size = utf8.encode(char).length;
		if (octets + size > MAX_LINE_OCTETS) {
			parts.push(current);
			current = ' ';
			octets = 1;
		}
		current += char;
		octets += size;
	}
	parts.push(current);
	return parts.join(CRLF);
}

function parseDate(date: string): Date {
	const match = ISO_DATE.exec(date);
	const parsed = match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : null;
	// Date.UTC rolls 2026-02-30 over into March; a date that does not round-trip is not a date.
	if (!parsed || parsed.toISOString().slice(0, 10) !== date) throw new RangeError(`Not a calendar date: ${date}`);
	return parsed;
}

const basicDate = (d: Date) => d.toISOString().slice(0, 10).replace(/-/g, '');

/** `yyyymmddThhmmssZ` in UTC. */
function basicDateTime(d: Date): string {
	return d
		.toISOString()
		.replace(/\.\d{3}Z$/, 'Z')
		.replace(/[-:]/g, '');
}

function eventLines(event: CalendarEvent, stamp: string): string[] {
	const start = parseDate(event.date);
	// All-day events end exclusively on the next day (RFC 5545 §3.6.1).
	const end = new Date(start.getTime() + 86_400_000);
	const lines = [
		'BEGIN:VEVENT',
		`UID:${escapeText(event.uid)}@fokus`,
		`DTSTAMP:${stamp}`,
		`DTSTART;VALUE=DATE:${basicDate(start)}`,
		`DTEND;VALUE=DATE:${basicDate(end)}`,
		`SUMMARY:${escapeText(event.summary)}`
	];
	if (event.description) lines.push(`DESCRIPTION:${escapeText(event.description)}`);
	// A URI, not TEXT: commas and semicolons stay as they are; line breaks cannot be in one.
	if (event.url) lines.push(`URL:${event.url.replace(/[\r\n]/g, '')}`);
	lines.push('TRANSP:TRANSPARENT', 'END:VEVENT');
	return lines;
}

export function calendarFeed(options: { name: string; events: readonly CalendarEvent[]; now: Date }): string {
	const stamp = basicDateTime(options.now);
	const lines = [
		'BEGIN:VCALENDAR',
		'VERSION:2.0',
		'PRODID:-//Fokus//Monitoring//DE',
		'CALSCALE:GREGORIAN',
		'METHOD:PUBLISH',
		`X-WR-CALNAME:${escapeText(options.name)}`,
		...options.events.flatMap((event) => eventLines(event, stamp)),
		'END:VCALENDAR'
	];
	// Every line, the last one too, ends with CRLF.
	return lines.map((line) => foldLine(line) + CRLF).join('');
}
