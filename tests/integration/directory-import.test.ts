/**
 * Import and export of an organisation's directory records over real HTTP:
 * HSDS zips and XLSX files built here with the real libraries (fflate,
 * write-excel-file), the preview with row-level problems, all-or-nothing
 * writes, replayed and forged confirmations, size and encoding limits, and
 * formula neutralisation read back with real parsers (csv-parse,
 * read-excel-file).
 */
import { and, count, eq, sql } from 'drizzle-orm';
import { parse } from 'csv-parse/sync';
import { strToU8, unzipSync, zipSync, strFromU8 } from 'fflate';
import readXlsxFile from 'read-excel-file/node';
import writeXlsxFile from 'write-excel-file/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, text, type Client, type TestApp } from '../helpers/app.ts';
import { addMember, createUser, signIn, type TestUser } from '../helpers/users.ts';
import {
	auditLog,
	directoryHistory,
	locations,
	neighbourhoods,
	organisations,
	phones,
	requiredDocuments,
	schedules,
	serviceAreas,
	serviceAtLocations,
	services
} from '../../src/lib/server/db/schema/index.ts';

let app: TestApp;
let db: TestApp['database']['db'];
let owner: TestUser;
let orgA: string;
let orgB: string;
let borgo: string;
let porto: string;

beforeAll(async () => {
	app = await startTestApp({ smtp: false });
	db = app.database.db;
	owner = await createUser(db, { displayName: 'Ilaria' });
	const [a, b] = await db
		.insert(organisations)
		.values([
			{ slug: 'import-a', name: 'Import A', type: 'ngo', verification: 'verified' },
			{ slug: 'import-b', name: 'Import B', type: 'ngo', verification: 'verified' }
		])
		.returning();
	orgA = a.id;
	orgB = b.id;
	await addMember(db, orgA, owner.id, 'owner');
	await addMember(db, orgB, owner.id, 'owner');
	const ns = await db
		.insert(neighbourhoods)
		.values([
			{ slug: 'borgo-vecchio', name: 'Borgo Vecchio' },
			{ slug: 'porto-nuovo', name: 'Porto Nuovo' }
		])
		.returning({ id: neighbourhoods.id });
	[borgo, porto] = ns.map((n) => n.id);
});
afterAll(() => app?.stop());

const as = (u: TestUser, locale = 'en'): Client => signIn(app.client({ locale }), u);

async function upload(c: Client, org: string, name: string, bytes: Uint8Array): Promise<{ status: number; html: string }> {
	const form = new FormData();
	form.append('file', new File([bytes as Uint8Array<ArrayBuffer>], name));
	const res = await fetch(`${app.url}/app/organisations/${org}/import?/preview`, {
		method: 'POST',
		body: form,
		headers: {
			origin: app.url,
			accept: 'text/html',
			cookie: [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
			...(c.locale ? { 'accept-language': c.locale } : {})
		},
		redirect: 'manual'
	});
	return { status: res.status, html: await res.text() };
}

/** Confirms, then follows the progress page (which refreshes itself) until the import has finished. */
async function confirm(c: Client, org: string, token: string): Promise<string> {
	const res = await c.post(`/app/organisations/${org}/import?/confirm`, { token });
	expect(res.status).toBe(303);
	expect(res.location).toMatch(new RegExp(`^/app/organisations/${org}/import\\?job=`));
	for (let i = 0; i < 600; i++) {
		const page = await c.get(res.location!);
		if (!page.html.includes('data-testid="import-progress"')) return text(page.html);
		expect(page.html).toContain('http-equiv="refresh"');
		expect(page.html).toContain('<progress');
		await new Promise((r) => setTimeout(r, 50));
	}
	throw new Error('the import did not finish');
}

function tokenIn(html: string): string | null {
	return /name="token" value="([^"]+)"/.exec(html)?.[1] ?? null;
}

