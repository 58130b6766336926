/**
 * Matching buddies (issue 6, decision 020) with the engine of issue 5 and
 * the scoring model of decision 018.
 *
 * - People: the newcomers of a programme (active applications) not in an
 *   active pair. Slots: its residents, each with the newcomers they said
 *   they can take (1 or 2) less their active pairs.
 * - Hard rules are the programme's settings (a matching_programmes row of
 *   kind 'buddy'; by default a shared language and both sides' gender
 *   preferences). A preference is "any", a woman or a man; someone who
 *   prefers not to say their gender is never proposed to someone who asked
 *   for a gender.
 * - A pair that ended, or that a coordinator ruled out, is never proposed
 *   again (forbidden); both people go back to the pool with everyone else.
 * - A run replaces the programme's open proposals (stored as `proposed`
 *   pairs with their score and explanation). Confirming re-checks the hard
 *   rules against the applications as they are now and the resident's
 *   capacity, under a lock of the programme row; a proposal that no longer
 *   holds refuses the whole confirmation. Confirmed pairs become active,
 *   both sides get an e-mail and the check-ins are scheduled.
 *
 * Reading applications is reading personal data: buddies.manage (second
 * factor), audited.
 */
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { m } from '#lib/paraglide/messages.js';
import type { Ctx } from '../context.ts';
import type { Tx } from '../db/index.ts';
import { buddyApplications, buddyCheckIns, buddyPairs, buddyProgrammes, matchingProgrammes, neighbourhoods, users } from '../db/schema/index.ts';
import { sendEmail } from '../email/index.ts';
import { cityToday } from '../guardianship/age.ts';
import { mailLocale } from '../organisations/mail.ts';
import { linkOrigin } from '../referrals/emails.ts';
import { isUuid, Refusal } from '../organisations/errors.ts';
import { solve, type PairRef } from '../../matching/index.ts';
import { brokenRule, buildProblem, pairKey, placeOf, type Criterion, type HardRule, type ProgrammeSettings, type SideProfile } from '../matching/scoring.ts';
import { readSettings, type SettingsFormInput } from '../matching/programmes.ts';
import { addDays, audit, me, orgResource, pairNotFound, programmeHead, programmeNotFound, requirePolicy, type ProgrammeHead } from './common.ts';
import { BUDDY_SETTINGS } from './programmes.ts';

/** At most this many check-ins are scheduled for one pair. */
export const MAX_CHECK_INS = 60;

export interface Proposal {
	pairId: string;
	newcomer: { applicationId: string; name: string };
	resident: { applicationId: string; name: string };
	score: number;
	criteria: Criterion[];
}

export interface RunSummary {
	newcomers: number;
	residents: number;
	proposed: number;
	/** Newcomers left without a proposal. */
	unmatched: number;
}

/** A programme of `organisationId` (another organisation's is the same 404 as a forged id), after the policy. */
async function ownProgramme(ctx: Ctx, organisationId: string, programmeId: string): Promise<ProgrammeHead> {
	await requirePolicy(ctx, 'buddies.manage', orgResource(organisationId), { type: 'buddy_programme', id: isUuid(programmeId) ? programmeId : null });
	const p = await programmeHead(ctx.db, programmeId);
	if (p.organisationId !== organisationId) throw programmeNotFound();
	return p;
}

async function settingsOf(tx: Tx, p: ProgrammeHead): Promise<ProgrammeSettings> {
	if (!p.matchingProgrammeId) return BUDDY_SETTINGS;
	const [row] = await tx.select({ settings: matchingProgrammes.settings }).from(matchingProgrammes).where(eq(matchingProgrammes.id, p.matchingProgrammeId));
	return row ? readSettings('buddy', row.settings) : BUDDY_SETTINGS;
}

type ApplicationRow = Awaited<ReturnType<typeof loadApplications>>[number];

async function loadApplications(tx: Tx, programmeId: string, ids?: string[]) {
	return tx
		.select({
			id: buddyApplications.id,
			userId: buddyApplications.userId,
			name: users.displayName,
			email: users.email,
			locale: users.locale,
			side: buddyApplications.side,
			status: buddyApplications.status,
			languages: buddyApplications.languages,
			interests: buddyApplications.interests,
			gender: buddyApplications.gender,
			preferredGender: buddyApplications.preferredGender,
			availability: buddyApplications.availability,
			capacity: buddyApplications.capacity,
			neighbourhood: neighbourhoods.name,
			lat: neighbourhoods.latitude,
			lon: neighbourhoods.longitude,
			active: sql<number>`(select count(*) from ${buddyPairs} p where p.status = 'active' and (p.newcomer_application_id = ${sql.raw('"buddy_applications"."id"')} or p.resident_application_id = ${sql.raw('"buddy_applications"."id"')}))`.mapWith(Number)
		})
		.from(buddyApplications)
		.innerJoin(users, eq(users.id, buddyApplications.userId))
		.leftJoin(neighbourhoods, eq(neighbourhoods.id, buddyApplications.neighbourhoodId))
		.where(and(eq(buddyApplications.programmeId, programmeId), ids ? inArray(buddyApplications.id, ids) : eq(buddyApplications.status, 'active'), sql`${users.disabledAt} is null`))
		.orderBy(asc(buddyApplications.createdAt), asc(buddyApplications.id));
}

