import { redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { findPasswordReset, resetPassword } from '$lib/server/members/accounts';
import { formAction, readForm } from '$lib/server/http/forms';
import { localizeHref } from '$lib/paraglide/runtime';
import type { Actions, PageServerLoad } from './$types';
import { guarded, guardedActions } from '$lib/server/http/respond';

export const load = guarded(async ({ params }) => {
	const reset = await findPasswordReset(getDb(), params.token);
	return { reset: reset && { email: reset.email } };
}) satisfies PageServerLoad;

export const actions = guardedActions({
	default: async ({ params, request }) => {
		const values = readForm(await request.formData(), ['password', 'passwordRepeat']);
		const result = await formAction(values, () =>
			resetPassword(getDb(), params.token, { password: values.password, passwordRepeat: values.passwordRepeat })
		);
		if (result === true) redirect(303, `${localizeHref('/login')}?reset=1`);
		if (result === false) return { gone: true };
		return result;
	}
}) satisfies Actions;
