import type { Chart, ChartConfiguration, ChartDataset } from 'chart.js';

/**
 * Draws a bar chart on `canvas` once chart.js's bar parts have loaded (only pages that draw a
 * chart load them). `shown` gets the chart, and `undefined` once it is removed; the returned
 * function removes it, also when the page is left before chart.js arrived.
 */
export function drawBarChart<D extends unknown[], L>(
	canvas: HTMLCanvasElement,
	config: () => ChartConfiguration<'bar', D, L>,
	shown: (chart: Chart<'bar', D, L> | undefined) => void
): () => void {
	let alive = true;
	let created: Chart<'bar', D, L> | undefined;
	void import('chart.js').then(({ Chart, BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip }) => {
		if (!alive) return;
		Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip);
		created = new Chart<'bar', D, L>(canvas, config());
		shown(created);
	});
	return () => {
		alive = false;
		if (!created) return;
		created.destroy();
		shown(undefined);
	};
}

/** New data for a drawn chart (a live change), without animation. */
export function redrawBarChart<D extends unknown[], L>(chart: Chart<'bar', D, L>, labels: L[], datasets: ChartDataset<'bar', D>[]): void {
	chart.data.labels = labels;
	chart.data.datasets = datasets;
	chart.update('none');
}
