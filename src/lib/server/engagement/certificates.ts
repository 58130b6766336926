/**
 * Volunteer certificates (issue 6): a PDF that lists a volunteer's confirmed
 * hours, tasks and skills practised, in their language and in the city's, with
 * a code anyone can check on the public page /certificates — useful in a
 * newcomer's CV.
 *
 * - The code is random (10 characters of Crockford's base 32, no I, L, O or
 *   U, so it reads aloud and types without confusion), not derived from the
 *   content: a tampered or invented code simply names no certificate.
 * - What the certificate said is frozen in the row; the check shows exactly
 *   that, whatever happens to the hours later, unless it was revoked.
 * - Asking again with the same confirmed hours gives the same certificate
 *   (same code): no pile of near-identical rows.
 * - A check reads a person's name and hours, so it is in the audit log
 *   (without the code's owner learning who checked).
 */
import { randomInt } from 'node:crypto';
import { and, desc, eq, isNotNull, isNull } from 'drizzle-orm';
import PDFDocument from 'pdfkit';
import { m } from '#lib/paraglide/messages.js';
import { formatDate } from '#lib/directory/labels.ts';
import type { Ctx } from '../context.ts';
import { config } from '../config.ts';
import { users, volunteerCertificates } from '../db/schema/index.ts';
import { cityToday, type Ymd } from '../guardianship/age.ts';
import { mailLocale, type Locale } from '../organisations/mail.ts';
import { registerFonts, TextWriter, type Style } from '../support/pdf-text.ts';
import { Refusal } from '../organisations/errors.ts';
import { audit, me, requirePolicy } from './common.ts';
import { confirmedSummary, type SummaryLine } from './hours.ts';
import { isSkill } from '../../engagement/lists.ts';
import { hoursText } from '../../engagement/hours.ts';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const CODE_LENGTH = 10;

/** A fresh random code, shown as XXXX-XXXX-XX. */
export function newCode(): string {
	let s = '';
	for (let i = 0; i < CODE_LENGTH; i++) s += ALPHABET[randomInt(ALPHABET.length)];
	return s;
}

/** What a person typed → the stored form, or null when it cannot be a code (wrong length or letters). */
export function normaliseCode(input: string): string | null {
	const s = input
		.toUpperCase()
		.replace(/[\s-]+/g, '')
		.replace(/[IL]/g, '1')
		.replace(/O/g, '0');
	if (s.length !== CODE_LENGTH) return null;
	for (const ch of s) if (!ALPHABET.includes(ch)) return null;
	return s;
}

export const showCode = (code: string) => `${code.slice(0, 4)}-${code.slice(4, 8)}-${code.slice(8)}`;

export interface CertificateContent {
	name: string;
	issuedOn: Ymd;
	totalMinutes: number;
	lines: SummaryLine[];
	/** The volunteer's language and the city's (once when they are the same). */
	locales: Locale[];
}

export interface Certificate {
	code: string;
	content: CertificateContent;
	issuedAt: Date;
}

const cityLocale = (): Locale => mailLocale(config().CITY_LOCALE);

/** Issues (or finds the identical latest) certificate of the actor's confirmed hours. */
export async function issueCertificate(ctx: Ctx, today: Ymd = cityToday()): Promise<Certificate> {
	const userId = me(ctx);
	await requirePolicy(ctx, 'volunteering.self', { type: 'account', userId }, { type: 'volunteer_certificate', id: null });
	const lines = await confirmedSummary(ctx.db, userId);
	if (lines.length === 0) throw new Refusal(409, 'engagement_certificate_no_hours');
	const [u] = await ctx.db.select({ name: users.displayName, locale: users.locale }).from(users).where(eq(users.id, userId));
	const own = mailLocale(u?.locale ?? ctx.locale);
	const locales = [...new Set([own, cityLocale()])];
	const totalMinutes = lines.reduce((n, l) => n + l.minutes, 0);
	const content: CertificateContent = { name: u?.name ?? '', issuedOn: today, totalMinutes, lines, locales };
	return ctx.db.transaction(async (tx) => {
		const [latest] = await tx
			.select()
			.from(volunteerCertificates)
			.where(and(eq(volunteerCertificates.userId, userId), isNull(volunteerCertificates.revokedAt)))
			.orderBy(desc(volunteerCertificates.issuedAt))
			.limit(1);
		const same = latest && sameHours(latest.content as unknown as CertificateContent, content);
		if (same) return { code: latest.code, content: latest.content as unknown as CertificateContent, issuedAt: latest.issuedAt };
		const code = newCode();
		const [row] = await tx
			.insert(volunteerCertificates)
			.values({ userId, code, locale: own, content: content as unknown as Record<string, unknown> })
			.returning({ issuedAt: volunteerCertificates.issuedAt });
		await audit(ctx, tx, 'volunteering.certificate.issue', 'volunteer_certificate', userId, 'done', { minutes: totalMinutes });
		return { code, content, issuedAt: row.issuedAt };
	});
}

