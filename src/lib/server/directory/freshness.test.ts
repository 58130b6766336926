/**
 * Freshness reminders through a real SMTP server, with the clock injected:
 * one e-mail per person per run, in their language, listing every service of
 * theirs that needs a look; once at 6 months, once more at 9; "still
 * correct" starts the clock again.
 */
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase, type TestDatabase } from '../../../../tests/helpers/db.ts';
import { startSmtp, type TestSmtp } from '../../../../tests/helpers/smtp.ts';
import { resetConfig } from '../config.ts';
import type { Ctx } from '../context.ts';
import { memberships, organisations, services, users } from '../db/schema/index.ts';
import type { MemberRole } from '../db/schema/index.ts';
import { Refusal } from '../organisations/errors.ts';
import { anonymous, type SignedInActor } from '../policy/index.ts';
import { sendFreshnessReminders, staleByOrganisation } from './freshness.ts';
import { verifyService } from './services.ts';

let d: TestDatabase;
let smtp: TestSmtp;
const NOW = new Date('2026-11-20T09:00:00Z');
const monthsAgo = (n: number, from = NOW) => {
	const x = new Date(from);
	x.setUTCMonth(x.getUTCMonth() - n);
	return x;
};

async function user(email: string, locale: string | null) {
	const [u] = await d.db.insert(users).values({ displayName: email.split('@')[0], email, passwordHash: 'x', kind: 'resident', locale }).returning({ id: users.id });
	return u.id;
}

let org: string;
let otherOrg: string;
let owner: string;
let sevenMonths: string;
let tenMonths: string;

beforeAll(async () => {
	smtp = await startSmtp();
	process.env.SMTP_URL = smtp.url;
	resetConfig();
	d = await testDatabase();
	const [a, b] = await d.db
		.insert(organisations)
		.values([
			{ slug: 'fresh-a', name: 'Casa Aperta', type: 'ngo', verification: 'verified' },
			{ slug: 'fresh-b', name: 'Altra Casa', type: 'ngo', verification: 'verified' }
		])
		.returning({ id: organisations.id });
	org = a.id;
	otherOrg = b.id;
	owner = await user('owner@casa.example', 'it');
	const coordinator = await user('coord@casa.example', 'ar');
	const member = await user('member@casa.example', 'en');
	const otherOwner = await user('owner@altra.example', null);
	const add = (o: string, u: string, role: MemberRole) => d.db.insert(memberships).values({ organisationId: o, userId: u, role });
	await add(org, owner, 'owner');
	await add(org, coordinator, 'coordinator');
	await add(org, member, 'member');
	await add(otherOrg, otherOwner, 'owner');
	const rows = await d.db
		.insert(services)
		.values([
			{ organisationId: org, name: { en: 'Food bank', it: 'Banco alimentare', ar: 'بنك الطعام' }, lastVerifiedAt: monthsAgo(7) },
			{ organisationId: org, name: { en: 'Legal advice', it: 'Consulenza legale' }, lastVerifiedAt: monthsAgo(10) },
			{ organisationId: org, name: { en: 'Fresh service' }, lastVerifiedAt: monthsAgo(2) },
			{ organisationId: org, name: { en: 'Closed for good' }, status: 'defunct', lastVerifiedAt: monthsAgo(20) },
			{ organisationId: otherOrg, name: { en: 'Other house stale' }, lastVerifiedAt: monthsAgo(13) }
		])
		.returning({ id: services.id });
	sevenMonths = rows[0].id;
	tenMonths = rows[1].id;
});
afterAll(async () => {
	await d.dispose();
	await smtp.close();
	delete process.env.SMTP_URL;
	resetConfig();
});

