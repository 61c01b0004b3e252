/** Dates and numbers in the user's locale; times shown in the municipality's zone. */
export const TIME_ZONE = 'Europe/Berlin';

const tag = (locale: string) => (locale === 'en' ? 'en-GB' : 'de-DE');

// Building an Intl formatter costs far more than using one: a page of a few thousand dates and
// numbers (the period evaluation) spent seconds on it. One formatter per locale and options.
const formatters = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat | Intl.ListFormat>();
function formatter<F extends Intl.DateTimeFormat | Intl.NumberFormat | Intl.ListFormat>(key: string, make: () => F): F {
	let found = formatters.get(key) as F | undefined;
	if (!found) formatters.set(key, (found = make()));
	return found;
}

export function formatDate(value: Date | string, locale: string): string {
	return formatter(`date|${locale}`, () => new Intl.DateTimeFormat(tag(locale), { dateStyle: 'medium', timeZone: TIME_ZONE })).format(new Date(value));
}

export function formatDateTime(value: Date | string, locale: string): string {
	return formatter(`dateTime|${locale}`, () => new Intl.DateTimeFormat(tag(locale), { dateStyle: 'medium', timeStyle: 'short', timeZone: TIME_ZONE })).format(new Date(value));
}

/** A time of day in the municipality's zone, e.g. "14:02". */
export function formatTime(value: Date | string, locale: string): string {
	return formatter(`time|${locale}`, () => new Intl.DateTimeFormat(tag(locale), { timeStyle: 'short', timeZone: TIME_ZONE })).format(new Date(value));
}

export function formatNumber(value: number, locale: string, options: Intl.NumberFormatOptions = {}): string {
	return formatter(`number|${locale}|${JSON.stringify(options)}`, () => new Intl.NumberFormat(tag(locale), options)).format(value);
}

/** "A, B und C" in the user's language. */
export function formatList(items: readonly string[], locale: string): string {
	return formatter(`list|${locale}`, () => new Intl.ListFormat(tag(locale), { type: 'conjunction' })).format(items);
}

/** Words on lines of about `width` characters (a longer word keeps a line of its own): chart labels. */
export function wrapWords(text: string, width: number): string[] {
	const out: string[] = [];
	for (const word of text.split(' ')) {
		const last = out.at(-1);
		if (last !== undefined && last.length + 1 + word.length <= width) out[out.length - 1] = `${last} ${word}`;
		else out.push(word);
	}
	return out;
}
