import type * as messages from '../paraglide/messages';

/** The name of any message in the message files; domain code returns these, pages translate them. */
export type MessageKey = keyof typeof messages & string;