describe('freshness reminders', () => {
	it('e-mails owners and coordinators once each, in their language, with a link to every service that needs a look', async () => {
		const run = await sendFreshnessReminders(d.db, NOW, { origin: 'https://convive.example' });
		expect(run).toEqual({ services: 3, emails: 3 });
		const toOwner = await smtp.waitFor('owner@casa.example');
		expect(toOwner.subject).toBe('Per favore controlla 2 servizi nell’elenco');
		expect(toOwner.text).toContain(`Banco alimentare (Casa Aperta), confermato più di 6 mesi fa: https://convive.example/app/organisations/${org}/services/${sevenMonths}`);
		expect(toOwner.text).toContain(`Consulenza legale (Casa Aperta), confermato più di 9 mesi fa: https://convive.example/app/organisations/${org}/services/${tenMonths}`);
		expect(toOwner.text).not.toContain('Fresh service');
		expect(toOwner.text).not.toContain('Closed for good');
		const toCoordinator = await smtp.waitFor('coord@casa.example');
		expect(toCoordinator.subject).toContain('يُرجى مراجعة الخدمات');
		expect(toCoordinator.text).toContain('بنك الطعام');
		const toOther = await smtp.waitFor('owner@altra.example');
		expect(toOther.subject).toBe('Please check 1 services in the directory');
		expect(toOther.text).not.toContain('Food bank');
		expect(smtp.messages.filter((m) => m.to.includes('member@casa.example'))).toHaveLength(0);
		expect(smtp.messages).toHaveLength(3);
	});

	it('does not repeat itself, and sends the 9-month reminder when its time comes', async () => {
		expect(await sendFreshnessReminders(d.db, NOW, { origin: 'https://convive.example' })).toEqual({ services: 0, emails: 0 });
		expect(smtp.messages).toHaveLength(3);
		const later = new Date(NOW);
		later.setUTCMonth(later.getUTCMonth() + 2);
		const run = await sendFreshnessReminders(d.db, later, { origin: 'https://convive.example' });
		expect(run).toEqual({ services: 1, emails: 2 });
		const second = smtp.messages.filter((m) => m.to.includes('owner@casa.example'));
		expect(second).toHaveLength(2);
		expect(second[1].text).toContain('Banco alimentare (Casa Aperta), confermato più di 9 mesi fa');
		expect(second[1].text).not.toContain('Consulenza legale');
	});

	it('starts again after "still correct"', async () => {
		const actor: SignedInActor = {
			kind: 'user',
			userId: owner,
			personKind: 'resident',
			platformRole: null,
			memberships: new Map([[org, 'owner']]),
			emailVerified: true,
			secondFactor: true,
			totpEnabled: true
		};
		const ctx: Ctx = { db: d.db, actor, ip: null, requestId: null, locale: 'it', origin: 'https://convive.example' };
		const [row] = await d.db.select({ version: services.version }).from(services).where(eq(services.id, tenMonths));
		await verifyService(ctx, org, tenMonths, row.version, NOW);
		const [after] = await d.db.select().from(services).where(eq(services.id, tenMonths));
		expect(after.reminder6SentAt).toBeNull();
		const sixLater = new Date(NOW);
		sixLater.setUTCMonth(sixLater.getUTCMonth() + 6);
		const before = smtp.messages.length;
		await sendFreshnessReminders(d.db, sixLater, { origin: 'https://convive.example' });
		const latest = smtp.messages.slice(before).find((m) => m.to.includes('owner@casa.example'));
		expect(latest?.text).toContain('Consulenza legale (Casa Aperta), confermato più di 6 mesi fa');
	});

	it('lists stale records by organisation for city staff only, oldest first', async () => {
		const officer: Ctx = {
			db: d.db,
			actor: { kind: 'user', userId: randomUUID(), personKind: 'resident', platformRole: 'integration_officer', memberships: new Map(), emailVerified: true, secondFactor: true, totpEnabled: true },
			ip: null,
			requestId: null,
			locale: 'en',
			origin: ''
		};
		const r = await staleByOrganisation(officer, NOW, 1);
		expect(r.organisations.map((o) => o.name)).toEqual(['Altra Casa', 'Casa Aperta']);
		expect(r.organisations[0]).toMatchObject({ due6: 0, due9: 0, stale: 1 });
		const casa = r.organisations[1];
		// Legal advice was confirmed above; the food bank is still due, the defunct and fresh ones are not listed.
		expect(casa).toMatchObject({ due6: 1, due9: 0, stale: 0 });
		expect(casa.services.map((s) => [s.name.en, s.freshness])).toEqual([['Food bank', 'due6']]);
		await expect(staleByOrganisation({ ...officer, actor: anonymous }, NOW, 1)).rejects.toBeInstanceOf(Refusal);
	});
});
