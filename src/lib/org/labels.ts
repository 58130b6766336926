/** Plain-language names and explanations of organisation types, roles and states. */
import { m } from '#lib/paraglide/messages.js';
import type { MemberRole, OrganisationType, PlatformRole, VerificationState } from '#lib/server/db/schema/index.ts';

export const organisationTypes: OrganisationType[] = [
	'public_body',
	'ngo',
	'migrant_association',
	'social_enterprise',
	'business',
	'informal_group'
];
export const memberRoles: MemberRole[] = ['owner', 'coordinator', 'case_worker', 'volunteer_coordinator', 'member'];

export function typeLabel(t: OrganisationType): string {
	return {
		public_body: m.org_type_public_body,
		ngo: m.org_type_ngo,
		migrant_association: m.org_type_migrant_association,
		social_enterprise: m.org_type_social_enterprise,
		business: m.org_type_business,
		informal_group: m.org_type_informal_group
	}[t]();
}

export function typeHelp(t: OrganisationType): string {
	return {
		public_body: m.org_type_public_body_help,
		ngo: m.org_type_ngo_help,
		migrant_association: m.org_type_migrant_association_help,
		social_enterprise: m.org_type_social_enterprise_help,
		business: m.org_type_business_help,
		informal_group: m.org_type_informal_group_help
	}[t]();
}

export function roleLabel(r: MemberRole): string {
	return {
		owner: m.org_role_owner,
		coordinator: m.org_role_coordinator,
		case_worker: m.org_role_case_worker,
		volunteer_coordinator: m.org_role_volunteer_coordinator,
		member: m.org_role_member
	}[r]();
}

export function roleHelp(r: MemberRole): string {
	return {
		owner: m.org_role_owner_help,
		coordinator: m.org_role_coordinator_help,
		case_worker: m.org_role_case_worker_help,
		volunteer_coordinator: m.org_role_volunteer_coordinator_help,
		member: m.org_role_member_help
	}[r]();
}

export function stateLabel(s: VerificationState): string {
	return { unverified: m.org_state_unverified, verified: m.org_state_verified, rejected: m.org_state_rejected }[s]();
}

export const platformRoles: PlatformRole[] = ['admin', 'integration_officer', 'evaluator', 'guardianship_office'];

export function platformRoleLabel(r: PlatformRole | null): string {
	if (!r) return m.admin_role_none();
	return {
		admin: m.admin_role_admin,
		integration_officer: m.admin_role_integration_officer,
		evaluator: m.admin_role_evaluator,
		guardianship_office: m.admin_role_guardianship_office
	}[r]();
}

export function platformRoleHelp(r: PlatformRole | null): string {
	if (!r) return m.admin_role_none_help();
	return {
		admin: m.admin_role_admin_help,
		integration_officer: m.admin_role_integration_officer_help,
		evaluator: m.admin_role_evaluator_help,
		guardianship_office: m.admin_role_guardianship_office_help
	}[r]();
}

export function formatDate(d: Date | string, locale: string): string {
	try {
		return new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }).format(new Date(d));
	} catch {
		return new Date(d).toISOString().slice(0, 10);
	}
}

export function formatDateTime(d: Date | string, locale: string): string {
	try {
		return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(d));
	} catch {
		return new Date(d).toISOString().slice(0, 16).replace('T', ' ');
	}
}

/** The start of a text for a list: its first paragraph, cut at a word near `max` characters. */
export function excerpt(text: string, max = 180): string {
	const first = text.trim().split(/\n\s*\n/)[0].replace(/\s+/g, ' ');
	if (first.length <= max) return first;
	const cut = first.slice(0, max);
	const space = cut.lastIndexOf(' ');
	return (space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,.;:–-]+$/, '') + '…';
}
