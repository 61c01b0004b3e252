import type { Actor } from '$lib/server/auth/session';
import type { Logger } from 'pino';

declare global {
	namespace App {
		interface Locals {
			actor: Actor | null;
			locale: 'de' | 'en';
			requestId: string;
			log: Logger;
			/** The live event number when the request began (see `liveSequence`). */
			liveSequence: number;
		}
		interface Error {
			message: string;
			requestId?: string;
		}
	}
}

export {};
