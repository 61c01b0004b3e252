import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../db';
import { snapshot, snapshotLink, user } from '../db/schema';
import type { Actor } from '../auth/session';
import { home, requireCan } from '../access/rules';
import { Check, isUuid } from '../validation';
import { generateToken, hashToken } from '../auth/tokens';
import { asDate } from '../../shared/goal-doc';
import { addMonths } from '../../shared/frequency';
import { berlinToday, endOfBerlinDay } from '../../shared/smart';
import type { SnapshotContent } from '../../shared/snapshot';
import { NotFoundError } from '../errors';

/**
 * Read-only links to a snapshot for people without an account (council members, the public):
 * a 160-bit token of which only the hash is stored, an optional last day, revocable, counted.
 */

export const MAX_LABEL = 200;
/** The longest a link may be set to last; open-ended links are allowed, too. */
export const MAX_LINK_MONTHS = 60;

export interface LinkView {
	id: string;
	label: string;
	createdAt: Date;
	createdBy: string | null;
	expiresAt: Date | null;
	revokedAt: Date | null;
	views: number;
	lastViewedAt: Date | null;
}

async function requireManaged(db: Db, actor: Actor, snapshotId: string) {
	requireCan(actor, 'manageSnapshots', home(actor));
	if (!isUuid(snapshotId)) throw new NotFoundError();
	const [row] = await db
		.select({ id: snapshot.id, withdrawnAt: snapshot.withdrawnAt })
		.from(snapshot)
		.where(and(eq(snapshot.id, snapshotId), eq(snapshot.municipalityId, actor.municipalityId)));
	if (!row) throw new NotFoundError();
	return row;
}

export async function listLinks(db: Db, actor: Actor, snapshotId: string): Promise<LinkView[]> {
	await requireManaged(db, actor, snapshotId);
	const rows = await db
		.select({ l: snapshotLink, createdBy: user.name })
		.from(snapshotLink)
		.leftJoin(user, eq(user.id, snapshotLink.createdBy))
		.where(eq(snapshotLink.snapshotId, snapshotId))
		.orderBy(desc(snapshotLink.createdAt));
	return rows.map(({ l, createdBy }) => ({ id: l.id, label: l.label, createdAt: l.createdAt, createdBy, expiresAt: l.expiresAt, revokedAt: l.revokedAt, views: l.views, lastViewedAt: l.lastViewedAt }));
}

/** Makes a link and returns its token: shown once, never stored. */
export async function createLink(db: Db, actor: Actor, snapshotId: string, input: { label: string; validUntil: string }, now = new Date()): Promise<string> {
	const row = await requireManaged(db, actor, snapshotId);
	const check = new Check();
	const label = input.label.trim();
	check.when(label.length > MAX_LABEL, 'label', 'error_link_label_too_long');
	const raw = input.validUntil.trim();
	const until = raw === '' ? null : asDate(raw);
	const today = berlinToday(now);
	check
		.when(raw !== '' && until === null, 'validUntil', 'error_date_invalid')
		.when(until !== null && until < today, 'validUntil', 'error_link_expiry_past')
		.when(until !== null && until > addMonths(today, MAX_LINK_MONTHS), 'validUntil', 'error_link_expiry_far')
		.when(row.withdrawnAt !== null, 'label', 'error_snapshot_withdrawn')
		.throwIfAny();
	const token = generateToken();
	await db.insert(snapshotLink).values({
		snapshotId,
		municipalityId: actor.municipalityId,
		tokenHash: hashToken(token),
		label,
		expiresAt: until ? endOfBerlinDay(until) : null,
		createdBy: actor.userId,
		createdAt: now
	});
	return token;
}

export async function revokeLink(db: Db, actor: Actor, snapshotId: string, linkId: string, now = new Date()): Promise<void> {
	await requireManaged(db, actor, snapshotId);
	if (!isUuid(linkId)) throw new NotFoundError();
	const changed = await db
		.update(snapshotLink)
		.set({ revokedAt: now })
		.where(and(eq(snapshotLink.id, linkId), eq(snapshotLink.snapshotId, snapshotId), isNull(snapshotLink.revokedAt)))
		.returning({ id: snapshotLink.id });
	if (changed.length === 0) {
		const [exists] = await db.select({ id: snapshotLink.id }).from(snapshotLink).where(and(eq(snapshotLink.id, linkId), eq(snapshotLink.snapshotId, snapshotId)));
		if (!exists) throw new NotFoundError();
	}
}

export interface SharedSnapshot {
	content: SnapshotContent;
	json: string;
	contentHash: string;
	pdfHash: string;
}

/**
 * What a link shows, or null. Every token costs the same: one hash and one lookup by it,
 * whether it is unknown, revoked, expired or its snapshot withdrawn, so neither the answer nor
 * its timing tells these apart. A valid open counts as a view.
 */
export async function openSharedSnapshot(db: Db, token: string, now = new Date()): Promise<SharedSnapshot | null> {
	const found = await lookUp(db, token, now);
	if (!found) return null;
	const [row] = await db
		.select({ content: snapshot.content, contentHash: snapshot.contentHash, pdfHash: snapshot.pdfHash })
		.from(snapshot)
		.where(eq(snapshot.id, found.snapshotId));
	await countView(db, found.linkId, now);
	return { content: JSON.parse(row!.content) as SnapshotContent, json: row!.content, contentHash: row!.contentHash, pdfHash: row!.pdfHash };
}

/** The PDF behind a link (a download counts as a view, too). */
export async function sharedPdf(db: Db, token: string, now = new Date()): Promise<{ pdf: Uint8Array; title: string; refDate: string } | null> {
	const found = await lookUp(db, token, now);
	if (!found) return null;
	const [row] = await db.select({ pdf: snapshot.pdf }).from(snapshot).where(eq(snapshot.id, found.snapshotId));
	await countView(db, found.linkId, now);
	return { pdf: row!.pdf, title: found.title, refDate: found.refDate };
}

async function countView(db: Db, linkId: string, now: Date): Promise<void> {
	await db
		.update(snapshotLink)
		.set({ views: sql`${snapshotLink.views} + 1`, lastViewedAt: now })
		.where(eq(snapshotLink.id, linkId));
}

/** Only the small columns: the content is read once the link is known to be good. */
async function lookUp(db: Db, token: string, now: Date) {
	const [row] = await db
		.select({
			linkId: snapshotLink.id,
			snapshotId: snapshot.id,
			expiresAt: snapshotLink.expiresAt,
			revokedAt: snapshotLink.revokedAt,
			withdrawnAt: snapshot.withdrawnAt,
			title: snapshot.title,
			refDate: snapshot.refDate
		})
		.from(snapshotLink)
		.innerJoin(snapshot, eq(snapshot.id, snapshotLink.snapshotId))
		.where(eq(snapshotLink.tokenHash, hashToken(token.slice(0, 200))));
	if (!row || row.revokedAt !== null || row.withdrawnAt !== null || (row.expiresAt !== null && row.expiresAt <= now)) return null;
	return row;
}