/** Rows of the problem table: [file, row, column, problem]. */
function problems(html: string): string[][] {
	return [...html.matchAll(/<tr data-testid="import-error"[^>]*>([\s\S]*?)<\/tr>/g)].map((m) =>
		[...m[1].matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((c) => text(c[1]).trim())
	);
}

const csv = (rows: string[][]) => rows.map((r) => r.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',')).join('\r\n') + '\r\n';
const zip = (files: Record<string, string | Uint8Array>) =>
	zipSync(Object.fromEntries(Object.entries(files).map(([k, v]) => [k, typeof v === 'string' ? strToU8(v) : v])));

const countOf = async (table: typeof services | typeof locations, org: string) =>
	Number((await db.select({ n: count() }).from(table).where(eq(table.organisationId, org)))[0].n);

const goodPackage = () =>
	zip({
		// With a BOM, as Excel writes "CSV UTF-8".
		'services.csv':
			'\uFEFF' +
			csv([
				['id', 'organization_id', 'name', 'name_ar', 'description', 'needs', 'features', 'languages', 'status'],
				['S1', '00000000-0000-4000-8000-000000000000', 'Italian for adults', 'دروس الإيطالية', 'Evening classes', 'language-courses', 'free', 'it ar', 'active'],
				['S2', '', 'Legal desk', '', 'Advice on permits', 'legal asylum', 'no-appointment', 'en', '']
			]),
		'locations.csv': csv([
			['id', 'name', 'address_1', 'city', 'postal_code', 'latitude', 'longitude'],
			['L1', 'Community centre', 'Via Verdi 3', 'Fiorenza', '50121', '43.77', '11.26']
		]),
		'service_at_location.csv': csv([
			['id', 'service_id', 'location_id'],
			['SAL1', 'S1', 'L1'],
			['SAL2', 'S2', 'L1']
		]),
		'schedules.csv': csv([
			['id', 'service_id', 'location_id', 'freq', 'byday', 'opens_at', 'closes_at', 'valid_from', 'valid_to', 'closed', 'description'],
			['H1', 'S1', 'L1', 'WEEKLY', 'MO,WE', '18:00', '20:00', '', '', '', ''],
			['H2', 'S1', '', '', '', '', '', '2026-12-24', '2026-12-26', 'true', 'Christmas']
		]),
		'phones.csv': csv([
			['id', 'service_id', 'location_id', 'number', 'type'],
			['P1', 'S2', '', '+39 055 1234', 'voice']
		]),
		'required_documents.csv': csv([
			['id', 'service_id', 'document', 'document_it'],
			['D1', 'S2', 'Any ID', 'Un documento']
		]),
		'organizations.csv': csv([['id', 'name'], ['x', 'Someone else']])
	});

