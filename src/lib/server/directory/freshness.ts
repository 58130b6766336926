/**
 * Freshness reminders: when a service was last confirmed 6 months ago its
 * organisation's owners and coordinators get an e-mail, and again at 9
 * months. `reminder6SentAt` / `reminder9SentAt` keep each reminder to one
 * per confirmation ("still correct" clears them). Each person gets one
 * e-mail per run, in their own language, listing every service of theirs
 * that needs a look, each with a link to its edit page.
 *
 * Run from the hourly housekeeping (src/lib/server/auth/housekeeping.ts).
 */
import { and, asc, countDistinct, eq, inArray, isNull, lte, min, ne, or, sql } from 'drizzle-orm';
import type { Ctx } from '../context.ts';
import { PolicyDenied, require as requirePolicy } from '../policy/index.ts';
import { Refusal } from '../organisations/errors.ts';
import { m } from '#lib/paraglide/messages.js';
import { config } from '../config.ts';
import type { Db } from '../db/index.ts';
import { memberships, organisations, services, users } from '../db/schema/index.ts';
import { sendEmail } from '../email/index.ts';
import { mailLocale } from '../organisations/mail.ts';
import { cutoffs, freshness } from '../../directory/freshness.ts';
import { localText } from '../../directory/text.ts';

export interface ReminderRun {
	/** Services whose reminder was due in this run. */
	services: number;
	/** E-mails written (one per person). */
	emails: number;
}

function defaultOrigin(): string {
	const c = config();
	return (c.ORIGIN ?? `http://localhost:${c.PORT}`).replace(/\/$/, '');
}

export async function sendFreshnessReminders(db: Db, now: Date = new Date(), opts: { origin?: string } = {}): Promise<ReminderRun> {
	const origin = (opts.origin ?? defaultOrigin()).replace(/\/$/, '');
	const { due6, due9 } = cutoffs(now);
	return db.transaction(async (tx) => {
		const due = await tx
			.select({
				id: services.id,
				organisationId: services.organisationId,
				organisation: organisations.name,
				name: services.name,
				lastVerifiedAt: services.lastVerifiedAt,
				reminder6SentAt: services.reminder6SentAt,
				reminder9SentAt: services.reminder9SentAt
			})
			.from(services)
			.innerJoin(organisations, eq(organisations.id, services.organisationId))
			.where(
				and(
					ne(services.status, 'defunct'),
					or(
						and(lte(services.lastVerifiedAt, due6), isNull(services.reminder6SentAt)),
						and(lte(services.lastVerifiedAt, due9), isNull(services.reminder9SentAt))
					)
				)
			)
			.orderBy(services.lastVerifiedAt)
			.for('update', { of: services, skipLocked: true });
		if (due.length === 0) return { services: 0, emails: 0 };

		const orgIds = [...new Set(due.map((d) => d.organisationId))];
		const people = await tx
			.select({ userId: users.id, email: users.email, locale: users.locale, organisationId: memberships.organisationId })
			.from(memberships)
			.innerJoin(users, eq(users.id, memberships.userId))
			.where(and(inArray(memberships.organisationId, orgIds), inArray(memberships.role, ['owner', 'coordinator'])));

		const byPerson = new Map<string, { email: string; locale: string | null; orgs: Set<string> }>();
		for (const p of people) {
			if (!p.email) continue;
			const entry = byPerson.get(p.userId) ?? { email: p.email, locale: p.locale, orgs: new Set<string>() };
			entry.orgs.add(p.organisationId);
			byPerson.set(p.userId, entry);
		}

		let emails = 0;
		for (const person of byPerson.values()) {
			const mine = due.filter((d) => person.orgs.has(d.organisationId));
			if (mine.length === 0) continue;
			const locale = mailLocale(person.locale);
			const lines = mine.map((d) =>
				m.directory_reminder_line(
					{
						service: localText(d.name, locale) || d.id,
						organisation: d.organisation,
						months: d.lastVerifiedAt <= due9 ? '9' : '6',
						link: `${origin}/app/organisations/${d.organisationId}/services/${d.id}`
					},
					{ locale }
				)
			);
			await sendEmail(tx, {
				to: person.email,
				template: 'directory_freshness',
				subject: m.directory_reminder_subject({ count: mine.length }, { locale }),
				text: [m.directory_reminder_intro({}, { locale }), '', ...lines, '', m.directory_reminder_outro({}, { locale })].join('\n')
			});
			emails++;
		}

		const nineIds = due.filter((d) => d.lastVerifiedAt <= due9).map((d) => d.id);
		const sixOnly = due.filter((d) => d.lastVerifiedAt > due9).map((d) => d.id);
		// Past 9 months both reminders count as given: nobody gets the 6-month one late.
		if (nineIds.length) await tx.update(services).set({ reminder9SentAt: now, reminder6SentAt: now }).where(and(inArray(services.id, nineIds), isNull(services.reminder6SentAt)));
		if (nineIds.length) await tx.update(services).set({ reminder9SentAt: now }).where(inArray(services.id, nineIds));
		if (sixOnly.length) await tx.update(services).set({ reminder6SentAt: now }).where(inArray(services.id, sixOnly));
		return { services: due.length, emails };
	});
}

