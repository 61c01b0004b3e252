import { translate } from '../../i18n/translate';
import { formatDate } from '../../shared/format';
import type { TrackStatus } from '../../shared/forecast';
import type { SnapshotContent } from '../../shared/snapshot';

/**
 * The text block for a council document (Sitzungsvorlage): subject, summary and the proposed
 * resolution, in the report's language, ready to paste.
 */
export interface CouncilText {
	subject: string;
	summary: string;
	resolution: string;
	/** All three with their labels, as one block of plain text. */
	block: string;
}

export function councilText(content: SnapshotContent, hash: string): CouncilText {
	const say = (key: string, params: Record<string, string | number> = {}) => translate(key, params, content.locale);
	const date = formatDate(content.refDate, content.locale);
	const count = (status: TrackStatus) => content.goals.filter((g) => g.trackStatus === status).length;
	const subject = say('council_subject', { title: content.title, date });
	const scope = say('council_summary_scope', { title: content.title, date, goals: content.goals.length, departments: new Set(content.goals.map((g) => g.department)).size });
	const forecast = say('council_summary', {
		onTrack: count('onTrack'),
		atRisk: count('atRisk'),
		offTrack: count('offTrack'),
		noData: count('noData'),
		hash
	});
	const summary = `${scope} ${forecast}`;
	const resolution = say('council_resolution', { title: content.title, date });
	const block = `${say('council_subject_label')}: ${subject}\n\n${say('council_summary_label')}:\n${summary}\n\n${say('council_resolution_label')}:\n${resolution}\n`;
	return { subject, summary, resolution, block };
}
