import { getDb } from '$lib/server/db';
import { can, home } from '$lib/server/access/rules';
import { requireActor } from '$lib/server/http/guards';
import { changesSince, comparableSnapshots, getSnapshot, withdrawSnapshot } from '$lib/server/snapshots/snapshots';
import { createLink, listLinks, revokeLink } from '$lib/server/snapshots/links';
import { councilText } from '$lib/server/snapshots/council-text';
import { formAction, readForm } from '$lib/server/http/forms';
import { localizeHref } from '$lib/paraglide/runtime';
import type { Actions, PageServerLoad } from './$types';
import { guarded, guardedActions } from '$lib/server/http/respond';

export const load = guarded(async ({ locals, params, url }) => {
	const actor = requireActor(locals.actor);
	const db = getDb();
	const snapshot = await getSnapshot(db, actor, params.id);
	const canManage = can(actor, 'manageSnapshots', home(actor));
	const compare = url.searchParams.get('compare');
	return {
		snapshot: { ...snapshot, json: undefined },
		changes: await changesSince(db, actor, params.id, compare),
		compare: compare ?? snapshot.previousId ?? 'none',
		comparable: await comparableSnapshots(db, actor, params.id),
		council: councilText(snapshot.content, snapshot.contentHash),
		links: canManage ? await listLinks(db, actor, params.id) : [],
		canManage
	};
}) satisfies PageServerLoad;

export const actions = guardedActions({
	createLink: async ({ locals, params, request, url }) => {
		const actor = requireActor(locals.actor);
		const values = readForm(await request.formData(), ['label', 'validUntil']);
		return formAction(values, async () => {
			const token = await createLink(getDb(), actor, params.id, values);
			return { form: 'link', shareUrl: new URL(localizeHref(`/s/${token}`), url.origin).href };
		}, 'link');
	},
	revokeLink: async ({ locals, params, request }) => {
		const actor = requireActor(locals.actor);
		const { linkId } = readForm(await request.formData(), ['linkId']);
		await revokeLink(getDb(), actor, params.id, linkId);
		return { form: 'revoke', revoked: true };
	},
	withdraw: async ({ locals, params, request }) => {
		const actor = requireActor(locals.actor);
		const values = readForm(await request.formData(), ['reason']);
		return formAction(values, async () => {
			await withdrawSnapshot(getDb(), actor, params.id, values.reason);
			return { form: 'withdraw', withdrawn: true };
		}, 'withdraw');
	}
}) satisfies Actions;
