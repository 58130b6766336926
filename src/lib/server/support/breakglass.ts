/**
 * "Break the glass": emergency access to a folder by someone who works on
 * folders but is not on its team (docs/decisions/016-support-folder.md).
 *
 * It asks for a reason, lasts at most four hours, and on use e-mails the
 * lead worker and every platform administrator (through the outbox) and is
 * audited. While the grant holds, `loadFolderFacts` lists the user in
 * `breakGlassUserIds` and the policy lets them view and edit the folder
 * (never its consents, team, access log, export or erasure). The holder may
 * end it early.
 */
import { and, asc, eq, gt, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import { m } from '#lib/paraglide/messages.js';
import { formatDateTime } from '#lib/directory/labels.ts';
import type { Ctx } from '../context.ts';
import type { Tx } from '../db/index.ts';
import { breakGlass, organisations, users } from '../db/schema/index.ts';
import type { MemberRole } from '../db/schema/index.ts';
import { config } from '../config.ts';
import { emailLocale, siteOrigin } from '../auth/emails.ts';
import { sendEmail, type OutgoingEmail } from '../email/index.ts';
import { can, PolicyDenied, type FolderResource } from '../policy/index.ts';
import { Refusal, isUuid } from '../organisations/errors.ts';
import { audit, folderNotFound, loadFolderFacts, withFolder } from './folders.ts';

/** The longest a grant may last. */
export const BREAK_GLASS_MAX_HOURS = 4;

const workerRoles: MemberRole[] = ['owner', 'coordinator', 'case_worker'];

export interface BreakGlassInput {
	reason: string;
	hours: number;
}

export interface Grant {
	id: string;
	expiresAt: Date;
}

/** The actor's unexpired, not ended grant for this folder, if any. */
export async function activeGrant(db: Tx, userId: string, personId: string, now = new Date()): Promise<Grant | null> {
	if (!isUuid(personId)) return null;
	const [g] = await db
		.select({ id: breakGlass.id, expiresAt: breakGlass.expiresAt })
		.from(breakGlass)
		.where(and(eq(breakGlass.userId, userId), eq(breakGlass.personId, personId), isNull(breakGlass.endedAt), gt(breakGlass.expiresAt, now)))
		.orderBy(asc(breakGlass.expiresAt))
		.limit(1);
	return g ?? null;
}

/**
 * Whether the actor's access to this folder is by break-glass only (for the
 * banner on every folder page): they hold a grant and the team rule alone
 * would not let them in. Reads nothing of the folder and audits nothing.
 */
export async function accessByBreakGlass(ctx: Ctx, personId: string): Promise<Grant | null> {
	if (ctx.actor.kind !== 'user' || !isUuid(personId)) return null;
	const grant = await activeGrant(ctx.db, ctx.actor.userId, personId);
	if (!grant) return null;
	const facts = await loadFolderFacts(ctx.db, personId);
	if (!facts) return null;
	const withoutGrant: FolderResource = { ...facts, breakGlassUserIds: facts.breakGlassUserIds.filter((u) => u !== (ctx.actor.kind === 'user' ? ctx.actor.userId : '')) };
	return can(ctx.actor, 'folder.view', withoutGrant) === 'allowed' ? null : grant;
}

/** The actor's organisation they act for (the first where they work on folders, by name). */
async function actingOrganisation(ctx: Ctx, tx: Tx): Promise<{ id: string; name: string } | null> {
	if (ctx.actor.kind !== 'user') return null;
	const ids = [...ctx.actor.memberships].filter(([, r]) => workerRoles.includes(r)).map(([id]) => id);
	if (ids.length === 0) return null;
	const [row] = await tx
		.select({ id: organisations.id, name: organisations.name })
		.from(organisations)
		.where(inArray(organisations.id, ids))
		.orderBy(asc(organisations.name))
		.limit(1);
	return row ?? null;
}

/**
 * Opens emergency access to a folder for `hours` (1–4) with a reason. Refused
 * (and audited as denied) for someone who may not break the glass or for a
 * folder that does not exist, with the same answer; refused as not needed
 * for someone the team rule already lets in; refused while the actor still
 * holds a grant for this folder.
 */
export async function openBreakGlass(ctx: Ctx, personId: string, input: BreakGlassInput): Promise<Grant> {
	if (ctx.actor.kind !== 'user') throw new PolicyDenied('sign_in_required', 'folder.break_glass');
	const actor = ctx.actor;
	if (!isUuid(personId)) throw folderNotFound();
	if (!Number.isInteger(input.hours) || input.hours < 1 || input.hours > BREAK_GLASS_MAX_HOURS) throw new Refusal(400, 'privacy_break_glass_hours_invalid', 'hours');
	// Someone on the team under consent needs no emergency access: say so, rather than "not yours".
	const already = await ctx.db.transaction(async (tx) => {
		const facts = await loadFolderFacts(tx, personId);
		if (!facts) return false;
		const withoutGrant = { ...facts, breakGlassUserIds: [] };
		return can(actor, 'folder.view', withoutGrant) === 'allowed';
	});
	if (already) throw new Refusal(409, 'privacy_break_glass_not_needed');
	const { grant, mails } = await withFolder(ctx, 'folder.break_glass', personId, 'update', async (tx, facts) => {
		const existing = await activeGrant(tx, actor.userId, personId);
		if (existing) throw new Refusal(409, 'privacy_break_glass_already');
		const org = await actingOrganisation(ctx, tx);
		const now = new Date();
		const expiresAt = new Date(now.getTime() + input.hours * 3600_000);
		const [row] = await tx
			.insert(breakGlass)
			.values({ userId: actor.userId, personId, organisationId: org?.id ?? null, reason: input.reason, grantedAt: now, expiresAt })
			.returning({ id: breakGlass.id, expiresAt: breakGlass.expiresAt });
		await audit(ctx, tx, 'support.break_glass.opened', personId, 'done', { breakGlassId: row.id, hours: input.hours, organisationId: org?.id ?? null });
		const mails = await alerts(ctx, tx, { personId, leadUserId: facts.leadUserId, organisation: org?.name ?? null, reason: input.reason, expiresAt: row.expiresAt });
		return { grant: row, mails };
	});
	// Sent after the grant is committed: SMTP is never waited for while the folder and the audit chain are locked.
	for (const mail of mails) await sendEmail(ctx.db, mail);
	return grant;
}

/** Ends the actor's own grant for this folder now. */
export async function endBreakGlass(ctx: Ctx, personId: string): Promise<void> {
	if (ctx.actor.kind !== 'user') throw new PolicyDenied('sign_in_required', 'folder.break_glass');
	const userId = ctx.actor.userId;
	if (!isUuid(personId)) throw new Refusal(404, 'privacy_break_glass_none');
	await ctx.db.transaction(async (tx) => {
		const ended = await tx
			.update(breakGlass)
			.set({ endedAt: new Date() })
			.where(and(eq(breakGlass.userId, userId), eq(breakGlass.personId, personId), isNull(breakGlass.endedAt), gt(breakGlass.expiresAt, new Date())))
			.returning({ id: breakGlass.id });
		if (ended.length === 0) throw new Refusal(404, 'privacy_break_glass_none');
		await audit(ctx, tx, 'support.break_glass.ended', personId, 'done', { breakGlassId: ended[0].id });
	});
}

/**
 * Tells the lead worker and every platform administrator, each in their own
 * language: who, for which organisation, why, until when, and where to look.
 * The person's name never goes into an e-mail; the folder's address does.
 */
async function alerts(ctx: Ctx, tx: Tx, e: { personId: string; leadUserId: string | null; organisation: string | null; reason: string; expiresAt: Date }): Promise<OutgoingEmail[]> {
	if (ctx.actor.kind !== 'user') return [];
	const out: OutgoingEmail[] = [];
	const [me] = await tx.select({ name: users.displayName }).from(users).where(eq(users.id, ctx.actor.userId));
	const recipients = await tx
		.select({ id: users.id, email: users.email, name: users.displayName, locale: users.locale, platformRole: users.platformRole })
		.from(users)
		.where(
			and(
				isNotNull(users.email),
				isNull(users.disabledAt),
				e.leadUserId ? sql`(${users.platformRole} = 'admin' or ${users.id} = ${e.leadUserId})` : eq(users.platformRole, 'admin')
			)
		);
	const origin = siteOrigin(ctx.origin);
	const tz = config().CITY_TIME_ZONE;
	for (const r of recipients) {
		if (!r.email) continue;
		const locale = emailLocale(r.locale);
		const isLead = r.id === e.leadUserId;
		const link = isLead ? `${origin}/app/folders/${e.personId}/access` : `${origin}/app/admin`;
		out.push({
			to: r.email,
			template: 'break_glass',
			subject: m.privacy_email_break_glass_subject({}, { locale }),
			text: [
				m.auth_email_hello({ name: r.name }, { locale }),
				isLead ? m.privacy_email_break_glass_intro_lead({ name: me?.name ?? '', organisation: e.organisation ?? '—' }, { locale }) : m.privacy_email_break_glass_intro_admin({ name: me?.name ?? '', organisation: e.organisation ?? '—', folder: e.personId }, { locale }),
				`${m.privacy_email_break_glass_reason({}, { locale })}\n${e.reason}`,
				m.privacy_email_break_glass_until({ time: formatDateTime(e.expiresAt, locale, tz) }, { locale }),
				`${m.privacy_email_break_glass_look({}, { locale })}\n${link}`
			].join('\n\n') + '\n'
		});
	}
	return out;
}

/** The break-glass grants of a folder, newest first (for the access page and the export). */
export async function grantsOf(db: Tx, personId: string) {
	return db
		.select({
			id: breakGlass.id,
			userId: breakGlass.userId,
			userName: users.displayName,
			organisationName: organisations.name,
			reason: breakGlass.reason,
			grantedAt: breakGlass.grantedAt,
			expiresAt: breakGlass.expiresAt,
			endedAt: breakGlass.endedAt
		})
		.from(breakGlass)
		.leftJoin(users, eq(users.id, breakGlass.userId))
		.leftJoin(organisations, eq(organisations.id, breakGlass.organisationId))
		.where(eq(breakGlass.personId, personId))
		.orderBy(sql`${breakGlass.grantedAt} desc`);
}

/** Whether the actor works on folders somewhere (may be offered break-glass on a refusal). */
export function worksOnFolders(ctx: Ctx): boolean {
	return ctx.actor.kind === 'user' && [...ctx.actor.memberships.values()].some((r) => workerRoles.includes(r));
}
