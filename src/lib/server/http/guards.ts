import { error, redirect } from '@sveltejs/kit';
import type { Actor } from '../auth/session';

/** The signed-in actor, or a redirect to the sign-in page (pages) / 401 (endpoints). */
export function requireActor(actor: Actor | null, options: { redirectTo?: string } = {}): Actor {
	if (actor) return actor;
	if (options.redirectTo !== undefined) {
		redirect(303, `/login?redirectTo=${encodeURIComponent(options.redirectTo)}`);
	}
	error(401, 'Not signed in');
}
