import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { eq } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, beforeAll, inject } from 'vitest';
import { openDatabase } from '../../src/lib/server/db/open';
import type { Db, DbHandle } from '../../src/lib/server/db';
import { membership, user } from '../../src/lib/server/db/schema';
import { createMunicipalityWithAdmin } from '../../src/lib/server/municipalities/municipalities';
import { createDepartment } from '../../src/lib/server/departments/departments';
import { hashPassword } from '../../src/lib/server/auth/password';
import { createSession, validateSessionToken, type Actor } from '../../src/lib/server/auth/session';
import type { Role } from '../../src/lib/shared/roles';

export type Backend = 'pglite' | 'postgres';

export const migrationsFolder = fileURLToPath(new URL('../../drizzle', import.meta.url));

/**
 * The backend this run tests: a real PostgreSQL server when DATABASE_URL is set, otherwise the
 * embedded database. One per run, so CI's two passes each test their own backend once.
 */
export function availableBackends(): Backend[] {
	return process.env.DATABASE_URL ? ['postgres'] : ['pglite'];
}

export const backends = availableBackends();

export interface TestDatabase {
	backend: Backend;
	handle: DbHandle;
	db: Db;
	/** The server database's URL (postgres backend only). */
	databaseUrl?: string;
	/** Closes the handle (once, however often called) and drops a server database. */
	close(): Promise<void>;
}

function serverClient(url: string) {
	return postgres(url, { max: 1, onnotice: () => {} });
}

/**
 * A fresh database on the given backend, migrated with the migrations in `folder`; on the
 * server at `serverUrl` (the fault suite's own cluster) or DATABASE_URL's.
 */
export async function openTestDatabase(backend: Backend, folder = migrationsFolder, serverUrl = process.env.DATABASE_URL): Promise<TestDatabase> {
	if (backend === 'pglite') {
		const handle = await openDatabase({ dataDir: 'memory://', migrationsFolder: folder });
		closeOnce(handle);
		return { backend, handle, db: handle.db, close: () => handle.close() };
	}
	const url = serverUrl;
	if (!url) throw new Error('The postgres backend needs DATABASE_URL.');
	const name = `fokus_test_${inject('testRunId')}_${randomBytes(6).toString('hex')}`;
	const admin = serverClient(url);
	try {
		await admin.unsafe(`create database "${name}"`);
	} finally {
		await admin.end({ timeout: 5 });
	}
	const target = new URL(url);
	target.pathname = `/${name}`;
	const handle = await openDatabase({ databaseUrl: target.href, migrationsFolder: folder });
	closeOnce(handle);
	return {
		backend,
		handle,
		db: handle.db,
		databaseUrl: target.href,
		async close() {
			await handle.close();
			const dropper = serverClient(url);
			try {
				await dropper.unsafe(`drop database if exists "${name}" with (force)`);
			} finally {
				await dropper.end({ timeout: 5 });
			}
		}
	};
}

/**
 * A copy of the migrations folder that ends with the migration `tag`: a database as it was
 * before the migrations after it. The caller removes the folder.
 */
export function migrationsUpTo(tag: string): string {
	const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'fokus-migrations-'));
	const journalFile = path.join(migrationsFolder, 'meta', '_journal.json');
	const journal = JSON.parse(fs.readFileSync(journalFile, 'utf8')) as { entries: { tag: string }[] };
	const end = journal.entries.findIndex((entry) => entry.tag === tag);
	if (end < 0) throw new Error(`No migration ${tag}`);
	const entries = journal.entries.slice(0, end + 1);
	fs.mkdirSync(path.join(folder, 'meta'));
	fs.writeFileSync(path.join(folder, 'meta', '_journal.json'), JSON.stringify({ ...journal, entries }));
	for (const entry of entries) fs.copyFileSync(path.join(migrationsFolder, `${entry.tag}.sql`), path.join(folder, `${entry.tag}.sql`));
	return folder;
}

/** Applies the migrations the database has not had yet, as the app does when it starts. */
export async function migrateTestDatabase(test: TestDatabase): Promise<void> {
	if (test.backend === 'pglite') {
		const { migrate } = await import('drizzle-orm/pglite/migrator');
		await migrate(test.db as unknown as Parameters<typeof migrate>[0], { migrationsFolder });
	} else {
		const { migrate } = await import('drizzle-orm/postgres-js/migrator');
		await migrate(test.db as unknown as Parameters<typeof migrate>[0], { migrationsFolder });
	}
}

// Tests may close a handle themselves (healthz); the cleanup afterwards must not close it twice.
function closeOnce(handle: DbHandle): void {
	const close = handle.close.bind(handle);
	let closing: Promise<void> | undefined;
	handle.close = () => (closing ??= close());
}

