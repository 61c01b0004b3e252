import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from './env';

/**
 * The app's own message files, so the specs find labels and texts the way users read them
 * and keep passing when a wording changes.
 */
export type Locale = 'de' | 'en';

const DIR = path.join(ROOT, 'src/messages');
const cache = new Map<Locale, Record<string, string>>();

function load(locale: Locale): Record<string, string> {
	let messages = cache.get(locale);
	if (!messages) {
		messages = {};
		for (const area of fs.readdirSync(DIR)) {
			const file = path.join(DIR, area, `${locale}.json`);
			if (fs.existsSync(file)) Object.assign(messages, JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, string>);
		}
		cache.set(locale, messages);
	}
	return messages;
}

/** A message with its {placeholders} filled in. */
export function msg(key: string, params: Record<string, string | number> = {}, locale: Locale = 'de'): string {
	const text = load(locale)[key];
	if (typeof text !== 'string') throw new Error(`no message "${key}" in ${locale}`);
	return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** The same for English. */
export const en = (key: string, params: Record<string, string | number> = {}) => msg(key, params, 'en');
