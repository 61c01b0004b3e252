import type * as Y from 'yjs';
import type { Db } from './db';
import { documentKind, projectorFor, type DocumentKinds, type ProjectorLog } from './documents/projector';
import { announce } from './goals/announce';
import { projectContent } from './goals/projection';
import { announceConsolidation, projectAssessment } from './assessments/assessments';
import { projectAgreement } from './agreements/projection';
import type { DocRef } from '../shared/documents';
import { readGoalContent } from '../shared/goal-doc';
import { readAssessmentContent } from '../shared/assessment-doc';
import { readAgreementContent } from '../shared/agreement-doc';

/**
 * The registry of document kinds: it needs the goal, assessment and agreement domains, so it sits
 * above them and is wired in at boot (server/boot.ts). A new kind is added here, once. Who may
 * open a document is the access rules' business (`access/targets.ts`), not the registry's.
 */
export const DOCUMENT_KINDS: DocumentKinds = {
	goal: documentKind({ read: readGoalContent, project: projectContent, announce, skipped: (content) => content.invalid ?? [] }),
	assessment: documentKind({ read: readAssessmentContent, project: projectAssessment, announce: announceConsolidation }),
	agreement: documentKind({ read: readAgreementContent, project: projectAgreement, announce: announceConsolidation })
};

/** The sync server's onChange: projects every kind of document into its rows. */
export function documentProjector(db: Db, log: ProjectorLog): (ref: DocRef, doc: Y.Doc) => Promise<void> {
	return projectorFor(db, DOCUMENT_KINDS, log);
}
