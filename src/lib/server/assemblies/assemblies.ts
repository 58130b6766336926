/**
 * Assemblies (issue 7): integration officers and administrators create and
 * edit them and name a chair and a secretary among the members
 * (`assemblies.manage`); anyone reads the public page (`assemblies.view`);
 * anyone signed in joins an open assembly, or asks to join one by request,
 * and leaves (`assemblies.join`); the chair, the secretary and the city's
 * staff accept or decline requests (`assemblies.run`); the member list is
 * for members and staff (`assemblies.members`, an audited read).
 */
import { and, asc, count, eq, inArray, sql } from 'drizzle-orm';
import { m } from '#lib/paraglide/messages.js';
import type { Ctx } from '../context.ts';
import type { Tx } from '../db/index.ts';
import { assemblies, assemblyMeetings, assemblyMembers, neighbourhoods, users, type AssemblyKind, type AssemblyMembershipStatus } from '../db/schema/index.ts';
import { notifyAll } from '../notifications/index.ts';
import { linkOrigin } from '../referrals/emails.ts';
import { Refusal } from '../organisations/errors.ts';
import { assemblyHead, audit, gate, localised, may, me, requirePolicy, type AssemblyHead } from './common.ts';
import type { AssemblyInput, TranslationInput } from './schemas.ts';

async function checkKind(tx: Tx, input: AssemblyInput) {
	if (input.kind !== 'neighbourhood') return { neighbourhoodId: null, theme: input.theme };
	const [n] = await tx.select({ id: neighbourhoods.id }).from(neighbourhoods).where(eq(neighbourhoods.id, input.neighbourhoodId!));
	if (!n) throw new Refusal(400, 'field_invalid_choice', 'neighbourhoodId');
	return { neighbourhoodId: n.id, theme: input.theme || null };
}

export async function createAssembly(ctx: Ctx, input: AssemblyInput): Promise<string> {
	await requirePolicy(ctx, 'assemblies.manage', { type: 'platform' }, { type: 'assembly', id: null });
	return ctx.db.transaction(async (tx) => {
		const kind = await checkKind(tx, input);
		const [a] = await tx
			.insert(assemblies)
			.values({ kind: input.kind, ...kind, name: input.name, description: input.description, languages: input.languages, joinRule: input.joinRule, createdBy: me(ctx) })
			.returning({ id: assemblies.id });
		await audit(ctx, tx, 'assemblies.create', 'assembly', a.id);
		return a.id;
	});
}

export async function updateAssembly(ctx: Ctx, id: string, input: AssemblyInput): Promise<void> {
	await gate(ctx, 'assemblies.manage', id);
	await ctx.db.transaction(async (tx) => {
		const kind = await checkKind(tx, input);
		await tx
			.update(assemblies)
			.set({ kind: input.kind, ...kind, name: input.name, description: input.description, languages: input.languages, joinRule: input.joinRule, updatedAt: new Date() })
			.where(eq(assemblies.id, id));
		await audit(ctx, tx, 'assemblies.update', 'assembly', id);
	});
}

/** Adds, replaces or (both blank) removes the name and description in one language. */
export async function translateAssembly(ctx: Ctx, id: string, input: TranslationInput): Promise<void> {
	const { head } = await gate(ctx, 'assemblies.manage', id);
	if (input.name === '' && input.description !== '') throw new Refusal(400, 'field_required', 'name');
	const translations = { ...head.translations };
	if (input.name === '') delete translations[input.locale];
	else translations[input.locale] = { name: input.name, description: input.description };
	await ctx.db.transaction(async (tx) => {
		await tx.update(assemblies).set({ translations, updatedAt: new Date() }).where(eq(assemblies.id, id));
		await audit(ctx, tx, 'assemblies.translate', 'assembly', id, 'done', { locale: input.locale });
	});
}

/** Names the chair and the secretary (blank: none); each must be an active member. */
export async function setRoles(ctx: Ctx, id: string, input: { chairId: string | null; secretaryId: string | null }): Promise<void> {
	const { resource } = await gate(ctx, 'assemblies.manage', id);
	if (input.chairId && !resource.memberIds.includes(input.chairId)) throw new Refusal(400, 'assemblies_not_a_member', 'chairId');
	if (input.secretaryId && !resource.memberIds.includes(input.secretaryId)) throw new Refusal(400, 'assemblies_not_a_member', 'secretaryId');
	await ctx.db.transaction(async (tx) => {
		await tx.update(assemblies).set({ chairId: input.chairId, secretaryId: input.secretaryId, updatedAt: new Date() }).where(eq(assemblies.id, id));
		// (The audit log refuses detail keys that look like secrets, hence "minuteTaker" for the secretary.)
		await audit(ctx, tx, 'assemblies.roles', 'assembly', id, 'done', { chair: input.chairId, minuteTaker: input.secretaryId });
	});
}

