import type { LayoutServerLoad } from './$types';
import { guarded } from '$lib/server/http/respond';
import { getDb } from '$lib/server/db';
import { waitingThreads } from '$lib/server/comments/comments';

// Loaded again with every live reload and form result, so the page knows which events its data
// holds, and the navigation shows live how many comments wait for the person.
export const load = guarded(async ({ locals, depends }) => {
	depends('app:goals');
	const commentsWaiting = locals.actor ? (await waitingThreads(getDb(), locals.actor)).length : 0;
	return { liveSequence: locals.liveSequence, commentsWaiting };
}) satisfies LayoutServerLoad;
