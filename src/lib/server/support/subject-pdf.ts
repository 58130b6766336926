/**
 * The subject-access export as a readable PDF in the person's language (one
 * of the twelve), written from the same document as the JSON export: a
 * heading per part of the folder and plain sentences under it. Arabic and
 * Persian are shaped and right to left (pdf-text.ts); the PDF names its
 * language and title for screen readers.
 */
import PDFDocument from 'pdfkit';
import { m } from '#lib/paraglide/messages.js';
import type { Locale } from '#lib/paraglide/runtime.js';
import { formatDate, formatDateTime } from '#lib/directory/labels.ts';
import { actionLabel, domainLabel, scoreLabel, stateLabel } from '#lib/support/privacy-labels.ts';
import { config } from '../config.ts';
import type { ConsentMethod, ConsentPurpose, LifeDomain } from '../db/schema/index.ts';
import { registerFonts, TextWriter, type Style } from './pdf-text.ts';
import type { SubjectExport } from './subject-export.ts';

const RTL = new Set(['ar', 'fa']);

const H1: Style = { size: 19, weight: 'bold', color: '#0b3d5c' };
const H2: Style = { size: 13.5, weight: 'bold', color: '#0b3d5c' };
const BODY: Style = { size: 10.5, weight: 'regular' };
const SMALL: Style = { size: 9, weight: 'regular', color: '#444444' };

function purpose(p: ConsentPurpose, organisation: string | null, locale: Locale): string {
	if (p === 'share') return m.support_share_with({ organisation: organisation ?? '' }, { locale });
	return {
		coordination: m.support_purpose_coordination,
		statistics: m.support_purpose_statistics,
		protected_fields: m.support_purpose_protected_fields
	}[p]({}, { locale });
}

function method(x: ConsentMethod, locale: Locale): string {
	return { written: m.support_method_written, oral_interpreter: m.support_method_oral_interpreter, online: m.support_method_online }[x]({}, { locale });
}

function languageName(code: string, locale: Locale): string {
	try {
		return new Intl.DisplayNames([locale], { type: 'language' }).of(code) ?? code;
	} catch {
		return code;
	}
}

