/**
 * Mentions in a comment: "@" and a colleague's full name ("@Birgit Schneider"), or their e-mail
 * address when two people share a name, resolved on the server against the members who may read
 * the goal. Works without script and by keyboard alone. An "@" right after a letter or digit
 * (inside an e-mail address) starts no mention.
 */

/** The longest comment, in characters (the form limits typing to it, the server checks it). */
export const MAX_COMMENT = 4000;

export interface Mentionable {
	id: string;
	name: string;
	email?: string;
}

export interface MentionResult {
	/** Ids of the people mentioned, once each, in order of first mention. */
	ids: string[];
	/** What followed an "@" that names nobody ("@Birgit Sch"), as written. */
	unknown: string[];
	/** Names that more than one member carries. */
	ambiguous: string[];
}

const fold = (text: string) => text.normalize('NFC').toLocaleLowerCase('de');
const WORD = /[\p{L}\p{N}_]/u;

/** Where mentions may start: at an "@" not preceded by a letter or digit. */
function mentionStarts(body: string): number[] {
	const starts: number[] = [];
	for (let i = 0; i < body.length; i++) {
		if (body[i] === '@' && (i === 0 || !WORD.test(body[i - 1]!))) starts.push(i);
	}
	return starts;
}

/** The longest members' name right after position `at`, with everyone carrying it. */
function nameAt(body: string, at: number, people: readonly Mentionable[]): { length: number; ids: string[] } | undefined {
	const rest = fold(body.slice(at));
	let best: { length: number; ids: string[] } | undefined;
	for (const person of people) {
		for (const written of [person.name, person.email ?? '']) {
			const name = fold(written.trim());
			if (!name || !rest.startsWith(name) || WORD.test(rest.charAt(name.length))) continue;
			if (!best || name.length > best.length) best = { length: name.length, ids: [person.id] };
			else if (name.length === best.length && !best.ids.includes(person.id)) best.ids.push(person.id);
		}
	}
	return best;
}

export function findMentions(body: string, people: readonly Mentionable[]): MentionResult {
	const result: MentionResult = { ids: [], unknown: [], ambiguous: [] };
	for (const start of mentionStarts(body)) {
		const found = nameAt(body, start + 1, people);
		if (!found) {
			// A lone "@" or one followed by a space is punctuation, not a mention.
			const written = /^@[^\s@]+(?: [^\s@]+)?/u.exec(body.slice(start))?.[0];
			if (written && WORD.test(written.charAt(1))) result.unknown.push(written);
		} else if (found.ids.length > 1) {
			result.ambiguous.push(body.slice(start, start + 1 + found.length));
		} else if (!result.ids.includes(found.ids[0]!)) {
			result.ids.push(found.ids[0]!);
		}
	}
	return result;
}

/** A comment's text in pieces, the mentions of these names marked, for showing them. */
export function mentionSegments(body: string, names: readonly string[]): { text: string; mention: boolean }[] {
	const segments: { text: string; mention: boolean }[] = [];
	const people = names.map((name, i) => ({ id: String(i), name }));
	let from = 0;
	for (const start of mentionStarts(body)) {
		if (start < from) continue;
		const found = nameAt(body, start + 1, people);
		if (!found) continue;
		if (start > from) segments.push({ text: body.slice(from, start), mention: false });
		segments.push({ text: body.slice(start, start + 1 + found.length), mention: true });
		from = start + 1 + found.length;
	}
	if (from < body.length) segments.push({ text: body.slice(from), mention: false });
	return segments;
}
