import { fail, redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { signIn } from '$lib/server/members/accounts';
import { loginLimits } from '$lib/server/config';
import { setSessionCookie } from '$lib/server/http/authenticate';
import { readForm, safeRedirectTarget } from '$lib/server/http/forms';
import { translate } from '$lib/i18n/translate';
import { localizeHref } from '$lib/paraglide/runtime';
import type { Actions, PageServerLoad } from './$types';
import { guarded, guardedActions } from '$lib/server/http/respond';

export const load = guarded(async ({ locals, url }) => {
	if (locals.actor) redirect(303, safeRedirectTarget(url.searchParams.get('redirectTo'), localizeHref('/')));
}) satisfies PageServerLoad;

export const actions = guardedActions({
	default: async (event) => {
		const values = readForm(await event.request.formData(), ['email', 'password']);
		const result = await signIn(getDb(), loginLimits(), {
			email: values.email,
			password: values.password,
			address: event.getClientAddress(),
			userAgent: event.request.headers.get('user-agent')
		});
		if (!result.ok) {
			const status = result.reason === 'blocked' ? 429 : 400;
			return fail(status, { values: { email: values.email }, error: translate(result.reason === 'blocked' ? 'error_login_blocked' : 'error_login_invalid') });
		}
		setSessionCookie(event, result.session.token, result.session.expiresAt);
		redirect(303, safeRedirectTarget(event.url.searchParams.get('redirectTo'), localizeHref('/')));
	}
}) satisfies Actions;
