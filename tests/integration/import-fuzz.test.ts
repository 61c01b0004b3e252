import { count } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { measurement, measurementImport } from '../../src/lib/server/db/schema';
import { createGoal } from '../../src/lib/server/goals/goals';
import { previewImport, uploadImport } from '../../src/lib/server/measurements/import';
import { createTandem } from '../../src/lib/server/tandems/tandems';
import { ValidationError } from '../../src/lib/server/errors';
import { decodeCsvBytes, isPlainText } from '../../src/lib/shared/csv/decode';
import { readCsv } from '../../src/lib/shared/csv/import';
import { addIndicator, goalRoot } from '../../src/lib/shared/goal-doc';
import { backends, createTown, person, signInAs, useTestDatabase, type SignedIn } from '../support/db';
import { editGoal } from '../support/goals';
import { fuzzFile } from '../support/fuzz-files';

// Random and mutated files never break the import: each is read, or refused with a field
// error, and a refused one stores nothing. `FUZZ_FILES=10000` runs a longer campaign.
const FILES = Number(process.env.FUZZ_FILES ?? 1000);
const seeds = Array.from({ length: FILES }, (_, i) => i + 1);

describe('decoding, parsing and checking fuzzed files', () => {
	it(`reads ${FILES} random and mutated files without throwing`, () => {
		let refused = 0;
		for (const seed of seeds) {
			const { bytes } = fuzzFile(seed);
			const { text } = decodeCsvBytes(bytes);
			if (!isPlainText(text)) {
				refused++;
				continue;
			}
			expect(text, `seed ${seed}`).not.toContain('\u0000');
			const reading = readCsv(bytes, { groups: ['Gruppe A'] });
			for (const problem of reading.problems) {
				expect(problem.line, `seed ${seed}`).toBeGreaterThanOrEqual(1);
			}
		}
		// Both kinds occur: the campaign is not all refusals, nor all tables.
		expect(refused).toBeGreaterThan(FILES / 10);
		expect(refused).toBeLessThan(FILES * 0.9);
	});
});

describe.each(backends)('uploading fuzzed files on %s', (backend) => {
	const t = useTestDatabase(backend);
	let member: SignedIn;
	let indicatorId: string;

	beforeAll(async () => {
		const town = await createTown(t.db, {
			departments: ['Bildung'],
			people: { focus: { roles: ['focus'] }, member: { roles: ['member'], department: 'Bildung' } }
		});
		const focus = await signInAs(t.db, person(town, 'focus'));
		member = await signInAs(t.db, person(town, 'member'));
		const tandemId = await createTandem(t.db, focus.actor, {
			name: 'Tandem Bildung',
			departmentId: town.departments.Bildung!,
			membershipIds: [person(town, 'focus').membershipId, person(town, 'member').membershipId]
		});
		const goalId = await createGoal(t.db, member.actor, { tandemId, title: 'Fuzz' });
		await editGoal(t.db, goalId, member, (doc) => {
			goalRoot(doc).set('deadline', '2027-12-31');
			indicatorId = addIndicator(doc, { name: 'Quote', unit: '%' });
		});
	});

	const drafts = async () => (await t.db.select({ n: count() }).from(measurementImport))[0]!.n;

	it(`stores a draft for each readable file and nothing for a refused one (${Math.min(FILES, 300)} files)`, async () => {
		let stored = 0;
		for (const seed of seeds.slice(0, 300)) {
			const { name, bytes } = fuzzFile(seed);
			const before = await drafts();
			let draftId: string;
			try {
				draftId = await uploadImport(t.db, member.actor, indicatorId, new File([bytes], name));
			} catch (error) {
				expect(error, `seed ${seed}`).toBeInstanceOf(ValidationError);
				expect(await drafts(), `seed ${seed} stored nothing`).toBe(before);
				continue;
			}
			stored++;
			// The preview the upload leads to works on whatever was stored.
			const preview = await previewImport(t.db, member.actor, indicatorId, draftId, {});
			expect(preview.id).toBe(draftId);
		}
		expect(await drafts()).toBe(stored);
		expect((await t.db.select({ n: count() }).from(measurement))[0]!.n).toBe(0);
	});

	it('refuses a UTF-16 file only if it is no text; reads Excel’s "Unicode text"', async () => {
		const text = 'Stichtag;Wert\r\n01.03.2026;25,0\r\n';
		for (const bigEndian of [false, true]) {
			const bytes = Buffer.from(`\uFEFF${text}`, 'utf16le');
			if (bigEndian) bytes.swap16();
			const draftId = await uploadImport(t.db, member.actor, indicatorId, new File([new Uint8Array(bytes)], 'u16.csv'));
			const preview = await previewImport(t.db, member.actor, indicatorId, draftId, {});
			expect(preview.encoding).toBe(bigEndian ? 'utf-16be' : 'utf-16le');
			expect(preview.added.map((a) => a.after.value)).toEqual([25]);
		}
	});
});
