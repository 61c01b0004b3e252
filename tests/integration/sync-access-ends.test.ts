import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { endSession, signOut } from '../../src/lib/server/members/accounts';
import { session } from '../../src/lib/server/db/schema';
import { publish } from '../../src/lib/server/events';
import { setMemberActive, updateMember } from '../../src/lib/server/members/members';
import { updateTandem } from '../../src/lib/server/tandems/tandems';
import { CloseCode } from '../../src/lib/shared/documents';
import { goalRoot, goalText } from '../../src/lib/shared/goal-doc';
import { backends, signInAs, useTestDatabase } from '../support/db';
import {
	contentOf,
	delay,
	forgeUpdate,
	goalWorld,
	startSync,
	storedUpdates,
	waitFor,
	type Client,
	type GoalWorld,
	type SyncHarness,
	updateFrame
} from '../support/sync';

describe.each(backends)('sync: sockets close when access ends on %s', (backend) => {
	const t = useTestDatabase(backend);
	let world: GoalWorld;
	let sync: SyncHarness;
	let focus: Client;
	let round = 0;

	beforeAll(async () => {
		world = await goalWorld(t.db);
		sync = await startSync(t.db);
		focus = sync.connect(world.as.focus.token, world.docName);
		await focus.synced();
	});
	afterAll(async () => {
		await sync?.close();
	});

	/** An edit by the integration office reaches every listed client: their sockets are open. */
	async function stillConnected(...clients: Client[]): Promise<void> {
		round++;
		const closes = [focus, ...clients].map((client) => client.closes.length);
		goalText(focus.doc, 'resources')!.insert(0, `r${round} `);
		await waitFor(() => clients.every((client) => contentOf(client.doc).resources.startsWith(`r${round} `)), 'the others to stay connected');
		expect([focus, ...clients].map((client) => client.closes.length)).toEqual(closes);
		expect(focus.closes).toEqual([]);
	}

	it('closes the signed-out session’s socket with 4401, not the same person’s other session', async () => {
		const laptop = await signInAs(t.db, world.town.people.bildung!);
		const phone = await signInAs(t.db, world.town.people.bildung!);
		const onLaptop = sync.connect(laptop.token, world.docName);
		const onPhone = sync.connect(phone.token, world.docName);
		const head = sync.connect(world.as.leitung.token, world.docName);
		await Promise.all([onLaptop.synced(), onPhone.synced(), head.synced()]);

		await signOut(t.db, laptop.actor);
		await waitFor(() => onLaptop.closes.length > 0, 'the signed-out socket to close');
		expect(onLaptop.closes).toEqual([CloseCode.unauthenticated]);
		await stillConnected(onPhone, head);
		// The stock provider gives up on 4401 instead of knocking again.
		await delay(300);
		expect(onLaptop.provider.shouldConnect).toBe(false);
		expect(onLaptop.closes).toEqual([CloseCode.unauthenticated]);
		onPhone.destroy();
		head.destroy();
	});

	it('closes the socket of a session ended on the account page, and its checks are no use of it', async () => {
		const laptop = await signInAs(t.db, world.town.people.bildung!);
		const phone = await signInAs(t.db, world.town.people.bildung!);
		const rowOf = async () => (await t.db.select().from(session).where(eq(session.id, laptop.actor.sessionId)))[0]!;
		// Last used two minutes ago: a use now would be written.
		const lastUsedAt = new Date(Date.now() - 120_000);
		await t.db.update(session).set({ lastUsedAt }).where(eq(session.id, laptop.actor.sessionId));
		const onLaptop = sync.connect(laptop.token, world.docName);
		const onPhone = sync.connect(phone.token, world.docName);
		await Promise.all([onLaptop.synced(), onPhone.synced()]);
		// A check of the person's sockets (as after any access change) reads the session too.
		publish({ type: 'access-changed', userIds: [laptop.actor.userId], municipalityId: world.town.municipalityId });
		await stillConnected(onLaptop, onPhone);
		expect((await rowOf()).lastUsedAt.getTime(), 'the handshake and the check leave the last use alone').toBe(lastUsedAt.getTime());

		expect(await endSession(t.db, phone.actor, (await rowOf()).publicId)).toBe('other');
		await waitFor(() => onLaptop.closes.length > 0, 'the ended session’s socket to close');
		expect(onLaptop.closes).toEqual([CloseCode.unauthenticated]);
		await stillConnected(onPhone);
		onPhone.destroy();
	});

	it('closes a deactivated member’s sockets with 4401', async () => {
		const jugend = sync.connect(world.as.jugend.token, world.docName);
		const bildung = sync.connect(world.as.bildung.token, world.docName);
		await Promise.all([jugend.synced(), bildung.synced()]);

		await setMemberActive(t.db, world.town.admin.actor, { membershipId: world.as.jugend.actor.membershipId, active: false });
		await waitFor(() => jugend.closes.length > 0, 'the deactivated member’s socket to close');
		expect(jugend.closes).toEqual([CloseCode.unauthenticated]);
		await stillConnected(bildung);
		bildung.destroy();
	});

	it('closes the write socket of someone taken out of the tandem with 4403; they may come back to read', async () => {
		const removed = sync.connect(world.as.bildung2.token, world.docName);
		const partner = sync.connect(world.as.bildung.token, world.docName);
		const head = sync.connect(world.as.leitung.token, world.docName);
		const otherFocus = sync.connect(world.as.focus2.token, world.docName);
		await Promise.all([removed.synced(), partner.synced(), head.synced(), otherFocus.synced()]);
		goalText(removed.doc, 'forWhom')!.insert(0, 'noch im Tandem ');
		await waitFor(() => contentOf(focus.doc).forWhom.startsWith('noch im Tandem '), 'their edit while in the tandem');

		await updateTandem(t.db, world.as.focus.actor, {
			id: world.tandemId,
			name: 'Tandem Bildung',
			departmentId: world.town.departments.Bildung!,
			membershipIds: [world.as.focus.actor.membershipId, world.as.bildung.actor.membershipId]
		});
		await waitFor(() => removed.closes.length > 0, 'the removed member’s socket to close');
		expect(removed.closes).toEqual([CloseCode.forbidden]);
		// Readers, the remaining partner and every focus member keep their sockets.
		await stillConnected(partner, head, otherFocus);

		// Reconnecting gives a read-only socket: they see edits, theirs go nowhere.
		removed.provider.connect();
		await removed.synced();
		const rowsBefore = (await storedUpdates(t.db, world.docName)).filter((row) => row.userId === world.as.bildung2.actor.userId).length;
		goalText(removed.doc, 'forWhom')!.insert(0, 'nicht mehr ');
		await stillConnected(removed, partner);
		await delay(100);
		expect(contentOf(focus.doc).forWhom.startsWith('nicht mehr')).toBe(false);
		expect((await storedUpdates(t.db, world.docName)).filter((row) => row.userId === world.as.bildung2.actor.userId)).toHaveLength(rowsBefore);
		expect(removed.closes).toEqual([CloseCode.forbidden]);
	});

	it('follows role changes: losing `focus` closes a write socket with 4403, gaining it makes a read socket write', async () => {
		const demoted = sync.connect(world.as.focus2.token, world.docName);
		const promoted = sync.connect(world.as.leitung.token, world.docName);
		await Promise.all([demoted.synced(), promoted.synced()]);
		// Opened after the provider, so it is re-checked after it: once the probe counts, so does the provider.
		const probe = await sync.raw(world.as.leitung.token, world.docName);
		const admin = world.town.admin.actor;

		await updateMember(t.db, admin, { membershipId: world.as.focus2.actor.membershipId, roles: ['member'], departmentId: world.town.departments.Jugend! });
		await waitFor(() => demoted.closes.length > 0, 'the demoted member’s socket to close');
		expect(demoted.closes).toEqual([CloseCode.forbidden]);

		await updateMember(t.db, admin, { membershipId: world.as.leitung.actor.membershipId, roles: ['head', 'focus'], departmentId: world.town.departments.Bildung! });
		// No close: the same sockets now count as writers. Each probe comes from a fresh client, so
		// the ones dropped before the change leave no gap that later ones would wait on.
		await waitFor(async () => {
			probe.ws.send(updateFrame(forgeUpdate(focus.doc, (doc) => goalRoot(doc).set('criterion', 'attention'))));
			await delay(20);
			return goalRoot(focus.doc).get('criterion') === 'attention';
		}, 'the promoted head’s probe to count');
		goalText(promoted.doc, 'resources')!.insert(0, 'Leitung ');
		await waitFor(() => contentOf(focus.doc).resources.startsWith('Leitung '), 'the promoted head’s edits to count');
		expect(promoted.closes).toEqual([]);
		await stillConnected(promoted);
	});
});
