import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { applyAll } from './update-log';

/** Keystroke-sized updates of one text, each building on the one before. */
function typing(count: number): Uint8Array[] {
	const doc = new Y.Doc();
	const updates: Uint8Array[] = [];
	doc.on('update', (update: Uint8Array) => updates.push(update));
	for (let i = 0; i < count; i++) doc.getText('t').insert(i, String.fromCharCode(97 + (i % 26)));
	doc.destroy();
	return updates;
}

const textOf = (updates: readonly Uint8Array[]) => {
	const doc = new Y.Doc();
	applyAll(doc, updates);
	const text = doc.getText('t').toString();
	doc.destroy();
	return text;
};

describe('applyAll', () => {
	it('gives the document the updates make, in order', () => {
		const updates = typing(500);
		const expected = new Y.Doc();
		for (const u of updates) Y.applyUpdate(expected, u);
		expect(textOf(updates)).toBe(expected.getText('t').toString());
		expect(textOf(updates)).toHaveLength(500);
	});

	it('keeps what builds on a missing update pending, and takes it in once that arrives', () => {
		const updates = typing(2000);
		// A cut that leaves out update 10: everything after it waits for it.
		const cut = [...updates.slice(0, 10), ...updates.slice(11)];
		const doc = new Y.Doc();
		applyAll(doc, cut);
		expect(doc.getText('t').toString()).toHaveLength(10);
		applyAll(doc, [updates[10]!]);
		expect(doc.getText('t').toString()).toBe(textOf(updates));
		doc.destroy();
	});
});
