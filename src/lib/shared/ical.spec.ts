import { describe, expect, it } from 'vitest';
import { calendarFeed, escapeText, foldLine, MAX_LINE_OCTETS, type CalendarEvent } from './ical';

const now = new Date('2026-11-25T08:05:09.123Z');
const octets = (line: string) => new TextEncoder().encode(line).length;
// Unfolding (RFC 5545 §3.1): a CRLF followed by one space is removed.
const unfold = (text: string) => text.replace(/\r\n /g, '');
const event = (over: Partial<CalendarEvent> = {}): CalendarEvent => ({ uid: 'goal-1-target', date: '2026-07-31', summary: 'Zieltermin', ...over });
const feedOf = (events: CalendarEvent[]) => calendarFeed({ name: 'Fokus', events, now });
const eventLine = (feed: string, property: string) =>
	unfold(feed)
		.split('\r\n')
		.find((line) => line.startsWith(property));

describe('calendarFeed', () => {
	it('writes a small calendar exactly', () => {
		const feed = calendarFeed({
			name: 'Fokus – Ziele',
			now,
			events: [
				event({ description: 'Eltern einbinden', url: 'https://fokus.example/goals/1' }),
				{ uid: 'goal-2-deadline', date: '2027-01-15', summary: 'Frist' }
			]
		});
		expect(feed).toBe(
			[
				'BEGIN:VCALENDAR',
				'VERSION:2.0',
				'PRODID:-//Fokus//Monitoring//DE',
				'CALSCALE:GREGORIAN',
				'METHOD:PUBLISH',
				'X-WR-CALNAME:Fokus – Ziele',
				'BEGIN:VEVENT',
				'UID:goal-1-target@fokus',
				'DTSTAMP:20261125T080509Z',
				'DTSTART;VALUE=DATE:20260731',
				'DTEND;VALUE=DATE:20260801',
				'SUMMARY:Zieltermin',
				'DESCRIPTION:Eltern einbinden',
				'URL:https://fokus.example/goals/1',
				'TRANSP:TRANSPARENT',
				'END:VEVENT',
				'BEGIN:VEVENT',
				'UID:goal-2-deadline@fokus',
				'DTSTAMP:20261125T080509Z',
				'DTSTART;VALUE=DATE:20270115',
				'DTEND;VALUE=DATE:20270116',
				'SUMMARY:Frist',
				'TRANSP:TRANSPARENT',
				'END:VEVENT',
				'END:VCALENDAR',
				''
			].join('\r\n')
		);
	});

	it('writes an empty calendar', () => {
		expect(feedOf([])).toBe(
			'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Fokus//Monitoring//DE\r\nCALSCALE:GREGORIAN\r\nMETHOD:PUBLISH\r\nX-WR-CALNAME:Fokus\r\nEND:VCALENDAR\r\n'
		);
	});

	it('uses CRLF only, never a bare LF', () => {
		const feed = feedOf([event({ description: 'Zeile 1\nZeile 2' })]);
		expect(feed.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
	});

	it('escapes text values', () => {
		const feed = calendarFeed({
			name: 'A, B; C',
			now,
			events: [event({ summary: 'Kita; Schule, Hort \\ Ganztag', description: 'Erste Zeile\nZweite\r\nDritte' })]
		});
		expect(eventLine(feed, 'X-WR-CALNAME:')).toBe('X-WR-CALNAME:A\\, B\\; C');
		expect(eventLine(feed, 'SUMMARY:')).toBe('SUMMARY:Kita\\; Schule\\, Hort \\\\ Ganztag');
		expect(eventLine(feed, 'DESCRIPTION:')).toBe('DESCRIPTION:Erste Zeile\\nZweite\\nDritte');
	});

	it('leaves URLs unescaped', () => {
		const feed = feedOf([event({ url: 'https://fokus.example/goals?ids=1,2;x=3' })]);
		expect(eventLine(feed, 'URL:')).toBe('URL:https://fokus.example/goals?ids=1,2;x=3');
	});

	it('omits empty description and URL', () => {
		const feed = feedOf([event({ description: '', url: '' })]);
		expect(feed).not.toContain('DESCRIPTION');
		expect(feed).not.toContain('URL');
	});

	it('folds a long German summary at 75 octets without splitting a character', () => {
		const summary =
			'Überprüfung der Schulabschlüsse: Anteil der Jugendlichen ohne Abschluss in Göttingen-Grone senken – größere Fortschritte für Mädchen und Jungen gleichermaßen (Ü18 außen vor) 🎓 äöü';
		const feed = feedOf([event({ summary })]);
		const physical = feed.split('\r\n').slice(0, -1);
		for (const line of physical) {
			expect(octets(line)).toBeLessThanOrEqual(MAX_LINE_OCTETS);
			// A split inside a multi-byte sequence would leave a U+FFFD after decoding.
			expect(new TextDecoder().decode(new TextEncoder().encode(line))).toBe(line);
			expect(line).not.toMatch(/[\uD800-\uDBFF]$|^ ?[\uDC00-\uDFFF]/);
		}
		// The summary spans its first line and the continuations right after it.
		const first = physical.findIndex((line) => line.startsWith('SUMMARY:'));
		const next = physical.findIndex((line, i) => i > first && !line.startsWith(' '));
		expect(next - first).toBeGreaterThan(2);
		expect(physical[next]).toBe('TRANSP:TRANSPARENT');
		expect(eventLine(feed, 'SUMMARY:')).toBe(`SUMMARY:${escapeText(summary)}`);
	});

	it.each([
		['within a month', '2026-07-14', '20260714', '20260715'],
		['at a month end', '2026-04-30', '20260430', '20260501'],
		['at the end of February', '2026-02-28', '20260228', '20260301'],
		['on a leap day', '2028-02-28', '20280228', '20280229'],
		['at the year end', '2026-12-31', '20261231', '20270101']
	])('ends an all-day event on the next day: %s', (_, date, start, end) => {
		const feed = feedOf([event({ date })]);
		expect(eventLine(feed, 'DTSTART')).toBe(`DTSTART;VALUE=DATE:${start}`);
		expect(eventLine(feed, 'DTEND')).toBe(`DTEND;VALUE=DATE:${end}`);
	});

	it.each(['2026-02-30', '2026-7-1', '31.12.2026', ''])('rejects a date that is not yyyy-mm-dd: %j', (date) => {
		expect(() => feedOf([event({ date })])).toThrow(RangeError);
	});
});

describe('foldLine', () => {
	it.each([
		['a short line', 'SUMMARY:kurz', ['SUMMARY:kurz']],
		['exactly 75 octets', 'x'.repeat(75), ['x'.repeat(75)]],
		['76 octets', 'x'.repeat(76), ['x'.repeat(75), ' x']],
		['continuations hold 74 octets after the space', 'x'.repeat(75 + 74 + 1), ['x'.repeat(75), ' ' + 'x'.repeat(74), ' x']],
		// 74 ASCII octets + "ä" (2 octets) would be 76: the umlaut moves whole to the next line.
		['a two-octet character at the border', 'x'.repeat(74) + 'ä', ['x'.repeat(74), ' ä']],
		['a four-octet character at the border', 'x'.repeat(73) + '🎓', ['x'.repeat(73), ' 🎓']]
	])('%s', (_, line, expected) => {
		expect(foldLine(line).split('\r\n')).toEqual(expected);
	});

	it('keeps every physical line within 75 octets for multi-byte text, and unfolds to the original', () => {
		const line = 'DESCRIPTION:' + 'Größenänderung äöüß € 🎓 '.repeat(20);
		const folded = foldLine(line);
		expect(folded.split('\r\n').every((l) => octets(l) <= MAX_LINE_OCTETS)).toBe(true);
		expect(unfold(folded)).toBe(line);
	});
});
