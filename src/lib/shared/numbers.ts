/**
 * Parses a number as people type it: German `1.234,5` or `12,5`, English `1,234.5` or `12.5`.
 * Empty input is null (no value); anything unreadable is undefined (an error to show).
 */
export function parseDecimal(raw: string, locale: string): number | null | undefined {
	const text = raw.trim().replace(/\s/g, '');
	if (text === '') return null;
	const [group, decimal] = locale === 'en' ? [',', '.'] : ['.', ','];
	let normal = text;
	// With both marks the locale decides; `1.234` (de) and `1,234` (en) are thousands; a lone comma or point is decimal.
	if (normal.includes(group) && normal.includes(decimal)) normal = normal.split(group).join('').replace(decimal, '.');
	else if (new RegExp(`^-?\\d{1,3}(\\${group}\\d{3})+$`).test(normal)) normal = normal.split(group).join('');
	else if (decimal === ',') normal = normal.replace(',', '.');
	if (!/^-?(\d+\.?\d*|\.\d+)$/.test(normal)) return undefined;
	const value = Number(normal);
	return Number.isFinite(value) ? value : undefined;
}
