/**
 * Service and location use cases on a real database: who may write, what a
 * stale or replayed form does, and the trail (history, audit) every write leaves.
 */
import { randomUUID } from 'node:crypto';
import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase, type TestDatabase } from '../../../../tests/helpers/db.ts';
import type { Ctx } from '../context.ts';
import { auditLog, directoryHistory, organisations, phones, serviceAtLocations, services, users } from '../db/schema/index.ts';
import type { MemberRole, PlatformRole } from '../db/schema/index.ts';
import { Refusal } from '../organisations/errors.ts';
import type { SignedInActor } from '../policy/index.ts';
import { createLocation, deleteLocation, updateLocation } from './locations.ts';
import { areaForm, contactForm, editLocationForm, editServiceForm, exceptionForm, newLocationForm, newServiceForm, weeklyHoursForm, type ServiceInput } from './schemas.ts';
import {
	addException,
	addPhone,
	addWeeklyHours,
	createService,
	deleteService,
	diffSnapshots,
	getServiceForEdit,
	removeItem,
	serviceHistory,
	updateService,
	verifyService
} from './services.ts';

let d: TestDatabase;
let orgA: string;
let orgB: string;
let memberA: Ctx;
let memberB: Ctx;
let officer: Ctx;
let outsider: Ctx;

async function person(name: string, opts: { org?: string; role?: MemberRole; platformRole?: PlatformRole } = {}): Promise<Ctx> {
	const [u] = await d.db.insert(users).values({ displayName: name, email: `${name}@example.org`, passwordHash: 'x', kind: 'resident', platformRole: opts.platformRole ?? null }).returning({ id: users.id });
	const actor: SignedInActor = {
		kind: 'user',
		userId: u.id,
		personKind: 'resident',
		platformRole: opts.platformRole ?? null,
		memberships: new Map(opts.org ? [[opts.org, opts.role ?? 'member']] : []),
		emailVerified: true,
		secondFactor: true,
		totpEnabled: true
	};
	return { db: d.db, actor, ip: '127.0.0.1', requestId: null, locale: 'en', origin: 'http://localhost' };
}

const input = (over: Partial<ServiceInput> = {}): ServiceInput => ({
	name: { en: 'Food bank', ar: 'بنك الطعام' },
	description: { en: 'Groceries every week.' },
	eligibility: {},
	applicationProcess: {},
	feesDescription: {},
	url: null,
	email: null,
	status: 'active',
	needs: ['basic-needs'],
	features: ['free'],
	languages: ['en', 'ar'],
	minimumAge: null,
	maximumAge: null,
	locationIds: [],
	...over
});

async function refusal(p: Promise<unknown>): Promise<Refusal> {
	try {
		await p;
	} catch (err) {
		if (err instanceof Refusal) return err;
		throw err;
	}
	throw new Error('expected a refusal');
}

beforeAll(async () => {
	d = await testDatabase();
	const [a, b] = await d.db
		.insert(organisations)
		.values([
			{ slug: 'uc-a', name: 'Org A', type: 'ngo', verification: 'verified' },
			{ slug: 'uc-b', name: 'Org B', type: 'ngo', verification: 'verified' }
		])
		.returning({ id: organisations.id });
	orgA = a.id;
	orgB = b.id;
	memberA = await person('member-a', { org: orgA });
	memberB = await person('member-b', { org: orgB, role: 'owner' });
	officer = await person('officer', { platformRole: 'integration_officer' });
	outsider = await person('outsider');
});
afterAll(() => d.dispose());