/** Field by field: jsonb keeps no key order, so the stored content cannot be compared as JSON text. */
function sameHours(a: CertificateContent, b: CertificateContent): boolean {
	const line = (l: SummaryLine) => [l.organisationName, l.title, l.minutes, l.first, l.last, l.tasks.join('\u0001'), l.skills.join('\u0001')].join('\u0002');
	return (
		a.name === b.name &&
		a.totalMinutes === b.totalMinutes &&
		a.locales.join() === b.locales.join() &&
		a.lines.length === b.lines.length &&
		a.lines.every((l, i) => line(l) === line(b.lines[i]))
	);
}

/** The actor's own certificate with this code (for downloading it again), or a 404 refusal. */
export async function ownCertificate(ctx: Ctx, code: string): Promise<Certificate> {
	const userId = me(ctx);
	const c = normaliseCode(code);
	if (!c) throw new Refusal(404, 'engagement_certificate_not_found');
	const [row] = await ctx.db
		.select()
		.from(volunteerCertificates)
		.where(and(eq(volunteerCertificates.code, c), eq(volunteerCertificates.userId, userId), isNull(volunteerCertificates.revokedAt)));
	if (!row) throw new Refusal(404, 'engagement_certificate_not_found');
	await audit(ctx, ctx.db, 'volunteering.certificate.download', 'volunteer_certificate', userId);
	return { code: row.code, content: row.content as unknown as CertificateContent, issuedAt: row.issuedAt };
}

/** The public check: what the certificate with this code said, or null (unknown, malformed or revoked). */
export async function checkCertificate(ctx: Ctx, input: string): Promise<Certificate | null> {
	const code = normaliseCode(input.slice(0, 40));
	if (!code) return null;
	const [row] = await ctx.db
		.select()
		.from(volunteerCertificates)
		.where(and(eq(volunteerCertificates.code, code), isNull(volunteerCertificates.revokedAt)));
	await audit(ctx, ctx.db, 'volunteering.certificate.check', 'volunteer_certificate', row?.userId ?? null, 'done', { found: row !== undefined });
	return row ? { code: row.code, content: row.content as unknown as CertificateContent, issuedAt: row.issuedAt } : null;
}

/** The actor's certificates still valid, newest first (for downloading again or withdrawing). */
export async function myCertificates(ctx: Ctx): Promise<{ code: string; shown: string; issuedAt: Date }[]> {
	const userId = me(ctx);
	await requirePolicy(ctx, 'volunteering.self', { type: 'account', userId }, { type: 'volunteer_certificate', id: null });
	const rows = await ctx.db
		.select({ code: volunteerCertificates.code, issuedAt: volunteerCertificates.issuedAt })
		.from(volunteerCertificates)
		.where(and(eq(volunteerCertificates.userId, userId), isNull(volunteerCertificates.revokedAt)))
		.orderBy(desc(volunteerCertificates.issuedAt))
		.limit(20);
	return rows.map((r) => ({ ...r, shown: showCode(r.code) }));
}

/**
 * The volunteer withdraws one of their own certificates (say, a code shared
 * by mistake): from then on the public check shows nothing for it. Someone
 * else's code, or a withdrawn one, is "not found": nothing tells a stranger
 * that it exists.
 */
export async function withdrawCertificate(ctx: Ctx, code: string): Promise<void> {
	const userId = me(ctx);
	await requirePolicy(ctx, 'volunteering.self', { type: 'account', userId }, { type: 'volunteer_certificate', id: null });
	const c = normaliseCode(code.slice(0, 40));
	if (!c) throw new Refusal(404, 'engagement_certificate_not_found', 'code');
	const [row] = await ctx.db
		.update(volunteerCertificates)
		.set({ revokedAt: new Date() })
		.where(and(eq(volunteerCertificates.code, c), eq(volunteerCertificates.userId, userId), isNull(volunteerCertificates.revokedAt)))
		.returning({ id: volunteerCertificates.id });
	if (!row) throw new Refusal(404, 'engagement_certificate_not_found', 'code');
	await audit(ctx, ctx.db, 'volunteering.certificate.withdraw', 'volunteer_certificate', userId);
}

/**
 * The city revokes a certificate (hours found to be false, a request of the
 * organisation that confirmed them), with a reason kept in the audit log.
 * An unknown code and an already revoked one are refused in words.
 */
export async function revokeCertificate(ctx: Ctx, code: string, reason: string): Promise<{ shown: string; name: string }> {
	await requirePolicy(ctx, 'volunteering.certificate.revoke', { type: 'platform' }, { type: 'volunteer_certificate', id: null });
	const c = normaliseCode(code.slice(0, 40));
	if (!c) throw new Refusal(404, 'engagement_certificate_not_found', 'code');
	return ctx.db.transaction(async (tx) => {
		const [row] = await tx.select().from(volunteerCertificates).where(eq(volunteerCertificates.code, c)).for('update');
		if (!row) throw new Refusal(404, 'engagement_certificate_not_found', 'code');
		if (row.revokedAt) throw new Refusal(409, 'engagement_certificate_already_revoked', 'code');
		await tx.update(volunteerCertificates).set({ revokedAt: new Date() }).where(eq(volunteerCertificates.id, row.id));
		await audit(ctx, tx, 'volunteering.certificate.revoke', 'volunteer_certificate', row.userId, 'done', { certificate: showCode(c), reason });
		return { shown: showCode(c), name: (row.content as unknown as CertificateContent).name };
	});
}

