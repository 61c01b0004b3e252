import { error } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { requireTarget } from '$lib/server/access/targets';
import { requireActor } from '$lib/server/http/guards';
import { compareVersions, versionChoices } from '$lib/server/goals/versions';
import type { PageServerLoad } from './$types';
import { guarded } from '$lib/server/http/respond';

/** A version id from the address: a whole number, or absent / empty for "now" (`to`) or the default (`from`). */
const versionId = (value: string | null) => (value === null || value.trim() === '' ? null : /^\d{1,15}$/.test(value.trim()) ? Number(value) : NaN);

// Two versions of a goal, field by field, for everyone who may read it. A GET form, so a
// comparison is a link to share and works without JavaScript.
export const load = guarded(async ({ locals, params, url }) => {
	const actor = requireActor(locals.actor);
	const db = getDb();
	const target = await requireTarget(db, actor, 'goal', params.id, 'read');
	const choices = await versionChoices(db, actor, target);
	if (!choices) error(404, 'Not found');
	// By default: what the latest editing session changed.
	const from = versionId(url.searchParams.get('from')) ?? choices.sessions[1]?.upToId ?? 0;
	const to = versionId(url.searchParams.get('to'));
	const comparison = Number.isNaN(from) || Number.isNaN(to) ? undefined : await compareVersions(db, actor, target, from, to);
	return {
		goalId: target.id,
		...choices,
		from: Number.isNaN(from) ? '' : String(from),
		to: to === null || Number.isNaN(to) || to === choices.lastId ? '' : String(to),
		comparison: comparison ?? null
	};
}) satisfies PageServerLoad;
