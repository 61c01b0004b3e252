import type { LayoutServerLoad } from './$types';
import { guarded } from '$lib/server/http/respond';

// Loaded again with every live reload and form result, so the page knows which events its data holds.
export const load = guarded(async ({ locals, depends }) => {
	depends('app:goals');
	return { liveSequence: locals.liveSequence };
}) satisfies LayoutServerLoad;