/** Opens a fresh database before the enclosing describe block and drops it after it. */
export function useTestDatabase(backend: Backend, options: { serverUrl?: () => string } = {}) {
	let current: TestDatabase | undefined;
	beforeAll(async () => {
		current = await openTestDatabase(backend, migrationsFolder, options.serverUrl?.() ?? process.env.DATABASE_URL);
	});
	afterAll(async () => {
		await current?.close();
		current = undefined;
	});
	const get = () => {
		if (!current) throw new Error('The test database is open only inside tests of its describe block.');
		return current;
	};
	return {
		get db(): Db {
			return get().db;
		},
		get handle(): DbHandle {
			return get().handle;
		},
		/** The server database's URL (postgres backend only). */
		get databaseUrl(): string | undefined {
			return get().databaseUrl;
		}
	};
}

/** The password of every person the helpers create. */
export const PASSWORD = 'richtig-geheim-123';

let sharedHash: Promise<string> | undefined;
// argon2 is deliberately slow: one hash serves every person created in a test file.
const passwordHash = () => (sharedHash ??= hashPassword(PASSWORD));

export interface PersonSpec {
	roles: Role[];
	/** Name of a department of the town. */
	department?: string;
	active?: boolean;
	/** Adds a membership to an existing account instead of creating one. */
	userId?: string;
}

export interface Person {
	userId: string;
	membershipId: string;
	municipalityId: string;
	email: string;
	name: string;
	roles: Role[];
	departmentId: string | null;
}

export interface SignedIn {
	actor: Actor;
	token: string;
}

export interface Town {
	municipalityId: string;
	slug: string;
	name: string;
	/** Department name → id. */
	departments: Record<string, string>;
	admin: Person & SignedIn;
	people: Record<string, Person>;
}

const randomSlug = (prefix: string) => `${prefix}-${randomBytes(4).toString('hex')}`;

/** Signs a person in for real: a stored session, resolved through validateSessionToken. */
export async function signInAs(db: Db, person: Pick<Person, 'userId' | 'municipalityId'>): Promise<SignedIn> {
	const { token } = await createSession(db, person.userId, person.municipalityId);
	const result = await validateSessionToken(db, token);
	if (!result) throw new Error('A fresh session did not validate.');
	return { actor: result.actor, token };
}

/** Adds one person to a town (a new account unless `userId` is given). */
export async function addPerson(db: Db, town: Pick<Town, 'municipalityId' | 'slug' | 'departments'>, key: string, spec: PersonSpec): Promise<Person> {
	const departmentId = spec.department ? town.departments[spec.department] : null;
	if (departmentId === undefined) throw new Error(`Unknown department ${spec.department}`);
	let userId = spec.userId;
	let email: string;
	let name: string;
	if (userId) {
		const [existing] = await db.select().from(user).where(eq(user.id, userId));
		email = existing!.email;
		name = existing!.name;
	} else {
		email = `${key}@${town.slug}.test`;
		name = `${key} ${town.slug}`;
		const [created] = await db
			.insert(user)
			.values({ email, name, passwordHash: await passwordHash() })
			.returning({ id: user.id });
		userId = created!.id;
	}
	const [row] = await db
		.insert(membership)
		.values({ userId, municipalityId: town.municipalityId, roles: spec.roles, departmentId, active: spec.active ?? true })
		.returning({ id: membership.id });
	return { userId, membershipId: row!.id, municipalityId: town.municipalityId, email, name, roles: spec.roles, departmentId };
}

/**
 * A municipality made through the real domain functions: its admin by
 * createMunicipalityWithAdmin, departments by createDepartment; further people are inserted
 * directly with the shared test password.
 */
export async function createTown(
	db: Db,
	spec: { departments?: string[]; people?: Record<string, PersonSpec>; prefix?: string } = {}
): Promise<Town> {
	const slug = randomSlug(spec.prefix ?? 'stadt');
	const name = `Stadt ${slug}`;
	const created = await createMunicipalityWithAdmin(db, {
		slug,
		name,
		adminEmail: `admin@${slug}.test`,
		adminName: `Admin ${slug}`,
		adminPassword: PASSWORD
	});
	const adminSignedIn = await signInAs(db, { userId: created.userId, municipalityId: created.municipalityId });
	const departments: Record<string, string> = {};
	for (const departmentName of spec.departments ?? []) {
		departments[departmentName] = await createDepartment(db, adminSignedIn.actor, { name: departmentName });
	}
	const admin: Person & SignedIn = {
		userId: created.userId,
		membershipId: adminSignedIn.actor.membershipId,
		municipalityId: created.municipalityId,
		email: `admin@${slug}.test`,
		name: `Admin ${slug}`,
		roles: ['admin'],
		departmentId: null,
		...adminSignedIn
	};
	const town: Town = { municipalityId: created.municipalityId, slug, name, departments, admin, people: {} };
	for (const [key, personSpec] of Object.entries(spec.people ?? {})) {
		town.people[key] = await addPerson(db, town, key, personSpec);
	}
	return town;
}

/** A person of a town by key; fails loudly on a typo instead of passing undefined on. */
export function person(town: Town, key: string): Person {
	const found = town.people[key];
	if (!found) throw new Error(`No person "${key}" in ${town.slug}`);
	return found;
}
