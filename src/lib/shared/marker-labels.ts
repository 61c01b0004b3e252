/**
 * Where the labels of a chart's event markers go (sign-offs, check-ins, adjustments, the
 * deadline): beside their line, in at most `rows` rows above the plot, never over each other and
 * never past the plot's edges. A label near the right edge sits left of its line. When the rows
 * are full, the markers that do not fit are told by the label before them as "+2"; the goal's
 * timeline table lists them all. Pure: widths are measured by the caller.
 */
export interface MarkerLabel {
	/** The marker's line. */
	x: number;
	/** The label's text width. */
	width: number;
}

export interface PlacedLabel {
	/** Which marker (index into the input). */
	index: number;
	left: number;
	/** The text's width plus the "+n", at most the plot's width (the caller shortens the text). */
	width: number;
	row: number;
	/** How many markers without a label of their own this label stands for. */
	more: number;
}

export interface LabelLayout {
	left: number;
	right: number;
	rows: number;
	/** Space between a line and its label. */
	offset: number;
	/** Least space between two labels in a row. */
	gap: number;
	/** The width of " +n". */
	moreWidth: (count: number) => number;
}

export function placeMarkerLabels(labels: readonly MarkerLabel[], layout: LabelLayout): PlacedLabel[] {
	const { left: start, right: end, rows, offset, gap, moreWidth } = layout;
	if (rows < 1 || end <= start) return [];
	const order = labels.map((_, i) => i).sort((a, b) => labels[a]!.x - labels[b]!.x || a - b);
	const hidden = new Set<number>();
	// Each round hides the first label that finds no row, until all shown ones fit; one label always fits.
	for (;;) {
		const shown = order.filter((i) => !hidden.has(i));
		const more = new Map<number, number>();
		order.forEach((i, at) => {
			if (!hidden.has(i)) return;
			const host = order.slice(0, at).findLast((j) => !hidden.has(j)) ?? shown[0]!;
			more.set(host, (more.get(host) ?? 0) + 1);
		});
		const taken: [number, number][][] = Array.from({ length: rows }, () => []);
		const placed: PlacedLabel[] = [];
		let failed: number | null = null;
		for (const index of shown) {
			const count = more.get(index) ?? 0;
			const width = Math.min(end - start, labels[index]!.width + (count > 0 ? moreWidth(count) : 0));
			const x = labels[index]!.x;
			const beside = x + offset + width <= end ? x + offset : x - offset - width;
			const left = Math.min(Math.max(beside, start), end - width);
			const row = taken.findIndex((boxes) => boxes.every(([l, r]) => left + width + gap <= l || left >= r + gap));
			if (row < 0) {
				failed = index;
				break;
			}
			taken[row]!.push([left, left + width]);
			placed.push({ index, left, width, row, more: count });
		}
		if (failed === null) return placed;
		hidden.add(failed);
	}
}
