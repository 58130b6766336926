/**
 * Matching volunteers to an organisation's open opportunities (issue 6, on
 * the engine of issue 5 and the scoring model of decision 018).
 *
 * - People: volunteers with a profile, active in the last year, whose
 *   account is not disabled. Slots: the organisation's open opportunities,
 *   each with the places still wanted: the largest capacity among its
 *   upcoming shifts (OPEN_ENDED_PLACES for an opportunity without shifts)
 *   less the volunteers already accepted.
 * - A volunteer who already applied to an opportunity (or was invited, or
 *   declined) is not proposed for it again.
 * - Safeguarding: an opportunity with children or vulnerable adults is a
 *   hard rule — only a volunteer whose criminal-record check with this
 *   organisation is valid today is ever proposed for it.
 * - The programme's settings (rules, weights, objective) are the
 *   organisation's volunteering programme in matching_programmes, or the
 *   volunteering defaults.
 * - Confirming proposals invites the volunteers: an application with status
 *   `invited` and an e-mail; the volunteer accepts by applying.
 *
 * Reading the profiles is reading personal data: the run needs
 * `volunteering.volunteers.manage` (second factor) and is audited.
 */
import { and, eq, gt, gte, inArray, isNull, sql } from 'drizzle-orm';
import { localMoment } from '../../directory/hours.ts';
import { m } from '#lib/paraglide/messages.js';
import type { Ctx } from '../context.ts';
import {
	matchingProgrammes,
	neighbourhoods,
	users,
	volunteerApplications,
	volunteerOpportunities,
	volunteerProfiles,
	volunteerScreening,
	volunteerShifts
} from '../db/schema/index.ts';
import { sendEmail } from '../email/index.ts';
import { cityToday, type Ymd } from '../guardianship/age.ts';
import { mailLocale } from '../organisations/mail.ts';
import { linkOrigin } from '../referrals/emails.ts';
import { isUuid, Refusal } from '../organisations/errors.ts';
import { fairnessReport, solve, type FairnessReport, type PairRef } from '../../matching/index.ts';
import { buildProblem, pairKey, placeOf, type Criterion, type SideProfile } from '../matching/scoring.ts';
import { readSettings } from '../matching/programmes.ts';
import { audit, me, orgResource, requirePolicy } from './common.ts';

/** Places an opportunity without shifts is taken to want. */
export const OPEN_ENDED_PLACES = 5;
/** Volunteers inactive for longer are not proposed. */
export const ACTIVE_WITHIN_DAYS = 365;

export interface VolunteerProposal {
	userId: string;
	name: string;
	opportunityId: string;
	title: string;
	score: number;
	fixed: boolean;
	criteria: Criterion[];
}

export interface VolunteerMatching {
	today: Ymd;
	volunteers: number;
	opportunities: { id: string; title: string; places: number }[];
	proposals: VolunteerProposal[];
	objective: number;
	gap: number;
	fairness: FairnessReport | null;
	/** Milliseconds: loading, scoring and solving, explaining. */
	timings: { load: number; score: number; solve: number; explain: number };
}

/** The availability bit of an instant: its weekday and part of the day (morning before 12, afternoon before 17) in the city. */
export function weekBit(at: Date): number {
	const local = localMoment(at);
	const part = local.minutes < 12 * 60 ? 0 : local.minutes < 17 * 60 ? 1 : 2;
	return 1 << ((local.weekday - 1) * 3 + part);
}


