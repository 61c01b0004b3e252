// Update logs for the goals of the bench municipality (seed-municipality.mjs writes only rows):
// each goal's document as its tandem wrote it on one day, then typing-sized edits spread over the
// years since, as a goal worked on for a while has. Views that rebuild goals as they stood at a
// date (the period evaluation) read these logs. The goals' creation and sign-offs move to the day
// of writing.
import { loadModules } from './load-modules.mjs';

const WRITTEN = Date.parse('2024-01-15T09:00:00Z');
const LAST_EDIT = Date.parse('2026-11-30T16:00:00Z');
const WORDS = 'Zwei Stellenanteile und Sachmittel aus dem Integrationsbudget sowie Honorare für Sprachmittlerinnen'.split(' ');

/** Writes every goal's log; returns the number of stored updates. */
export async function writeGoalDocuments(sql, scratch, { editsPerGoal = 60 } = {}) {
	const { Y, initGoalDoc, addIndicator, goalText, goalRoot, readGoalContent, contentHash } = await loadModules(
		scratch,
		'goal-documents',
		[
			`export { initGoalDoc, addIndicator, goalText, goalRoot, readGoalContent } from './src/lib/shared/goal-doc.ts';`,
			`export { contentHash } from './src/lib/shared/content-hash.ts';`,
			`export * as Y from 'yjs';`
		].join('\n')
	);
	const goals = await sql`select id, title, for_whom, criterion, deadline::text as deadline, created_by from goal order by id`;
	const indicators = await sql`select *, baseline_date::text as baseline, target_date::text as target from indicator order by goal_id, position`;
	const byGoal = new Map();
	for (const i of indicators) byGoal.set(i.goal_id, [...(byGoal.get(i.goal_id) ?? []), i]);
	const number = (v) => (v === null ? null : Number(v));
	let stored = 0;
	for (const goal of goals) {
		const doc = new Y.Doc();
		doc.transact(() => {
			initGoalDoc(doc, { title: goal.title });
			goalText(doc, 'forWhom').insert(0, goal.for_whom);
			goalRoot(doc).set('criterion', 'reach');
			goalRoot(doc).set('deadline', goal.deadline);
			for (const i of byGoal.get(goal.id) ?? []) {
				addIndicator(
					doc,
					{
						name: i.name,
						unit: i.unit,
						direction: i.direction,
						baselineValue: number(i.baseline_value),
						baselineDate: i.baseline,
						targetValue: number(i.target_value),
						targetDate: i.target,
						frequency: i.frequency,
						source: i.source,
						breakdown: i.breakdown,
						groups: i.groups,
						targetGroup: i.target_group,
						gapGroup: i.gap_group
					},
					i.id
				);
			}
		});
		const rows = [{ doc_name: `goal/${goal.id}`, user_id: goal.created_by, update: Y.encodeStateAsUpdate(doc), created_at: new Date(WRITTEN).toISOString() }];
		const hash = contentHash(readGoalContent(doc));
		const resources = goalText(doc, 'resources');
		for (let n = 0; n < editsPerGoal; n++) {
			const before = Y.encodeStateVector(doc);
			resources.insert(resources.length, `${n === 0 ? '' : ' '}${WORDS[n % WORDS.length]}`);
			const at = WRITTEN + 86_400_000 + ((LAST_EDIT - WRITTEN - 86_400_000) * n) / editsPerGoal;
			rows.push({ doc_name: `goal/${goal.id}`, user_id: goal.created_by, update: Y.encodeStateAsUpdate(doc, before), created_at: new Date(at).toISOString() });
		}
		doc.destroy();
		await sql`insert into doc_update ${sql(rows)}`;
		await sql`update goal_signoff set content_hash = ${hash}, signed_at = ${new Date(WRITTEN + 14 * 86_400_000).toISOString()} where goal_id = ${goal.id}`;
		stored += rows.length;
	}
	await sql`update goal set created_at = ${new Date(WRITTEN).toISOString()}`;
	await sql`analyze doc_update`;
	return stored;
}
