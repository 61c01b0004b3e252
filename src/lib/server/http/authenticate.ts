import { redirect, type Handle, type RequestEvent } from '@sveltejs/kit';
import { getDb } from '../db';
import { SESSION_COOKIE, validateSessionToken } from '../auth/session';

/** Writes the session cookie: HttpOnly, SameSite=Lax, Secure whenever the app runs on https. */
export function setSessionCookie(event: RequestEvent, token: string, expiresAt: Date): void {
	event.cookies.set(SESSION_COOKIE, token, {
		httpOnly: true,
		sameSite: 'lax',
		secure: event.url.protocol === 'https:',
		path: '/',
		expires: expiresAt
	});
}

export function deleteSessionCookie(event: RequestEvent): void {
	event.cookies.delete(SESSION_COOKIE, { path: '/', secure: event.url.protocol === 'https:' });
}

/** The locale prefix of a path ("/en" or ""), for redirects that keep the user's language. */
export function localePrefix(pathname: string): string {
	return pathname === '/en' || pathname.startsWith('/en/') ? '/en' : '';
}

/**
 * Fills `locals.actor` on every request and guards the signed-in area in one place: every
 * route in the `(app)` group needs a session, whatever its own load or action does.
 */
export const authenticate: Handle = async ({ event, resolve }) => {
	event.locals.actor = null;
	const token = event.cookies.get(SESSION_COOKIE);
	if (token) {
		const result = await validateSessionToken(getDb(), token);
		if (result) {
			event.locals.actor = result.actor;
			if (result.renewed) setSessionCookie(event, token, result.expiresAt);
		} else {
			deleteSessionCookie(event);
		}
	}
	if (!event.locals.actor && event.route.id?.startsWith('/(app)')) {
		if (event.request.method !== 'GET' || event.route.id.includes('/api/')) {
			return new Response('Not signed in', { status: 401 });
		}
		const target = event.url.pathname + event.url.search;
		redirect(303, `${localePrefix(event.url.pathname)}/login?redirectTo=${encodeURIComponent(target)}`);
	}
	return resolve(event);
};
