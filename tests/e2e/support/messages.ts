import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from './env';

/**
 * The app's own message files, so the specs find labels and texts the way users read them
 * and keep passing when a wording changes.
 */
export type Locale = 'de' | 'en';

const DIR = path.join(ROOT, 'src/messages');
/** A message with plural variants, as the inlang message format stores it. */
type Variants = [{ declarations: string[]; selectors: string[]; match: Record<string, string> }];
const cache = new Map<Locale, Record<string, string | Variants>>();

function load(locale: Locale): Record<string, string | Variants> {
	let messages = cache.get(locale);
	if (!messages) {
		messages = {} as Record<string, string | Variants>;
		for (const area of fs.readdirSync(DIR)) {
			const file = path.join(DIR, area, `${locale}.json`);
			if (fs.existsSync(file)) Object.assign(messages, JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, string | Variants>);
		}
		cache.set(locale, messages);
	}
	return messages;
}

/** A message with its {placeholders} filled in. */
export function msg(key: string, params: Record<string, string | number> = {}, locale: Locale = 'de'): string {
	const found = load(locale)[key];
	const text = Array.isArray(found) ? variant(found[0], params, locale) : found;
	if (typeof text !== 'string') throw new Error(`no message "${key}" in ${locale}`);
	return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** The same for English. */
export const en = (key: string, params: Record<string, string | number> = {}) => msg(key, params, 'en');

/** The variant a plural message picks for its selector's number (`countPlural=one`, `=other`). */
function variant(message: Variants[0], params: Record<string, string | number>, locale: Locale): string | undefined {
	const selector = message.selectors[0]!;
	const input = selector.replace(/Plural$/, '');
	const category = new Intl.PluralRules(locale).select(Number(params[input]));
	return message.match[`${selector}=${category}`] ?? message.match[`${selector}=other`];
}
