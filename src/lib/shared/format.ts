/** Dates and numbers in the user's locale; times shown in the municipality's zone. */
export const TIME_ZONE = 'Europe/Berlin';

const tag = (locale: string) => (locale === 'en' ? 'en-GB' : 'de-DE');

export function formatDate(value: Date | string, locale: string): string {
	return new Intl.DateTimeFormat(tag(locale), { dateStyle: 'medium', timeZone: TIME_ZONE }).format(new Date(value));
}

export function formatDateTime(value: Date | string, locale: string): string {
	return new Intl.DateTimeFormat(tag(locale), { dateStyle: 'medium', timeStyle: 'short', timeZone: TIME_ZONE }).format(
		new Date(value)
	);
}

export function formatNumber(value: number, locale: string, options: Intl.NumberFormatOptions = {}): string {
	return new Intl.NumberFormat(tag(locale), options).format(value);
}
