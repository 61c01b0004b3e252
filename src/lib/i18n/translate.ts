import * as messages from '../paraglide/messages.js';

/**
 * A message in the request's language (Paraglide knows it on the server), or in `locale` when
 * given (reports have their own). It loads the whole message catalogue, so it runs on the server
 * only (lint keeps it out of browser code); field errors are translated here, so browsers never
 * download the catalogue of error messages.
 */
export function translate(key: string, params: Record<string, string | number> = {}, locale?: 'de' | 'en'): string {
	const message = (messages as unknown as Record<string, unknown>)[key];
	return typeof message === 'function' ? (message as (p: typeof params, o?: { locale: string }) => string)(params, locale ? { locale } : undefined) : key;
}
