import type { MeasurementInput } from '../../src/lib/server/measurements/measurements';

/** What the measurement form sends, with defaults for everything not given. */
export const entry = (fields: Partial<MeasurementInput> = {}): MeasurementInput => ({
	group: '',
	date: '2025-12-31',
	value: '',
	symbol: '',
	flags: [],
	cases: '',
	note: '',
	source: '',
	...fields
});
