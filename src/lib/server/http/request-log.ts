import type { Handle, HandleServerError } from '@sveltejs/kit';
import { logger } from '../log';

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/**
 * One log line per request with its id, route id (never the raw path: links carry tokens),
 * status and duration; the id goes back in `x-request-id` so a user's report can be found.
 */
export const withRequestLog: Handle = async ({ event, resolve }) => {
	const incoming = event.request.headers.get('x-request-id');
	const requestId = incoming && REQUEST_ID.test(incoming) ? incoming : crypto.randomUUID();
	event.locals.requestId = requestId;
	event.locals.log = logger.child({ requestId });
	const started = performance.now();
	const response = await resolve(event);
	response.headers.set('x-request-id', requestId);
	event.locals.log.info(
		{
			method: event.request.method,
			route: event.route.id ?? '(unmatched)',
			status: response.status,
			ms: Math.round(performance.now() - started)
		},
		'request'
	);
	return response;
};

export const logServerError: HandleServerError = ({ error, event, status, message }) => {
	const requestId = event.locals.requestId;
	if (status !== 404) {
		(event.locals.log ?? logger).error({ err: error, route: event.route.id, status }, 'unhandled error');
	}
	return { message, requestId };
};
