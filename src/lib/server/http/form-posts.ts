import type { Handle } from '@sveltejs/kit';

/**
 * SvelteKit answers a form action in JSON when the client accepts JSON, which `Accept: *\/*`
 * (curl, scripts, some assistive tools) does. A plain form post, without the header that
 * `use:enhance` sends, gets the HTML answer: 303 on success, 400 with the form on error.
 */
export const plainFormPosts: Handle = ({ event, resolve }) => {
	const request = event.request;
	if (request.method === 'POST' && !request.headers.has('x-sveltekit-action')) {
		const accept = request.headers.get('accept') ?? '';
		if (!accept.includes('application/json')) {
			const headers = new Headers(request.headers);
			headers.set('accept', 'text/html');
			event.request = new Request(request, { headers, duplex: 'half' } as RequestInit);
		}
	}
	return resolve(event);
};
