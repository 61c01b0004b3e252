import { getDb } from '$lib/server/db';
import { requireActor } from '$lib/server/http/guards';
import { changePassword, endSession, signOutEverywhere } from '$lib/server/members/accounts';
import { listSessions } from '$lib/server/auth/session';
import { sessionLimits } from '$lib/server/config';
import { deleteSessionCookie, setSessionCookie } from '$lib/server/http/authenticate';
import { localizeHref } from '$lib/paraglide/runtime';
import { redirect } from '@sveltejs/kit';
import { formAction, readForm } from '$lib/server/http/forms';
import { createFeed, feedState, revokeFeed } from '$lib/server/measurements/calendar';
import type { Actions, PageServerLoad } from './$types';
import { guarded, guardedActions } from '$lib/server/http/respond';

export const load = guarded(async ({ locals }) => {
	const actor = requireActor(locals.actor);
	return { calendar: await feedState(getDb(), actor), sessions: await listSessions(getDb(), actor), sessionLimits: sessionLimits() };
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
	endSession: async (event) => {
		const actor = requireActor(event.locals.actor);
		const { session } = readForm(await event.request.formData(), ['session']);
		const ended = await endSession(getDb(), actor, session);
		if (!ended) return { sessionGone: true };
		// Ending the session in use is signing out.
		if (ended === 'current') {
			deleteSessionCookie(event);
			redirect(303, localizeHref('/login'));
		}
		return { sessionEnded: true };
	},
	endAllSessions: async (event) => {
		const actor = requireActor(event.locals.actor);
		await signOutEverywhere(getDb(), actor);
		deleteSessionCookie(event);
		redirect(303, localizeHref('/login'));
	},
	password: async (event) => {
		const actor = requireActor(event.locals.actor);
		const values = readForm(await event.request.formData(), ['current', 'password', 'passwordRepeat']);
		return formAction(values, async () => {
			const fresh = await changePassword(getDb(), actor, {
				current: values.current,
				password: values.password,
				passwordRepeat: values.passwordRepeat
			}, { userAgent: event.request.headers.get('user-agent') });
			setSessionCookie(event, fresh.token, fresh.expiresAt);
			return { changed: true };
		});
	}
}) satisfies Actions;
