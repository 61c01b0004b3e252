import { getDb } from '$lib/server/db';
import { requireActor } from '$lib/server/http/guards';
import { changePassword } from '$lib/server/members/accounts';
import { setSessionCookie } from '$lib/server/http/authenticate';
import { formAction, readForm } from '$lib/server/http/forms';
import { createFeed, feedState, revokeFeed } from '$lib/server/measurements/calendar';
import type { Actions, PageServerLoad } from './$types';
import { guarded, guardedActions } from '$lib/server/http/respond';

export const load = guarded(async ({ locals }) => {
	const actor = requireActor(locals.actor);
	return { calendar: await feedState(getDb(), actor) };
}) satisfies PageServerLoad;

export const actions = guardedActions({
	calendar: async ({ locals }) => {
		const actor = requireActor(locals.actor);
		return { calendarToken: await createFeed(getDb(), actor) };
	},
	revokeCalendar: async ({ locals }) => {
		const actor = requireActor(locals.actor);
		await revokeFeed(getDb(), actor);
		return { calendarRevoked: true };
	},
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
}) satisfies Actions;
