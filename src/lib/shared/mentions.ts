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

/** Someone to suggest after "@": the name shown and what the mention writes (the e-mail address when the name is shared). */
export interface Suggestion {
	name: string;
	handle: string;
}

/** The people as suggestions: a name two people carry is written as each one's e-mail address. */
export function suggestionsOf(people: readonly Mentionable[]): Suggestion[] {
	const counts = new Map<string, number>();
	for (const p of people) counts.set(fold(p.name), (counts.get(fold(p.name)) ?? 0) + 1);
	return people.map((p) => ({ name: p.name, handle: (counts.get(fold(p.name)) ?? 0) > 1 && p.email ? p.email : p.name }));
}

/**
 * The mention being typed where the caret stands: where its "@" is and what follows it (up to
 * two words, as names are written). Null when the caret is not in a mention.
 */
export function mentionAtCaret(text: string, caret: number): { start: number; query: string } | null {
	const before = text.slice(0, caret);
	const at = before.lastIndexOf('@');
	if (at < 0 || !mentionStarts(before).includes(at)) return null;
	const query = before.slice(at + 1);
	// A name has at most a few words; a line break or a second space ends the search.
	if (/\n/.test(query) || query.split(' ').length > 3 || query.startsWith(' ')) return null;
	return { start: at, query };
}

/** Who matches a typed query: names whose words, or whose handle, start with it; at most `limit`. */
export function matchSuggestions(all: readonly Suggestion[], query: string, limit = 6): Suggestion[] {
	const q = fold(query.trim());
	const matches = all.filter((s) => {
		const name = fold(s.name);
		return !q || name.startsWith(q) || name.split(/\s+/).some((word) => word.startsWith(q)) || fold(s.handle).startsWith(q);
	});
	return matches.slice(0, limit);
}

/** The text with the mention at `start` (and the query typed after it) replaced by the handle and a space; the new caret. */
export function insertMention(text: string, start: number, caret: number, handle: string): { text: string; caret: number } {
	const inserted = `@${handle} `;
	const after = text.slice(caret).replace(/^ /, '');
	return { text: text.slice(0, start) + inserted + after, caret: start + inserted.length };
}
