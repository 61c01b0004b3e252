import { getDb } from '$lib/server/db';
import { requireActor } from '$lib/server/http/guards';
import { createInvitation, listInvitations, revokeInvitation } from '$lib/server/members/invitations';
import { listDepartments } from '$lib/server/departments/departments';
import { formAction, readForm } from '$lib/server/http/forms';
import { localizeHref } from '$lib/paraglide/runtime';
import type { Actions, PageServerLoad } from './$types';
import { guarded, guardedActions } from '$lib/server/http/respond';

export const load = guarded(async ({ locals }) => {
	const actor = requireActor(locals.actor);
	const db = getDb();
	return { invitations: await listInvitations(db, actor), departments: await listDepartments(db, actor) };
}) satisfies PageServerLoad;

export const actions = guardedActions({
	create: async ({ locals, request, url }) => {
		const actor = requireActor(locals.actor);
		const data = await request.formData();
		const values = { ...readForm(data, ['departmentId', 'note']), roles: data.getAll('roles').map(String) };
		return formAction(
			values,
			async () => {
				const link = await createInvitation(getDb(), actor, {
					roles: values.roles,
					departmentId: values.departmentId || null,
					note: values.note ?? ''
				});
				return { form: 'create', inviteUrl: new URL(localizeHref(`/join/${link.token}`), url.origin).href, expiresAt: link.expiresAt };
			},
			'create'
		);
	},
	revoke: async ({ locals, request }) => {
		const actor = requireActor(locals.actor);
		const values = readForm(await request.formData(), ['id']);
		return formAction(values, async () => {
			await revokeInvitation(getDb(), actor, { id: values.id });
			return { form: 'revoke', revoked: true };
		}, 'revoke');
	}
}) satisfies Actions;
