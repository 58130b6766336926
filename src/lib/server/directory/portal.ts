/**
 * The newcomer portal's reads: neighbourhoods for the home page's place
 * choice, one public service shaped for its page (text picked in the
 * reader's locale, hours worked out in the city's time zone), and the
 * compact copy of the whole public directory that the service worker keeps
 * for offline reading. Public data only: services of verified organisations.
 */
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/index.ts';
import { locations, neighbourhoods, organisations, phones, schedules, serviceAtLocations, services } from '../db/schema/index.ts';
import { features as featureTerms, needs as needTerms, spokenLanguages } from '../../directory/taxonomy.ts';
import { pickText, textDirection, type LocalText } from '../../directory/text.ts';
import {
	CITY_TIME_ZONE,
	hasWeeklyHours,
	isOpenAt,
	localMoment,
	nextChange,
	upcomingExceptions,
	weekTable,
	type ScheduleLike
} from '../../directory/hours.ts';
import { loadService, type ServiceRecord } from './records.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (x: string) => UUID.test(x);

export async function listNeighbourhoods(db: Db): Promise<{ slug: string; name: string }[]> {
	return db.select({ slug: neighbourhoods.slug, name: neighbourhoods.name }).from(neighbourhoods).orderBy(asc(neighbourhoods.name));
}

/** A text to show, with `lang`/`dir` set only when it is not in the page's locale. */
export interface Txt {
	text: string;
	lang?: string;
	dir?: 'rtl' | 'ltr';
}

export function txt(value: LocalText | null | undefined, locale: string): Txt | null {
	const p = pickText(value, locale);
	if (!p) return null;
	return p.locale === locale ? { text: p.text } : { text: p.text, lang: p.locale, dir: textDirection(p.locale) };
}

export interface Term {
	code: string;
	icon: string;
	name: string;
}

function termsOf(codes: readonly string[], list: readonly { code: string; icon: string; name: Record<string, string> }[], locale: string): Term[] {
	return list.filter((t) => codes.includes(t.code)).map((t) => ({ code: t.code, icon: t.icon, name: t.name[locale] ?? t.name.en }));
}

export const needTermsIn = (codes: readonly string[], locale: string) => termsOf(codes, needTerms, locale);
export const featureTermsIn = (codes: readonly string[], locale: string) => termsOf(codes, featureTerms, locale);

export interface HoursView {
	/** Null for the service's own hours, else the place the hours are for. */
	place: Txt | null;
	hasHours: boolean;
	open: boolean;
	/** When it next opens or closes, in words of the locale ("13:00", "Tuesday 09:00"). */
	change: { opens: boolean; when: string } | null;
	week: { weekday: number; day: string; today: boolean; spans: string[] }[];
	exceptions: { dates: string; closed: boolean; spans: string[]; note: Txt | null }[];
}

function fmt(locale: string, opts: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
	try {
		return new Intl.DateTimeFormat(locale, { timeZone: CITY_TIME_ZONE, ...opts });
	} catch {
		return new Intl.DateTimeFormat('en', { timeZone: CITY_TIME_ZONE, ...opts });
	}
}

