import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { eq } from 'drizzle-orm';
import { openDatabase } from '../src/lib/server/db/open';
import { DataDirLockedError } from '../src/lib/server/db/lock';
import { membership, municipality, user } from '../src/lib/server/db/schema';
import { createMunicipalityWithAdmin } from '../src/lib/server/municipalities/municipalities';
import { ValidationError } from '../src/lib/server/errors';
import { generateToken } from '../src/lib/server/auth/tokens';
import * as m from '../src/lib/paraglide/messages.js';

// `npm run admin -- <command> …`: what must happen before anyone can sign in.
const USAGE = `Usage: npm run admin -- <command> [options]

Commands:
  create-municipality --slug <slug> --name <name> --email <admin email> --admin-name <name> [--password <password>]
      Creates a municipality and its first admin. Without --password a strong one is
      generated and printed once. An existing account (same email) becomes admin as it is.
  list
      Lists the municipalities and their admins.

The database is the one the app uses (DATABASE_URL, or the embedded one in DATA_DIR, default ./data).
With the embedded database, stop the app first: only one process may open it.`;

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

async function main(): Promise<number> {
	const [command, ...rest] = process.argv.slice(2);
	if (!command || command === 'help' || command === '--help') {
		console.log(USAGE);
		return command ? 0 : 2;
	}
	const { values } = parseArgs({
		args: rest,
		options: {
			slug: { type: 'string' },
			name: { type: 'string' },
			email: { type: 'string' },
			'admin-name': { type: 'string' },
			password: { type: 'string' }
		},
		strict: true
	});
	const handle = await openDatabase({
		databaseUrl: process.env.DATABASE_URL || undefined,
		dataDir: path.resolve(process.env.DATA_DIR || path.join(root, 'data')),
		migrationsFolder: path.join(root, 'drizzle')
	});
	try {
		if (command === 'create-municipality') {
			const password = values.password ?? generateToken().slice(0, 20);
			const created = await createMunicipalityWithAdmin(handle.db, {
				slug: values.slug ?? '',
				name: values.name ?? '',
				adminEmail: values.email ?? '',
				adminName: values['admin-name'] ?? '',
				adminPassword: password
			});
			console.log(`Created municipality "${values.name}" (${values.slug}).`);
			if (created.createdUser) {
				console.log(`Admin: ${values.email}${values.password ? '' : `  password: ${password}  (shown once; change it after signing in)`}`);
			} else {
				console.log(`Admin: ${values.email} (existing account, password unchanged)`);
			}
			return 0;
		}
		if (command === 'list') {
			const rows = await handle.db
				.select({ slug: municipality.slug, name: municipality.name, email: user.email, roles: membership.roles })
				.from(municipality)
				.leftJoin(membership, eq(membership.municipalityId, municipality.id))
				.leftJoin(user, eq(user.id, membership.userId))
				.orderBy(municipality.slug);
			for (const row of rows.filter((r) => r.roles?.includes('admin'))) {
				console.log(`${row.slug}\t${row.name}\t${row.email}`);
			}
			return 0;
		}
		console.error(`Unknown command "${command}".\n\n${USAGE}`);
		return 2;
	} finally {
		await handle.close();
	}
}

main().then(
	(code) => process.exit(code),
	(error: unknown) => {
		if (error instanceof ValidationError) {
			printErrors(error);
			process.exit(1);
		}
		if (error instanceof DataDirLockedError) {
			console.error(error.message);
			process.exit(3);
		}
		console.error(error instanceof Error ? error.message : error);
		process.exit(1);
	}
);

const FLAGS: Record<string, string> = { adminEmail: 'email', adminName: 'admin-name', adminPassword: 'password' };

function printErrors(error: ValidationError): void {
	for (const [field, key] of Object.entries(error.errors)) {
		const message = key && key in m ? (m[key] as (i: object, o: { locale: 'en' }) => string)({}, { locale: 'en' }) : key;
		console.error(`--${FLAGS[field] ?? field}: ${message}`);
	}
}