describe('importing an HSDS package', () => {
	it('previews without writing, then writes everything into the organisation on confirmation', async () => {
		const c = as(owner);
		const before = await countOf(services, orgA);
		const res = await upload(c, orgA, 'package.zip', goodPackage());
		expect(res.status).toBe(200);
		const t = text(res.html);
		expect(t).toContain('2 new services, 0 services updated, 1 new locations, 0 locations updated');
		expect(t).toContain('organizations.csv');
		expect(problems(res.html)).toEqual([]);
		expect(await countOf(services, orgA)).toBe(before);
		const token = tokenIn(res.html)!;
		expect(token).toBeTruthy();

		const done = await confirm(c, orgA, token);
		expect(done).toContain('Import finished: 2 services created, 0 updated, 1 locations created, 0 updated.');

		const rows = await db.select().from(services).where(eq(services.organisationId, orgA));
		const italian = rows.find((r) => r.name.en === 'Italian for adults')!;
		expect(italian.name.ar).toBe('دروس الإيطالية');
		expect(italian.languages).toEqual(['it', 'ar']);
		expect(italian.features).toEqual(['free']);
		const legal = rows.find((r) => r.name.en === 'Legal desk')!;
		expect(legal.needs).toEqual(['legal', 'asylum']);
		const hours = await db.select().from(schedules).where(eq(schedules.serviceId, italian.id));
		expect(hours.filter((h) => h.kind === 'weekly').map((h) => h.weekday).sort()).toEqual([1, 3]);
		expect(hours.find((h) => h.kind === 'exception')).toMatchObject({ validFrom: '2026-12-24', validTo: '2026-12-26', closed: true });
		const docs = await db.select().from(requiredDocuments).where(eq(requiredDocuments.serviceId, legal.id));
		expect(docs[0].document).toEqual({ en: 'Any ID', it: 'Un documento' });
		const links = await db.select().from(serviceAtLocations).where(eq(serviceAtLocations.serviceId, legal.id));
		expect(links).toHaveLength(1);
		expect((await db.select().from(phones).where(eq(phones.serviceId, legal.id)))[0].number).toBe('+39 055 1234');

		const audit = await db.select().from(auditLog).where(eq(auditLog.action, 'directory.import.completed'));
		expect(audit).toHaveLength(1);
		expect(audit[0].details).toMatchObject({ servicesNew: 2, locationsNew: 1 });
		const history = await db.select().from(directoryHistory).where(and(eq(directoryHistory.organisationId, orgA), eq(directoryHistory.change, 'imported')));
		expect(history).toHaveLength(3);
	});

	it('refuses a replayed confirmation: nothing is written twice', async () => {
		const c = as(owner);
		const res = await upload(c, orgB, 'package.zip', goodPackage());
		const token = tokenIn(res.html)!;
		expect(await confirm(c, orgB, token)).toContain('Import finished');
		const after = await countOf(services, orgB);
		const again = await c.post(`/app/organisations/${orgB}/import?/confirm`, { token });
		expect(again.status).toBe(400);
		expect(text(again.html)).toContain('This preview was already used, has expired or is not yours');
		expect(await countOf(services, orgB)).toBe(after);
		await db.delete(services).where(eq(services.organisationId, orgB));
		await db.delete(locations).where(eq(locations.organisationId, orgB));
	});

	it('reads an area named like a neighbourhood (any case or spacing, or its slug) as that neighbourhood, others as wider areas', async () => {
		const c = as(owner);
		const res = await upload(
			c,
			orgB,
			'areas.zip',
			zip({
				'services.csv': csv([
					['id', 'name'],
					['S1', 'Night shelter'],
					['S2', 'Job desk']
				]),
				'service_areas.csv': csv([
					['id', 'service_id', 'name', 'description', 'description_ar', 'extent_type'],
					['A1', 'S1', '  borgo   VECCHIO ', 'Near the market', 'قرب السوق', ''],
					['A2', 'S1', 'Borgo Vecchio', 'Said twice', '', ''],
					['A3', 'S1', 'porto-nuovo', '', '', 'text'],
					['A4', 'S2', 'Portavera (whole city)', 'Everyone living in the city', '', ''],
					['A5', 'S2', 'Borgo Vecchio Nord', '', '', '']
				])
			})
		);
		expect(problems(res.html)).toEqual([]);
		expect(await confirm(c, orgB, tokenIn(res.html)!)).toContain('Import finished: 2 services created');
		const areasOf = async (name: string) => {
			const [svc] = await db.select().from(services).where(and(eq(services.organisationId, orgB), sql`${services.name}->>'en' = ${name}`));
			const rows = await db.select().from(serviceAreas).where(eq(serviceAreas.serviceId, svc.id));
			return rows.map((a) => ({ neighbourhoodId: a.neighbourhoodId, name: a.name, description: a.description })).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
		};
		// The neighbourhood once (the repeated row is not a second area), without a copy of its name.
		expect(await areasOf('Night shelter')).toEqual(
			[
				{ neighbourhoodId: borgo, name: null, description: { en: 'Near the market', ar: 'قرب السوق' } },
				{ neighbourhoodId: porto, name: null, description: {} }
			].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)))
		);
		expect(await areasOf('Job desk')).toEqual([
			{ neighbourhoodId: null, name: 'Borgo Vecchio Nord', description: {} },
			{ neighbourhoodId: null, name: 'Portavera (whole city)', description: { en: 'Everyone living in the city' } }
		]);
		await db.delete(services).where(eq(services.organisationId, orgB));
	});

	it('refuses a token used for another organisation or by another person', async () => {
		const c = as(owner);
		const res = await upload(c, orgA, 'package.zip', goodPackage());
		const token = tokenIn(res.html)!;
		const beforeA = await countOf(services, orgA);
		const beforeB = await countOf(services, orgB);
		const forged = await c.post(`/app/organisations/${orgB}/import?/confirm`, { token });
		expect(forged.status).toBe(400);
		expect(text(forged.html)).toContain('Nothing was saved');
		const other = await createUser(db);
		await addMember(db, orgA, other.id, 'coordinator');
		const stolen = await as(other).post(`/app/organisations/${orgA}/import?/confirm`, { token });
		expect(stolen.status).toBe(400);
		const garbage = await c.post(`/app/organisations/${orgA}/import?/confirm`, { token: '../../secret.key' });
		expect(garbage.status).toBe(400);
		expect(await countOf(services, orgA)).toBe(beforeA);
		expect(await countOf(services, orgB)).toBe(beforeB);
	});

	it('lists every problem with its file, row and column, and writes nothing', async () => {
		const before = await countOf(services, orgA);
		const res = await upload(
			as(owner),
			orgA,
			'broken.zip',
			zip({
				'services.csv': csv([
					['id', 'name', 'needs', 'colour'],
					['S1', 'Good', 'health', 'red']
				]),
				'locations.csv': csv([['id', 'name'], ['L1', 'Place']])
			})
		);
		expect(problems(res.html)).toEqual([['services.csv', '1', 'colour', 'Unknown columns: colour']]);

		const res2 = await upload(
			as(owner),
			orgA,
			'broken.zip',
			zip({
				'services.csv': csv([
					['id', 'name', 'needs', 'features', 'url'],
					['S1', 'Good', 'health', 'free', ''],
					['S2', 'Broken', 'flying-lessons', '', 'javascript:alert(1)'],
					['S1', 'Duplicate', '', '', ''],
					['S3', '', '', '', '']
				]),
				'locations.csv': csv([['id', 'name'], ['L1', 'Place']]),
				'service_at_location.csv': csv([
					['service_id', 'location_id'],
					['S1', 'L9']
				]),
				'schedules.csv': csv([['service_id'], ['S1']]),
				'phones.csv': csv([['id', 'service_id'], ['P1', 'S1']])
			})
		);
		const p = problems(res2.html);
		expect(p).toContainEqual(['phones.csv', '1', 'number', 'Missing columns: number']);
		expect(p).toContainEqual(['services.csv', '3', 'needs', 'Unknown code “flying-lessons”: see the Codes sheet of the template.']);
		expect(p).toContainEqual(['services.csv', '3', 'url', '“javascript:alert(1)” is not a valid value here.']);
		expect(p).toContainEqual(['services.csv', '4', 'id', 'The id S1 appears more than once.']);
		expect(p).toContainEqual(['services.csv', '5', 'name', 'This value is required.']);
		expect(p).toContainEqual(['service_at_location.csv', '2', 'location_id', 'There is no row with id L9 in locations.']);
		expect(p).toContainEqual(['schedules.csv', '2', 'valid_from', 'This value is required.']);
		expect(tokenIn(res2.html)).toBeNull();
		expect(await countOf(services, orgA)).toBe(before);
	});

	it('writes nothing at all when the database refuses one row halfway', async () => {
		await db.execute(sql`create or replace function exchange_boom() returns trigger language plpgsql as $$
			begin if new.document->>'en' = 'BOOM' then raise exception 'boom'; end if; return new; end $$`);
		await db.execute(sql`create trigger exchange_boom before insert on required_documents for each row execute function exchange_boom()`);
		try {
			const beforeS = await countOf(services, orgB);
			const beforeL = await countOf(locations, orgB);
			const c = as(owner);
			const res = await upload(
				c,
				orgB,
				'boom.zip',
				zip({
					'services.csv': csv([['id', 'name'], ['S1', 'First'], ['S2', 'Second']]),
					'locations.csv': csv([['id', 'name'], ['L1', 'Place']]),
					'required_documents.csv': csv([['service_id', 'document'], ['S1', 'Fine'], ['S2', 'BOOM']])
				})
			);
			const token = tokenIn(res.html)!;
			expect(await confirm(c, orgB, token)).toContain('The import failed and nothing was saved');
			expect(await countOf(services, orgB)).toBe(beforeS);
			expect(await countOf(locations, orgB)).toBe(beforeL);
		} finally {
			await db.execute(sql`drop trigger exchange_boom on required_documents`);
		}
	});

	it('names the file that is not UTF-8, and accepts no other file types', async () => {
		const latin1 = new Uint8Array([...strToU8('id,name\r\nS1,Caf'), 0xe9, 0x0d, 0x0a]);
		const res = await upload(as(owner), orgA, 'latin1.zip', zip({ 'services.csv': latin1 }));
		expect(res.status).toBe(400);
		expect(text(res.html)).toContain('services.csv is not UTF-8 text. Save it as “CSV UTF-8” and try again.');
		const pdf = await upload(as(owner), orgA, 'x.pdf', strToU8('%PDF-1.4 not a zip'));
		expect(text(pdf.html)).toContain('This file is neither a zip of CSV files nor an .xlsx spreadsheet.');
		const none = await upload(as(owner), orgA, 'empty.zip', new Uint8Array());
		expect(text(none.html)).toContain('Choose a file to upload.');
	});

	it('refuses files over 50 MB before reading them, and more than 20,000 rows with a clear limit', async () => {
		const big = new Uint8Array(50 * 1024 * 1024 + 1024);
		big.set([0x50, 0x4b, 0x03, 0x04]);
		const res = await upload(as(owner), orgA, 'big.zip', big);
		expect(res.status).toBe(413);
		expect(text(res.html)).toContain('The file is larger than 50 MB.');

		const lines = ['id,name'];
		for (let i = 0; i < 100_000; i++) lines.push(`S${i},Service ${i}`);
		const many = await upload(as(owner), orgA, 'many.zip', zip({ 'services.csv': lines.join('\n') }));
		expect(many.status).toBe(400);
		expect(text(many.html)).toContain('services.csv has more than 20000 rows. Split it into files of at most 20000 rows.');
	});

	it('imports a few thousand rows, with a progress page while it writes, and someone else cannot see the job', async () => {
		const [big] = await db.insert(organisations).values({ slug: 'import-big', name: 'Big', type: 'ngo' }).returning();
		await addMember(db, big.id, owner.id, 'owner');
		const lines = ['id,name,needs,languages'];
		for (let i = 0; i < 3000; i++) lines.push(`S${i},Service ${i},health,it en`);
		const c = as(owner);
		const res = await upload(c, big.id, 'big.zip', zip({ 'services.csv': lines.join('\n') }));
		expect(text(res.html)).toContain('3000 new services');
		const post = await c.post(`/app/organisations/${big.id}/import?/confirm`, { token: tokenIn(res.html)! });
		const stranger = await createUser(db);
		await addMember(db, big.id, stranger.id, 'coordinator');
		const theirs = await as(stranger).get(post.location!);
		expect(theirs.html).not.toContain('data-testid="import-progress"');
		expect(text(theirs.html)).not.toContain('Import finished');
		let finished = '';
		for (let i = 0; i < 1200 && !finished; i++) {
			const page = await c.get(post.location!);
			if (!page.html.includes('data-testid="import-progress"')) finished = text(page.html);
			else await new Promise((r) => setTimeout(r, 100));
		}
		expect(finished).toContain('Import finished: 3000 services created');
		expect(await countOf(services, big.id)).toBe(3000);
	}, 120_000);

	it('lets only owners, coordinators and city staff import', async () => {
		const member = await createUser(db);
		await addMember(db, orgA, member.id, 'member');
		expect((await as(member).get(`/app/organisations/${orgA}/import`)).status).toBe(403);
		const res = await upload(as(member), orgA, 'package.zip', goodPackage());
		expect(res.status).toBe(403);
		expect((await as(member).get(`/app/organisations/${orgA}/export`)).status).toBe(200);
	});
});

