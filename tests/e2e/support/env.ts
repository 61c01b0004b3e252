import { fileURLToPath } from 'node:url';

/**
 * Settings shared by playwright.config.ts and the specs. Plain constants (no Playwright
 * imports) so the config can load this file before anything else.
 */

/** The repository's root folder, wherever the run was started from. */
export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** The e2e server's fixed port; E2E_PORT moves it when another run holds this one. */
export const E2E_PORT = Number(process.env.E2E_PORT || 4391);

export const BASE_URL = `http://127.0.0.1:${E2E_PORT}`;

/**
 * Sign-in limits of the e2e server. The address limit is out of reach (every test signs in
 * from 127.0.0.1); the account limit stays low so the lockout can be tested on an account of
 * its own.
 */
export const E2E_LOGIN_LIMITS = { perAccount: 10, perAddress: 100_000, windowSeconds: 900 } as const;

export const DEMO_PASSWORD = 'demo-passwort';

export type Slug = 'stadt-a' | 'stadt-b' | 'stadt-c';
export type DemoLocal = 'admin' | 'focus' | 'bildung' | 'leitung';

export function demoEmail(local: DemoLocal, slug: Slug): string {
	return `${local}@${slug}.example`;
}

/** What the demo data of stadt-a holds: a refusal must show none of it to outsiders. */
export const STADT_A = {
	municipality: 'Stadt Auental',
	people: {
		admin: 'Anja Albrecht',
		focus: 'Aylin Demir',
		bildung: 'Andreas Brandt',
		leitung: 'Astrid Lehmann'
	} satisfies Record<DemoLocal, string>
};

/**
 * Marks a test of the smoke subset: CI runs the whole browser suite on the embedded database
 * and only these on PostgreSQL (E2E_SMOKE=1), where the integration tests already run.
 */
export const SMOKE = { tag: '@smoke' } as const;

/** Set by CI's PostgreSQL pass: run the smoke subset only. */
export const SMOKE_ONLY = process.env.E2E_SMOKE === '1';
