import type { Reroute } from '@sveltejs/kit';
import { deLocalizeUrl } from '$lib/paraglide/runtime';

// `/en/login` and `/login` are the same route; the locale lives in the URL prefix.
export const reroute: Reroute = (request) => deLocalizeUrl(request.url).pathname;
