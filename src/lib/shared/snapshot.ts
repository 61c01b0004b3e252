import type { ChartModel } from './chart-series';
import type { Criterion } from './criteria';
import type { Forecast, Point, TrackStatus } from './forecast';
import type { IndicatorDef } from './goal-doc';
import type { CloseOutcome, GoalStatus } from './goal-status';
import type { CheckInOverall } from './loop';
import type { Flag, StatSymbol } from './measurement-value';
import type { SmartCriterion } from './smart';
import type { AssessmentStage, StageReason } from './assessment';
import type { AgreementPart, AgreementSide, AgreementStatus } from './agreement-doc';

/**
 * A council snapshot (Monitoring-Bericht) as frozen data: everything the report shows, computed
 * at its reference date, so that later edits, corrections and deletions never change it. Its
 * SHA-256 over the canonical JSON is the hash printed on the report.
 */
export const SNAPSHOT_VERSION = 1;

/** Shown instead of a value whose case count is below the snapshot's threshold. */
export const SUPPRESSED_MARK = '·';

export interface SnapshotValue {
	group: string;
	date: string;
	/** Null for a statistics symbol or a suppressed value. */
	value: number | null;
	symbol: StatSymbol | null;
	flags: Flag[];
	/** Null when unknown or suppressed. */
	cases: number | null;
	/** Fewer cases than the snapshot's threshold: the number is not published. */
	suppressed: boolean;
}

/** The indicator's definition as it stood (baseline and target are in the chart), and its numbers. */
export interface SnapshotIndicator
	extends Pick<IndicatorDef, 'id' | 'name' | 'unit' | 'direction' | 'frequency' | 'source' | 'breakdown' | 'groups' | 'targetGroup' | 'gapGroup' | 'weight'> {
	/** Values with a reference date up to the snapshot's, in date order. */
	values: SnapshotValue[];
	forecast: Forecast;
	/** The chart as drawn: measured groups, gap, planned path, forecast, baseline and target. */
	chart: ChartModel;
}

export interface SnapshotCheckIn {
	date: string;
	overall: CheckInOverall;
	confidence: number;
	happened: string;
	decided: string;
	participants: string;
}

export interface SnapshotAdjustment {
	field: string;
	label: string;
	before: unknown;
	after: unknown;
	detectedAt: string;
	reason: string | null;
}

export interface SnapshotGoal {
	id: string;
	title: string;
	department: string;
	tandem: string;
	forWhom: string;
	/** The description as plain text, paragraphs separated by blank lines. */
	description: string;
	resources: string;
	criterion: Criterion | null;
	deadline: string | null;
	status: GoalStatus;
	closed: { outcome: CloseOutcome | null; comment: string } | null;
	smart: { score: number; ok: Record<SmartCriterion, boolean> };
	/** Weighted share of the way (may be < 0 or > 1); null without any rated indicator. */
	progress: number | null;
	trackStatus: TrackStatus;
	/** The snapshot author's words on this goal. */
	commentary: string;
	indicators: SnapshotIndicator[];
	/** Reviews since the previous snapshot (all up to the reference date when there is none). */
	checkIns: SnapshotCheckIn[];
	/** All adjustments of the goal up to the snapshot, with their reasons. */
	adjustments: SnapshotAdjustment[];
}

export interface SnapshotRef {
	id: string;
	title: string;
	refDate: string;
	createdAt: string;
	hash: string;
}

/** Where the municipality stood: the latest assessment on or before the reference date. */
export interface SnapshotAssessment {
	id: string;
	assessedOn: string;
	stage: AssessmentStage;
	/** Message keys with their numbers (averages), translated in the report's language. */
	reasons: StageReason[];
	/** 0–3 per Table 1 criterion. */
	averages: Record<Criterion, number>;
	/** Criteria below the threshold, each with Table 1's action level proposed. */
	weak: Criterion[];
	summary: string;
}

/** An agreement as it stood when the report was made. */
export interface SnapshotAgreement {
	id: string;
	title: string;
	department: string;
	status: AgreementStatus;
	validFrom: string | null;
	validUntil: string | null;
	reviewOn: string | null;
	parts: Record<AgreementPart, string>;
	/** Titles of the linked goals. */
	goals: string[];
	/** Signatures on this content (ISO date-times). */
	signatures: { side: AgreementSide; name: string; signedAt: string }[];
	/** What the signatures cover. */
	contentHash: string;
}

export interface SnapshotContent {
	version: typeof SNAPSHOT_VERSION;
	/** The report's language (council documents are German; English on request). */
	locale: 'de' | 'en';
	municipality: string;
	title: string;
	refDate: string;
	createdAt: string;
	createdBy: string;
	commentary: string;
	/** Values with fewer cases are suppressed; null publishes every value. */
	minCases: number | null;
	previous: SnapshotRef | null;
	goals: SnapshotGoal[];
	/** Included on request; absent in reports made without (and in those made before it existed). */
	assessment?: SnapshotAssessment;
	agreements?: SnapshotAgreement[];
}

/** Whether a value is published: values without a case count are. */
export function isSuppressed(cases: number | null, minCases: number | null): boolean {
	return minCases !== null && cases !== null && cases < minCases;
}

// ---------------------------------------------------------------------------------------------
// Changes between two snapshots

export interface ValueChange {
	goalId: string;
	goalTitle: string;
	indicatorId: string;
	indicatorName: string;
	group: string;
	date: string;
	before: SnapshotValue | null;
	after: SnapshotValue | null;
}