/** An application as the scoring model reads it; "any" is no preference. */
export function profileOf(a: Pick<ApplicationRow, 'id' | 'languages' | 'interests' | 'gender' | 'preferredGender' | 'availability' | 'lat' | 'lon' | 'neighbourhood'>, capacity: number): SideProfile {
	return {
		id: a.id,
		capacity,
		languages: a.languages.length ? a.languages : null,
		interests: a.interests.length ? a.interests : null,
		location: placeOf(a),
		availability: a.availability || null,
		gender: a.gender,
		genderPreference: a.preferredGender === 'any' ? null : a.preferredGender,
		groups: { ...(a.languages[0] ? { language: a.languages[0] } : {}), ...(a.neighbourhood ? { neighbourhood: a.neighbourhood } : {}) }
	};
}

/**
 * Runs the engine over the programme's pool and stores its proposals in
 * place of the open ones.
 */
export async function runBuddyMatching(ctx: Ctx, organisationId: string, programmeId: string, opts: { now?: Date } = {}): Promise<RunSummary> {
	const p = await ownProgramme(ctx, organisationId, programmeId);
	const today = cityToday(opts.now ?? new Date());
	return ctx.db.transaction(async (tx) => {
		// One run at a time per programme.
		await tx.select({ id: buddyProgrammes.id }).from(buddyProgrammes).where(eq(buddyProgrammes.id, p.id)).for('update');
		await tx.delete(buddyPairs).where(and(eq(buddyPairs.programmeId, p.id), eq(buddyPairs.status, 'proposed')));
		const settings = await settingsOf(tx, p);
		const apps = await loadApplications(tx, p.id);
		const people = apps.filter((a) => a.side === 'newcomer' && a.active === 0).map((a) => profileOf(a, 1));
		const slots = apps
			.filter((a) => a.side === 'resident' && a.capacity - a.active > 0)
			.map((a) => profileOf(a, a.capacity - a.active));
		const past = await tx
			.select({ person: buddyPairs.newcomerApplicationId, slot: buddyPairs.residentApplicationId })
			.from(buddyPairs)
			.where(and(eq(buddyPairs.programmeId, p.id), inArray(buddyPairs.status, ['ended', 'ruled_out', 'active'])));
		const built = buildProblem(people, slots, settings, { today, forbidden: past });
		const result = solve(built.problem);
		if (result.assignments.length) {
			await tx.insert(buddyPairs).values(
				result.assignments.map((a) => ({
					programmeId: p.id,
					newcomerApplicationId: a.person,
					residentApplicationId: a.slot,
					status: 'proposed' as const,
					score: a.score,
					criteria: built.criteria.get(pairKey(a.person, a.slot)) ?? []
				}))
			);
		}
		const summary = { newcomers: people.length, residents: slots.length, proposed: result.assignments.length, unmatched: people.length - result.peopleMatched };
		await audit(ctx, tx, 'buddies.matching.run', 'buddy_programme', p.id, 'done', summary);
		return summary;
	});
}

/** The programme's open proposals with their explanation. */
export async function proposals(ctx: Ctx, organisationId: string, programmeId: string): Promise<Proposal[]> {
	const p = await ownProgramme(ctx, organisationId, programmeId);
	const rows = await ctx.db
		.select({
			pairId: buddyPairs.id,
			newcomerId: buddyPairs.newcomerApplicationId,
			residentId: buddyPairs.residentApplicationId,
			score: buddyPairs.score,
			criteria: buddyPairs.criteria
		})
		.from(buddyPairs)
		.where(and(eq(buddyPairs.programmeId, p.id), eq(buddyPairs.status, 'proposed')))
		.orderBy(asc(buddyPairs.createdAt), asc(buddyPairs.id));
	const names = await namesOf(ctx.db, rows.flatMap((r) => [r.newcomerId, r.residentId]));
	return rows.map((r) => ({
		pairId: r.pairId,
		newcomer: { applicationId: r.newcomerId, name: names.get(r.newcomerId) ?? '' },
		resident: { applicationId: r.residentId, name: names.get(r.residentId) ?? '' },
		score: r.score ?? 0,
		criteria: (r.criteria ?? []) as Criterion[]
	}));
}

