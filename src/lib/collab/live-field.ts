import type { FieldCodec, FieldError } from './field-codecs';
import { textDelta, transformIndex } from './text-binding';

/**
 * What a live field knows about its document value. Typing writes every text that reads as a
 * value at once (last writer wins per field); text that does not stays in the field. A value
 * the document reports replaces the text unless the text already says it, so the field's own
 * echo, or a reader's normalising (an indicator's breakdown reads '' until it has groups),
 * never rewrites what the person is typing.
 */
export class LiveValue<T> {
	/** The value the document last reported; reporting it again changes nothing. */
	private reported: T;
	/** What the document holds as far as this field knows: the last report or its own write. */
	private known: T;

	constructor(
		private readonly codec: FieldCodec<T>,
		value: T
	) {
		this.reported = value;
		this.known = value;
	}

	/** The person changed the text: the value and whether it is new to the document, or the error. */
	input(text: string, incomplete = false): { value: T; write: boolean } | { error: FieldError } {
		const parsed = this.codec.parse(text, incomplete);
		if ('error' in parsed) return parsed;
		const write = !this.codec.equal(parsed.value, this.known);
		if (write) this.known = parsed.value;
		return { value: parsed.value, write };
	}

	/** The document reported its value: the text to show instead, or null to keep the field as it is. */
	report(value: T, text: string, incomplete = false): string | null {
		if (this.codec.equal(value, this.reported)) return null;
		this.reported = value;
		this.known = value;
		const parsed = this.codec.parse(text, incomplete);
		return 'value' in parsed && this.codec.equal(parsed.value, value) ? null : this.codec.format(value);
	}
}

export interface LiveFieldParams<T> {
	/** The document's current value. */
	value: T;
	/** Fixed for the field's life. */
	codec: FieldCodec<T>;
	write: (value: T) => void;
	/** The error to show while the text is no value, null once it is one (or replaced by the document's). */
	onerror: (error: FieldError | null) => void;
}

let commitFocused: (() => void) | null = null;

/**
 * Writes what the focused live field shows if the document lacks it. Every input event writes
 * already; this is for a page that closes after the browser changed the field without one.
 */
export function commitFocusedField(): void {
	commitFocused?.();
}

/** Shows a new text in the field; a focused field keeps its caret where the person was typing. */
function replaceShown(node: HTMLInputElement, text: string): void {
	const start = node.selectionStart;
	const end = node.selectionEnd;
	const delta = textDelta(node.value, text);
	node.value = text;
	// Date inputs have no caret to keep (their selection is null).
	if (document.activeElement === node && start !== null && end !== null) {
		node.setSelectionRange(transformIndex(start, delta), transformIndex(end, delta));
	}
}

/**
 * Binds an input to a plain document value, live: each keystroke that makes a value writes it
 * synchronously (no debounce a closing page could drop), so it is in the Y.Doc and from there in
 * the offline store and on the socket before the next key.
 */
export function liveField<T>(node: HTMLInputElement, params: LiveFieldParams<T>) {
	let current = params;
	const state = new LiveValue(params.codec, params.value);
	const commit = () => {
		const result = state.input(node.value, node.validity.badInput);
		current.onerror('error' in result ? result.error : null);
		if ('value' in result && result.write) current.write(result.value);
	};
	const onFocus = () => (commitFocused = commit);
	const onBlur = () => {
		if (commitFocused === commit) commitFocused = null;
	};
	node.addEventListener('input', commit);
	node.addEventListener('focus', onFocus);
	node.addEventListener('blur', onBlur);
	return {
		update(next: LiveFieldParams<T>) {
			current = next;
			const text = state.report(next.value, node.value, node.validity.badInput);
			if (text === null) return;
			replaceShown(node, text);
			next.onerror(null);
		},
		destroy() {
			node.removeEventListener('input', commit);
			node.removeEventListener('focus', onFocus);
			node.removeEventListener('blur', onBlur);
			onBlur();
		}
	};
}
