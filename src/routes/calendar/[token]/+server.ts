import { error } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { feedFor } from '$lib/server/measurements/calendar';
import { m } from '$lib/i18n';
import { guarded } from '$lib/server/http/respond';
import type { RequestHandler } from './$types';

// A person's calendar subscription: the secret token in the URL is the credential.
export const GET = guarded(async ({ params, url }) => {
	const feed = await feedFor(getDb(), params.token.replace(/\.ics$/, ''), url.origin, {
		name: m.calendar_name(),
		deadline: (title) => m.calendar_deadline({ title }),
		measurement: (indicator, goal) => m.calendar_measurement_due({ indicator, goal }),
		review: (agreement) => m.calendar_agreement_review({ agreement }),
		comment: (author, goal, mentioned) => (mentioned ? m.calendar_comment_mention({ author, goal }) : m.calendar_comment_reply({ author, goal }))
	});
	if (feed === null) error(404, 'Not found');
	return new Response(feed, { headers: { 'content-type': 'text/calendar; charset=utf-8', 'cache-control': 'no-store', 'x-robots-tag': 'noindex' } });
}) satisfies RequestHandler;