describe('service use cases', () => {
	it('creates a service once per form, with a history row and an audit entry', async () => {
		const formId = randomUUID();
		const first = await createService(memberA, orgA, { formId, service: input() });
		const again = await createService(memberA, orgA, { formId, service: input({ name: { en: 'Double click' } }) });
		expect(again).toEqual({ id: first.id, replayed: true });
		const rows = await d.db.select().from(services).where(eq(services.organisationId, orgA));
		expect(rows.filter((r) => r.name.en === 'Double click')).toHaveLength(0);
		const [svc] = rows.filter((r) => r.id === first.id);
		expect(svc.name).toEqual({ en: 'Food bank', ar: 'بنك الطعام' });
		expect(svc.version).toBe(1);
		const hist = await d.db.select().from(directoryHistory).where(eq(directoryHistory.entityId, first.id));
		expect(hist.map((h) => h.change)).toEqual(['created']);
		const audits = await d.db.select().from(auditLog).where(and(eq(auditLog.resourceId, first.id), eq(auditLog.action, 'directory.service.created')));
		expect(audits).toHaveLength(1);
	});

	it('refuses a form based on an older version and changes nothing', async () => {
		const { id } = await createService(memberA, orgA, { formId: randomUUID(), service: input() });
		await updateService(memberA, orgA, id, { version: 1, service: input({ name: { en: 'Food bank (new hours)' } }) });
		const err = await refusal(updateService(memberA, orgA, id, { version: 1, service: input({ name: { en: 'Stale edit' } }) }));
		expect(err.status).toBe(409);
		expect(err.key).toBe('directory_conflict');
		const [svc] = await d.db.select().from(services).where(eq(services.id, id));
		expect(svc.name).toEqual({ en: 'Food bank (new hours)' });
		expect(svc.version).toBe(2);
	});

	it("refuses another organisation's service whatever the form says, and lets city staff edit it", async () => {
		const { id } = await createService(memberB, orgB, { formId: randomUUID(), service: input({ name: { en: 'B advice' } }) });
		// A member of A, posting through A's pages with B's service id.
		const err = await refusal(updateService(memberA, orgA, id, { version: 1, service: input({ name: { en: 'Hijacked' } }) }));
		expect(err.status).toBe(403);
		expect((await refusal(deleteService(memberA, orgA, id, 1))).status).toBe(403);
		expect((await refusal(createService(outsider, orgB, { formId: randomUUID(), service: input() }))).status).toBe(403);
		expect((await refusal(getServiceForEdit(memberA, orgA, id))).status).toBe(403);
		// Staff may edit it, through its own organisation's pages only.
		expect((await refusal(updateService(officer, orgA, id, { version: 1, service: input() }))).status).toBe(404);
		await updateService(officer, orgB, id, { version: 1, service: input({ name: { en: 'B advice, checked by the city' } }) });
		const [svc] = await d.db.select().from(services).where(eq(services.id, id));
		expect(svc.name.en).toBe('B advice, checked by the city');
	});

	it('keeps locations to the organisation, and items to their service', async () => {
		const { id: locA } = await createLocation(memberA, orgA, { formId: randomUUID(), location: newLocationForm.parse({ formId: randomUUID(), name_en: 'Centre', address1: 'Via Roma 1' }).location });
		const { id: locB } = await createLocation(memberB, orgB, { formId: randomUUID(), location: newLocationForm.parse({ formId: randomUUID(), address1: 'Via B 2' }).location });
		const { id } = await createService(memberA, orgA, { formId: randomUUID(), service: input({ locationIds: [locA] }) });
		const err = await refusal(updateService(memberA, orgA, id, { version: 1, service: input({ locationIds: [locA, locB] }) }));
		expect(err.key).toBe('directory_location_not_ours');
		expect(await d.db.select({ l: serviceAtLocations.locationId }).from(serviceAtLocations).where(eq(serviceAtLocations.serviceId, id))).toEqual([{ l: locA }]);

		await addPhone(memberA, orgA, id, { number: '+39 055 1234', type: 'voice' });
		const other = await createService(memberB, orgB, { formId: randomUUID(), service: input() });
		await addPhone(memberB, orgB, other.id, { number: '+39 066 9999', type: 'voice' });
		const [theirPhone] = await d.db.select().from(phones).where(eq(phones.serviceId, other.id));
		expect((await refusal(removeItem(memberA, orgA, id, 'phone', theirPhone.id))).key).toBe('directory_item_not_found');
		expect(await d.db.select().from(phones).where(eq(phones.id, theirPhone.id))).toHaveLength(1);

		await addWeeklyHours(memberA, orgA, id, weeklyHoursForm.parse({ weekday: '1', opensAt: '09:00', closesAt: '12:30', locationId: locA }));
		await addException(memberA, orgA, id, exceptionForm.parse({ validFrom: '2026-12-24', validTo: '2026-12-26', closed: 'on', noteLocale: 'en', note: 'Christmas' }));
		const hist = await serviceHistory(memberA, orgA, id);
		const words = JSON.stringify(hist.map((h) => h.changes));
		expect(words).toContain('1 09:00-12:30');
		expect(words).toContain('2026-12-24..2026-12-26 closed');

		await deleteLocation(memberA, orgA, locA);
		expect(await d.db.select().from(serviceAtLocations).where(eq(serviceAtLocations.serviceId, id))).toHaveLength(0);
		expect((await refusal(updateLocation(memberA, orgA, locB, editLocationForm.parse({ address1: 'x' })))).status).toBe(403);
	});

	it('"still correct" restarts the clock and the reminders', async () => {
		const { id } = await createService(memberA, orgA, { formId: randomUUID(), service: input() });
		const old = new Date('2025-01-01T00:00:00Z');
		await d.db.update(services).set({ lastVerifiedAt: old, reminder6SentAt: old, reminder9SentAt: old }).where(eq(services.id, id));
		const now = new Date('2026-06-01T08:00:00Z');
		await verifyService(memberA, orgA, id, 1, now);
		const [svc] = await d.db.select().from(services).where(eq(services.id, id));
		expect(svc.lastVerifiedAt.toISOString()).toBe(now.toISOString());
		expect(svc.lastVerifiedBy).toBe((memberA.actor as SignedInActor).userId);
		expect(svc.reminder6SentAt).toBeNull();
		expect(svc.reminder9SentAt).toBeNull();
		const hist = await serviceHistory(memberA, orgA, id);
		expect(hist[0].change).toBe('verified');
		expect(hist[0].changes).toContainEqual({ kind: 'verified' });
		const [{ n }] = await d.db.select({ n: count() }).from(auditLog).where(and(eq(auditLog.resourceId, id), eq(auditLog.action, 'directory.service.verified')));
		expect(Number(n)).toBe(1);
	});

	it('describes changes between snapshots in data the page can put into words', () => {
		const a = { name: { en: 'A' }, needs: ['health'], status: 'active', hours: [] };
		const b = { name: { en: 'B', it: 'B it' }, needs: ['health', 'housing'], status: 'inactive', hours: ['1 09:00-12:00'] };
		expect(diffSnapshots(a, b)).toEqual([
			{ kind: 'text', field: 'name', locale: 'en', before: 'A', after: 'B' },
			{ kind: 'text', field: 'name', locale: 'it', before: '', after: 'B it' },
			{ kind: 'value', field: 'status', before: 'active', after: 'inactive' },
			{ kind: 'list', field: 'needs', added: ['housing'], removed: [] },
			{ kind: 'list', field: 'hours', added: ['1 09:00-12:00'], removed: [] }
		]);
	});

	it('compares contacts and areas, but not against a snapshot that never recorded them', () => {
		const old = { name: { en: 'A' }, phones: [] };
		const next = { name: { en: 'A' }, phones: [], contacts: ['Anna, anna@example.org'], areas: ['Porto'] };
		// Written before contacts and areas were kept: their first snapshot is not "added".
		expect(diffSnapshots(old, next)).toEqual([]);
		expect(diffSnapshots(next, { ...next, contacts: [], areas: ['Porto', 'The whole city'] })).toEqual([
			{ kind: 'list', field: 'contacts', added: [], removed: ['Anna, anna@example.org'] },
			{ kind: 'list', field: 'areas', added: ['The whole city'], removed: [] }
		]);
	});
});

