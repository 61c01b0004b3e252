import { describe, expect, it } from 'vitest';
import { ConflictError, ValidationError } from '../errors';
import { formAction, keepInput, readForm, safeRedirectTarget } from './forms';
import { translate } from '../../i18n/translate';

describe('safeRedirectTarget', () => {
	it.each(['/', '/members', '/members/42?tab=roles#status', '/en/tandems', '/search?q=//x'])('keeps the same-site path %s', (target) => {
		expect(safeRedirectTarget(target)).toBe(target);
	});

	it.each([
		['a protocol-relative URL', '//evil.example/login'],
		['a backslash after the slash', '/\\evil.example'],
		['an absolute https URL', 'https://evil.example/'],
		['an absolute http URL', 'http://evil.example'],
		['a javascript: URL', 'javascript:alert(1)'],
		['a relative path', 'members'],
		['a tab the browser removes', '/\t/evil.example'],
		['a newline the browser removes', '/\n/evil.example'],
		['a tab before a backslash', '/\t\\evil.example'],
		['nothing', ''],
		['null', null],
		['undefined', undefined]
	])('refuses %s', (_, target) => {
		expect(safeRedirectTarget(target)).toBe('/');
		expect(safeRedirectTarget(target, '/en')).toBe('/en');
	});
});

describe('form helpers', () => {
	it('reads the named fields as strings, absent or file fields as empty', () => {
		const data = new FormData();
		data.set('email', 'a@b.example');
		data.set('upload', new Blob(['x']), 'x.txt');
		expect(readForm(data, ['email', 'name', 'upload'])).toEqual({ email: 'a@b.example', name: '', upload: '' });
	});

	it('never echoes passwords or tokens back to the form', () => {
		expect(keepInput({ email: 'a', password: 'p', passwordRepeat: 'p', currentPassword: 'c', token: 't', note: 'n' })).toEqual({
			email: 'a',
			note: 'n'
		});
	});

	it('turns a ValidationError into a 400 with the field errors in words and the kept input', async () => {
		const result = await formAction(
			{ name: 'x', password: 'secret' },
			async () => {
				throw new ValidationError({ name: 'error_name_required' });
			},
			'create'
		);
		expect(result).toMatchObject({
			status: 400,
			data: { form: 'create', values: { name: 'x' }, errors: { name: 'Bitte geben Sie einen Namen ein.' } }
		});
		expect(JSON.stringify(result)).not.toContain('secret');
	});

	it('turns a ConflictError into a 409 with its reasons in words', async () => {
		const result = await formAction({}, async () => {
			throw new ConflictError(['error_goal_delete_measurements', 'error_goal_delete_agreed']);
		}, 'delete');
		expect(result).toMatchObject({ status: 409, data: { form: 'delete', refused: ['Es hat Messwerte.', 'Es wurde schon einmal vereinbart.'] } });
	});

	it('passes results through and rethrows other errors', async () => {
		await expect(formAction({}, async () => 42)).resolves.toBe(42);
		await expect(formAction({}, async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
	});
});

describe('translate', () => {
	it('gives the message in the request language (German without one) and passes unknown keys through', () => {
		expect(translate('error_email_invalid')).toBe('Bitte geben Sie eine gültige E-Mail-Adresse ein.');
		expect(translate('no_such_message')).toBe('no_such_message');
	});
});
