import { m } from '$lib/i18n';
import type { Standing } from '$lib/shared/goal-standing';

/**
 * One look for how goals stand, wherever monitoring draws it (status chart, honeycomb rings):
 * a colour with at least 4.5:1 on white, a symbol and a pattern, so colour never carries the
 * meaning alone; the word is always next to it or in the accessible name.
 */
export type PatternKind = 'solid' | 'diagonal' | 'cross' | 'dots' | 'horizontal';

export const STANDING_LOOK: Record<Standing, { colour: string; symbol: string; pattern: PatternKind; label: () => string }> = {
	onTrack: { colour: '#1b6e3c', symbol: '✓', pattern: 'solid', label: m.track_on_track },
	atRisk: { colour: '#8f5400', symbol: '!', pattern: 'diagonal', label: m.track_at_risk },
	offTrack: { colour: '#a3191f', symbol: '✗', pattern: 'cross', label: m.track_off_track },
	noData: { colour: '#5c5c5c', symbol: '–', pattern: 'dots', label: m.track_no_data },
	closed: { colour: '#1b4f8a', symbol: '■', pattern: 'horizontal', label: m.standing_closed }
};

/** A small tile of the colour with white lines or dots on it, for canvas fills (browser only). */
export function canvasPattern(colour: string, kind: PatternKind): CanvasPattern | string {
	if (kind === 'solid') return colour;
	const size = 8;
	const tile = document.createElement('canvas');
	tile.width = tile.height = size;
	const ctx = tile.getContext('2d');
	if (!ctx) return colour;
	ctx.fillStyle = colour;
	ctx.fillRect(0, 0, size, size);
	ctx.strokeStyle = ctx.fillStyle = 'rgba(255, 255, 255, 0.75)';
	ctx.lineWidth = 1.5;
	ctx.beginPath();
	if (kind === 'diagonal' || kind === 'cross') {
		ctx.moveTo(0, size);
		ctx.lineTo(size, 0);
		ctx.moveTo(-2, 2);
		ctx.lineTo(2, -2);
		ctx.moveTo(size - 2, size + 2);
		ctx.lineTo(size + 2, size - 2);
	}
	if (kind === 'cross') {
		ctx.moveTo(0, 0);
		ctx.lineTo(size, size);
	}
	if (kind === 'horizontal') {
		ctx.moveTo(0, size / 2);
		ctx.lineTo(size, size / 2);
	}
	ctx.stroke();
	if (kind === 'dots') {
		ctx.beginPath();
		ctx.arc(size / 2, size / 2, 1.5, 0, 2 * Math.PI);
		ctx.fill();
	}
	return ctx.createPattern(tile, 'repeat') ?? colour;
}