export function hoursView(rows: readonly (ScheduleLike & { description?: LocalText })[], place: Txt | null, locale: string, now: Date): HoursView {
	const today = localMoment(now);
	const dayName = fmt(locale, { weekday: 'long', timeZone: 'UTC' });
	// 5 January 2026 was a Monday: weekday n is 4 + n January.
	const nameOf = (wd: number) => dayName.format(new Date(Date.UTC(2026, 0, 4 + wd, 12)));
	const change = nextChange(rows, now);
	let when = '';
	if (change) {
		const sameDay = localMoment(change.at).date === today.date;
		when = fmt(locale, sameDay ? { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' } : { weekday: 'long', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(change.at);
	}
	const dateFmt = fmt(locale, { day: 'numeric', month: 'long', timeZone: 'UTC' });
	const dayOf = (ymd: string) => dateFmt.format(new Date(`${ymd}T12:00:00Z`));
	return {
		place,
		hasHours: hasWeeklyHours(rows),
		open: isOpenAt(rows, now),
		change: change ? { opens: change.opens, when } : null,
		week: weekTable(rows, today.date).map((r) => ({
			weekday: r.weekday,
			day: nameOf(r.weekday),
			today: r.weekday === today.weekday,
			spans: r.spans.map((s) => `${s.opensAt}–${s.closesAt}`)
		})),
		exceptions: upcomingExceptions(rows, now).map((e) => ({
			dates: e.from === e.to ? dayOf(e.from) : `${dayOf(e.from)} – ${dayOf(e.to)}`,
			closed: e.closed,
			spans: e.spans.map((s) => `${s.opensAt}–${s.closesAt}`),
			note: txt((e.row as { description?: LocalText }).description, locale)
		}))
	};
}

export interface ServiceView {
	id: string;
	name: Txt;
	description: Txt | null;
	eligibility: Txt | null;
	ages: { min: number | null; max: number | null } | null;
	applicationProcess: Txt | null;
	fees: Txt | null;
	free: boolean;
	costs: { option: Txt | null; amount: string | null; description: Txt | null }[];
	documents: { document: Txt; uri: string | null }[];
	hours: HoursView[];
	places: {
		name: Txt | null;
		address: string[];
		neighbourhood: string | null;
		directions: Txt | null;
		accessibility: Txt | null;
		wheelchair: boolean | null;
		phones: { number: string; href: string; description: Txt | null }[];
	}[];
	phones: { number: string; href: string; description: Txt | null }[];
	/** Neighbourhoods served (first), then wider areas by name; the description in the reader's language. */
	areas: { name: string | null; neighbourhood: boolean; description: Txt | null }[];
	contacts: { name: string | null; title: string | null; email: string | null; phone: string | null; phoneHref: string | null }[];
	url: string | null;
	email: string | null;
	languages: { code: string; name: string }[];
	needs: Term[];
	features: Term[];
	organisation: { slug: string; name: string };
	lastVerified: string;
	lastVerifiedIso: string;
	stale: boolean;
	status: string;
}

const telHref = (n: string) => `tel:${n.replace(/[^0-9+]/g, '')}`;
const safeUrl = (u: string | null) => (u && /^https?:\/\//i.test(u) ? u : null);

/** A service's record shaped for its page, in the reader's locale, at `now`. */
export function serviceView(r: ServiceRecord, locale: string, now = new Date()): ServiceView {
	const s = r.service;
	const t = (v: LocalText | null | undefined) => txt(v, locale);
	const hours: HoursView[] = [];
	const general = r.schedules.filter((x) => !x.locationId);
	const byPlace = new Map<string, typeof r.schedules>();
	for (const x of r.schedules) if (x.locationId) byPlace.set(x.locationId, [...(byPlace.get(x.locationId) ?? []), x]);
	if (general.length || byPlace.size === 0) hours.push(hoursView(general, null, locale, now));
	for (const [locationId, rows] of byPlace) {
		const loc = r.atLocations.find((a) => a.location.id === locationId)?.location;
		const place = loc ? (t(loc.name) ?? (loc.address1 ? { text: loc.address1 } : null)) : null;
		hours.push(hoursView(rows, place, locale, now));
	}
	const money = (cents: number, currency: string) => {
		try {
			return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(cents / 100);
		} catch {
			return `${(cents / 100).toFixed(2)} ${currency}`;
		}
	};
	const verified = new Date(s.lastVerifiedAt);
	const yearAgo = new Date(now);
	yearAgo.setUTCFullYear(yearAgo.getUTCFullYear() - 1);
	const costs = r.costOptions.map((c) => ({
		option: t(c.option),
		amount: c.amountCents === null ? null : c.amountCents === 0 ? null : money(c.amountCents, c.currency),
		description: t(c.amountDescription)
	}));
	return {
		id: s.id,
		name: t(s.name) ?? { text: '—' },
		description: t(s.description),
		eligibility: t(s.eligibility),
		ages: (s.minimumAge ?? 0) > 0 || s.maximumAge !== null ? { min: s.minimumAge || null, max: s.maximumAge } : null,
		applicationProcess: t(s.applicationProcess),
		fees: t(s.feesDescription),
		free: s.features.includes('free') || (r.costOptions.length > 0 && r.costOptions.every((c) => c.amountCents === 0)),
		costs,
		documents: r.requiredDocuments.map((d) => ({ document: t(d.document), uri: safeUrl(d.uri) })).filter((d): d is { document: Txt; uri: string | null } => d.document !== null),
		hours,
		places: r.atLocations
			.filter((a) => a.location.locationType !== 'virtual' || a.location.address1)
			.map((a) => {
				const l = a.location;
				const cityLine = [l.postalCode, l.city].filter(Boolean).join(' ');
				return {
					name: t(l.name),
					address: [l.address1, l.address2, cityLine].filter((x): x is string => !!x),
					neighbourhood: l.neighbourhood?.name ?? null,
					directions: t(l.transportation),
					accessibility: t(l.accessibility),
					wheelchair: l.wheelchairAccessible,
					phones: l.phones.map((p) => ({ number: p.number, href: telHref(p.number), description: t(p.description) }))
				};
			}),
		phones: r.phones.map((p) => ({ number: p.number, href: telHref(p.number), description: t(p.description) })),
		areas: r.serviceAreas
			.map((a) => ({ name: a.neighbourhoodName ?? a.name, neighbourhood: a.neighbourhoodName !== null, description: t(a.description) }))
			.filter((a) => a.name || a.description)
			.sort((a, b) => Number(b.neighbourhood) - Number(a.neighbourhood) || (a.name ?? '').localeCompare(b.name ?? '', locale)),
		contacts: r.contacts.map((c) => ({ name: c.name, title: c.title, email: c.email, phone: c.phone, phoneHref: c.phone ? telHref(c.phone) : null })),
		url: safeUrl(s.url),
		email: s.email,
		languages: s.languages.map((code) => ({ code, name: spokenLanguages[code] ?? code })),
		needs: needTermsIn(s.needs, locale),
		features: featureTermsIn(s.features, locale),
		organisation: { slug: r.organisation.slug, name: r.organisation.name },
		lastVerified: fmt(locale, { dateStyle: 'long' }).format(verified),
		lastVerifiedIso: verified.toISOString(),
		stale: verified < yearAgo,
		status: s.status
	};
}

/** A public service for its page, or null (not a uuid, no such service, organisation not verified). */
export async function publicService(db: Db, id: string): Promise<ServiceRecord | null> {
	if (!isUuid(id)) return null;
	return loadService(db, id, { publicOnly: true });
}

/**
 * The offline copy of the public directory in one locale. Compact: short
 * keys, descriptions cut to 160 characters, hours as [weekday, opens, closes].
 */
export interface OfflineService {
	id: string;
	n: string;
	/** Locale of the name or description when not the one asked for (for lang/dir). */
	nl?: string;
	d?: string;
	dl?: string;
	nd?: string[];
	f?: string[];
	l?: string[];
	p?: string;
	a?: string;
	nb?: string;
	h?: [number, string, string][];
}

export async function offlineDirectory(db: Db, locale: string): Promise<OfflineService[]> {
	const rows = await db
		.select({
			id: services.id,
			name: services.name,
			description: services.description,
			needs: services.needs,
			features: services.features,
			languages: services.languages
		})
		.from(services)
		.innerJoin(organisations, eq(organisations.id, services.organisationId))
		.where(and(eq(organisations.verification, 'verified'), inArray(services.status, ['active', 'temporarily closed'])));
	if (rows.length === 0) return [];
	const ids = rows.map((r) => r.id);
	const [places, sched, tel] = await Promise.all([
		db
			.select({
				serviceId: serviceAtLocations.serviceId,
				address1: locations.address1,
				city: locations.city,
				neighbourhood: neighbourhoods.name
			})
			.from(serviceAtLocations)
			.innerJoin(locations, eq(locations.id, serviceAtLocations.locationId))
			.leftJoin(neighbourhoods, eq(neighbourhoods.id, locations.neighbourhoodId))
			.where(inArray(serviceAtLocations.serviceId, ids)),
		db
			.select({ serviceId: schedules.serviceId, weekday: schedules.weekday, opensAt: schedules.opensAt, closesAt: schedules.closesAt })
			.from(schedules)
			.where(and(inArray(schedules.serviceId, ids), eq(schedules.kind, 'weekly'), eq(schedules.closed, false))),
		db.select({ serviceId: phones.serviceId, number: phones.number }).from(phones).where(inArray(phones.serviceId, ids))
	]);
	const placeBy = new Map<string, (typeof places)[number]>();
	for (const p of places) if (!placeBy.has(p.serviceId)) placeBy.set(p.serviceId, p);
	const hoursBy = new Map<string, [number, string, string][]>();
	for (const h of sched) {
		if (!h.weekday || !h.opensAt || !h.closesAt) continue;
		const list = hoursBy.get(h.serviceId) ?? [];
		list.push([h.weekday, h.opensAt, h.closesAt]);
		hoursBy.set(h.serviceId, list);
	}
	const phoneBy = new Map<string, string>();
	for (const p of tel) if (p.serviceId && !phoneBy.has(p.serviceId)) phoneBy.set(p.serviceId, p.number);
	const cut = (s: string) => (s.length > 160 ? `${s.slice(0, 157).trimEnd()}…` : s);
	const out: OfflineService[] = rows.map((r) => {
		const name = pickText(r.name, locale);
		const o: OfflineService = { id: r.id, n: name?.text ?? '' };
		if (name && name.locale !== locale) o.nl = name.locale;
		const d = pickText(r.description, locale);
		if (d) {
			o.d = cut(d.text);
			if (d.locale !== locale) o.dl = d.locale;
		}
		if (r.needs.length) o.nd = r.needs;
		if (r.features.length) o.f = r.features;
		if (r.languages.length) o.l = r.languages;
		const p = phoneBy.get(r.id);
		if (p) o.p = p;
		const pl = placeBy.get(r.id);
		if (pl?.address1) o.a = [pl.address1, pl.city].filter(Boolean).join(', ');
		if (pl?.neighbourhood) o.nb = pl.neighbourhood;
		const h = hoursBy.get(r.id);
		if (h) o.h = h.sort((a, b) => a[0] - b[0] || (a[1] < b[1] ? -1 : 1));
		return o;
	});
	return out.sort((a, b) => a.n.localeCompare(b.n, locale));
}
