import type { ChartModel, SeriesKind } from './chart-series';

/**
 * Drawing an indicator chart without chart.js (server-rendered SVG on reports, vector PDF):
 * one look everywhere, the axes' ticks and the scales from data to the plot area. Pure.
 */

/** Colours with at least 3:1 contrast on white; dashes and point shapes repeat what colour says. */
export const GROUP_COLOURS = ['#1b4f8a', '#8a1b4f', '#1b6e3c', '#7a4a00', '#5b2a86', '#005f73'] as const;
export const GROUP_MARKERS = ['circle', 'square', 'triangle', 'diamond', 'star', 'cross'] as const;
export type Marker = (typeof GROUP_MARKERS)[number];

export interface SeriesStyle {
	colour: string;
	width: number;
	/** Dash pattern in user units; empty for a solid line. */
	dash: number[];
	/** Null for lines drawn without points. */
	marker: Marker | null;
}

export function seriesStyle(kind: SeriesKind, measuredIndex: number): SeriesStyle {
	if (kind === 'measured') return { colour: GROUP_COLOURS[measuredIndex % GROUP_COLOURS.length]!, width: 2, dash: [], marker: GROUP_MARKERS[measuredIndex % GROUP_MARKERS.length]! };
	if (kind === 'gap') return { colour: '#000000', width: 3, dash: [], marker: 'square' };
	if (kind === 'planned') return { colour: '#4a4a4a', width: 2, dash: [8, 4], marker: null };
	return { colour: '#8a2b1b', width: 2, dash: [2, 3], marker: null };
}

/** Round tick values covering [min, max]: 1, 2 or 5 times a power of ten apart. */
export function niceTicks(min: number, max: number, wanted = 5): number[] {
	if (!Number.isFinite(min) || !Number.isFinite(max)) return [];
	if (min === max) {
		const pad = Math.abs(min) * 0.1 || 1;
		return niceTicks(min - pad, max + pad, wanted);
	}
	const raw = (max - min) / Math.max(1, wanted);
	const power = 10 ** Math.floor(Math.log10(raw));
	const step = [1, 2, 5, 10].map((f) => f * power).find((s) => s >= raw)!;
	const first = Math.floor(min / step) * step;
	const ticks: number[] = [];
	for (let v = first; v <= max + step * 1e-9 || ticks.length < 2; v += step) ticks.push(Number(v.toPrecision(12)));
	if (ticks.at(-1)! < max) ticks.push(Number((ticks.at(-1)! + step).toPrecision(12)));
	return ticks;
}

const DAY = 86_400_000;
export const dayNumber = (date: string) => Date.parse(`${date}T00:00:00Z`) / DAY;

/** 1 January of each year in the span (every second or fifth year for long spans), as `yyyy-mm-dd`. */
export function yearTicks(from: string, to: string): string[] {
	const first = Number(from.slice(0, 4)) + (from.slice(5) === '01-01' ? 0 : 1);
	const last = Number(to.slice(0, 4));
	const years = last - first + 1;
	const every = years > 20 ? 5 : years > 10 ? 2 : 1;
	const ticks: string[] = [];
	for (let y = first; y <= last; y++) if ((y - first) % every === 0) ticks.push(`${y}-01-01`);
	return ticks;
}

export interface Frame {
	left: number;
	top: number;
	width: number;
	height: number;
}

export interface ChartLayout {
	x: (date: string) => number;
	y: (value: number) => number;
	xTicks: string[];
	yTicks: number[];
	from: string;
	to: string;
}

/** Scales spanning every point, baseline and target (and zero when the values are near it). */
export function chartLayout(model: ChartModel, frame: Frame): ChartLayout | null {
	const points = [...model.series.flatMap((s) => s.points), ...(model.baseline ? [model.baseline] : []), ...(model.target ? [model.target] : [])];
	if (points.length === 0) return null;
	const dates = points.map((p) => p.date).sort();
	let from = dates[0]!;
	let to = dates.at(-1)!;
	if (from === to) {
		from = `${Number(from.slice(0, 4)) - 1}${from.slice(4)}`;
		to = `${Number(to.slice(0, 4)) + 1}${to.slice(4)}`;
	}
	const values = points.map((p) => p.value);
	const yTicks = niceTicks(Math.min(...values), Math.max(...values));
	const low = yTicks[0]!;
	const high = yTicks.at(-1)!;
	const start = dayNumber(from);
	const span = dayNumber(to) - start;
	return {
		x: (date) => frame.left + ((dayNumber(date) - start) / span) * frame.width,
		y: (value) => frame.top + frame.height - ((value - low) / (high - low || 1)) * frame.height,
		xTicks: yearTicks(from, to),
		yTicks,
		from,
		to
	};
}
