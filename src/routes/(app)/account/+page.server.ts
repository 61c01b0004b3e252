import { getDb } from '$lib/server/db';
import { requireActor } from '$lib/server/access';
import { changePassword } from '$lib/server/accounts';
import { setSessionCookie } from '$lib/server/auth/handle';
import { formAction, readForm } from '$lib/server/forms';
import type { Actions } from './$types';

export const actions: Actions = {
	password: async (event) => {
		const actor = requireActor(event.locals.actor);
		const values = readForm(await event.request.formData(), ['current', 'password', 'passwordRepeat']);
		return formAction(values, async () => {
			const fresh = await changePassword(getDb(), actor, {
				current: values.current,
				password: values.password,
				passwordRepeat: values.passwordRepeat
			});
			setSessionCookie(event, fresh.token, fresh.expiresAt);
			return { changed: true };
		});
	}
};
