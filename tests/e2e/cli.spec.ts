import { expect, test } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from './support/env';
import { freePort, killAll, spawnServer, tempDir, waitUntilReady } from './support/processes';

// `npm run admin -- …`: a municipality and its first admin come from the command line.

// Each test starts whole server processes (an embedded database, migrations, demo data), some
// of them twice: on a busy machine that takes longer than the default minute.
test.slow();

const dirs: string[] = [];
test.afterEach(async () => {
	await killAll();
});
test.afterAll(() => {
	for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function admin(dataDir: string, ...args: string[]) {
	const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'warn' };
	delete env.DATABASE_URL;
	const result = spawnSync(process.execPath, [path.join(ROOT, 'build/admin.js'), ...args], { cwd: ROOT, env, encoding: 'utf8' });
	return { code: result.status, out: result.stdout + result.stderr };
}

test('creates a municipality with its admin, who then signs in; mistakes are explained', async () => {
	const dir = tempDir('cli');
	dirs.push(dir);
	const data = path.join(dir, 'data');
	const created = admin(data, 'create-municipality', '--slug', 'stadt-test', '--name', 'Stadt Test', '--email', 'Admin@Test.example', '--admin-name', 'Tina Test', '--password', 'ein-sicheres-passwort');
	expect(created.out).toContain('stadt-test');
	expect(created.code).toBe(0);

	const again = admin(data, 'create-municipality', '--slug', 'stadt-test', '--name', 'Noch eine', '--email', 'x@test.example', '--admin-name', 'X', '--password', 'kurz');
	expect(again.code).toBe(1);
	expect(again.out).toMatch(/--slug: .*already taken/);
	expect(again.out).toMatch(/--password: .*at least 10 characters/);

	const generated = admin(data, 'create-municipality', '--slug', 'stadt-zwei', '--name', 'Stadt Zwei', '--email', 'zwei@test.example', '--admin-name', 'Zora Zwei');
	expect(generated.code).toBe(0);
	const password = /password: (\S+)/.exec(generated.out)?.[1];
	expect(password, 'a generated password, shown once').toBeTruthy();

	const listed = admin(data, 'list');
	expect(listed.out).toContain('stadt-test\tStadt Test\tadmin@test.example');
	expect(listed.out).toContain('stadt-zwei\tStadt Zwei\tzwei@test.example');

	const server = spawnServer(data, await freePort());
	await waitUntilReady(server);
	// The database has data now: no demo municipalities were added.
	expect(admin(data, 'list').code).toBe(3);
	for (const [email, secret] of [['admin@test.example', 'ein-sicheres-passwort'], ['zwei@test.example', password!]] as [string, string][]) {
		const response = await fetch(`${server.url}/login`, {
			method: 'POST',
			redirect: 'manual',
			headers: { origin: server.url, 'content-type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams({ email, password: secret })
		});
		expect(response.status, `sign-in of ${email}`).toBe(303);
	}
	const demo = await fetch(`${server.url}/login`, {
		method: 'POST',
		redirect: 'manual',
		headers: { origin: server.url, 'content-type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams({ email: 'admin@stadt-a.example', password: 'demo-passwort' })
	});
	expect(demo.status).toBe(400);
});
