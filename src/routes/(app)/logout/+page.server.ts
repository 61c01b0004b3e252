import { redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { signOut } from '$lib/server/members/accounts';
import { deleteSessionCookie } from '$lib/server/http/authenticate';
import { requireActor } from '$lib/server/http/guards';
import { localizeHref } from '$lib/paraglide/runtime';
import type { Actions } from './$types';
import { guardedActions } from '$lib/server/http/respond';

export const actions = guardedActions({
	default: async (event) => {
		const actor = requireActor(event.locals.actor);
		await signOut(getDb(), actor);
		deleteSessionCookie(event);
		redirect(303, localizeHref('/login'));
	}
}) satisfies Actions;
