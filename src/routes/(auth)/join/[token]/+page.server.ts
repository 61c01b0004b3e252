import { redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { acceptInvitation, findOpenInvitation } from '$lib/server/members/invitations';
import { setSessionCookie } from '$lib/server/http/authenticate';
import { formAction, readForm } from '$lib/server/http/forms';
import { localizeHref } from '$lib/paraglide/runtime';
import type { Actions, PageServerLoad } from './$types';
import { guarded, guardedActions } from '$lib/server/http/respond';

export const load = guarded(async ({ params }) => {
	const invitation = await findOpenInvitation(getDb(), params.token);
	return { invitation: invitation && { municipalityName: invitation.municipalityName, roles: invitation.roles } };
}) satisfies PageServerLoad;

export const actions = guardedActions({
	default: async (event) => {
		const values = readForm(await event.request.formData(), ['name', 'email', 'password', 'passwordRepeat']);
		const result = await formAction(values, async () => {
			const session = await acceptInvitation(getDb(), event.params.token, {
				name: values.name,
				email: values.email,
				password: values.password,
				passwordRepeat: values.passwordRepeat
			}, { userAgent: event.request.headers.get('user-agent') });
			return session ?? { gone: true as const };
		});
		if (result && 'token' in result) {
			setSessionCookie(event, result.token, result.expiresAt);
			redirect(303, localizeHref('/'));
		}
		return result;
	}
}) satisfies Actions;
