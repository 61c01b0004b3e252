import type * as Y from 'yjs';
import { replaceText, textSplice } from '$lib/shared/goal-doc';

export type Delta = { insert?: unknown; delete?: number; retain?: number }[];

/** Moves a caret index through a remote change, so typing is not interrupted by a partner. */
export function transformIndex(index: number, delta: Delta): number {
	let position = 0;
	let result = index;
	for (const op of delta) {
		if (op.retain !== undefined) position += op.retain;
		else if (op.insert !== undefined) {
			const length = typeof op.insert === 'string' ? op.insert.length : 1;
			if (position <= index) result += length;
			position += length;
		} else if (op.delete !== undefined) {
			if (position < index) result -= Math.min(op.delete, index - position);
		}
		if (position > index) break;
	}
	return Math.max(0, result);
}

/** The change from one text to another as one splice (common start and end kept), for moving a caret through it. */
export function textDelta(current: string, next: string): Delta {
	const { start, remove, insert } = textSplice(current, next);
	const delta: Delta = [{ retain: start }];
	if (remove > 0) delta.push({ delete: remove });
	if (insert) delta.push({ insert });
	return delta;
}

const LOCAL = Symbol('local-input');

/**
 * Binds a plain input or textarea to a Y.Text: local typing becomes the smallest edit, remote
 * edits update the field and keep the caret where the person was typing.
 */
export function bindText(node: HTMLInputElement | HTMLTextAreaElement, text: Y.Text | undefined) {
	// Nothing is observed before the first attach: unobserving a handler Yjs never had makes it
	// log an error (seen when a sub-page opens on a document that is already loaded).
	let current: Y.Text | undefined;
	const onInput = () => {
		if (!current) return;
		const target = current;
		target.doc?.transact(() => replaceText(target, node.value), LOCAL);
	};
	const observer = (event: Y.YTextEvent) => {
		if (event.transaction.origin === LOCAL) return;
		const focused = document.activeElement === node;
		const start = node.selectionStart ?? 0;
		const end = node.selectionEnd ?? 0;
		node.value = current?.toString() ?? '';
		if (focused) {
			const delta = event.delta as Delta;
			node.setSelectionRange(transformIndex(start, delta), transformIndex(end, delta));
		}
	};
	// Until the document's text arrives the field keeps what the server rendered (the projected
	// row), so a page read without script or before the socket connects is not blank.
	const attach = (next: Y.Text | undefined) => {
		current?.unobserve(observer);
		current = next;
		if (current) node.value = current.toString();
		current?.observe(observer);
	};
	attach(text);
	node.addEventListener('input', onInput);
	return {
		update: (next: Y.Text | undefined) => {
			if (next !== current) attach(next);
		},
		destroy: () => {
			node.removeEventListener('input', onInput);
			current?.unobserve(observer);
		}
	};
}
