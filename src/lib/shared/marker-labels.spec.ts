import { describe, expect, it } from 'vitest';
import { placeMarkerLabels, type LabelLayout, type MarkerLabel, type PlacedLabel } from './marker-labels';

const layout: LabelLayout = { left: 40, right: 640, rows: 3, offset: 3, gap: 6, moreWidth: (n) => 10 + String(n).length * 7 };

const EPSILON = 1e-9; // pixels are floating point

/** No two labels of a row overlap (nor come closer than the gap), and every label lies within the plot. */
function expectTidy(placed: readonly PlacedLabel[], bounds: LabelLayout = layout) {
	for (const a of placed) {
		expect(a.left).toBeGreaterThanOrEqual(bounds.left);
		expect(a.left + a.width).toBeLessThanOrEqual(bounds.right + EPSILON);
		expect(a.row).toBeLessThan(bounds.rows);
		for (const b of placed) {
			if (a === b || a.row !== b.row) continue;
			expect(a.left + a.width + bounds.gap <= b.left + EPSILON || b.left + b.width + bounds.gap <= a.left + EPSILON, `${a.index} and ${b.index}`).toBe(true);
		}
	}
}

describe('placeMarkerLabels', () => {
	it('puts labels beside their line in the first row when there is room', () => {
		const placed = placeMarkerLabels([{ x: 100, width: 60 }, { x: 300, width: 60 }], layout);
		expect(placed).toEqual([
			{ index: 0, left: 103, width: 60, row: 0, more: 0 },
			{ index: 1, left: 303, width: 60, row: 0, more: 0 }
		]);
	});

	it('stacks labels of markers close together in rows', () => {
		// Zustimmung, Zustimmung, Anpassung, Gespräch within a few days of each other.
		const labels: MarkerLabel[] = [
			{ x: 200, width: 70 },
			{ x: 202, width: 70 },
			{ x: 205, width: 64 }
		];
		const placed = placeMarkerLabels(labels, layout);
		expect(placed.map((p) => p.row)).toEqual([0, 1, 2]);
		expectTidy(placed);
	});

	it('anchors a label near the right edge to the left of its line, and clamps at the left edge', () => {
		const [deadline] = placeMarkerLabels([{ x: 640, width: 30 }], layout); // "Frist" at the very end
		expect(deadline).toMatchObject({ left: 640 - 3 - 30, row: 0 });
		const [early] = placeMarkerLabels([{ x: 10, width: 50 }], layout); // before the plot starts
		expect(early!.left).toBe(40);
		expectTidy([deadline!]);
	});

	it('says "+n" on the label before the markers that find no row', () => {
		const labels = Array.from({ length: 6 }, (_, i) => ({ x: 300 + i, width: 80 }));
		const placed = placeMarkerLabels(labels, layout);
		expect(placed).toHaveLength(3);
		expect(placed.reduce((sum, p) => sum + 1 + p.more, 0)).toBe(6);
		expect(placed.find((p) => p.more > 0)).toMatchObject({ more: 3, width: 80 + layout.moreWidth(3) });
		expectTidy(placed);
	});

	it('keeps a label longer than the plot inside it', () => {
		const [only] = placeMarkerLabels([{ x: 100, width: 2000 }], layout);
		expect(only).toMatchObject({ left: 40, width: 600 });
	});

	it('never overlaps or leaves the plot, whatever the markers (random layouts)', () => {
		let seed = 7;
		const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
		for (let round = 0; round < 300; round++) {
			const bounds = { ...layout, right: 120 + random() * 900, rows: 1 + Math.floor(random() * 4) };
			const labels = Array.from({ length: Math.floor(random() * 25) }, () => ({ x: bounds.left - 20 + random() * (bounds.right - bounds.left + 40), width: 10 + random() * 200 }));
			const placed = placeMarkerLabels(labels, bounds);
			expectTidy(placed, bounds);
			// Every marker is told: by its own label or by a "+n".
			expect(placed.reduce((sum, p) => sum + 1 + p.more, 0)).toBe(labels.length);
			expect(new Set(placed.map((p) => p.index)).size).toBe(placed.length);
		}
	});

	it('has nothing to place without markers or room', () => {
		expect(placeMarkerLabels([], layout)).toEqual([]);
		expect(placeMarkerLabels([{ x: 1, width: 1 }], { ...layout, rows: 0 })).toEqual([]);
	});
});