/** Joins an open assembly, or asks to join one by request. A second join (even at the same instant) is refused. */
export async function joinAssembly(ctx: Ctx, id: string): Promise<'active' | 'requested'> {
	const userId = me(ctx);
	await requirePolicy(ctx, 'assemblies.join', { type: 'platform' }, { type: 'assembly_member', id: null });
	const head = await assemblyHead(ctx.db, id);
	const status = head.joinRule === 'open' ? 'active' : 'requested';
	return ctx.db.transaction(async (tx) => {
		// The partial unique index holds one live membership per person: a concurrent second join inserts nothing.
		const [row] = await tx
			.insert(assemblyMembers)
			.values({ assemblyId: id, userId, status, joinedAt: status === 'active' ? new Date() : null })
			.onConflictDoNothing()
			.returning({ id: assemblyMembers.id });
		if (!row) throw new Refusal(409, 'assemblies_already_member');
		await audit(ctx, tx, `assemblies.${status === 'active' ? 'join' : 'request'}`, 'assembly_member', row.id, 'done', { assemblyId: id });
		if (status === 'requested') await tellRunners(ctx, tx, head, userId);
		return status;
	});
}

/** The chair and the secretary hear of a request to join by e-mail (staff see it on the page). */
async function tellRunners(ctx: Ctx, tx: Tx, head: AssemblyHead, userId: string) {
	const runners = [head.chairId, head.secretaryId].filter((x): x is string => x !== null && x !== userId);
	if (runners.length === 0) return;
	const [who] = await tx.select({ name: users.displayName }).from(users).where(eq(users.id, userId));
	await notifyAll(
		tx,
		runners,
		{
			kind: 'assembly_join_request',
			template: 'assembly_join_request',
			title: (locale) => m.assemblies_mail_request_subject({ name: localised(head, locale).name }, { locale }),
			body: (locale) => m.assemblies_mail_request_body({ name: localised(head, locale).name, person: who?.name ?? '—', link: `${linkOrigin(ctx.origin)}/assemblies/${head.id}` }, { locale }),
			link: `/assemblies/${head.id}`
		},
		ctx.origin
	);
}

/** Leaves (or withdraws a request). A chair or secretary who leaves gives up the role. */
export async function leaveAssembly(ctx: Ctx, id: string): Promise<void> {
	const userId = me(ctx);
	await assemblyHead(ctx.db, id);
	await ctx.db.transaction(async (tx) => {
		const [row] = await tx
			.update(assemblyMembers)
			.set({ status: 'left', endedAt: new Date() })
			.where(and(eq(assemblyMembers.assemblyId, id), eq(assemblyMembers.userId, userId), inArray(assemblyMembers.status, ['active', 'requested'])))
			.returning({ id: assemblyMembers.id });
		if (!row) throw new Refusal(409, 'assemblies_not_a_member');
		await tx.update(assemblies).set({ chairId: null }).where(and(eq(assemblies.id, id), eq(assemblies.chairId, userId)));
		await tx.update(assemblies).set({ secretaryId: null }).where(and(eq(assemblies.id, id), eq(assemblies.secretaryId, userId)));
		await audit(ctx, tx, 'assemblies.leave', 'assembly_member', row.id, 'done', { assemblyId: id });
	});
}

/** The chair (or secretary, or staff) accepts or declines a request to join THIS assembly. */
export async function answerRequest(ctx: Ctx, id: string, memberId: string, answer: 'accept' | 'decline'): Promise<void> {
	await gate(ctx, 'assemblies.run', id, { type: 'assembly_member', id: memberId });
	await ctx.db.transaction(async (tx) => {
		const [row] = await tx
			.update(assemblyMembers)
			.set(answer === 'accept' ? { status: 'active', joinedAt: new Date() } : { status: 'declined', endedAt: new Date() })
			.where(and(eq(assemblyMembers.id, memberId), eq(assemblyMembers.assemblyId, id), eq(assemblyMembers.status, 'requested')))
			.returning({ id: assemblyMembers.id });
		if (!row) throw new Refusal(404, 'assemblies_request_not_found', 'memberId');
		await audit(ctx, tx, `assemblies.request.${answer}`, 'assembly_member', memberId, 'done', { assemblyId: id });
	});
}

export interface Member {
	memberId: string;
	userId: string;
	name: string;
	since: Date;
	role: 'chair' | 'secretary' | null;
}

