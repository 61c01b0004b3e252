import { expect, type APIRequestContext } from '@playwright/test';
import { getPage, postForm, unique } from './http';

/** The id of a department, read from the options of the invitation form. */
export async function departmentId(admin: APIRequestContext, name: string): Promise<string> {
	const html = await (await getPage(admin, '/invitations')).text();
	const match = html.match(new RegExp(`<option value="([0-9a-f-]{36})"[^>]*>${name}</option>`));
	expect(match, `department ${name} in the invitation form`).toBeTruthy();
	return match![1]!;
}

/** Creates an invitation as an admin and returns the link's path (/join/<token>). */
export async function createInvitation(
	admin: APIRequestContext,
	options: { roles: string[]; department?: string; note?: string }
): Promise<string> {
	const form: Record<string, string | string[]> = { roles: options.roles, note: options.note ?? '', departmentId: '' };
	if (options.department) form.departmentId = await departmentId(admin, options.department);
	const response = await postForm(admin, '/invitations?/create', form);
	expect(response.status()).toBe(200);
	const match = (await response.text()).match(/value="https?:\/\/[^"]*?(\/(?:en\/)?join\/[a-z0-9]+)"/);
	expect(match, 'the invitation link on the page').toBeTruthy();
	return match![1]!;
}

export interface InvitedAccount {
	name: string;
	email: string;
	password: string;
}

/**
 * A new account of its own, joined through an invitation: tests that lock, deactivate or reset
 * someone use one of these, never a shared demo account.
 */
export async function createInvitedAccount(
	admin: APIRequestContext,
	joiner: APIRequestContext,
	options: { roles?: string[]; department?: string; prefix?: string } = {}
): Promise<InvitedAccount> {
	const link = await createInvitation(admin, { roles: options.roles ?? ['member'], department: options.department ?? 'Jugend' });
	const id = unique(options.prefix ?? 'person');
	const account = { name: `Test ${id}`, email: `${id}@e2e.example`, password: `pw-${id}-secret` };
	const response = await postForm(joiner, link, { ...account, passwordRepeat: account.password });
	expect(response.status(), 'joining through the invitation').toBe(303);
	return account;
}

/** The membership id of someone in the admin's member list, found by their name. */
export async function membershipIdOf(admin: APIRequestContext, name: string): Promise<string> {
	const html = await (await getPage(admin, '/members')).text();
	const match = html.match(new RegExp(`href="/members/([0-9a-f-]{36})">${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}</a>`));
	expect(match, `${name} in the member list`).toBeTruthy();
	return match![1]!;
}

/** Creates a share link to a snapshot (as focus or admin) and returns its path (/s/<token>). */
export async function createShareLink(request: APIRequestContext, snapshotId: string, form: { label?: string; validUntil?: string } = {}): Promise<string> {
	const response = await postForm(request, `/snapshots/${snapshotId}?/createLink`, { label: form.label ?? '', validUntil: form.validUntil ?? '' });
	expect(response.status()).toBe(200);
	const match = (await response.text()).match(/value="https?:\/\/[^"]*?(\/(?:en\/)?s\/[a-z2-7]{32})"/);
	expect(match, 'the share link on the page').toBeTruthy();
	return match![1]!;
}