/** Writes the PDF; resolves to its bytes. */
export async function subjectPdf(data: SubjectExport, locale: Locale): Promise<Uint8Array<ArrayBuffer>> {
	const tz = config().CITY_TIME_ZONE;
	const date = (d: string | null) => (d ? formatDate(d, locale, tz) : '');
	const dateTime = (d: string) => formatDateTime(d, locale, tz);
	const none = m.privacy_pdf_none({}, { locale });
	const title = m.privacy_pdf_title({ name: data.person.preferredName }, { locale });

	const doc = new PDFDocument({
		size: 'A4',
		margins: { top: 56, bottom: 56, left: 56, right: 56 },
		lang: locale,
		displayTitle: true,
		info: { Title: title, Creator: 'Convive', Producer: 'Convive' },
		bufferPages: false
	});
	registerFonts(doc);
	const chunks: Buffer[] = [];
	doc.on('data', (c: Buffer) => chunks.push(c));
	const ended = new Promise<void>((resolve, reject) => {
		doc.on('end', () => resolve());
		doc.on('error', reject);
	});

	const w = new TextWriter(doc, RTL.has(locale));
	const heading = (text: string) => {
		w.space(10, 40);
		w.paragraph(text, H2, { after: 2 });
	};
	const line = (text: string, indent = 0) => w.paragraph(text, BODY, { indent, after: 2 });
	const list = <T>(items: T[], each: (item: T) => void) => {
		if (items.length === 0) line(none);
		else items.forEach(each);
	};

	w.paragraph(title, H1, { after: 6 });
	w.paragraph(m.privacy_pdf_intro({ date: date(data.exportedAt) }, { locale }), BODY, { after: 4 });

	heading(m.privacy_pdf_person({}, { locale }));
	const p = data.person;
	const field = (label: string, value: string | number | null | undefined) => line(`${label}: ${value === null || value === undefined || value === '' ? m.support_not_given({}, { locale }) : value}`);
	field(m.support_field_preferred_name({}, { locale }), p.preferredName);
	field(m.support_field_birth_year({}, { locale }), p.birthDate ?? p.birthYear);
	field(m.privacy_pdf_languages({}, { locale }), p.languages.map((l) => languageName(l, locale)).join(', '));
	field(m.support_field_contact({}, { locale }), p.contact);
	field(m.privacy_stats_neighbourhood({}, { locale }), p.neighbourhood);

	heading(m.privacy_pdf_consents({}, { locale }));
	list(data.consents, (c) => {
		line(purpose(c.purpose, c.organisation, locale));
		line(m.support_consent_recorded({ method: method(c.method, locale), date: date(c.recordedAt), name: c.recordedBy ?? m.support_not_given({}, { locale }) }, { locale }), 12);
		if (c.withdrawnAt) line(m.support_consent_withdrawn({ date: date(c.withdrawnAt), reason: c.withdrawalReason ?? '' }, { locale }), 12);
	});

	heading(m.privacy_pdf_team({}, { locale }));
	list(data.team.filter((t) => !t.removedAt), (t) => line(t.organisation));
	list(data.workers, (x) => line(`${x.name} (${x.organisation})${x.lead ? ` · ${m.support_lead_worker({}, { locale })}` : ''}`, 12));

	heading(m.privacy_pdf_assessments({}, { locale }));
	list(data.assessments, (a) => {
		line(m.privacy_pdf_by({ date: date(a.takenAt), name: a.takenBy ?? '' }, { locale }));
		for (const [d, s] of Object.entries(a.scores)) line(`${domainLabel(d as LifeDomain, locale)}: ${scoreLabel(s as number, locale)}`, 12);
		if (a.comment) line(a.comment, 12);
	});

	heading(m.privacy_pdf_plan({}, { locale }));
	list(data.plan, (g) => {
		line(`${g.domain ? `${domainLabel(g.domain, locale)}: ` : ''}${g.text}`);
		if (g.ownWords) line(m.privacy_pdf_own_words({ text: g.ownWords }, { locale }), 12);
		for (const a of g.actions) {
			const when = a.doneAt ? m.privacy_pdf_done({ date: date(a.doneAt) }, { locale }) : a.dueOn ? m.privacy_pdf_due({ date: date(a.dueOn) }, { locale }) : '';
			line(`${a.text}${a.owner ? ` (${a.owner})` : ''}${when ? ` · ${when}` : ''}`, 12);
		}
	});

	heading(m.privacy_pdf_notes({}, { locale }));
	list(data.notes, (n) => {
		w.paragraph(m.privacy_pdf_by({ date: date(n.createdAt), name: n.author ?? '' }, { locale }), SMALL);
		line(n.body, 12);
	});

	heading(m.privacy_pdf_tasks({}, { locale }));
	list(data.tasks, (t) => {
		const when = t.doneAt ? m.privacy_pdf_done({ date: date(t.doneAt) }, { locale }) : t.dueAt ? m.privacy_pdf_due({ date: date(t.dueAt) }, { locale }) : '';
		line(`${t.title}${when ? ` · ${when}` : ''}`);
	});

	heading(m.privacy_pdf_documents({}, { locale }));
	list(data.documents, (d) => line(m.privacy_pdf_document({ name: d.name, type: d.mediaType, size: Math.max(1, Math.round(d.size / 1024)), date: date(d.createdAt) }, { locale })));

	heading(m.privacy_pdf_protected({}, { locale }));
	const pf = data.protectedFields;
	if (pf.status === 'none') line(none);
	else if (pf.status === 'sealed') line(m.privacy_pdf_sealed({}, { locale }));
	else
		for (const [k, v] of Object.entries(pf.values ?? {})) {
			const label = k === 'nationality' ? m.privacy_pdf_nationality({}, { locale }) : /residence/i.test(k) ? m.privacy_pdf_residence({}, { locale }) : k;
			line(`${label}: ${typeof v === 'string' ? v : JSON.stringify(v)}`);
		}

	heading(m.privacy_pdf_referrals({}, { locale }));
	list(data.referrals, (r) => {
		line(m.privacy_pdf_referral({ service: r.service, state: stateLabel(r.state, locale), date: date(r.createdAt) }, { locale }));
		for (const e of r.events) line(`${date(e.at)}: ${stateLabel(e.toState, locale)}${e.reason ? ` (${e.reason})` : ''}`, 12);
	});

	if (data.guardianships.length || data.transitionPlan) {
		heading(m.privacy_pdf_guardianship({}, { locale }));
		for (const g of data.guardianships) {
			line(m.privacy_pdf_guardian({ name: g.guardian ?? '', from: date(g.startedAt) }, { locale }) + (g.endedAt ? ` – ${date(g.endedAt)}` : ''));
			for (const v of g.visits) line(m.privacy_pdf_visit({ date: date(v.visitedOn), text: v.summary }, { locale }), 12);
		}
		if (data.transitionPlan) line(`${date(data.transitionPlan.agreedOn)}: ${data.transitionPlan.summary}`);
	}

	heading(m.privacy_pdf_emergency({}, { locale }));
	list(data.breakGlass, (g) =>
		line(
			m.privacy_access_emergency_item(
				{ name: g.user ?? '', organisation: g.organisation ?? '—', from: dateTime(g.grantedAt), until: dateTime(g.endedAt && g.endedAt < g.expiresAt ? g.endedAt : g.expiresAt), reason: g.reason },
				{ locale }
			)
		)
	);

	heading(m.privacy_pdf_access({}, { locale }));
	list(data.accessLog, (e) =>
		w.paragraph(`${dateTime(e.at)} · ${e.actor ?? m.privacy_access_system({}, { locale })} · ${actionLabel(e.action, e.outcome, e.details, locale)}`, SMALL)
	);

	doc.end();
	await ended;
	const all = Buffer.concat(chunks);
	const out = new Uint8Array(all.byteLength);
	out.set(all);
	return out;
}
