import type * as Y from 'yjs';
import type { Db } from './db';
import type { Actor } from './auth/session';
import { announce, goalAccess, projectContent } from './goals/goals';
import { announceConsolidation, assessmentAccess, projectAssessment } from './assessments/assessments';
import { agreementAccess, projectAgreement } from './agreements/agreements';
import type { DocKind, DocRef } from '../shared/documents';
import { readGoalContent } from '../shared/goal-doc';
import { readAssessmentContent } from '../shared/assessment-doc';
import { readAgreementContent } from '../shared/agreement-doc';

/**
 * What the sync server needs per document kind: who may open it (read or write) and how it is
 * projected into rows after clients changed it. One switch, so a new kind is added in one place.
 */
export function documentAccess(db: Db, actor: Actor, ref: DocRef): Promise<'write' | 'read' | null> {
	switch (ref.kind) {
		case 'goal':
			return goalAccess(db, actor, ref.id);
		case 'assessment':
			return assessmentAccess(db, actor, ref.id);
		case 'agreement':
			return agreementAccess(db, actor, ref.id);
	}
}

type Projected = { changed: boolean; municipalityId: string } | undefined;

interface Projection<C> {
	read(doc: Y.Doc): C;
	project(tx: Db, id: string, content: C): Promise<Projected>;
	announce(municipalityId: string, id: string): void;
}

const projection = <C>(p: Projection<C>) => p as Projection<unknown>;

const PROJECTIONS: Record<DocKind, Projection<unknown>> = {
	goal: projection({ read: readGoalContent, project: projectContent, announce }),
	assessment: projection({ read: readAssessmentContent, project: projectAssessment, announce: announceConsolidation }),
	agreement: projection({ read: readAgreementContent, project: projectAgreement, announce: announceConsolidation })
};

/**
 * A projector for the sync server's onChange. Each run is one transaction (readers never see
 * a row half new) and happens only when the content changed since the last run for that
 * document (a goal's description edits change no row).
 */
export function documentProjector(db: Db): (ref: DocRef, doc: Y.Doc) => Promise<void> {
	const projected = new WeakMap<object, string>();
	return async (ref, doc) => {
		const kind = PROJECTIONS[ref.kind];
		const content = kind.read(doc);
		const key = JSON.stringify(content);
		if (projected.get(doc) === key) return;
		const result = await db.transaction((tx) => kind.project(tx as unknown as Db, ref.id, content));
		projected.set(doc, key);
		if (result?.changed) kind.announce(result.municipalityId, ref.id);
	};
}
