/**
 * The e-mails of closed-loop referrals, each in its recipient's language,
 * through the e-mail outbox. None carries anything about the person (no
 * name, no message, no reason or outcome): only the service, the
 * organisations, the state and a link that asks the reader to sign in and
 * passes the policy again.
 */
import { and, eq, inArray, isNotNull } from 'drizzle-orm';
import { m } from '#lib/paraglide/messages.js';
import { config } from '../config.ts';
import type { Tx } from '../db/index.ts';
import { caseWorkers, memberships, users } from '../db/schema/index.ts';
import type { ReferralState } from '../db/schema/index.ts';
import { sendEmail } from '../email/index.ts';
import { mailLocale, type Locale } from '../organisations/mail.ts';
import { stateName } from '../../referrals/labels.ts';

/** Roles of the receiving organisation who work on its inbox (the policy's receivers). */
const inboxRoles = ['owner', 'coordinator', 'case_worker'] as const;

export function linkOrigin(origin?: string | null): string {
	const c = config();
	return (c.ORIGIN ?? origin ?? `http://localhost:${c.PORT}`).replace(/\/+$/, '');
}

/** An instant in words of the locale, in the city's time zone. */
export function mailMoment(d: Date, locale: Locale): string {
	const timeZone = config().CITY_TIME_ZONE;
	try {
		return new Intl.DateTimeFormat(locale, { dateStyle: 'full', timeStyle: 'short', timeZone }).format(d);
	} catch {
		return d.toISOString();
	}
}

interface Recipient {
	userId: string;
	email: string;
	locale: Locale;
}

/** The receiving organisation's owners, coordinators and case workers with an address. */
export async function inboxPeople(tx: Tx, organisationIds: readonly string[]): Promise<(Recipient & { organisationId: string })[]> {
	if (organisationIds.length === 0) return [];
	const rows = await tx
		.select({ userId: users.id, email: users.email, locale: users.locale, organisationId: memberships.organisationId })
		.from(memberships)
		.innerJoin(users, eq(users.id, memberships.userId))
		.where(and(inArray(memberships.organisationId, [...organisationIds]), inArray(memberships.role, [...inboxRoles]), isNotNull(users.email)));
	return rows.map((r) => ({ userId: r.userId, email: r.email!, locale: mailLocale(r.locale), organisationId: r.organisationId }));
}

export async function person(tx: Tx, userId: string | null): Promise<Recipient | null> {
	if (!userId) return null;
	const [u] = await tx.select({ email: users.email, locale: users.locale }).from(users).where(eq(users.id, userId));
	return u?.email ? { userId, email: u.email, locale: mailLocale(u.locale) } : null;
}

/** The lead worker of each person (by person id). */
export async function leadWorkers(tx: Tx, personIds: readonly string[]): Promise<Map<string, Recipient>> {
	const out = new Map<string, Recipient>();
	if (personIds.length === 0) return out;
	const rows = await tx
		.select({ personId: caseWorkers.personId, userId: users.id, email: users.email, locale: users.locale })
		.from(caseWorkers)
		.innerJoin(users, eq(users.id, caseWorkers.userId))
		.where(and(inArray(caseWorkers.personId, [...personIds]), eq(caseWorkers.lead, true)));
	for (const r of rows) if (r.email) out.set(r.personId, { userId: r.userId, email: r.email, locale: mailLocale(r.locale) });
	return out;
}

const body = (...parts: string[]) => parts.join('\n\n') + '\n';
const referralLink = (origin: string, referralId: string) => `${linkOrigin(origin)}/app/referrals/${referralId}`;

export interface ReferralMailFacts {
	referralId: string;
	service: string;
	fromOrganisation: string;
	toOrganisation: string;
	origin: string | null;
}

/** To the receiving organisation: a new referral is in its inbox, with the date an answer is due. */
export async function mailReceived(tx: Tx, f: ReferralMailFacts & { toOrganisationId: string; respondBy: Date; except?: string | null }) {
	for (const r of await inboxPeople(tx, [f.toOrganisationId])) {
		if (r.userId === f.except) continue;
		const locale = r.locale;
		await sendEmail(tx, {
			to: r.email,
			template: 'referral_received',
			subject: m.referrals_email_received_subject({ service: f.service }, { locale }),
			text: body(
				m.referrals_email_received_body({ organisation: f.fromOrganisation, service: f.service, due: mailMoment(f.respondBy, locale) }, { locale }),
				`${m.referrals_email_open({}, { locale })}\n${referralLink(f.origin ?? '', f.referralId)}`,
				m.referrals_email_footer({}, { locale })
			)
		});
	}
}

