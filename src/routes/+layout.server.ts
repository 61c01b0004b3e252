import type { LayoutServerLoad } from './$types';
import { guarded } from '$lib/server/http/respond';

export const load = guarded(async ({ locals, route }) => {
	// A shared snapshot shows nothing of the app around it, not even who is signed in.
	const shared = route.id?.startsWith('/(shared)') ?? false;
	const actor = shared ? null : locals.actor;
	return {
		locale: locals.locale,
		shared,
		actor: actor && {
			name: actor.name,
			email: actor.email,
			roles: actor.roles,
			municipalityName: actor.municipalityName
		}
	};
}) satisfies LayoutServerLoad;
