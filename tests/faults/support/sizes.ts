import { inject } from 'vitest';
import { useTestDatabase } from '../../support/db';

/** CI's size, or the soak's (`npm run faults:soak`). */
export const size = (ci: number, soak: number): number => (process.env.FAULTS_SOAK ? soak : ci);

/** A fresh database on the fault suite's own cluster for a describe block. */
export const useFaultDatabase = () => useTestDatabase('postgres', { serverUrl: () => inject('faultCluster').url });

/** One line per measured figure, for the closing note and the soak's report. */
export function report(test: string, figures: Record<string, number | string>): void {
	console.log(`[faults] ${test}: ${Object.entries(figures).map(([key, value]) => `${key}=${value}`).join(' ')}`);
}
