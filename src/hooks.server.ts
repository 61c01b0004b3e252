import type { Handle, HandleServerError } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { paraglideMiddleware } from '$lib/paraglide/server';
import { authenticate } from '$lib/server/http/authenticate';
import { withRequestLog, logServerError } from '$lib/server/http/request-log';
import { securityHeaders } from '$lib/server/http/security-headers';
import { plainFormPosts } from '$lib/server/http/form-posts';
import { liveSequence } from '$lib/server/events';

// Machine endpoints have no language; everything else gets its locale from the URL.
const UNLOCALISED = ['/healthz', '/api/'];

const i18n: Handle = ({ event, resolve }) => {
	if (UNLOCALISED.some((prefix) => event.url.pathname.startsWith(prefix))) {
		event.locals.locale = 'de';
		return resolve(event);
	}
	return paraglideMiddleware(event.request, ({ request, locale }) => {
		event.request = request;
		event.locals.locale = locale;
		return resolve(event, {
			transformPageChunk: ({ html }) => html.replace('%paraglide.lang%', locale)
		});
	});
};

// Read before any load touches the database: the live events this request's data already holds.
const liveMark: Handle = ({ event, resolve }) => {
	event.locals.liveSequence = liveSequence();
	return resolve(event);
};

export const handle: Handle = sequence(liveMark, withRequestLog, securityHeaders, plainFormPosts, authenticate, i18n);

export const handleError: HandleServerError = logServerError;
