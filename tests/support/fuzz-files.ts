import fs from 'node:fs';
import { seededRandom } from './random';

/**
 * Files for fuzzing the CSV import, the same for the same seed: random bytes, and real
 * statistics files (UTF-8, Windows-1252, UTF-16 as Excel writes them) broken by a few byte
 * mutations: flips, NULs and control bytes, cuts, repeats.
 */

const FIXTURES = ['ba-quoted.csv', 'comma-point-utf8.csv', 'genesis-semicolon-win1252.csv', 'years-only.csv', 'broken-bad-date.csv'].map(
	(name) => new Uint8Array(fs.readFileSync(new URL(`../fixtures/csv/${name}`, import.meta.url)))
);

function utf16(text: string, bigEndian: boolean): Uint8Array {
	const le = Buffer.from(`\uFEFF${text}`, 'utf16le');
	if (bigEndian) le.swap16();
	return new Uint8Array(le);
}

/** A small table in the layout people export: a header, then dated values with a decimal comma. */
function table(random: () => number): string {
	const rows = Math.floor(random() * 12);
	const lines = ['Stichtag;Wert;Bemerkung'];
	for (let i = 0; i < rows; i++) {
		const day = String(1 + Math.floor(random() * 28)).padStart(2, '0');
		lines.push(`${day}.0${1 + Math.floor(random() * 9)}.${2015 + Math.floor(random() * 11)};${(random() * 200 - 20).toFixed(1).replace('.', ',')};Zeile ${i}`);
	}
	return `${lines.join('\r\n')}\r\n`;
}

function base(random: () => number): Uint8Array {
	const pick = random();
	if (pick < 0.4) return FIXTURES[Math.floor(random() * FIXTURES.length)]!;
	const text = table(random);
	if (pick < 0.6) return new TextEncoder().encode(text);
	return utf16(text, pick > 0.8);
}

function mutate(bytes: Uint8Array, random: () => number): Uint8Array {
	const out = [...bytes];
	const count = 1 + Math.floor(random() * 6);
	const at = () => Math.floor(random() * (out.length + 1));
	for (let i = 0; i < count; i++) {
		const kind = random();
		if (kind < 0.3 && out.length > 0) out[Math.min(at(), out.length - 1)] = Math.floor(random() * 256);
		else if (kind < 0.5) out.splice(at(), 0, [0x00, 0x01, 0x1b, 0x7f, 0x85, 0xff, 0x0d, 0x22, 0x3b][Math.floor(random() * 9)]!);
		else if (kind < 0.65) out.splice(at(), Math.floor(random() * 40));
		else if (kind < 0.8) out.length = at();
		else {
			const from = at();
			out.splice(at(), 0, ...out.slice(from, from + Math.floor(random() * 200)));
		}
	}
	return new Uint8Array(out);
}

export interface FuzzFile {
	name: string;
	bytes: Uint8Array<ArrayBuffer>;
}

export function fuzzFile(seed: number): FuzzFile {
	const random = seededRandom(seed);
	const bytes =
		random() < 0.25 ? Uint8Array.from({ length: Math.floor(random() * 4096) }, () => Math.floor(random() * 256)) : mutate(base(random), random);
	return { name: `fuzz-${seed}.csv`, bytes: new Uint8Array(bytes) };
}
