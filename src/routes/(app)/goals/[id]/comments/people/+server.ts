import { json } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { requireActor } from '$lib/server/http/guards';
import { guarded } from '$lib/server/http/respond';
import { mentionSuggestions } from '$lib/server/comments/comments';
import type { RequestHandler } from './$types';

// The people the comment form suggests after "@", fetched when someone first types one.
export const GET = guarded(async ({ locals, params }) => {
	const people = await mentionSuggestions(getDb(), requireActor(locals.actor), params.id);
	return json(people, { headers: { 'cache-control': 'private, no-store' } });
}) satisfies RequestHandler;
