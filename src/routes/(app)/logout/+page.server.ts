import { redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { invalidateSession } from '$lib/server/auth/session';
import { deleteSessionCookie } from '$lib/server/auth/handle';
import { requireActor } from '$lib/server/access';
import { localizeHref } from '$lib/paraglide/runtime';
import type { Actions } from './$types';

export const actions: Actions = {
	default: async (event) => {
		const actor = requireActor(event.locals.actor);
		await invalidateSession(getDb(), actor.sessionId);
		deleteSessionCookie(event);
		redirect(303, localizeHref('/login'));
	}
};
