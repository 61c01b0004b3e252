import type { Handle } from '@sveltejs/kit';

/** Headers every answer carries; the CSP itself comes from SvelteKit's `csp` option. */
export const securityHeaders: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	const headers = response.headers;
	headers.set('x-content-type-options', 'nosniff');
	headers.set('referrer-policy', 'strict-origin-when-cross-origin');
	headers.set('x-frame-options', 'DENY');
	headers.set('permissions-policy', 'camera=(), microphone=(), geolocation=(), interest-cohort=()');
	headers.set('cross-origin-opener-policy', 'same-origin');
	// Shared snapshots: not for search engines, and their token never travels in a Referer.
	if (event.route.id?.startsWith('/(shared)')) {
		headers.set('x-robots-tag', 'noindex, nofollow');
		headers.set('referrer-policy', 'no-referrer');
	}
	// Pages with sign-in state or tokens in their URL must not be cached by shared caches.
	if (!headers.has('cache-control') && event.route.id && !event.route.id.startsWith('/healthz')) {
		headers.set('cache-control', 'private, no-store');
	}
	return response;
};
