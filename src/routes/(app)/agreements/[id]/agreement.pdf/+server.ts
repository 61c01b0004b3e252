import { getDb } from '$lib/server/db';
import { requireActor } from '$lib/server/http/guards';
import { agreementPdf } from '$lib/server/agreements/agreements';
import { pdfResponse } from '$lib/server/http/downloads';
import { getLocale } from '$lib/paraglide/runtime';
import { berlinToday } from '$lib/shared/smart';
import { guarded } from '$lib/server/http/respond';
import type { RequestHandler } from './$types';

// The agreement as a PDF in the reader's language, with the signatures on its current content.
export const GET = guarded(async ({ locals, params }) => {
	const actor = requireActor(locals.actor);
	const { pdf, title } = await agreementPdf(getDb(), actor, params.id, getLocale() === 'en' ? 'en' : 'de');
	return pdfResponse({ pdf, title, refDate: berlinToday() }, 'vereinbarung');
}) satisfies RequestHandler;
