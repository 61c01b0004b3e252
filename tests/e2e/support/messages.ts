import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from './env';

/**
 * The app's own message files, so the specs find labels and texts the way users read them
 * and keep passing when a wording changes.
 */
export type Locale = 'de' | 'en';

const DIR = path.join(ROOT, 'src/messages');
/** A message with variants (inlang message format): plural selectors over its inputs. */
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

/** The pattern a message's plural variants pick for these params (as Paraglide does, the first that matches). */
function pattern(message: Variants, params: Record<string, string | number>, locale: Locale): string | undefined {
	const [{ declarations, match }] = message;
	const selected = new Map<string, string>();
	for (const declaration of declarations) {
		const plural = /^local (\w+) = (\w+): plural$/.exec(declaration);
		if (plural) selected.set(plural[1]!, new Intl.PluralRules(locale).select(Number(params[plural[2]!])));
	}
	const fits = (conditions: string) => conditions.split(',').every((condition) => {
		const [name, value] = condition.trim().split('=');
		return value === '*' || selected.get(name!) === value;
	});
	return Object.entries(match).find(([conditions]) => fits(conditions))?.[1];
}

/** A message with its {placeholders} filled in. */
export function msg(key: string, params: Record<string, string | number> = {}, locale: Locale = 'de'): string {
	const message = load(locale)[key];
	const text = typeof message === 'string' || message === undefined ? message : pattern(message, params, locale);
	if (typeof text !== 'string') throw new Error(`no message "${key}" in ${locale}`);
	return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** The same for English. */
export const en = (key: string, params: Record<string, string | number> = {}) => msg(key, params, 'en');
