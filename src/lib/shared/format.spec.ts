import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, formatList, formatNumber, TIME_ZONE, wrapWords } from './format';

// Intl may put narrow or non-breaking spaces between parts; compare with plain spaces.
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

describe('format', () => {
	it('shows dates in the municipality time zone, not the server one', () => {
		expect(TIME_ZONE).toBe('Europe/Berlin');
		// 22:30 UTC on 31 March 2024 is already 1 April in Berlin (summer time, UTC+2).
		expect(formatDate('2024-03-31T22:30:00Z', 'de')).toBe('01.04.2024');
		expect(formatDate(new Date('2024-03-31T21:30:00Z'), 'de')).toBe('31.03.2024');
	});

	it('writes German dates by default and British English ones for en', () => {
		expect(formatDate('2024-12-05T10:00:00Z', 'de')).toBe('05.12.2024');
		expect(formatDate('2024-12-05T10:00:00Z', 'en')).toBe('5 Dec 2024');
		expect(formatDate('2024-12-05T10:00:00Z', 'fr')).toBe('05.12.2024');
	});

	it('adds the Berlin wall-clock time', () => {
		expect(plain(formatDateTime('2024-01-15T08:05:00Z', 'de'))).toBe('15.01.2024, 09:05');
		expect(plain(formatDateTime('2024-07-15T08:05:00Z', 'en'))).toBe('15 Jul 2024, 10:05');
	});

	it('uses the decimal comma in German and the point in English', () => {
		expect(formatNumber(1234567.5, 'de')).toBe('1.234.567,5');
		expect(formatNumber(1234567.5, 'en')).toBe('1,234,567.5');
		expect(plain(formatNumber(0.256, 'de', { style: 'percent', maximumFractionDigits: 1 }))).toBe('25,6 %');
	});
});

describe('lists and labels', () => {
	it('joins a list as each language does', () => {
		expect(formatList(['Bildung', 'Jugend', 'Arbeitsmarkt'], 'de')).toBe('Bildung, Jugend und Arbeitsmarkt');
		expect(formatList(['Bildung', 'Jugend'], 'en')).toBe('Bildung and Jugend');
	});

	it('puts words on lines of about a width, a long word on its own', () => {
		expect(wrapWords('Soziales und Integration', 12)).toEqual(['Soziales und', 'Integration']);
		expect(wrapWords('Arbeitsmarktintegration der Jugend', 10)).toEqual(['Arbeitsmarktintegration', 'der Jugend']);
		expect(wrapWords('kurz', 10)).toEqual(['kurz']);
	});
});
