import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// Every message key the CSV modules return must exist in both languages, with the same placeholders.
const read = (path: string) => fs.readFileSync(fileURLToPath(new URL(path, import.meta.url)), 'utf8');
const messages = (locale: string): Record<string, string> => {
	const { $schema: _, ...rest } = JSON.parse(read(`../../../messages/csv/${locale}.json`)) as Record<string, string>;
	return rest;
};
const de = messages('de');
const en = messages('en');
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();
const sources = fs
	.readdirSync(fileURLToPath(new URL('.', import.meta.url)))
	.filter((name) => name.endsWith('.ts') && !name.endsWith('.spec.ts'))
	.map((name) => read(`./${name}`));
const usedKeys = [...new Set(sources.flatMap((source) => [...source.matchAll(/'(csv_[a-z_]+)'/g)].map((match) => match[1]!)))].sort();

describe('CSV messages', () => {
	it('cover every key the modules use, in both languages', () => {
		expect(usedKeys.length).toBeGreaterThan(15);
		expect(Object.keys(de)).toEqual(expect.arrayContaining(usedKeys));
		expect(Object.keys(en).sort()).toEqual(Object.keys(de).sort());
	});

	it.each(Object.keys(de))('%s has the same placeholders in German and English', (key) => {
		expect(placeholders(en[key]!)).toEqual(placeholders(de[key]!));
	});

	it.each(Object.entries(de))('%s uses only params the import gives', (_, text) => {
		const given = ['line', 'column', 'value', 'groups', 'first', 'max', 'valueCell'];
		for (const name of placeholders(text)) expect(given).toContain(name);
	});
});