/** Members (and, for those who run it, requests waiting): personal data, an audited read. */
export async function members(ctx: Ctx, id: string): Promise<{ members: Member[]; requests: Member[] }> {
	const { head, resource } = await gate(ctx, 'assemblies.members', id);
	const run = may(ctx, 'assemblies.run', resource);
	const rows = await ctx.db
		.select({ memberId: assemblyMembers.id, userId: assemblyMembers.userId, name: users.displayName, status: assemblyMembers.status, joinedAt: assemblyMembers.joinedAt, requestedAt: assemblyMembers.requestedAt })
		.from(assemblyMembers)
		.innerJoin(users, eq(users.id, assemblyMembers.userId))
		.where(and(eq(assemblyMembers.assemblyId, id), inArray(assemblyMembers.status, run ? ['active', 'requested'] : ['active'])))
		.orderBy(asc(users.displayName), asc(assemblyMembers.id))
		.limit(2000);
	await audit(ctx, ctx.db, 'assemblies.members.view', 'assembly', id, 'done', { count: rows.length });
	const role = (u: string) => (u === head.chairId ? 'chair' : u === head.secretaryId ? 'secretary' : null);
	const shape = (r: (typeof rows)[number]): Member => ({ memberId: r.memberId, userId: r.userId, name: r.name, since: r.joinedAt ?? r.requestedAt, role: role(r.userId) });
	return { members: rows.filter((r) => r.status === 'active').map(shape), requests: rows.filter((r) => r.status === 'requested').map(shape) };
}

/** The actor's membership of one assembly (null: none, or signed out). */
export async function myMembership(ctx: Ctx, id: string): Promise<AssemblyMembershipStatus | null> {
	if (ctx.actor.kind !== 'user') return null;
	const [row] = await ctx.db
		.select({ status: assemblyMembers.status })
		.from(assemblyMembers)
		.where(and(eq(assemblyMembers.assemblyId, id), eq(assemblyMembers.userId, ctx.actor.userId), inArray(assemblyMembers.status, ['active', 'requested'])));
	return row?.status ?? null;
}

export interface AssemblySummary {
	id: string;
	kind: AssemblyKind;
	name: string;
	description: string;
	translated: boolean;
	neighbourhoodName: string | null;
	theme: string | null;
	languages: string[];
	joinRule: 'open' | 'request';
	members: number;
	nextMeeting: Date | null;
}

const memberCount = sql<number>`(select count(*) from ${assemblyMembers} am where am.assembly_id = ${assemblies.id} and am.status = 'active')`.mapWith(Number);
const nextMeeting = (now: Date) =>
	sql<Date | null>`(select min(mt.starts_at) from ${assemblyMeetings} mt where mt.assembly_id = ${assemblies.id} and mt.status = 'scheduled' and mt.starts_at > ${now.toISOString()})`.mapWith((v) => (v ? new Date(v) : null));

/** Every assembly, neighbourhood ones first, with its member count and next meeting (public). */
export async function listAssemblies(ctx: Ctx, now = new Date()): Promise<AssemblySummary[]> {
	const rows = await ctx.db
		.select({
			id: assemblies.id,
			kind: assemblies.kind,
			name: assemblies.name,
			description: assemblies.description,
			translations: assemblies.translations,
			neighbourhoodName: neighbourhoods.name,
			theme: assemblies.theme,
			languages: assemblies.languages,
			joinRule: assemblies.joinRule,
			members: memberCount,
			nextMeeting: nextMeeting(now)
		})
		.from(assemblies)
		.leftJoin(neighbourhoods, eq(neighbourhoods.id, assemblies.neighbourhoodId))
		.orderBy(asc(assemblies.kind), asc(assemblies.name))
		.limit(500);
	return rows.map(({ translations, ...r }) => ({ ...r, ...localised({ name: r.name, description: r.description, translations }, ctx.locale) }));
}

/** The public facts of one assembly, with its member count. */
export async function getAssembly(ctx: Ctx, id: string): Promise<AssemblyHead & { members: number; translated: boolean }> {
	const head = await assemblyHead(ctx.db, id);
	const [{ n }] = await ctx.db
		.select({ n: count() })
		.from(assemblyMembers)
		.where(and(eq(assemblyMembers.assemblyId, id), eq(assemblyMembers.status, 'active')));
	return { ...head, ...localised(head, ctx.locale), members: n };
}

/** Assemblies the actor chairs or is secretary of (while a member), for the workspace. */
export async function assembliesIRun(ctx: Ctx): Promise<{ id: string; name: string }[]> {
	if (ctx.actor.kind !== 'user') return [];
	const userId = ctx.actor.userId;
	const rows = await ctx.db
		.select({ id: assemblies.id, name: assemblies.name, description: assemblies.description, translations: assemblies.translations })
		.from(assemblies)
		.innerJoin(assemblyMembers, and(eq(assemblyMembers.assemblyId, assemblies.id), eq(assemblyMembers.userId, userId), eq(assemblyMembers.status, 'active')))
		.where(sql`${assemblies.chairId} = ${userId} or ${assemblies.secretaryId} = ${userId}`)
		.orderBy(asc(assemblies.name));
	return rows.map((r) => ({ id: r.id, name: localised(r, ctx.locale).name }));
}
