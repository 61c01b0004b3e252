import type { TestProject } from 'vitest/node';
import { randomBytes } from 'node:crypto';
import { createCluster, removeCluster, type Cluster } from '../../support/cluster.mjs';

declare module 'vitest' {
	export interface ProvidedContext {
		/** The fault suite's own PostgreSQL cluster (tests stop and start it). */
		faultCluster: Cluster;
	}
}

/** One cluster for the whole fault suite, removed at its end. */
export default async function setup(project: TestProject) {
	const cluster = await createCluster();
	project.provide('faultCluster', cluster);
	project.provide('testRunId', randomBytes(4).toString('hex'));
	project.provide('postgresVersion', null);
	return () => removeCluster(cluster);
}
