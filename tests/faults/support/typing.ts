import { goalText, type TextField } from '../../../src/lib/shared/goal-doc';
import { delay, type Client } from '../../support/sync';

/** Someone typing tagged words into a field until stopped; `typed` lists every word. */
export function typist(client: Client, field: TextField, tag: string, everyMs = 20) {
	const typed: string[] = [];
	let going = true;
	const done = (async () => {
		while (going) {
			const word = `${tag}${typed.length};`;
			goalText(client.doc, field)!.insert(goalText(client.doc, field)!.length, word);
			typed.push(word);
			await delay(everyMs);
		}
	})();
	return {
		typed,
		async stop() {
			going = false;
			await done;
		}
	};
}

/** The words of `typed` missing from `text`. */
export const missing = (typed: string[], text: string) => typed.filter((word) => !text.includes(word));