describe('the spreadsheet template', () => {
	it('downloads with the Services, Locations, Hours, README and Codes sheets, README in the reader’s language', async () => {
		const res = await fetch(`${app.url}/app/organisations/${orgA}/import/template.xlsx`, {
			headers: { cookie: [...as(owner).cookies].map(([k, v]) => `${k}=${v}`).join('; '), 'accept-language': 'ar' }
		});
		expect(res.status).toBe(200);
		const sheets = await readXlsxFile(Buffer.from(await res.arrayBuffer()));
		expect(sheets.map((s) => s.sheet)).toEqual(['README', 'Services', 'Locations', 'Hours', 'Codes']);
		expect(String(sheets[0].data[0][0])).toBe('كيف تملأ جدول البيانات هذا');
		expect(sheets[1].data[0]).toContain('name_ar');
		expect(sheets[4].data.map((r) => r[0])).toContain('unaccompanied-children');
	});

	it('imports a filled-in spreadsheet, and refuses formula cells with their row', async () => {
		const head = (cols: string[]) => cols.map((v) => ({ value: v }));
		const sheetsFor = (nameCell: unknown) => [
			{ sheet: 'Services', data: [head(['id', 'name', 'needs', 'location_ids']), [{ value: 'S1' }, nameCell, { value: 'health' }, { value: 'L1' }]] },
			{ sheet: 'Locations', data: [head(['id', 'name', 'address_1', 'city']), [{ value: 'L1' }, { value: 'Clinic' }, { value: 'Via Po 2' }, { value: 'Fiorenza' }]] },
			{
				sheet: 'Hours',
				data: [head(['service_id', 'freq', 'byday', 'opens_at', 'closes_at']), [{ value: 'S1' }, { value: 'WEEKLY' }, { value: 'FR' }, { value: '08:30' }, { value: '12:00' }]]
			}
		];
		const withFormula = await writeXlsxFile(sheetsFor({ value: 'CONCAT("a","b")', type: 'Formula' }) as never).toBuffer();
		const bad = await upload(as(owner), orgB, 'filled.xlsx', new Uint8Array(withFormula));
		expect(problems(bad.html)).toEqual([['Services', '2', 'name', 'Formulas are not imported: type the value itself.']]);

		const good = await writeXlsxFile(sheetsFor({ value: 'Walk-in clinic' }) as never).toBuffer();
		const c = as(owner);
		const res = await upload(c, orgB, 'filled.xlsx', new Uint8Array(good));
		expect(text(res.html)).toContain('1 new services');
		expect(await confirm(c, orgB, tokenIn(res.html)!)).toContain('Import finished');
		const [clinic] = await db.select().from(services).where(and(eq(services.organisationId, orgB), sql`${services.name}->>'en' = 'Walk-in clinic'`));
		expect(clinic.needs).toEqual(['health']);
		const h = await db.select().from(schedules).where(eq(schedules.serviceId, clinic.id));
		expect(h).toMatchObject([{ kind: 'weekly', weekday: 5, opensAt: '08:30', closesAt: '12:00' }]);
		expect(await db.select().from(serviceAtLocations).where(eq(serviceAtLocations.serviceId, clinic.id))).toHaveLength(1);
	});
});

