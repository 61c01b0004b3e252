/**
 * What an indicator's unit says about its values. Counts ("Anzahl") are plain numbers: the unit
 * names what is counted in headings and captions, but "63,5 Anzahl" is no way to say a value.
 */
const COUNT_UNITS = new Set(['anzahl', 'count', 'number']);
const PERCENT_UNITS = new Set(['%', 'prozent', 'percent']);

export type UnitKind = 'count' | 'percent' | 'other';

export function unitKind(unit: string): UnitKind {
	const key = unit.trim().toLowerCase();
	return COUNT_UNITS.has(key) ? 'count' : PERCENT_UNITS.has(key) ? 'percent' : 'other';
}

/** A formatted number with its unit as a reader says it: `63,5` (a count), `12,5 %`, `3,2 Tage`. */
export function withUnit(number: string, unit: string): string {
	const kind = unitKind(unit);
	if (kind === 'count' || !unit.trim()) return number;
	return `${number} ${kind === 'percent' ? '%' : unit.trim()}`;
}
