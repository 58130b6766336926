/**
 * Buddy programmes (issue 6, decision 020): an organisation creates and edits
 * them; open ones are public. Each has its own matching settings (a
 * matching_programmes row of kind 'buddy'), created with it: a shared
 * language and both sides' gender preferences are hard rules; no
 * safeguarding rule (buddies are adults).
 */
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { Ctx } from '../context.ts';
import { buddyApplications, buddyPairs, buddyProgrammes, matchingProgrammes, organisations, type BuddyProgrammeKind, type BuddyTranslations } from '../db/schema/index.ts';
import { isUuid, Refusal } from '../organisations/errors.ts';
import { BUDDY_SETTINGS } from './settings.ts';
import { audit, me, orgResource, programmeHead, programmeNotFound, requirePolicy } from './common.ts';
import type { ProgrammeInput } from './schemas.ts';

export { BUDDY_SETTINGS };

export async function createProgramme(ctx: Ctx, organisationId: string, input: ProgrammeInput): Promise<{ id: string }> {
	if (!isUuid(organisationId)) throw new Refusal(404, 'org_not_found');
	await requirePolicy(ctx, 'buddies.manage', orgResource(organisationId), { type: 'buddy_programme', id: null });
	const by = me(ctx);
	return ctx.db.transaction(async (tx) => {
		const [settings] = await tx
			.insert(matchingProgrammes)
			.values({ kind: 'buddy', name: input.name, organisationId, settings: BUDDY_SETTINGS as unknown as Record<string, unknown>, updatedBy: by })
			.returning({ id: matchingProgrammes.id });
		const [row] = await tx
			.insert(buddyProgrammes)
			.values({
				organisationId,
				kind: input.kind,
				name: input.name,
				description: input.description,
				language: input.language,
				criteria: input.criteria,
				durationWeeks: input.durationWeeks,
				checkInDays: input.checkInDays,
				status: input.open ? 'open' : 'closed',
				matchingProgrammeId: settings.id,
				createdBy: by
			})
			.returning({ id: buddyProgrammes.id });
		await audit(ctx, tx, 'buddies.programme.create', 'buddy_programme', row.id, 'done', { organisationId, kind: input.kind });
		return row;
	});
}

/** Edits a programme of `organisationId` (another organisation's is the same 404 as a forged id). */
export async function updateProgramme(ctx: Ctx, organisationId: string, programmeId: string, input: ProgrammeInput): Promise<void> {
	await requirePolicy(ctx, 'buddies.manage', orgResource(organisationId), { type: 'buddy_programme', id: isUuid(programmeId) ? programmeId : null });
	const head = await programmeHead(ctx.db, programmeId);
	if (head.organisationId !== organisationId) throw programmeNotFound();
	await ctx.db.transaction(async (tx) => {
		await tx
			.update(buddyProgrammes)
			.set({
				kind: input.kind,
				name: input.name,
				description: input.description,
				language: input.language,
				criteria: input.criteria,
				durationWeeks: input.durationWeeks,
				checkInDays: input.checkInDays,
				status: input.open ? 'open' : 'closed',
				updatedAt: new Date()
			})
			.where(eq(buddyProgrammes.id, programmeId));
		await audit(ctx, tx, 'buddies.programme.update', 'buddy_programme', programmeId, 'done', { status: input.open ? 'open' : 'closed' });
	});
}

/**
 * Sets (or, with an empty name, removes) the translation of a programme's
 * name and description into one interface language.
 */
export async function translateProgramme(ctx: Ctx, organisationId: string, programmeId: string, input: { locale: string; trName: string; trDescription: string }): Promise<void> {
	await requirePolicy(ctx, 'buddies.manage', orgResource(organisationId), { type: 'buddy_programme', id: isUuid(programmeId) ? programmeId : null });
	const head = await programmeHead(ctx.db, programmeId);
	if (head.organisationId !== organisationId) throw programmeNotFound();
	await ctx.db.transaction(async (tx) => {
		const [row] = await tx.select({ t: buddyProgrammes.translations }).from(buddyProgrammes).where(eq(buddyProgrammes.id, programmeId)).for('update');
		const next: BuddyTranslations = { ...(row?.t ?? {}) };
		if (input.trName) next[input.locale] = { name: input.trName, description: input.trDescription };
		else delete next[input.locale];
		await tx.update(buddyProgrammes).set({ translations: next, updatedAt: new Date() }).where(eq(buddyProgrammes.id, programmeId));
		await audit(ctx, tx, 'buddies.programme.translate', 'buddy_programme', programmeId, 'done', { locale: input.locale, removed: !input.trName });
	});
}

