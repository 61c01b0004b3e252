import { expect, request as playwrightRequest, type APIRequestContext, type APIResponse, type BrowserContext } from '@playwright/test';
import { BASE_URL, DEMO_PASSWORD } from './env';

/** The server's own origin: SvelteKit refuses form posts from anywhere else. */
export const ORIGIN = new URL(BASE_URL).origin;

export type FormValues = Record<string, string | string[]>;

/** URL-encodes a form, repeating keys for lists (checkbox groups). */
export function encodeForm(values: FormValues): string {
	const body = new URLSearchParams();
	for (const [key, value] of Object.entries(values)) {
		for (const item of Array.isArray(value) ? value : [value]) body.append(key, item);
	}
	return body.toString();
}

/**
 * A plain HTML form post as a browser without JavaScript sends it: same-origin, urlencoded,
 * redirects not followed so the test sees the 303 itself.
 */
export function postForm(request: APIRequestContext, url: string, values: FormValues = {}, origin = ORIGIN): Promise<APIResponse> {
	return request.post(url, {
		headers: { origin, 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
		data: encodeForm(values),
		maxRedirects: 0
	});
}

export function getPage(request: APIRequestContext, url: string): Promise<APIResponse> {
	return request.get(url, { maxRedirects: 0 });
}

/** Signs in through the form post; the session cookie lands in the request context's jar. */
export async function signInRequest(request: APIRequestContext, email: string, password = DEMO_PASSWORD): Promise<void> {
	const response = await postForm(request, '/login', { email, password });
	expect(response.status(), `sign-in of ${email}`).toBe(303);
}

/** A fresh, empty cookie jar. Dispose it when done. */
export function freshRequest(): Promise<APIRequestContext> {
	return playwrightRequest.newContext({ baseURL: BASE_URL });
}

/** A fresh cookie jar signed in as this account. Dispose it when done. */
export async function signedInRequest(email: string, password = DEMO_PASSWORD): Promise<APIRequestContext> {
	const request = await freshRequest();
	await signInRequest(request, email, password);
	return request;
}

/** Signs a browser context in without clicking through the form (the form has its own tests). */
export async function signInContext(context: BrowserContext, email: string, password = DEMO_PASSWORD): Promise<void> {
	await signInRequest(context.request, email, password);
}

/** The ids that a page links to, e.g. idsIn(html, '/members/') for the member list. */
export function idsIn(html: string, prefix: string): string[] {
	const escaped = prefix.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
	const found = html.matchAll(new RegExp(`href="(?:/en)?${escaped}([0-9a-f-]{36})"`, 'g'));
	return [...new Set([...found].map((match) => match[1]!))];
}

/** A fresh value nobody else uses in this run. */
export function unique(prefix: string): string {
	return `${prefix}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}
