import { describe, expect, it } from 'vitest';
import { detectDecimalMark, parseCasesCell, parseDateCell, parseStatusCell, parseValueCell } from './cells';

describe('detectDecimalMark', () => {
	it.each([
		[['12,5'], ','],
		[['1.234,5'], ','],
		[['12.5'], '.'],
		[['1,234.5'], '.'],
		[['1.234'], ','],
		[['1,234'], ','],
		[['0.123'], '.'],
		[['1.234.567'], ','],
		[['1,234,567'], '.'],
		[['1.234', '12.5'], '.'],
		[['1.234', '12,5'], ','],
		[['(12.5) p', '.', '-'], '.'],
		[['12.5 p', '3,25', '4,5'], ','],
		[['.', '-', 'x', ''], ','],
		[[], ',']
	] as const)('%j → %s', (samples, expected) => {
		expect(detectDecimalMark(samples)).toBe(expected);
	});
});

describe('parseValueCell', () => {
	it.each([
		['12,5', ',', 12.5, []],
		['  12,5  ', ',', 12.5, []],
		['-3,25', ',', -3.25, []],
		['−3,25', ',', -3.25, []],
		['1.234', ',', 1234, []],
		['1.234.567,89', ',', 1234567.89, []],
		['0', ',', 0, []],
		['-0', ',', 0, []],
		['12.5', '.', 12.5, []],
		['1,234.5', '.', 1234.5, []],
		['(12,3)', ',', 12.3, ['uncertain']],
		['( 12,3 )', ',', 12.3, ['uncertain']],
		['(-1,5)', ',', -1.5, ['uncertain']],
		['12,3 p', ',', 12.3, ['provisional']],
		['12,3r', ',', 12.3, ['revised']],
		['12,3 s', ',', 12.3, ['estimated']],
		['12,3 ps', ',', 12.3, ['provisional', 'estimated']],
		['12,3 sp', ',', 12.3, ['provisional', 'estimated']],
		['12,3 P', ',', 12.3, ['provisional']],
		['(12,3) r', ',', 12.3, ['uncertain', 'revised']],
		['(12,3)p', ',', 12.3, ['uncertain', 'provisional']],
		['7 r', '.', 7, ['revised']]
	] as const)('%j (%s) → %s %j', (raw, mark, value, flags) => {
		expect(parseValueCell(raw, mark)).toEqual({ ok: true, value: { value, symbol: null, flags } });
	});

	it.each([
		['-', '-'],
		['.', '.'],
		['...', '...'],
		['/', '/'],
		['x', 'x'],
		['*', '*'],
		[' . ', '.'],
		['–', '-'],
		['…', '...']
	] as const)('symbol %j → %s', (raw, symbol) => {
		expect(parseValueCell(raw, ',')).toEqual({ ok: true, value: { value: null, symbol, flags: [] } });
		expect(parseValueCell(raw, '.')).toEqual({ ok: true, value: { value: null, symbol, flags: [] } });
	});

	it.each([
		['', ',', 'csv_value_empty'],
		['   ', ',', 'csv_value_empty'],
		['()', ',', 'csv_value_uncertain_without_number'],
		['( ) p', ',', 'csv_value_uncertain_without_number'],
		['?', ',', 'csv_value_unknown_symbol'],
		['n.v.', ',', 'csv_value_unknown_symbol'],
		['k.A.', ',', 'csv_value_unknown_symbol'],
		['p', ',', 'csv_value_unknown_symbol'],
		['X', ',', 'csv_value_unknown_symbol'],
		['12,5', '.', 'csv_value_invalid'],
		['12.5', ',', 'csv_value_invalid'],
		['1.23', ',', 'csv_value_invalid'],
		['1,2,3', ',', 'csv_value_invalid'],
		['12,3x', ',', 'csv_value_invalid'],
		['12,3 q', ',', 'csv_value_invalid'],
		['(12,3', ',', 'csv_value_invalid'],
		['12,3)', ',', 'csv_value_invalid'],
		['--1', ',', 'csv_value_invalid'],
		['12 %', ',', 'csv_value_invalid'],
		['1e5', ',', 'csv_value_invalid'],
		['12,5 p x', ',', 'csv_value_invalid']
	] as const)('%j (%s) → %s', (raw, mark, error) => {
		expect(parseValueCell(raw, mark)).toEqual({ ok: false, error });
	});
});

