import type { IndicatorDef } from './goal-doc';
import type { IndicatorTemplate } from './indicator-templates';

/**
 * Breakdown dimensions of the catalogue with the groups statistics offices publish for them;
 * other dimensions (Stadtteil, Schule, …) get their groups from the tandem.
 */
export const KNOWN_GROUPS: Readonly<Record<string, readonly string[]>> = {
	Staatsangehörigkeit: ['deutsch', 'nichtdeutsch', 'insgesamt'],
	Geschlecht: ['weiblich', 'männlich', 'insgesamt'],
	Migrationshintergrund: ['mit Migrationshintergrund', 'ohne Migrationshintergrund', 'insgesamt']
};

/** "Staatsangehörigkeit deutsch/nichtdeutsch" → its dimension and groups. */
export function parseBreakdown(label: string): { breakdown: string; groups: string[] } {
	const dimension = label.trim();
	const known = Object.keys(KNOWN_GROUPS).find((name) => dimension === name || dimension.startsWith(`${name} `));
	return known ? { breakdown: known, groups: [...KNOWN_GROUPS[known]!] } : { breakdown: dimension, groups: [] };
}

/** "deutsch, nichtdeutsch; insgesamt" → the group names. */
export function splitGroups(text: string): string[] {
	return text
		.split(/[,;\n]/)
		.map((g) => g.trim())
		.filter(Boolean);
}

/** The fields a catalogue entry fills in (its first breakdown dimension, when there is one). */
export function fieldsFromTemplate(template: IndicatorTemplate, locale: string): Partial<Omit<IndicatorDef, 'id'>> {
	const first = template.breakdowns[0];
	const { breakdown, groups } = first ? parseBreakdown(first) : { breakdown: '', groups: [] };
	return {
		name: locale === 'en' ? template.nameEn : template.nameDe,
		unit: template.unit,
		direction: template.direction,
		source: template.sourceDe,
		frequency: template.frequency,
		templateKey: template.key,
		breakdown: groups.length > 0 ? breakdown : '',
		groups
	};
}
