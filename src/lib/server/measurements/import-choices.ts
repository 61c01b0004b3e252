import type { ColumnMapping } from '../../shared/csv/import';
import type { ImportChoices } from './import';

const ROLES = ['date', 'value', 'group', 'status', 'cases', 'note'] as const;

/**
 * The user's choices for reading a CSV, from the preview's form or URL: separator, decimal
 * mark and which column holds what (`col_date=0`…). Anything unreadable counts as not chosen.
 */
export function importChoices(source: URLSearchParams | FormData): ImportChoices {
	const get = (name: string) => {
		const value = source.get(name);
		return typeof value === 'string' ? value : '';
	};
	const separator = ({ semicolon: ';', comma: ',', tab: '\t' } as const)[get('separator') as 'semicolon'];
	const decimalMark = ({ comma: ',', point: '.' } as const)[get('decimal') as 'comma'];
	const column = (role: string) => {
		const raw = get(`col_${role}`);
		return /^\d{1,3}$/.test(raw) ? Number(raw) : null;
	};
	const picked = Object.fromEntries(ROLES.map((role) => [role, column(role)])) as Record<(typeof ROLES)[number], number | null>;
	const mapping: ColumnMapping | undefined =
		picked.date !== null && picked.value !== null ? { ...picked, date: picked.date, value: picked.value } : undefined;
	return { separator, decimalMark, mapping };
}
