/**
 * A word diff of two texts, for showing what an edit removed and inserted. Words and the space
 * between them are the units; the longest common subsequence keeps what stayed. Beyond a size
 * where that gets slow, the middle part that differs is shown as removed and inserted whole.
 */
export interface DiffPart {
	op: 'same' | 'del' | 'ins';
	text: string;
}

const MAX_CELLS = 1_000_000;

const tokens = (text: string) => text.match(/\s+|[^\s]+/g) ?? [];

export function wordDiff(before: string, after: string): DiffPart[] {
	const a = tokens(before);
	const b = tokens(after);
	let start = 0;
	while (start < a.length && start < b.length && a[start] === b[start]) start++;
	let endA = a.length;
	let endB = b.length;
	while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
		endA--;
		endB--;
	}
	const parts: DiffPart[] = [];
	const push = (op: DiffPart['op'], text: string) => {
		if (!text) return;
		const last = parts.at(-1);
		if (last?.op === op) last.text += text;
		else parts.push({ op, text });
	};
	push('same', a.slice(0, start).join(''));
	const midA = a.slice(start, endA);
	const midB = b.slice(start, endB);
	if (midA.length * midB.length > MAX_CELLS) {
		push('del', midA.join(''));
		push('ins', midB.join(''));
	} else {
		for (const part of lcsDiff(midA, midB)) push(part.op, part.text);
	}
	push('same', a.slice(endA).join(''));
	return parts;
}

function lcsDiff(a: readonly string[], b: readonly string[]): DiffPart[] {
	const n = a.length;
	const m = b.length;
	// lengths[i * (m + 1) + j]: the longest common subsequence of a[i..] and b[j..].
	const lengths = new Uint32Array((n + 1) * (m + 1));
	for (let i = n - 1; i >= 0; i--) {
		for (let j = m - 1; j >= 0; j--) {
			lengths[i * (m + 1) + j] = a[i] === b[j] ? lengths[(i + 1) * (m + 1) + j + 1]! + 1 : Math.max(lengths[(i + 1) * (m + 1) + j]!, lengths[i * (m + 1) + j + 1]!);
		}
	}
	const parts: DiffPart[] = [];
	let i = 0;
	let j = 0;
	while (i < n || j < m) {
		if (i < n && j < m && a[i] === b[j]) {
			parts.push({ op: 'same', text: a[i++]! });
			j++;
		} else if (i < n && (j === m || lengths[(i + 1) * (m + 1) + j]! >= lengths[i * (m + 1) + j + 1]!)) {
			// Removed before inserted, so a replaced word reads "old, then new".
			parts.push({ op: 'del', text: a[i++]! });
		} else {
			parts.push({ op: 'ins', text: b[j++]! });
		}
	}
	return parts;
}
