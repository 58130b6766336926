import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { z } from 'zod';
import { readForm, fields } from './form.ts';
import { safeNext } from './redirect.ts';

const schema = z.strictObject({
	name: fields.text(80),
	email: fields.optionalEmail(),
	kind: z.enum(['newcomer', 'resident'])
});

function post(body: string | FormData, type = 'application/x-www-form-urlencoded'): Request {
	return new Request('http://localhost/x', {
		method: 'POST',
		body,
		headers: typeof body === 'string' ? { 'content-type': type } : {}
	});
}

describe('readForm', () => {
	it('accepts a valid form and normalises it', async () => {
		const r = await readForm(post('name=%20Amal%20&email=AMAL%40Example.org&kind=newcomer'), schema);
		expect(r).toMatchObject({ ok: true, data: { name: 'Amal', email: 'amal@example.org', kind: 'newcomer' } });
	});

	it('explains each bad field and keeps the other values', async () => {
		const r = await readForm(post('name=&email=not-an-email&kind=alien'), schema);
		expect(r.ok).toBe(false);
		if (r.ok) return;
		expect(r.status).toBe(400);
		expect(Object.keys(r.errors).sort()).toEqual(['email', 'kind', 'name']);
		expect(r.errors.email).toMatch(/e-mail/i);
		expect(r.values.email).toBe('not-an-email');
	});

	it('refuses unknown fields, wrong content types and broken encodings', async () => {
		const unknown = await readForm(post('name=A&kind=resident&isAdmin=true'), schema);
		expect(unknown.ok).toBe(false);
		const json = await readForm(post('{"name":"A"}', 'application/json'), schema);
		expect(json).toMatchObject({ ok: false, status: 415 });
		const broken = await readForm(post('name=%C3%28&kind=resident'), schema);
		expect(broken.ok).toBe(false);
		if (!broken.ok) expect(broken.errors.name).toBeTruthy();
		const control = await readForm(post('name=A%00B&kind=resident'), schema);
		expect(control.ok).toBe(false);
		const bidi = await readForm(post(`name=${encodeURIComponent('abc\u202Egpj.exe')}&kind=resident`), schema);
		expect(bidi.ok).toBe(false);
	});

	it('refuses a one-megabyte field with a "too long" message', async () => {
		const r = await readForm(post(`name=${'a'.repeat(1_000_000)}&kind=resident`), schema);
		expect(r.ok).toBe(false);
		if (!r.ok) expect(r.errors.name).toMatch(/too long/i);
	});

	it('never echoes secrets back into the page', async () => {
		const s = z.strictObject({ password: z.string().min(10) });
		const r = await readForm(post('password=short'), s);
		expect(r.ok).toBe(false);
		if (!r.ok) expect(r.values.password).toBeUndefined();
	});

	it('answers any random body with a result, never an exception', async () => {
		await fc.assert(
			fc.asyncProperty(
				fc.dictionary(fc.string({ maxLength: 20 }), fc.string({ maxLength: 300, unit: 'binary' }), { maxKeys: 6 }),
				fc.constantFrom('application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'text/plain', ''),
				async (dict, type) => {
					const body = new URLSearchParams(dict).toString();
					const r = await readForm(post(body, type), schema);
					if (r.ok) {
						expect(schema.safeParse(r.data).success).toBe(true);
					} else {
						expect([400, 413, 415]).toContain(r.status);
						expect(r.message.length).toBeGreaterThan(0);
					}
				}
			),
			{ numRuns: 300 }
		);
	});
});

describe('safeNext', () => {
	it('keeps local paths and drops everything that could leave the site', () => {
		expect(safeNext('/app/organisations?page=2')).toBe('/app/organisations?page=2');
		for (const bad of ['//evil.example', 'https://evil.example', '/\\evil', 'javascript:alert(1)', '', null, '/a\nb']) {
			expect(safeNext(bad)).toBe('/');
		}
	});

	it('never returns a path that starts a new origin, for any input', () => {
		fc.assert(
			fc.property(fc.string({ unit: 'binary' }), (s) => {
				const out = safeNext(s);
				expect(out.startsWith('/')).toBe(true);
				expect(out.startsWith('//') || out.startsWith('/\\')).toBe(false);
				expect(new URL(out, 'http://convive.test').origin).toBe('http://convive.test');
			}),
			{ numRuns: 1000 }
		);
	});
});