export const STALE_PAGE_SIZE = 20;
const SERVICES_PER_ORGANISATION = 50;

/**
 * City staff's list of records that need a look (6 months or more since
 * they were confirmed), grouped by organisation with counts per stage, the
 * organisation with the oldest record first; one page of organisations.
 */
export async function staleByOrganisation(ctx: Ctx, now: Date, page: number) {
	try {
		requirePolicy(ctx.actor, 'directory.staff');
	} catch (err) {
		if (err instanceof PolicyDenied) throw new Refusal(403, 'directory_forbidden');
		throw err;
	}
	const { due6, due9, stale } = cutoffs(now);
	const base = and(lte(services.lastVerifiedAt, due6), ne(services.status, 'defunct'));
	const [{ n }] = await ctx.db.select({ n: countDistinct(services.organisationId) }).from(services).where(base);
	const total = Number(n);
	const pages = Math.max(1, Math.ceil(total / STALE_PAGE_SIZE));
	const current = Math.min(Math.max(1, page), pages);
	const orgs = await ctx.db
		.select({
			id: organisations.id,
			name: organisations.name,
			oldest: min(services.lastVerifiedAt),
			due6: sql<number>`count(*) filter (where ${services.lastVerifiedAt} > ${due9})`.mapWith(Number),
			due9: sql<number>`count(*) filter (where ${services.lastVerifiedAt} <= ${due9} and ${services.lastVerifiedAt} > ${stale})`.mapWith(Number),
			stale: sql<number>`count(*) filter (where ${services.lastVerifiedAt} <= ${stale})`.mapWith(Number)
		})
		.from(services)
		.innerJoin(organisations, eq(organisations.id, services.organisationId))
		.where(base)
		.groupBy(organisations.id, organisations.name)
		.orderBy(asc(min(services.lastVerifiedAt)), asc(organisations.id))
		.limit(STALE_PAGE_SIZE)
		.offset((current - 1) * STALE_PAGE_SIZE);
	const ids = orgs.map((o) => o.id);
	const list = ids.length
		? await ctx.db
				.select({ id: services.id, organisationId: services.organisationId, name: services.name, lastVerifiedAt: services.lastVerifiedAt })
				.from(services)
				.where(and(base, inArray(services.organisationId, ids)))
				.orderBy(asc(services.lastVerifiedAt), asc(services.id))
		: [];
	return {
		total,
		page: current,
		pages,
		organisations: orgs.map((o) => {
			const mine = list.filter((s) => s.organisationId === o.id);
			return {
				...o,
				services: mine.slice(0, SERVICES_PER_ORGANISATION).map((s) => ({ ...s, freshness: freshness(s.lastVerifiedAt, now) })),
				more: Math.max(0, mine.length - SERVICES_PER_ORGANISATION)
			};
		})
	};
}