export interface SnapshotChanges {
	previous: SnapshotRef;
	goalsAdded: { id: string; title: string }[];
	goalsDropped: { id: string; title: string }[];
	goalsClosed: { id: string; title: string; outcome: CloseOutcome | null }[];
	statusChanges: { id: string; title: string; before: TrackStatus; after: TrackStatus }[];
	progressDeltas: { id: string; title: string; before: number; after: number; delta: number }[];
	newValues: ValueChange[];
	correctedValues: ValueChange[];
	removedValues: ValueChange[];
	adjustments: (SnapshotAdjustment & { goalId: string; goalTitle: string })[];
	/** The municipality's stage, when both reports include an assessment and it moved. */
	stage: { before: AssessmentStage; after: AssessmentStage; assessedOn: string } | null;
	/** Agreements in the newer report that are new to it or whose status moved. */
	agreements: { id: string; title: string; department: string; before: AgreementStatus | null; after: AgreementStatus }[];
}

const valueKey = (indicatorId: string, v: Pick<SnapshotValue, 'group' | 'date'>) => `${indicatorId}\u0000${v.group}\u0000${v.date}`;
const sameValue = (a: SnapshotValue, b: SnapshotValue) =>
	a.value === b.value && a.symbol === b.symbol && a.suppressed === b.suppressed && a.flags.join() === b.flags.join();

/**
 * What changed from `previous` to `next`, both frozen: goals added, no longer covered and
 * closed, forecast status changes, progress deltas, new, corrected and removed values, and
 * adjustments recorded after the previous snapshot was made.
 */
export function snapshotChanges(previous: SnapshotContent & { id: string; hash: string }, next: SnapshotContent): SnapshotChanges {
	const before = new Map(previous.goals.map((g) => [g.id, g]));
	const after = new Map(next.goals.map((g) => [g.id, g]));
	const changes: SnapshotChanges = {
		previous: { id: previous.id, title: previous.title, refDate: previous.refDate, createdAt: previous.createdAt, hash: previous.hash },
		goalsAdded: next.goals.filter((g) => !before.has(g.id)).map((g) => ({ id: g.id, title: g.title })),
		goalsDropped: previous.goals.filter((g) => !after.has(g.id)).map((g) => ({ id: g.id, title: g.title })),
		goalsClosed: [],
		statusChanges: [],
		progressDeltas: [],
		newValues: [],
		correctedValues: [],
		removedValues: [],
		adjustments: [],
		stage:
			previous.assessment && next.assessment && previous.assessment.stage !== next.assessment.stage
				? { before: previous.assessment.stage, after: next.assessment.stage, assessedOn: next.assessment.assessedOn }
				: null,
		agreements: (next.agreements ?? []).flatMap((a) => {
			const was = previous.agreements?.find((p) => p.id === a.id);
			return was?.status === a.status ? [] : [{ id: a.id, title: a.title, department: a.department, before: was?.status ?? null, after: a.status }];
		})
	};
	for (const goal of next.goals) {
		const old = before.get(goal.id);
		changes.adjustments.push(...goal.adjustments.filter((a) => a.detectedAt > previous.createdAt).map((a) => ({ ...a, goalId: goal.id, goalTitle: goal.title })));
		if (!old) continue;
		if (goal.closed && !old.closed) changes.goalsClosed.push({ id: goal.id, title: goal.title, outcome: goal.closed.outcome });
		if (goal.trackStatus !== old.trackStatus) changes.statusChanges.push({ id: goal.id, title: goal.title, before: old.trackStatus, after: goal.trackStatus });
		if (goal.progress !== null && old.progress !== null && goal.progress !== old.progress) {
			changes.progressDeltas.push({ id: goal.id, title: goal.title, before: old.progress, after: goal.progress, delta: goal.progress - old.progress });
		}
		const oldValues = new Map(old.indicators.flatMap((i) => i.values.map((v) => [valueKey(i.id, v), v] as const)));
		const seen = new Set<string>();
		for (const indicator of goal.indicators) {
			const where = { goalId: goal.id, goalTitle: goal.title, indicatorId: indicator.id, indicatorName: indicator.name };
			for (const v of indicator.values) {
				const key = valueKey(indicator.id, v);
				seen.add(key);
				const was = oldValues.get(key);
				if (!was) changes.newValues.push({ ...where, group: v.group, date: v.date, before: null, after: v });
				else if (!sameValue(was, v)) changes.correctedValues.push({ ...where, group: v.group, date: v.date, before: was, after: v });
			}
		}
		for (const indicator of old.indicators) {
			const where = { goalId: goal.id, goalTitle: goal.title, indicatorId: indicator.id, indicatorName: indicator.name };
			// A value dated after the newer snapshot's reference date is out of its view, not removed.
			for (const v of indicator.values) {
				if (!seen.has(valueKey(indicator.id, v)) && v.date <= next.refDate) changes.removedValues.push({ ...where, group: v.group, date: v.date, before: v, after: null });
			}
		}
	}
	return changes;
}

/** Whether anything at all changed. */
export function hasChanges(c: SnapshotChanges): boolean {
	return (
		c.stage !== null ||
		[c.goalsAdded, c.goalsDropped, c.goalsClosed, c.statusChanges, c.progressDeltas, c.newValues, c.correctedValues, c.removedValues, c.adjustments, c.agreements].some((list) => list.length > 0)
	);
}

/** The points the indicator's target refers to (the gap, or the target group's values), from its frozen chart. */
export function targetPoints(indicator: Pick<SnapshotIndicator, 'chart' | 'gapGroup' | 'targetGroup'>): Point[] {
	const series = indicator.chart.series.find((s) => (indicator.gapGroup !== null ? s.kind === 'gap' : s.kind === 'measured' && s.group === indicator.targetGroup));
	return (series?.points ?? []).map(({ date, value }) => ({ date, value }));
}
