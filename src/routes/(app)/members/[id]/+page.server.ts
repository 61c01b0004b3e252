import { error } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { requireActor } from '$lib/server/http/guards';
import { createPasswordResetLink, getMemberForAdmin, setMemberActive, updateMember } from '$lib/server/members/members';
import { listDepartments } from '$lib/server/departments/departments';
import { formAction } from '$lib/server/http/forms';
import { localizeHref } from '$lib/paraglide/runtime';
import type { Actions, PageServerLoad } from './$types';
import { guarded, guardedActions } from '$lib/server/http/respond';

export const load = guarded(async ({ locals, params }) => {
	const actor = requireActor(locals.actor);
	const db = getDb();
	const member = await getMemberForAdmin(db, actor, params.id);
	if (!member) error(404, 'Not found');
	return { member, departments: await listDepartments(db, actor), isSelf: member.membershipId === actor.membershipId };
}) satisfies PageServerLoad;

export const actions = guardedActions({
	update: async ({ locals, params, request }) => {
		const actor = requireActor(locals.actor);
		const data = await request.formData();
		const values = { roles: data.getAll('roles').map(String), departmentId: String(data.get('departmentId') ?? '') };
		return formAction(
			values,
			async () => {
				await updateMember(getDb(), actor, {
					membershipId: params.id,
					roles: values.roles,
					departmentId: values.departmentId || null
				});
				return { form: 'update', saved: true };
			},
			'update'
		);
	},
	deactivate: async ({ locals, params }) => {
		const actor = requireActor(locals.actor);
		return formAction({}, async () => {
			await setMemberActive(getDb(), actor, { membershipId: params.id, active: false });
			return { form: 'status', saved: true };
		}, 'status');
	},
	activate: async ({ locals, params }) => {
		const actor = requireActor(locals.actor);
		return formAction({}, async () => {
			await setMemberActive(getDb(), actor, { membershipId: params.id, active: true });
			return { form: 'status', saved: true };
		}, 'status');
	},
	reset: async ({ locals, params, url }) => {
		const actor = requireActor(locals.actor);
		return formAction({}, async () => {
			const link = await createPasswordResetLink(getDb(), actor, { membershipId: params.id });
			return { form: 'reset', resetUrl: new URL(localizeHref(`/reset/${link.token}`), url.origin).href, expiresAt: link.expiresAt };
		}, 'reset');
	}
}) satisfies Actions;