describe('export', () => {
	async function download(c: Client, org: string, file: string): Promise<Uint8Array> {
		const res = await fetch(`${app.url}/app/organisations/${org}/export/${file}`, {
			headers: { cookie: [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; ') }
		});
		expect(res.status).toBe(200);
		return new Uint8Array(await res.arrayBuffer());
	}

	it('neutralises formulas in CSV and XLSX, read back with real parsers', async () => {
		const [evil] = await db
			.insert(services)
			.values({ organisationId: orgA, name: { en: '=HYPERLINK("http://evil.example","click")' }, description: { en: '@SUM(1)' } })
			.returning();
		const c = as(owner);
		const files = unzipSync(await download(c, orgA, 'hsds.zip'));
		const rows = parse(strFromU8(files['services.csv']), { columns: true }) as Record<string, string>[];
		const row = rows.find((r) => r.id === evil.id)!;
		expect(row.name).toBe('\'=HYPERLINK("http://evil.example","click")');
		expect(row.description).toBe("'@SUM(1)");
		expect(Object.keys(files).sort()).toContain('service_at_location.csv');

		const xlsx = await download(c, orgA, 'services.xlsx');
		const sheets = await readXlsxFile(Buffer.from(xlsx));
		const svc = sheets.find((s) => s.sheet === 'Services')!;
		const nameCol = svc.data[0].indexOf('name');
		const cell = svc.data.find((r) => r[0] === evil.id)![nameCol];
		expect(cell).toBe('\'=HYPERLINK("http://evil.example","click")');
		const parts = unzipSync(xlsx);
		for (const [name, data] of Object.entries(parts)) if (name.startsWith('xl/worksheets/')) expect(strFromU8(data)).not.toContain('<f>');
		await db.delete(services).where(eq(services.id, evil.id));
	});

	it('round-trips: an export imported into another organisation gives the same records', async () => {
		// Verified, so its copies are public and the neighbourhood search below can find them.
		const [target] = await db.insert(organisations).values({ slug: 'import-copy', name: 'Copy', type: 'ngo', verification: 'verified' }).returning();
		await addMember(db, target.id, owner.id, 'owner');
		const [italian] = await db.select().from(services).where(and(eq(services.organisationId, orgA), sql`${services.name}->>'en' = 'Italian for adults'`));
		await db.insert(serviceAreas).values([
			{ serviceId: italian.id, neighbourhoodId: borgo, description: { en: 'Classes in the library', ar: 'دروس في المكتبة' } },
			{ serviceId: italian.id, name: 'Portavera (whole city)' }
		]);
		const c = as(owner);
		const zipBytes = await download(c, orgA, 'hsds.zip');
		const res = await upload(c, target.id, 'export.zip', zipBytes);
		expect(problems(res.html)).toEqual([]);
		expect(await confirm(c, target.id, tokenIn(res.html)!)).toContain('Import finished');

		const snapshot = async (org: string) => {
			const ss = await db.select().from(services).where(eq(services.organisationId, org));
			const out = [];
			for (const s of ss) {
				const h = await db.select().from(schedules).where(eq(schedules.serviceId, s.id));
				const docs = await db.select().from(requiredDocuments).where(eq(requiredDocuments.serviceId, s.id));
				const areas = await db.select().from(serviceAreas).where(eq(serviceAreas.serviceId, s.id));
				const links = await db
					.select({ name: locations.name, address1: locations.address1, lat: locations.latitude })
					.from(serviceAtLocations)
					.innerJoin(locations, eq(locations.id, serviceAtLocations.locationId))
					.where(eq(serviceAtLocations.serviceId, s.id));
				out.push({
					name: s.name,
					description: s.description,
					needs: s.needs,
					features: s.features,
					languages: s.languages,
					status: s.status,
					hours: h.map((x) => [x.kind, x.weekday, x.opensAt, x.closesAt, x.validFrom, x.validTo, x.closed, x.description]).sort(),
					docs: docs.map((d) => d.document),
					areas: areas.map((a) => [a.neighbourhoodId, a.name, a.description]).sort(),
					at: links
				});
			}
			return out.sort((a, b) => JSON.stringify(a.name).localeCompare(JSON.stringify(b.name)));
		};
		const original = await snapshot(orgA);
		expect(original.length).toBeGreaterThan(1);
		expect(await snapshot(target.id)).toEqual(original);
		// The copies are new records of the target organisation, not the originals moved.
		expect(await countOf(services, orgA)).toBe(original.length);

		// The neighbourhood area came back as the neighbourhood, so the copy is found by neighbourhood.
		expect(original.some((s) => s.areas.some(([nb]) => nb === borgo))).toBe(true);
		const copies = await db
			.select({ id: services.id })
			.from(services)
			.innerJoin(serviceAreas, eq(serviceAreas.serviceId, services.id))
			.where(and(eq(services.organisationId, target.id), eq(serviceAreas.neighbourhoodId, borgo)));
		expect(copies.length).toBeGreaterThan(0);
		const found = (await app.client().get('/services?nb=borgo-vecchio')).html;
		for (const { id } of copies) expect(found).toContain(`href="/services/${id}"`);
		expect((await app.client().get('/services?nb=porto-nuovo')).html).not.toContain(`href="/services/${copies[0].id}"`);
	});
});
