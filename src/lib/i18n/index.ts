import * as messages from '$lib/paraglide/messages';

// Static use (`m.key()`) keeps the bundle to the messages a page actually uses.
export { messages as m };

// SMART reasons and hints, forecast reasons and assessment stage reasons arrive as keys
// (computed in the browser as people type, or stored with the forecast) and are looked up by
// name; only those families are bundled for it. Field errors come translated from the server and pass through unchanged.
const byName = {
	...import.meta.glob<Record<string, unknown>>('../paraglide/messages/smart_*.js', { eager: true }),
	...import.meta.glob<Record<string, unknown>>('../paraglide/messages/forecast_*.js', { eager: true }),
	...import.meta.glob<Record<string, unknown>>('../paraglide/messages/stage_reason_*.js', { eager: true })
};

type Params = Record<string, string | number>;

/** Translates a message key that arrives as data; anything else is shown as it is. */
export function t(key: string | undefined | null, params: Params = {}): string {
	if (!key) return '';
	const message = byName[`../paraglide/messages/${key}.js`]?.[key];
	return typeof message === 'function' ? (message as (p: Params) => string)(params) : key;
}
