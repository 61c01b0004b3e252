import * as messages from '$lib/paraglide/messages';
import type { MessageKey } from '$lib/shared/messages';

export { messages as m };

/** Translates a message key that arrives as data (field errors from the server). */
export function t(key: MessageKey | string | undefined | null): string {
	if (!key) return '';
	const message = (messages as unknown as Record<string, unknown>)[key];
	return typeof message === 'function' ? (message as () => string)() : key;
}
