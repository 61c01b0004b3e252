import { chartLayout, seriesStyle, type Marker, type SeriesStyle } from '../../shared/chart-geometry';
import type { ChartModel, ChartSeries } from '../../shared/chart-series';
import type { Point } from '../../shared/forecast';
import { formatDate } from '../../shared/format';

/**
 * An indicator's chart as vector graphics for the snapshot PDF, drawn with pdfkit primitives
 * from the frozen chart model with the same geometry and styles as the report's SVG chart
 * (`chart-geometry`): one line per group (colour and marker shape differ, so no one needs
 * colour to tell them apart), the gap, the planned path dashed, the forecast dotted, baseline
 * and target as markers, year ticks on the time axis, round ticks on the value axis, a legend.
 * The caller wraps the drawing in a tagged Figure with its alt text.
 */

export interface ChartInput {
	model: ChartModel;
	unit: string;
	locale: 'de' | 'en';
	/** The registered name of the font for labels. */
	font: string;
	/** A value as the axis labels show it. */
	number: (value: number) => string;
	/** The legend label of a series (translated by the caller). */
	label: (series: ChartSeries) => string;
	/** The legend label of the baseline or target marker. */
	markerLabel: (kind: 'baseline' | 'target', point: Point) => string;
}

export interface ChartLayout {
	height: number;
	draw(x: number, y: number): void;
}

const AXIS = '#3f3f3f';
const GRID = '#d5d7e0';
const BASELINE_TARGET = '#4a4a4a';
const FONT_SIZE = 7;
const PLOT_HEIGHT = 150;
const UNIT_ROW = 12;
const X_LABELS = 16;
const LEGEND_ROW = 11;
const SAMPLE = 22;
/** The shared styles are in SVG pixels of a 640 wide chart; this one is about 480 points wide. */
const LINE_SCALE = 0.7;

/** Star and cross are drawn open; flagged values (provisional, revised, …) hollow and larger. */
function marker(doc: PDFKit.PDFDocument, shape: Marker, x: number, y: number, r: number, colour: string, hollow: boolean) {
	doc.save().undash().lineWidth(1).lineJoin('miter');
	switch (shape) {
		case 'star':
		case 'cross': {
			const d = shape === 'star' ? r * 0.7 : r;
			if (shape === 'star') doc.moveTo(x - r, y).lineTo(x + r, y).moveTo(x, y - r).lineTo(x, y + r);
			doc.moveTo(x - d, y - d).lineTo(x + d, y + d).moveTo(x + d, y - d).lineTo(x - d, y + d);
			doc.lineWidth(1.1).strokeColor(colour).stroke();
			doc.restore();
			return;
		}
		case 'square':
			doc.rect(x - r, y - r, 2 * r, 2 * r);
			break;
		case 'triangle':
			doc.polygon([x, y - r * 1.2], [x + r * 1.1, y + r], [x - r * 1.1, y + r]);
			break;
		case 'diamond':
			doc.polygon([x, y - r * 1.3], [x + r * 1.3, y], [x, y + r * 1.3], [x - r * 1.3, y]);
			break;
		default:
			doc.circle(x, y, r);
	}
	if (hollow) doc.fillAndStroke('#ffffff', colour);
	else doc.fillAndStroke(colour, colour);
	doc.restore();
}

function strokeStyle(doc: PDFKit.PDFDocument, style: SeriesStyle) {
	doc.lineWidth(style.width * LINE_SCALE).strokeColor(style.colour).lineJoin('round');
	if (style.dash.length > 0) doc.dash(style.dash.map((d) => d * LINE_SCALE));
	else doc.undash();
}

interface LegendItem {
	label: string;
	/** A line sample in this style, or a marker alone. */
	style: SeriesStyle | null;
	marker: Marker | null;
	colour: string;
	hollow: boolean;
}