/** Application id → the applicant's display name. */
export async function namesOf(tx: Tx, applicationIds: string[]): Promise<Map<string, string>> {
	const ids = [...new Set(applicationIds)];
	if (!ids.length) return new Map();
	const rows = await tx
		.select({ id: buddyApplications.id, name: users.displayName })
		.from(buddyApplications)
		.innerJoin(users, eq(users.id, buddyApplications.userId))
		.where(inArray(buddyApplications.id, ids));
	return new Map(rows.map((r) => [r.id, r.name]));
}

/** Confirming refused: which pair and why, with the names the coordinator saw. */
export class ConfirmRefused extends Refusal {
	readonly names: { newcomer: string; resident: string } | null;
	readonly rule: HardRule | 'capacity' | 'paired';
	constructor(rule: HardRule | 'capacity' | 'paired', names: { newcomer: string; resident: string } | null) {
		super(409, 'buddies_confirm_refused', 'confirm');
		this.rule = rule;
		this.names = names;
	}
}

/**
 * Confirms proposals of the programme: each becomes an active pair that
 * ends after the programme's duration, with check-ins every `checkInDays`;
 * both sides are e-mailed. A forged id, a proposal of another programme or
 * no longer open refuses everything (`buddies_proposal_invalid`); a pair
 * that now breaks a hard rule, a resident over capacity or a newcomer
 * already paired refuses everything (ConfirmRefused).
 */
export async function confirmProposals(ctx: Ctx, organisationId: string, programmeId: string, pairIds: string[], opts: { now?: Date } = {}): Promise<{ confirmed: number }> {
	const p = await ownProgramme(ctx, organisationId, programmeId);
	const by = me(ctx);
	if (pairIds.length > 1000 || pairIds.some((id) => !isUuid(id))) throw new Refusal(400, 'buddies_proposal_invalid', 'confirm');
	const ids = [...new Set(pairIds)];
	if (!ids.length) throw new Refusal(400, 'buddies_proposal_none', 'confirm');
	const now = opts.now ?? new Date();
	const today = cityToday(now);
	return ctx.db.transaction(async (tx) => {
		await tx.select({ id: buddyProgrammes.id }).from(buddyProgrammes).where(eq(buddyProgrammes.id, p.id)).for('update');
		const pairs = await tx
			.select({ id: buddyPairs.id, n: buddyPairs.newcomerApplicationId, r: buddyPairs.residentApplicationId })
			.from(buddyPairs)
			.where(and(inArray(buddyPairs.id, ids), eq(buddyPairs.programmeId, p.id), eq(buddyPairs.status, 'proposed')));
		if (pairs.length !== ids.length) throw new Refusal(409, 'buddies_proposal_invalid', 'confirm');
		const settings = await settingsOf(tx, p);
		const apps = new Map((await loadApplications(tx, p.id, pairs.flatMap((x) => [x.n, x.r]))).map((a) => [a.id, a]));
		const taken = new Map<string, number>();
		for (const pair of pairs) {
			const n = apps.get(pair.n);
			const r = apps.get(pair.r);
			const names = n && r ? { newcomer: n.name, resident: r.name } : null;
			if (!n || !r || n.status !== 'active' || r.status !== 'active') throw new Refusal(409, 'buddies_proposal_invalid', 'confirm');
			const rule = brokenRule(profileOf(n, 1), profileOf(r, r.capacity), settings, { today });
			if (rule) throw new ConfirmRefused(rule, names);
			if (n.active + (taken.get(n.id) ?? 0) >= 1) throw new ConfirmRefused('paired', names);
			if (r.active + (taken.get(r.id) ?? 0) >= r.capacity) throw new ConfirmRefused('capacity', names);
			taken.set(n.id, (taken.get(n.id) ?? 0) + 1);
			taken.set(r.id, (taken.get(r.id) ?? 0) + 1);
		}
		const endsOn = addDays(today, p.durationWeeks * 7);
		for (const pair of pairs) {
			await tx.update(buddyPairs).set({ status: 'active', confirmedBy: by, startedOn: today, endsOn }).where(eq(buddyPairs.id, pair.id));
			const dues: string[] = [];
			for (let d = addDays(today, p.checkInDays); d <= endsOn && dues.length < MAX_CHECK_INS; d = addDays(d, p.checkInDays)) dues.push(d);
			if (dues.length) await tx.insert(buddyCheckIns).values(dues.map((dueOn) => ({ pairId: pair.id, dueOn })));
			await audit(ctx, tx, 'buddies.pair.confirm', 'buddy_pair', pair.id, 'done', { programmeId: p.id });
			const n = apps.get(pair.n)!;
			const r = apps.get(pair.r)!;
			for (const [self, other] of [
				[n, r],
				[r, n]
			] as const) {
				if (!self.email) continue;
				const locale = mailLocale(self.locale);
				await sendEmail(tx, {
					to: self.email,
					template: 'buddy_paired',
					subject: m.buddies_mail_paired_subject({ programme: p.name }, { locale }),
					text: m.buddies_mail_paired_body({ name: self.name, buddy: other.name, programme: p.name, link: `${linkOrigin(ctx.origin)}/buddies/me` }, { locale })
				});
			}
		}
		// The confirmed people's other open proposals no longer hold.
		const newcomerIds = pairs.map((x) => x.n);
		await tx.delete(buddyPairs).where(and(eq(buddyPairs.programmeId, p.id), eq(buddyPairs.status, 'proposed'), inArray(buddyPairs.newcomerApplicationId, newcomerIds)));
		return { confirmed: pairs.length };
	});
}