describe('service and location forms', () => {
	const base = { formId: randomUUID(), status: 'active' };
	it('needs a name in at least one locale, and collects each locale that was written', () => {
		const none = newServiceForm.safeParse({ ...base, locales: ['fr'], description_fr: 'x' });
		expect(none.success).toBe(false);
		expect(none.error?.issues[0]).toMatchObject({ path: ['name_fr'], message: 'directory_name_required' });
		const ok = newServiceForm.parse({ ...base, name_it: ' Mensa ', name_ar: 'مطعم', description_it: '' });
		expect(ok.service.name).toEqual({ it: 'Mensa', ar: 'مطعم' });
		expect(ok.service.description).toEqual({});
	});

	it('accepts known codes only, real web addresses and ages in order', () => {
		expect(newServiceForm.safeParse({ ...base, name_en: 'x', needs: ['housing', 'made-up'] }).success).toBe(false);
		expect(newServiceForm.safeParse({ ...base, name_en: 'x', languages: ['xx'] }).success).toBe(false);
		expect(newServiceForm.safeParse({ ...base, name_en: 'x', url: 'javascript:alert(1)' }).success).toBe(false);
		expect(newServiceForm.parse({ ...base, name_en: 'x', url: 'example.org/help' }).service.url).toBe('https://example.org/help');
		expect(newServiceForm.safeParse({ ...base, name_en: 'x', email: 'not an address' }).success).toBe(false);
		expect(newServiceForm.safeParse({ ...base, name_en: 'x', minimumAge: '18', maximumAge: '12' }).success).toBe(false);
		expect(newServiceForm.safeParse({ ...base, name_en: 'x', minimumAge: '-1' }).success).toBe(false);
		expect(newServiceForm.safeParse({ ...base, name_en: 'x', organisationId: randomUUID() }).success).toBe(false);
		expect(editServiceForm.safeParse({ name_en: 'x', status: 'active', version: 'abc' }).success).toBe(false);
	});

	it('needs a way to reach a contact, and one kind of area', () => {
		expect(contactForm.safeParse({ title: 'Director' }).error?.issues[0]).toMatchObject({ path: ['name'], message: 'directory_contact_required' });
		expect(contactForm.safeParse({ email: 'no at example' }).success).toBe(false);
		expect(contactForm.safeParse({ phone: 'call me' }).success).toBe(false);
		expect(contactForm.parse({ email: ' Desk@Example.org ', name: '' })).toEqual({ name: null, title: null, department: null, email: 'desk@example.org', phone: null });
		const id = randomUUID();
		expect(areaForm.parse({ neighbourhood: id, name: '' })).toEqual({ neighbourhoodId: id, name: null });
		expect(areaForm.parse({ name: ' The whole city ' })).toEqual({ neighbourhoodId: null, name: 'The whole city' });
		expect(areaForm.safeParse({}).success).toBe(false);
		expect(areaForm.safeParse({ neighbourhood: id, name: 'Province' }).success).toBe(false);
		expect(areaForm.safeParse({ neighbourhood: 'porto' }).error?.issues[0].message).toBe('directory_neighbourhood_unknown');
	});

	it('checks coordinates and hours', () => {
		const loc = (o: Record<string, string>) => newLocationForm.safeParse({ formId: randomUUID(), address1: 'Via 1', ...o });
		expect(loc({ latitude: '91', longitude: '12' }).success).toBe(false);
		expect(loc({ latitude: '41.9', longitude: '-181' }).success).toBe(false);
		expect(loc({ latitude: '41.9' }).success).toBe(false);
		expect(loc({ latitude: '41,9028', longitude: '12.4964' }).data?.location).toMatchObject({ latitude: 41.9028, longitude: 12.4964 });
		expect(weeklyHoursForm.safeParse({ weekday: '8', opensAt: '09:00', closesAt: '10:00' }).success).toBe(false);
		expect(weeklyHoursForm.safeParse({ weekday: '1', opensAt: '12:00', closesAt: '09:00' }).success).toBe(false);
		expect(exceptionForm.safeParse({ validFrom: '2026-02-30', noteLocale: 'en', closed: 'on' }).success).toBe(false);
		expect(exceptionForm.safeParse({ validFrom: '2026-12-24', noteLocale: 'en' }).success).toBe(false);
		expect(exceptionForm.parse({ validFrom: '2026-12-24', noteLocale: 'en', opensAt: '09:00', closesAt: '12:00' }).validTo).toBe('2026-12-24');
	});
});
