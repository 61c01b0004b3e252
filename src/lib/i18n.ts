import * as messages from '$lib/paraglide/messages';

// Static use (`m.key()`) keeps the bundle to the messages a page actually uses.
export { messages as m };

// SMART reasons and hints arrive as keys (the rating runs in the browser as people type) and
// are looked up by name; only that family is bundled for it. Field errors come translated
// from the server and pass through unchanged.
const byName = import.meta.glob<Record<string, unknown>>('./paraglide/messages/smart_*.js', { eager: true });

/** Translates a message key that arrives as data; anything else is shown as it is. */
export function t(key: string | undefined | null): string {
	if (!key) return '';
	const message = byName[`./paraglide/messages/${key}.js`]?.[key];
	return typeof message === 'function' ? (message as () => string)() : key;
}
