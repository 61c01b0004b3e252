import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = ({ locals }) => {
	const actor = locals.actor;
	return {
		locale: locals.locale,
		actor: actor && {
			name: actor.name,
			email: actor.email,
			roles: actor.roles,
			municipalityName: actor.municipalityName
		}
	};
};