/** Rules a proposal out: it is never proposed again. */
export async function ruleOut(ctx: Ctx, organisationId: string, programmeId: string, pairId: string): Promise<void> {
	const p = await ownProgramme(ctx, organisationId, programmeId);
	if (!isUuid(pairId)) throw pairNotFound();
	await ctx.db.transaction(async (tx) => {
		const [row] = await tx
			.update(buddyPairs)
			.set({ status: 'ruled_out', endedAt: new Date(), endedBy: me(ctx) })
			.where(and(eq(buddyPairs.id, pairId), eq(buddyPairs.programmeId, p.id), eq(buddyPairs.status, 'proposed')))
			.returning({ id: buddyPairs.id });
		if (!row) throw pairNotFound();
		await audit(ctx, tx, 'buddies.pair.rule_out', 'buddy_pair', row.id, 'done', { programmeId: p.id });
	});
}

/** The programme's matching settings (its rules and weights), for the settings form. */
export async function buddySettings(ctx: Ctx, organisationId: string, programmeId: string): Promise<ProgrammeSettings> {
	const p = await ownProgramme(ctx, organisationId, programmeId);
	return settingsOf(ctx.db, p);
}

/**
 * Saves the programme's rules and weights. Both sides' gender preferences
 * stay a hard rule whatever is posted (decision 020); safeguarding stays off
 * (buddies are adults). Audited with the values.
 */
export async function saveBuddySettings(ctx: Ctx, organisationId: string, programmeId: string, f: SettingsFormInput): Promise<ProgrammeSettings> {
	const p = await ownProgramme(ctx, organisationId, programmeId);
	const settings = readSettings('buddy', {
		...BUDDY_SETTINGS,
		rules: { ...BUDDY_SETTINGS.rules, requireSharedLanguage: f.requireSharedLanguage, requireAvailabilityOverlap: f.requireAvailabilityOverlap, maxDistanceKm: f.maxDistanceKm, respectGenderPreference: true, requireSafeguarding: false },
		weights: { languages: f.weightLanguages, distance: f.weightDistance, interests: f.weightInterests, skills: f.weightSkills, availability: f.weightAvailability },
		objective: f.objective
	});
	settings.rules.respectGenderPreference = true;
	settings.rules.requireSafeguarding = false;
	const by = me(ctx);
	await ctx.db.transaction(async (tx) => {
		const values = { settings: settings as unknown as Record<string, unknown>, updatedBy: by, updatedAt: new Date() };
		if (p.matchingProgrammeId) {
			await tx.update(matchingProgrammes).set(values).where(eq(matchingProgrammes.id, p.matchingProgrammeId));
		} else {
			const [row] = await tx.insert(matchingProgrammes).values({ kind: 'buddy', name: p.name, organisationId, ...values }).returning({ id: matchingProgrammes.id });
			await tx.update(buddyProgrammes).set({ matchingProgrammeId: row.id }).where(eq(buddyProgrammes.id, p.id));
		}
		await audit(ctx, tx, 'buddies.settings.update', 'buddy_programme', p.id, 'done', {
			...Object.fromEntries(Object.entries(settings.rules).map(([k, v]) => [`rule.${k}`, v])),
			...Object.fromEntries(Object.entries(settings.weights).map(([k, v]) => [`weight.${k}`, v])),
			objective: settings.objective
		});
	});
	return settings;
}
