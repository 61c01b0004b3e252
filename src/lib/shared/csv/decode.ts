/**
 * Bytes of an uploaded CSV file to text. Statistics offices deliver UTF-8 (often with a BOM,
 * as Excel writes it) or Windows-1252; a strict UTF-8 decode tells them apart, since
 * Windows-1252 umlauts are never valid UTF-8 sequences.
 */
export type CsvEncoding = 'utf-8' | 'windows-1252';

/** Bytes 0x80–0x9F in Windows-1252 (the five unassigned ones stay control characters). */
const WINDOWS_1252_C1 = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

export function decodeCsvBytes(bytes: Uint8Array): { text: string; encoding: CsvEncoding } {
	const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
	const body = bom ? bytes.subarray(3) : bytes;
	try {
		// ignoreBOM: the BOM is gone already; a second one would be content.
		return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(body), encoding: 'utf-8' };
	} catch {
		// Node 20 decodes 'windows-1252' as Latin-1, leaving 0x80–0x9F as control characters.
		const text = new TextDecoder('windows-1252').decode(body).replace(/[\u0080-\u009f]/g, (c) => WINDOWS_1252_C1[c.charCodeAt(0) - 0x80]!);
		return { text, encoding: 'windows-1252' };
	}
}