describe('parseStatusCell', () => {
	it.each([
		['', null, []],
		['  ', null, []],
		['.', '.', []],
		['-', '-', []],
		['...', '...', []],
		['/', '/', []],
		['x', 'x', []],
		['*', '*', []],
		['p', null, ['provisional']],
		['r', null, ['revised']],
		['s', null, ['estimated']],
		['rs', null, ['revised', 'estimated']],
		['P', null, ['provisional']],
		['()', null, ['uncertain']],
		['() p', null, ['uncertain', 'provisional']],
		['()p', null, ['uncertain', 'provisional']],
		['()rs', null, ['uncertain', 'revised', 'estimated']],
		['vorläufig', null, ['provisional']],
		['Vorläufig', null, ['provisional']],
		['VORLÄUFIG', null, ['provisional']],
		['provisional', null, ['provisional']],
		['berichtigt', null, ['revised']],
		['Revidiert', null, ['revised']],
		['revised', null, ['revised']],
		['geschätzt', null, ['estimated']],
		['Estimated', null, ['estimated']],
		['vorläufig, geschätzt', null, ['provisional', 'estimated']]
	] as const)('%j → %s %j', (raw, symbol, flags) => {
		expect(parseStatusCell(raw)).toEqual({ ok: true, value: { symbol, flags } });
	});

	it.each(['q', '?', 'final', 'p q', '. p', 'vorläufig?', '(p)', '()x', '()()'])('%j → csv_status_unknown', (raw) => {
		expect(parseStatusCell(raw)).toEqual({ ok: false, error: 'csv_status_unknown' });
	});
});

describe('parseDateCell', () => {
	it.each([
		['31.12.2024', '2024-12-31'],
		['1.2.2024', '2024-02-01'],
		['01.02.2024', '2024-02-01'],
		['29.02.2024', '2024-02-29'],
		[' 31.12.2023 ', '2023-12-31'],
		['2024-06-30', '2024-06-30'],
		['2024', '2024-12-31'],
		['02/2024', '2024-02-29'],
		['2/2023', '2023-02-28'],
		['11/2023', '2023-11-30'],
		['12.2023', '2023-12-31'],
		['02/2000', '2000-02-29'],
		['02/1900', '1900-02-28']
	])('%j → %s', (raw, iso) => {
		expect(parseDateCell(raw)).toEqual({ ok: true, value: iso });
	});

	it.each([
		['', 'csv_date_empty'],
		['  ', 'csv_date_empty'],
		['31.02.2024', 'csv_date_invalid'],
		['29.02.2023', 'csv_date_invalid'],
		['31.04.2024', 'csv_date_invalid'],
		['00.01.2024', 'csv_date_invalid'],
		['2024-13-01', 'csv_date_invalid'],
		['2024-00-10', 'csv_date_invalid'],
		['2024-1-5', 'csv_date_invalid'],
		['13/2024', 'csv_date_invalid'],
		['0/2024', 'csv_date_invalid'],
		['31.12.24', 'csv_date_invalid'],
		['12/31/2024', 'csv_date_invalid'],
		['Januar 2024', 'csv_date_invalid'],
		['24', 'csv_date_invalid'],
		['20245', 'csv_date_invalid']
	])('%j → %s', (raw, error) => {
		expect(parseDateCell(raw)).toEqual({ ok: false, error });
	});
});

describe('parseCasesCell', () => {
	it.each([
		['', ',', null],
		['  ', ',', null],
		['0', ',', 0],
		['17', ',', 17],
		[' 402 ', ',', 402],
		['1.234', ',', 1234],
		['1.234.567', ',', 1234567],
		['1,234', '.', 1234],
		['*', ',', null],
		['.', ',', null],
		['-', ',', null]
	] as const)('%j (%s) → %s', (raw, mark, value) => {
		expect(parseCasesCell(raw, mark)).toEqual({ ok: true, value });
	});

	it.each([
		['-1', ','],
		['1,5', ','],
		['1.5', ','],
		['1.23', ','],
		['1,234', ','],
		['1.234', '.'],
		['12 Fälle', ','],
		['?', ','],
		['99999999999999999999', ',']
	] as const)('%j (%s) → csv_cases_invalid', (raw, mark) => {
		expect(parseCasesCell(raw, mark)).toEqual({ ok: false, error: 'csv_cases_invalid' });
	});

	it('reads `.` as thousands by default', () => {
		expect(parseCasesCell('2.204')).toEqual({ ok: true, value: 2204 });
	});
});