export interface PublicProgramme {
	id: string;
	kind: BuddyProgrammeKind;
	name: string;
	description: string;
	language: string;
	criteria: string;
	durationWeeks: number;
	checkInDays: number;
	status: 'open' | 'closed';
	organisationName: string;
	/** Whether the name and description shown are a translation into the reader's language. */
	translated: boolean;
}

const pick = (row: { name: string; description: string; language: string; translations: BuddyTranslations }, locale: string) => {
	const t = row.language !== locale ? row.translations?.[locale] : undefined;
	return t && t.name ? { name: t.name, description: t.description || row.description, language: locale, translated: true } : { name: row.name, description: row.description, language: row.language, translated: false };
};

const publicColumns = {
	id: buddyProgrammes.id,
	kind: buddyProgrammes.kind,
	name: buddyProgrammes.name,
	description: buddyProgrammes.description,
	language: buddyProgrammes.language,
	translations: buddyProgrammes.translations,
	criteria: buddyProgrammes.criteria,
	durationWeeks: buddyProgrammes.durationWeeks,
	checkInDays: buddyProgrammes.checkInDays,
	status: buddyProgrammes.status,
	organisationName: organisations.name
};

/** Open programmes, in the reader's language where translated. Public. */
export async function openProgrammes(ctx: Ctx): Promise<PublicProgramme[]> {
	await requirePolicy(ctx, 'buddies.view', { type: 'platform' }, { type: 'buddy_programme', id: null });
	const rows = await ctx.db
		.select(publicColumns)
		.from(buddyProgrammes)
		.innerJoin(organisations, eq(organisations.id, buddyProgrammes.organisationId))
		.where(eq(buddyProgrammes.status, 'open'))
		.orderBy(asc(buddyProgrammes.name), asc(buddyProgrammes.id))
		.limit(500);
	return rows.map(({ translations, ...r }) => ({ ...r, ...pick({ ...r, translations }, ctx.locale) }));
}

/** One open programme (a closed or unknown one is the 404). Public. */
export async function getProgramme(ctx: Ctx, id: string): Promise<PublicProgramme> {
	await requirePolicy(ctx, 'buddies.view', { type: 'platform' }, { type: 'buddy_programme', id: null });
	if (!isUuid(id)) throw programmeNotFound();
	const [r] = await ctx.db
		.select(publicColumns)
		.from(buddyProgrammes)
		.innerJoin(organisations, eq(organisations.id, buddyProgrammes.organisationId))
		.where(and(eq(buddyProgrammes.id, id), eq(buddyProgrammes.status, 'open')));
	if (!r) throw programmeNotFound();
	const { translations, ...rest } = r;
	return { ...rest, ...pick({ ...rest, translations }, ctx.locale) };
}

export interface OrgProgramme {
	id: string;
	kind: BuddyProgrammeKind;
	name: string;
	description: string;
	language: string;
	criteria: string;
	durationWeeks: number;
	checkInDays: number;
	status: 'open' | 'closed';
	applications: number;
	activePairs: number;
	proposed: number;
	translations: BuddyTranslations;
}

/** An organisation's programmes with their counts (no personal data: no second factor needed beyond buddies.manage). */
export async function organisationProgrammes(ctx: Ctx, organisationId: string): Promise<OrgProgramme[]> {
	if (!isUuid(organisationId)) throw new Refusal(404, 'org_not_found');
	await requirePolicy(ctx, 'buddies.manage', orgResource(organisationId), { type: 'buddy_programme', id: null });
	const id = sql.raw('"buddy_programmes"."id"');
	return ctx.db
		.select({
			id: buddyProgrammes.id,
			kind: buddyProgrammes.kind,
			name: buddyProgrammes.name,
			description: buddyProgrammes.description,
			language: buddyProgrammes.language,
			criteria: buddyProgrammes.criteria,
			durationWeeks: buddyProgrammes.durationWeeks,
			checkInDays: buddyProgrammes.checkInDays,
			status: buddyProgrammes.status,
			translations: buddyProgrammes.translations,
			applications: sql<number>`(select count(*) from ${buddyApplications} a where a.programme_id = ${id} and a.status = 'active')`.mapWith(Number),
			activePairs: sql<number>`(select count(*) from ${buddyPairs} p where p.programme_id = ${id} and p.status = 'active')`.mapWith(Number),
			proposed: sql<number>`(select count(*) from ${buddyPairs} p where p.programme_id = ${id} and p.status = 'proposed')`.mapWith(Number)
		})
		.from(buddyProgrammes)
		.where(eq(buddyProgrammes.organisationId, organisationId))
		.orderBy(desc(buddyProgrammes.status), asc(buddyProgrammes.name));
}
