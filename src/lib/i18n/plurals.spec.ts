import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as messages from '../paraglide/messages.js';

/**
 * Every message that takes a count of things says "1 Bericht" and "2 Berichte": it selects its
 * wording by plural category, unless the number only stands as a label ("Ziele (3)", "Ziele: 3").
 */
type Variants = [{ declarations: string[]; selectors: string[]; match: Record<string, string> }];
type Message = string | Variants;

/** Parameters that count things; a new one belongs here. */
const COUNTS = ['count', 'goals', 'departments', 'tandems', 'signed', 'total', 'added', 'changed', 'months'];

const dir = fileURLToPath(new URL('../../messages/', import.meta.url));
const load = (locale: string): Record<string, Message> =>
	Object.assign({}, ...fs.readdirSync(dir).map((area) => JSON.parse(fs.readFileSync(`${dir}${area}/${locale}.json`, 'utf8')) as Record<string, Message>));
const catalogue = { de: load('de'), en: load('en') };
const keys = Object.keys(catalogue.de).filter((key) => key !== '$schema');

const patterns = (message: Message) => (typeof message === 'string' ? [message] : Object.values(message[0].match));
const params = (message: Message) => [...new Set(patterns(message).flatMap((text) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]!)))].sort();
/** The inputs a message selects its wording by. */
const pluralInputs = (message: Message) =>
	typeof message === 'string' ? [] : message[0].declarations.flatMap((d) => /^local \w+ = (\w+): plural$/.exec(d)?.[1] ?? []);
/** Every `{name}` as `(3)` or `: 3` at the end of a phrase: a number shown as a label, the same for one and many. */
function asLabel(text: string, name: string): boolean {
	const token = `{${name}}`;
	for (let at = text.indexOf(token); at >= 0; at = text.indexOf(token, at + 1)) {
		const before = text.slice(0, at);
		const after = text.slice(at + token.length);
		if (!((before.endsWith('(') && after.startsWith(')')) || (before.endsWith(': ') && /^([,)]|$)/.test(after)))) return false;
	}
	return true;
}

describe('messages with a count', () => {
	it('are found', () => {
		expect(keys.filter((key) => params(catalogue.de[key]!).some((p) => COUNTS.includes(p))).length).toBeGreaterThan(30);
	});

	it.each(keys)('%s: has the same parameters in German and English, and a plural form for every count not shown as a label', (key) => {
		const de = catalogue.de[key]!;
		const en = catalogue.en[key];
		expect(en, 'English message').toBeDefined();
		expect(params(en!)).toEqual(params(de));
		for (const [locale, message] of [['de', de], ['en', en!]] as const) {
			const plural = pluralInputs(message);
			for (const name of params(message).filter((p) => COUNTS.includes(p))) {
				if (plural.includes(name)) continue;
				expect(
					patterns(message).every((text) => asLabel(text, name)),
					`${locale} ${key}: {${name}} is a count; declare "local ${name}Plural = ${name}: plural" and say it for one and for many`
				).toBe(true);
			}
		}
	});

	it.each(keys.filter((key) => typeof catalogue.de[key] !== 'string'))('%s: has a wording for one and for many of every count, in both languages', (key) => {
		for (const locale of ['de', 'en'] as const) {
			const message = catalogue[locale][key]!;
			expect(typeof message, locale).not.toBe('string');
			const [{ declarations, selectors, match }] = message as Variants;
			// Every input is declared (Paraglide's types come from the declarations).
			for (const name of params(message)) expect(declarations, `${locale}: input ${name}`).toContain(`input ${name}`);
			const combinations = selectors.reduce<string[][]>((all) => all.flatMap((combo) => ['one', 'other'].map((c) => [...combo, c])), [[]]);
			for (const combo of combinations) {
				const conditions = selectors.map((s, i) => `${s}=${combo[i]}`).join(', ');
				expect(Object.keys(match), `${locale}: ${conditions}`).toContain(conditions);
			}
		}
	});

	it('pick the singular for one and the plural otherwise', () => {
		expect(messages.snapshots_caption({ count: 1 }, { locale: 'de' })).toBe('1 Bericht');
		expect(messages.snapshots_caption({ count: 2 }, { locale: 'de' })).toBe('2 Berichte');
		expect(messages.snapshots_caption({ count: 0 }, { locale: 'en' })).toBe('0 reports');
		expect(messages.import_problems({ count: 1 }, { locale: 'de' })).toMatch(/^1 Problem /);
		expect(messages.council_summary_scope({ title: 'T', date: 'D', goals: 2, departments: 1 }, { locale: 'de' })).toContain('2 Ziele aus 1 Fachbereich.');
		expect(messages.council_summary_scope({ title: 'T', date: 'D', goals: 1, departments: 1 }, { locale: 'en' })).toContain('1 goal of 1 department.');
	});
});