/** To the sender: their referral changed state. */
export async function mailChanged(tx: Tx, f: ReferralMailFacts & { senderId: string | null; state: ReferralState }) {
	const r = await person(tx, f.senderId);
	if (!r) return;
	const locale = r.locale;
	const state = stateName(f.state, locale);
	await sendEmail(tx, {
		to: r.email,
		template: 'referral_changed',
		subject: m.referrals_email_changed_subject({ service: f.service, state }, { locale }),
		text: body(
			m.referrals_email_changed_body({ service: f.service, organisation: f.toOrganisation, state }, { locale }),
			`${m.referrals_email_changed_open({}, { locale })}\n${referralLink(f.origin ?? '', f.referralId)}`,
			m.referrals_email_footer({}, { locale })
		)
	});
}

/** To the receiving organisation: the sending side closed the referral (or the consent behind it was withdrawn). */
export async function mailClosedToReceiver(tx: Tx, f: ReferralMailFacts & { toOrganisationId: string; consentWithdrawn: boolean; except?: string | null }) {
	for (const r of await inboxPeople(tx, [f.toOrganisationId])) {
		if (r.userId === f.except) continue;
		const locale = r.locale;
		await sendEmail(tx, {
			to: r.email,
			template: 'referral_closed',
			subject: m.referrals_email_closed_subject({ service: f.service }, { locale }),
			text: body(
				f.consentWithdrawn
					? m.referrals_email_closed_consent_body({ service: f.service }, { locale })
					: m.referrals_email_closed_body({ service: f.service, organisation: f.fromOrganisation }, { locale }),
				m.referrals_email_footer({}, { locale })
			)
		});
	}
}

export async function mailReminder(tx: Tx, r: Recipient, f: ReferralMailFacts & { sentAt: Date; respondBy: Date }) {
	const locale = r.locale;
	await sendEmail(tx, {
		to: r.email,
		template: 'referral_reminder',
		subject: m.referrals_email_reminder_subject({ service: f.service }, { locale }),
		text: body(
			m.referrals_email_reminder_body({ service: f.service, organisation: f.fromOrganisation, sent: mailMoment(f.sentAt, locale), due: mailMoment(f.respondBy, locale) }, { locale }),
			`${m.referrals_email_open({}, { locale })}\n${referralLink(f.origin ?? '', f.referralId)}`,
			m.referrals_email_footer({}, { locale })
		)
	});
}

export async function mailEscalation(tx: Tx, r: Recipient, f: ReferralMailFacts & { sentAt: Date; respondBy: Date }) {
	const locale = r.locale;
	await sendEmail(tx, {
		to: r.email,
		template: 'referral_escalation',
		subject: m.referrals_email_escalation_subject({ service: f.service }, { locale }),
		text: body(
			m.referrals_email_escalation_body({ service: f.service, organisation: f.toOrganisation, sent: mailMoment(f.sentAt, locale), due: mailMoment(f.respondBy, locale) }, { locale }),
			`${m.referrals_email_changed_open({}, { locale })}\n${referralLink(f.origin ?? '', f.referralId)}`,
			m.referrals_email_footer({}, { locale })
		)
	});
}

/** To the new lead worker of a transferred case. */
export async function mailTransferred(tx: Tx, userId: string, f: { personId: string; fromOrganisation: string; toOrganisation: string; origin: string | null }) {
	const r = await person(tx, userId);
	if (!r) return;
	const locale = r.locale;
	await sendEmail(tx, {
		to: r.email,
		template: 'case_transferred',
		subject: m.referrals_email_transfer_subject({}, { locale }),
		text: body(
			m.referrals_email_transfer_body({ from: f.fromOrganisation, to: f.toOrganisation }, { locale }),
			`${m.referrals_email_open({}, { locale })}\n${linkOrigin(f.origin)}/app/folders/${f.personId}`,
			m.referrals_email_footer({}, { locale })
		)
	});
}