/** Measures the chart at a width; null when there is nothing to draw. */
export function layoutChart(doc: PDFKit.PDFDocument, input: ChartInput, width: number): ChartLayout | null {
	const { model, locale, number } = input;
	let measured = 0;
	const lines = model.series.map((series) => ({ series, style: seriesStyle(series.kind, series.kind === 'measured' ? measured++ : 0) })).filter((l) => l.series.points.length > 0);
	// The scales span every point, so a probe layout gives the value ticks (and their labels' width).
	const probe = chartLayout(model, { left: 0, top: 0, width: 1, height: 1 });
	if (!probe) return null;
	doc.font(input.font).fontSize(FONT_SIZE);
	const tickLabels = probe.yTicks.map(number);
	const labelWidth = Math.max(...tickLabels.map((l) => doc.widthOfString(l)));

	// Legend: items flow into rows.
	const items: LegendItem[] = [
		...lines.map(({ series, style }) => ({ label: input.label(series), style, marker: style.marker, colour: style.colour, hollow: style.marker === 'star' || style.marker === 'cross' })),
		...(model.baseline ? [{ label: input.markerLabel('baseline', model.baseline), style: null, marker: 'diamond' as const, colour: BASELINE_TARGET, hollow: true }] : []),
		...(model.target ? [{ label: input.markerLabel('target', model.target), style: null, marker: 'diamond' as const, colour: BASELINE_TARGET, hollow: false }] : [])
	];
	const placed: (LegendItem & { dx: number; row: number })[] = [];
	let dx = 0;
	let row = 0;
	for (const item of items) {
		const w = (item.style ? SAMPLE : 10) + 4 + doc.widthOfString(item.label) + 12;
		if (dx > 0 && dx + w > width) {
			dx = 0;
			row++;
		}
		placed.push({ ...item, dx, row });
		dx += w;
	}
	const height = UNIT_ROW + PLOT_HEIGHT + X_LABELS + (row + 1) * LEGEND_ROW;

	function draw(x: number, y: number) {
		const frame = { left: x + labelWidth + 6, top: y + UNIT_ROW, width: width - labelWidth - 12, height: PLOT_HEIGHT };
		const layout = chartLayout(model, frame)!;
		const right = frame.left + frame.width;
		const bottom = frame.top + frame.height;

		doc.save();
		doc.font(input.font).fontSize(FONT_SIZE).fillColor(AXIS);
		if (input.unit) doc.text(input.unit, x, y, { lineBreak: false });

		// Grid and value labels
		doc.lineWidth(0.5).strokeColor(GRID).undash();
		layout.yTicks.forEach((v, i) => {
			const ty = layout.y(v);
			doc.moveTo(frame.left, ty).lineTo(right, ty).stroke();
			const label = tickLabels[i]!;
			doc.text(label, frame.left - 4 - doc.widthOfString(label), ty - FONT_SIZE / 2 - 0.5, { lineBreak: false });
		});

		// Axes and year ticks (the first and last date when the span has no new year)
		doc.lineWidth(0.8).strokeColor(AXIS).moveTo(frame.left, frame.top).lineTo(frame.left, bottom).lineTo(right, bottom).stroke();
		const ticks =
			layout.xTicks.length >= 2
				? layout.xTicks.map((date) => ({ date, label: date.slice(0, 4) }))
				: [...new Set([layout.from, layout.to])].map((date) => ({ date, label: formatDate(date, locale) }));
		for (const tick of ticks) {
			const tx = layout.x(tick.date);
			doc.lineWidth(0.6).moveTo(tx, bottom).lineTo(tx, bottom + 3).stroke();
			const w = doc.widthOfString(tick.label);
			doc.text(tick.label, Math.min(Math.max(tx - w / 2, frame.left - 6), right - w + 4), bottom + 4.5, { lineBreak: false });
		}

		// Lines in the model's order (measured, gap, planned, forecast), then the markers on top.
		for (const { series, style } of lines) {
			if (series.points.length < 2) continue;
			strokeStyle(doc, style);
			series.points.forEach((p, i) => (i === 0 ? doc.moveTo(layout.x(p.date), layout.y(p.value)) : doc.lineTo(layout.x(p.date), layout.y(p.value))));
			doc.stroke();
		}
		doc.undash();
		for (const { series, style } of lines) {
			if (!style.marker) continue;
			// Dense series (monthly over years) get smaller markers.
			const r = series.points.length > 40 ? 1.5 : 2.4;
			const open = style.marker === 'star' || style.marker === 'cross';
			for (const p of series.points) marker(doc, style.marker, layout.x(p.date), layout.y(p.value), p.flagged ? r + 1 : r, style.colour, p.flagged || open);
		}
		if (model.baseline) marker(doc, 'diamond', layout.x(model.baseline.date), layout.y(model.baseline.value), 2.8, BASELINE_TARGET, true);
		if (model.target) marker(doc, 'diamond', layout.x(model.target.date), layout.y(model.target.value), 2.8, BASELINE_TARGET, false);

		// Legend
		const legendTop = bottom + X_LABELS;
		for (const item of placed) {
			const lx = x + item.dx;
			const ly = legendTop + item.row * LEGEND_ROW;
			const mid = ly + FONT_SIZE / 2 + 0.5;
			const sample = item.style ? SAMPLE : 10;
			if (item.style) {
				strokeStyle(doc, item.style);
				doc.moveTo(lx, mid).lineTo(lx + SAMPLE, mid).stroke();
				doc.undash();
			}
			if (item.marker) marker(doc, item.marker, lx + sample / 2, mid, item.style ? 2.4 : 2.8, item.colour, item.hollow);
			doc.fillColor(AXIS).text(item.label, lx + sample + 4, ly, { lineBreak: false });
		}
		doc.restore();
	}

	return { height, draw };
}