async function loadOpportunities(ctx: Ctx, organisationId: string, now: Date) {
	const rows = await ctx.db
		.select({
			id: volunteerOpportunities.id,
			title: volunteerOpportunities.title,
			skills: volunteerOpportunities.skills,
			languages: volunteerOpportunities.languages,
			availability: volunteerOpportunities.availability,
			involvesVulnerable: volunteerOpportunities.involvesVulnerable,
			lat: neighbourhoods.latitude,
			lon: neighbourhoods.longitude,
			maxShift: sql<number | null>`(select max(s.capacity) from ${volunteerShifts} s where s.opportunity_id = ${sql.raw('"volunteer_opportunities"."id"')} and s.cancelled_at is null and s.starts_at > ${now})`,
			accepted: sql<number>`(select count(*) from ${volunteerApplications} a where a.opportunity_id = ${sql.raw('"volunteer_opportunities"."id"')} and a.status = 'accepted')`.mapWith(Number)
		})
		.from(volunteerOpportunities)
		.leftJoin(neighbourhoods, eq(neighbourhoods.id, volunteerOpportunities.neighbourhoodId))
		.where(and(eq(volunteerOpportunities.organisationId, organisationId), eq(volunteerOpportunities.status, 'open')))
		.orderBy(volunteerOpportunities.createdAt, volunteerOpportunities.id);
	// When help is needed: the opportunity's own weekly mask, else the parts of the week of its coming shifts (local time).
	const shifts = rows.length
		? await ctx.db
				.select({ opportunityId: volunteerShifts.opportunityId, startsAt: volunteerShifts.startsAt })
				.from(volunteerShifts)
				.where(and(inArray(volunteerShifts.opportunityId, rows.map((r) => r.id)), isNull(volunteerShifts.cancelledAt), gt(volunteerShifts.startsAt, now)))
		: [];
	const shiftMask = new Map<string, number>();
	for (const s of shifts) shiftMask.set(s.opportunityId, (shiftMask.get(s.opportunityId) ?? 0) | weekBit(s.startsAt));
	return rows
		.map((r) => {
			const wanted = r.maxShift === null ? OPEN_ENDED_PLACES : Number(r.maxShift);
			const places = Math.max(0, wanted - r.accepted);
			const availability = r.availability || (shiftMask.get(r.id) ?? 0);
			const slot: SideProfile & { title: string } = {
				id: r.id,
				title: r.title,
				capacity: places,
				languages: r.languages.length ? r.languages : null,
				location: placeOf(r),
				availability: availability || null,
				skillsWanted: r.skills,
				interests: null,
				involvesChildren: r.involvesVulnerable
			};
			return slot;
		})
		.filter((s) => (s.capacity ?? 0) > 0);
}

async function loadVolunteers(ctx: Ctx, organisationId: string, now: Date) {
	const since = new Date(now.getTime() - ACTIVE_WITHIN_DAYS * 86_400_000);
	const rows = await ctx.db
		.select({
			id: volunteerProfiles.userId,
			name: users.displayName,
			kind: users.kind,
			skills: volunteerProfiles.skills,
			interests: volunteerProfiles.interests,
			languages: volunteerProfiles.languages,
			availability: volunteerProfiles.availability,
			neighbourhood: neighbourhoods.name,
			lat: neighbourhoods.latitude,
			lon: neighbourhoods.longitude,
			clearance: volunteerScreening.expiresOn
		})
		.from(volunteerProfiles)
		.innerJoin(users, eq(users.id, volunteerProfiles.userId))
		.leftJoin(neighbourhoods, eq(neighbourhoods.id, volunteerProfiles.neighbourhoodId))
		.leftJoin(
			volunteerScreening,
			and(eq(volunteerScreening.userId, volunteerProfiles.userId), eq(volunteerScreening.organisationId, organisationId), eq(volunteerScreening.step, 'criminal_record'))
		)
		.where(and(isNull(users.disabledAt), gte(volunteerProfiles.lastActiveAt, since)))
		.orderBy(users.displayName, volunteerProfiles.userId);
	return rows.map((r) => {
		const person: SideProfile & { name: string } = {
			id: r.id,
			name: r.name,
			capacity: 1,
			languages: r.languages.length ? r.languages : null,
			location: placeOf(r),
			availability: r.availability || null,
			skillsOffered: r.skills,
			interests: r.interests,
			safeguardingUntil: r.clearance,
			groups: { ...(r.languages[0] ? { language: r.languages[0] } : {}), ...(r.neighbourhood ? { neighbourhood: r.neighbourhood } : {}), newcomer: r.kind === 'newcomer' ? 'yes' : 'no' }
		};
		return person;
	});
}

