import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { FREQUENCIES, INDICATOR_TEMPLATES } from './indicator-templates';

// The catalogue ships as code and as the CSV it came from; both must say the same, field by field.
const csv = fileURLToPath(new URL('./indicator-templates.csv', import.meta.url));
// Where the project's shared folder sits beside the checkout (development, CI), the shipped
// copy must equal the domain file it was taken from.
const domainCsv = fileURLToPath(new URL('../../../../shared/domain/indicator-templates.csv', import.meta.url));

describe('indicator templates', () => {
	it.skipIf(!fs.existsSync(domainCsv))('ship the catalogue of shared/domain unchanged', () => {
		expect(fs.readFileSync(csv, 'utf8')).toBe(fs.readFileSync(domainCsv, 'utf8'));
	});

	it('match the shipped catalogue', () => {
		const [header, ...lines] = fs.readFileSync(csv, 'utf8').trim().split('\n');
		const columns = header!.split(';');
		const rows = lines.map((line) => Object.fromEntries(line.split(';').map((cell, i) => [columns[i], cell])));
		expect(INDICATOR_TEMPLATES.map((t) => t.key)).toEqual(rows.map((r) => r.key));
		for (const [i, row] of rows.entries()) {
			const template = INDICATOR_TEMPLATES[i]!;
			expect(template).toMatchObject({
				nameDe: row.name_de,
				nameEn: row.name_en,
				definitionDe: row.definition_de,
				unit: row.unit,
				direction: row.better,
				sourceDe: row.source_de,
				frequencyNote: row.frequency
			});
			expect(FREQUENCIES).toContain(template.frequency);
		}
	});

	it('have unique keys, a direction and German and English names', () => {
		expect(new Set(INDICATOR_TEMPLATES.map((t) => t.key)).size).toBe(INDICATOR_TEMPLATES.length);
		for (const t of INDICATOR_TEMPLATES) {
			expect(['up', 'down']).toContain(t.direction);
			expect(t.nameDe && t.nameEn).toBeTruthy();
		}
		expect(INDICATOR_TEMPLATES.find((t) => t.key === 'schulabgang_ohne_abschluss')).toMatchObject({
			direction: 'down',
			frequency: 'yearly',
			breakdowns: ['Staatsangehörigkeit deutsch/nichtdeutsch', 'Geschlecht']
		});
	});
});