/** Certificates revoked or withdrawn lately, newest first (the city's list; names only, no hours). */
export async function revokedCertificates(ctx: Ctx, limit = 20): Promise<{ shown: string; name: string; issuedAt: Date; revokedAt: Date }[]> {
	await requirePolicy(ctx, 'volunteering.certificate.revoke', { type: 'platform' }, { type: 'volunteer_certificate', id: null });
	const rows = await ctx.db
		.select({ code: volunteerCertificates.code, content: volunteerCertificates.content, issuedAt: volunteerCertificates.issuedAt, revokedAt: volunteerCertificates.revokedAt })
		.from(volunteerCertificates)
		.where(isNotNull(volunteerCertificates.revokedAt))
		.orderBy(desc(volunteerCertificates.revokedAt))
		.limit(limit);
	await audit(ctx, ctx.db, 'volunteering.certificate.revoked_list', 'volunteer_certificate', null, 'done', { rows: rows.length });
	return rows.map((r) => ({ shown: showCode(r.code), name: (r.content as unknown as CertificateContent).name, issuedAt: r.issuedAt, revokedAt: r.revokedAt! }));
}

// ----------------------------------------------------------------------- PDF

const RTL = new Set(['ar', 'fa']);
const H1: Style = { size: 20, weight: 'bold', color: '#0b3d5c' };
const H2: Style = { size: 13, weight: 'bold', color: '#0b3d5c' };
const BODY: Style = { size: 10.5, weight: 'regular' };
const SMALL: Style = { size: 9, weight: 'regular', color: '#444444' };

export function skillLabel(key: string, locale: Locale): string {
	if (!isSkill(key)) return key;
	const fn = (m as unknown as Record<string, (i: object, o: { locale: Locale }) => string>)[`engagement_skill_${key}`];
	return fn ? fn({}, { locale }) : key;
}

/** The certificate as a PDF: one part per language, each complete on its own page. */
export async function certificatePdf(cert: Certificate, origin: string): Promise<Uint8Array<ArrayBuffer>> {
	const tz = config().CITY_TIME_ZONE;
	const city = config().CITY_NAME;
	const { content } = cert;
	const first = content.locales[0];
	const doc = new PDFDocument({
		size: 'A4',
		margins: { top: 64, bottom: 56, left: 64, right: 64 },
		lang: first,
		displayTitle: true,
		info: { Title: m.engagement_certificate_title({}, { locale: first }), Creator: 'Convive', Producer: 'Convive' }
	});
	registerFonts(doc);
	const chunks: Buffer[] = [];
	doc.on('data', (c: Buffer) => chunks.push(c));
	const ended = new Promise<void>((resolve, reject) => {
		doc.on('end', () => resolve());
		doc.on('error', reject);
	});
	const checkUrl = `${origin.replace(/\/+$/, '')}/certificates?code=${showCode(cert.code)}`;
	content.locales.forEach((locale, i) => {
		if (i > 0) doc.addPage();
		const w = new TextWriter(doc, RTL.has(locale));
		const date = (d: string) => formatDate(d, locale, tz);
		w.paragraph(m.engagement_certificate_title({}, { locale }), H1, { after: 10 });
		w.paragraph(m.engagement_certificate_intro({ name: content.name, hours: hoursText(content.totalMinutes, locale), city }, { locale }), BODY, { after: 10 });
		for (const l of content.lines) {
			w.space(6, 40);
			w.paragraph(`${l.title} — ${l.organisationName}`, H2, { after: 2 });
			w.paragraph(m.engagement_certificate_line({ hours: hoursText(l.minutes, locale), from: date(l.first), to: date(l.last) }, { locale }), BODY, { after: 2 });
			if (l.tasks.length) w.paragraph(m.engagement_certificate_tasks({ tasks: l.tasks.join('; ') }, { locale }), BODY, { indent: 12, after: 2 });
			if (l.skills.length) w.paragraph(m.engagement_certificate_skills({ skills: l.skills.map((s) => skillLabel(s, locale)).join(', ') }, { locale }), BODY, { indent: 12, after: 2 });
		}
		w.space(14);
		w.paragraph(m.engagement_certificate_issued({ date: date(content.issuedOn) }, { locale }), SMALL, { after: 4 });
		w.paragraph(m.engagement_certificate_check({ code: showCode(cert.code), link: checkUrl }, { locale }), SMALL);
	});
	doc.end();
	await ended;
	const buf = Buffer.concat(chunks);
	return new Uint8Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength)) as Uint8Array<ArrayBuffer>;
}
