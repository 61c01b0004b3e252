import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
	agreementCommitted,
	agreementHash,
	agreementPhase,
	agreementRoot,
	agreementSignedSides,
	agreementStatus,
	agreementText,
	initAgreementDoc,
	linkGoal,
	readAgreementContent,
	setAgreementDate
} from './agreement-doc';
import { replaceText } from './goal-doc';

const G1 = '11111111-1111-4111-8111-111111111111';
const G2 = '22222222-2222-4222-8222-222222222222';

function agreementDoc(): Y.Doc {
	const doc = new Y.Doc();
	initAgreementDoc(doc, { title: 'Vereinbarung', parts: { structures: 'Lenkungskreis' }, validFrom: '2026-01-01', goalIds: [G1] });
	return doc;
}

describe('the agreement document', () => {
	it('reads what was written, tolerant of odd values', () => {
		const doc = agreementDoc();
		const root = agreementRoot(doc);
		root.set('validUntil', '2026-02-30');
		root.set('reviewOn', 42);
		const linked = root.get('linkedGoals') as Y.Map<unknown>;
		linked.set('kein-uuid', true);
		linked.set(G2, 'ja');
		expect(readAgreementContent(doc)).toEqual({
			title: 'Vereinbarung',
			parts: { structures: 'Lenkungskreis', tasks: '', goals: '', responsibilities: '', competencies: '' },
			validFrom: '2026-01-01',
			validUntil: null,
			reviewOn: null,
			goalIds: [G1]
		});
		expect(readAgreementContent(new Y.Doc()).parts.tasks).toBe('');
	});

	it('merges two people linking and unlinking goals at once', () => {
		const a = agreementDoc();
		const b = new Y.Doc();
		Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
		linkGoal(a, G2, true);
		linkGoal(b, G1, false);
		Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
		Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
		expect(readAgreementContent(a).goalIds).toEqual([G2]);
		expect(readAgreementContent(b).goalIds).toEqual([G2]);
	});

	it('hashes what a signature covers: parts, dates and goals, not the title or spacing', () => {
		const doc = agreementDoc();
		const hash = () => agreementHash(readAgreementContent(doc));
		const signed = hash();
		replaceText(agreementText(doc, 'title')!, 'Neuer Titel');
		replaceText(agreementText(doc, 'structures')!, '  Lenkungskreis \n');
		expect(hash()).toBe(signed);
		const changes: ((d: Y.Doc) => void)[] = [
			(d) => replaceText(agreementText(d, 'competencies')!, 'Mitsprache'),
			(d) => setAgreementDate(d, 'validUntil', '2028-12-31'),
			(d) => setAgreementDate(d, 'reviewOn', '2027-06-30'),
			(d) => setAgreementDate(d, 'validFrom', null),
			(d) => linkGoal(d, G2, true)
		];
		const seen = new Set([signed]);
		for (const change of changes) {
			change(doc);
			expect(seen.has(hash())).toBe(false);
			seen.add(hash());
		}
	});
});

describe('signatures and validity', () => {
	const s = (side: string, contentHash: string) => ({ side, contentHash });
	it.each([
		['no signatures', [], 'draft', []],
		['one side', [s('focus', 'h2')], 'draft', ['focus']],
		['both sides on this content', [s('focus', 'h2'), s('head', 'h2')], 'signed', ['focus', 'head']],
		['both on an earlier content, one on this', [s('focus', 'h1'), s('head', 'h1'), s('head', 'h2')], 'changed', ['head']],
		['each side on a different content', [s('focus', 'h1'), s('head', 'h0')], 'draft', []],
		['an unknown side counts for nothing', [s('focus', 'h2'), s('department', 'h2')], 'draft', ['focus']]
	] as const)('%s', (_name, signoffs, status, sides) => {
		expect(agreementStatus(signoffs, 'h2')).toBe(status);
		expect(agreementSignedSides(signoffs, 'h2')).toEqual(sides);
	});

	it.each([
		[{ validFrom: null, validUntil: null }, '2026-11-25', 'running'],
		[{ validFrom: '2027-01-01', validUntil: null }, '2026-11-25', 'upcoming'],
		[{ validFrom: '2026-11-25', validUntil: '2026-11-25' }, '2026-11-25', 'running'],
		[{ validFrom: '2020-01-01', validUntil: '2026-11-24' }, '2026-11-25', 'expired']
	] as const)('%o on %s is %s', (period, today, phase) => {
		expect(agreementPhase(period, today)).toBe(phase);
		expect(agreementCommitted({ status: 'signed', validUntil: period.validUntil }, today)).toBe(phase !== 'expired');
		expect(agreementCommitted({ status: 'changed', validUntil: period.validUntil }, today)).toBe(false);
	});
});
