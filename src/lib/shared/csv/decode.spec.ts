import { describe, expect, it } from 'vitest';
import { decodeCsvBytes, isPlainText } from './decode';

const bytes = (...values: number[]) => new Uint8Array(values);
const utf8 = (text: string) => new TextEncoder().encode(text);

describe('decodeCsvBytes', () => {
	it.each([
		['plain UTF-8', utf8('Jahr;Wert'), 'Jahr;Wert', 'utf-8'],
		['UTF-8 umlauts', utf8('Ausländer;Größe'), 'Ausländer;Größe', 'utf-8'],
		['UTF-8 with BOM', utf8('\uFEFFÄ;1'), 'Ä;1', 'utf-8'],
		['only a BOM', bytes(0xef, 0xbb, 0xbf), '', 'utf-8'],
		['empty', bytes(), '', 'utf-8'],
		// "Ausländer" in Windows-1252: ä is 0xE4, not valid UTF-8 on its own.
		['Windows-1252 umlauts', bytes(0x41, 0x75, 0x73, 0x6c, 0xe4, 0x6e, 0x64, 0x65, 0x72), 'Ausländer', 'windows-1252'],
		['Windows-1252 ß and €', bytes(0xdf, 0x3b, 0x80), 'ß;€', 'windows-1252'],
		['Windows-1252 typographic quotes', bytes(0x84, 0x61, 0x93), '„a“', 'windows-1252'],
		['Windows-1252 ©', bytes(0xa9, 0x20, 0x32, 0x30, 0x32, 0x34), '© 2024', 'windows-1252'],
		['BOM, then broken UTF-8', bytes(0xef, 0xbb, 0xbf, 0xe4), 'ä', 'windows-1252'],
		// Excel's "Unicode text": UTF-16 with a BOM, little-endian on Windows.
		['UTF-16 LE with BOM', bytes(0xff, 0xfe, 0xc4, 0x00, 0x3b, 0x00, 0x31, 0x00), 'Ä;1', 'utf-16le'],
		['UTF-16 BE with BOM', bytes(0xfe, 0xff, 0x00, 0xc4, 0x00, 0x3b, 0x00, 0x31), 'Ä;1', 'utf-16be'],
		['UTF-16 LE, odd length', bytes(0xff, 0xfe, 0x41, 0x00, 0x42), 'A\uFFFD', 'utf-16le']
	])('%s', (_, input, text, encoding) => {
		expect(decodeCsvBytes(input)).toEqual({ text, encoding });
	});
});

describe('isPlainText', () => {
	it.each([
		['a table', 'Stichtag;Wert\r\n01.03.2026;25,0\r\n\tEingerückt', true],
		['empty', '', true],
		['one control character in 100', `${'a'.repeat(99)}\u0001`, true],
		['two in 100', `${'a'.repeat(98)}\u0001\u0002`, false],
		['a single NUL', `${'a'.repeat(1000)}\u0000`, false],
		['UTF-16 read as UTF-8 (a NUL after every letter)', 'S\u0000t\u0000', false],
		['C1 controls', `${'a'.repeat(50)}\u0085\u0090`, false]
	])('%s → %s', (_, text, plain) => {
		expect(isPlainText(text)).toBe(plain);
	});
});
