import { describe, expect, it } from 'vitest';
import { fieldsFromTemplate, parseBreakdown, splitGroups } from './breakdowns';
import { INDICATOR_TEMPLATES } from './indicator-templates';

describe('breakdowns', () => {
	it.each([
		['Staatsangehörigkeit deutsch/nichtdeutsch', 'Staatsangehörigkeit', ['deutsch', 'nichtdeutsch', 'insgesamt']],
		['Geschlecht', 'Geschlecht', ['weiblich', 'männlich', 'insgesamt']],
		['Stadtteil', 'Stadtteil', []]
	])('%s', (label, breakdown, groups) => {
		expect(parseBreakdown(label)).toEqual({ breakdown, groups });
	});

	it('splits typed groups', () => {
		expect(splitGroups(' Nord, Süd;Mitte\n, ')).toEqual(['Nord', 'Süd', 'Mitte']);
	});

	it('fills an indicator from a catalogue entry in the page language', () => {
		const template = INDICATOR_TEMPLATES.find((t) => t.key === 'schulabgang_ohne_abschluss')!;
		expect(fieldsFromTemplate(template, 'de')).toMatchObject({ name: template.nameDe, unit: '%', direction: 'down', frequency: 'yearly', breakdown: 'Staatsangehörigkeit', groups: ['deutsch', 'nichtdeutsch', 'insgesamt'], templateKey: template.key });
		expect(fieldsFromTemplate(template, 'en').name).toBe(template.nameEn);
		const process = INDICATOR_TEMPLATES.find((t) => t.key === 'fachbereiche_mit_tandem')!;
		expect(fieldsFromTemplate(process, 'de')).toMatchObject({ breakdown: '', groups: [] });
	});
});