/** Runs the engine over the organisation's open opportunities and the available volunteers. */
export async function runVolunteerMatching(ctx: Ctx, organisationId: string, opts: { fixed?: PairRef[]; forbidden?: PairRef[]; now?: Date } = {}): Promise<VolunteerMatching> {
	if (!isUuid(organisationId)) throw new Refusal(404, 'org_not_found');
	await requirePolicy(ctx, 'volunteering.volunteers.manage', orgResource(organisationId), { type: 'volunteer', id: null });
	const now = opts.now ?? new Date();
	const today = cityToday(now);
	const t0 = performance.now();
	const [slots, people, [stored], previous] = await Promise.all([
		loadOpportunities(ctx, organisationId, now),
		loadVolunteers(ctx, organisationId, now),
		ctx.db.select({ settings: matchingProgrammes.settings }).from(matchingProgrammes).where(and(eq(matchingProgrammes.kind, 'volunteering'), eq(matchingProgrammes.organisationId, organisationId))),
		ctx.db
			.select({ userId: volunteerApplications.userId, opportunityId: volunteerApplications.opportunityId })
			.from(volunteerApplications)
			.innerJoin(volunteerOpportunities, eq(volunteerOpportunities.id, volunteerApplications.opportunityId))
			.where(eq(volunteerOpportunities.organisationId, organisationId))
	]);
	const settings = readSettings('volunteering', stored?.settings);
	const t1 = performance.now();
	// Who already applied, was invited or declined is not proposed again for that opportunity.
	const forbidden = [...(opts.forbidden ?? []), ...previous.map((p) => ({ person: p.userId, slot: p.opportunityId }))];
	const built = buildProblem(people, slots, settings, { today, fixed: opts.fixed ?? [], forbidden });
	const tb = performance.now();
	const result = solve(built.problem);
	const t2 = performance.now();
	const personOf = new Map(people.map((p) => [p.id, p]));
	const slotOf = new Map(slots.map((s) => [s.id, s]));
	const proposals = result.assignments.map((a) => ({
		userId: a.person,
		name: personOf.get(a.person)!.name,
		opportunityId: a.slot,
		title: slotOf.get(a.slot)!.title,
		score: a.score,
		fixed: a.fixed,
		criteria: built.criteria.get(pairKey(a.person, a.slot)) ?? []
	}));
	const fairness = fairnessReport(built.problem, result);
	const t3 = performance.now();
	await audit(ctx, ctx.db, 'volunteering.matching.run', 'volunteer', null, 'done', { organisationId, volunteers: people.length, opportunities: slots.length, proposals: proposals.length });
	return {
		today,
		volunteers: people.length,
		opportunities: slots.map((s) => ({ id: s.id, title: s.title, places: s.capacity ?? 0 })),
		proposals,
		objective: result.objective,
		gap: result.gap,
		fairness,
		timings: { load: t1 - t0, score: tb - t1, solve: t2 - tb, explain: t3 - t2 }
	};
}

/**
 * Invites the volunteers of the confirmed pairs: an `invited` application
 * each (skipped where they applied meanwhile) and an e-mail in their
 * language. Forged pairs (an opportunity of another organisation, an
 * unknown volunteer) are refused, and then nothing is done.
 */
export async function inviteVolunteers(ctx: Ctx, organisationId: string, pairs: PairRef[]): Promise<{ invited: number }> {
	if (!isUuid(organisationId)) throw new Refusal(404, 'org_not_found');
	await requirePolicy(ctx, 'volunteering.volunteers.manage', orgResource(organisationId), { type: 'volunteer', id: null });
	const valid = pairs.filter((p) => isUuid(p.person) && isUuid(p.slot)).slice(0, 1000);
	if (valid.length !== pairs.length) throw new Refusal(400, 'engagement_invite_invalid');
	if (valid.length === 0) return { invited: 0 };
	return ctx.db.transaction(async (tx) => {
		const opps = await tx
			.select({ id: volunteerOpportunities.id, title: volunteerOpportunities.title })
			.from(volunteerOpportunities)
			.where(and(eq(volunteerOpportunities.organisationId, organisationId), eq(volunteerOpportunities.status, 'open'), inArray(volunteerOpportunities.id, [...new Set(valid.map((p) => p.slot))])));
		const titles = new Map(opps.map((o) => [o.id, o.title]));
		const people = await tx
			.select({ id: users.id, email: users.email, locale: users.locale, name: users.displayName })
			.from(users)
			.innerJoin(volunteerProfiles, eq(volunteerProfiles.userId, users.id))
			.where(and(inArray(users.id, [...new Set(valid.map((p) => p.person))]), isNull(users.disabledAt)));
		const personOf = new Map(people.map((p) => [p.id, p]));
		if (valid.some((p) => !titles.has(p.slot) || !personOf.has(p.person))) throw new Refusal(400, 'engagement_invite_invalid');
		let invited = 0;
		for (const p of valid) {
			const [row] = await tx
				.insert(volunteerApplications)
				.values({ opportunityId: p.slot, userId: p.person, status: 'invited', decidedBy: me(ctx), decidedAt: new Date() })
				.onConflictDoNothing()
				.returning({ id: volunteerApplications.id });
			if (!row) continue;
			invited++;
			await audit(ctx, tx, 'volunteering.invite', 'volunteer_application', row.id, 'done', { opportunityId: p.slot });
			const person = personOf.get(p.person)!;
			if (!person.email) continue;
			const locale = mailLocale(person.locale);
			await sendEmail(tx, {
				to: person.email,
				template: 'volunteer_invitation',
				subject: m.engagement_mail_invite_subject({}, { locale }),
				text: m.engagement_mail_invite_body({ name: person.name, title: titles.get(p.slot)!, link: `${linkOrigin(ctx.origin)}/volunteer/${p.slot}` }, { locale })
			});
		}
		return { invited };
	});
}
