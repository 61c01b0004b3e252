/**
 * Bytes of an uploaded CSV file to text. Statistics offices deliver UTF-8 (often with a BOM,
 * as Excel writes it) or Windows-1252; Excel's "Unicode text" is UTF-16 with a BOM. Without a
 * BOM a strict UTF-8 decode tells UTF-8 and Windows-1252 apart, since Windows-1252 umlauts are
 * never valid UTF-8 sequences.
 */
export type CsvEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

/** Bytes 0x80–0x9F in Windows-1252 (the five unassigned ones stay control characters). */
const WINDOWS_1252_C1 = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

const BOMS: readonly { encoding: CsvEncoding; bytes: readonly number[] }[] = [
	{ encoding: 'utf-8', bytes: [0xef, 0xbb, 0xbf] },
	{ encoding: 'utf-16le', bytes: [0xff, 0xfe] },
	{ encoding: 'utf-16be', bytes: [0xfe, 0xff] }
];

export function decodeCsvBytes(bytes: Uint8Array): { text: string; encoding: CsvEncoding } {
	const bom = BOMS.find((b) => b.bytes.every((byte, i) => bytes[i] === byte));
	const body = bom ? bytes.subarray(bom.bytes.length) : bytes;
	if (bom && bom.encoding !== 'utf-8') {
		// ignoreBOM: the BOM is gone already; a second one would be content.
		return { text: new TextDecoder(bom.encoding, { ignoreBOM: true }).decode(body), encoding: bom.encoding };
	}
	try {
		return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(body), encoding: 'utf-8' };
	} catch {
		// Node 20 decodes 'windows-1252' as Latin-1, leaving 0x80–0x9F as control characters.
		const text = new TextDecoder('windows-1252').decode(body).replace(/[\u0080-\u009f]/g, (c) => WINDOWS_1252_C1[c.charCodeAt(0) - 0x80]!);
		return { text, encoding: 'windows-1252' };
	}
}

/** Control characters a table never holds: C0 but tab, LF and CR; DEL; C1. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
export const CONTROL_CHARACTERS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;

/**
 * Whether decoded text can be a table at all: a NUL, or more than 1 % other control
 * characters, means a binary file (or one in an encoding we did not recognise).
 */
export function isPlainText(text: string): boolean {
	if (text.includes('\u0000')) return false;
	const controls = text.match(CONTROL_CHARACTERS)?.length ?? 0;
	return controls <= text.length / 100;
}

/** How the import page names an encoding. */
export const ENCODING_NAMES: Readonly<Record<CsvEncoding, string>> = {
	'utf-8': 'UTF-8',
	'utf-16le': 'UTF-16 LE',
	'utf-16be': 'UTF-16 BE',
	'windows-1252': 'Windows-1252'
};
