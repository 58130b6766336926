/** The tabs of an organisation's workspace pages and of the administration pages (for the Tabs component). */
import { m } from '#lib/paraglide/messages.js';

type Tab = { href: string; label: string; current: boolean };

export function orgTabs(
	id: string,
	current: 'overview' | 'members' | 'invitations' | 'services' | 'locations' | 'volunteering' | 'buddies' | 'activities',
	permissions: { members: boolean; invite: boolean; directory?: boolean; volunteering?: boolean; buddies?: boolean; activities?: boolean }
): Tab[] {
	const tabs = [
		{ key: 'overview', href: `/app/organisations/${id}`, label: m.org_nav_overview(), show: true },
		{ key: 'members', href: `/app/organisations/${id}/members`, label: m.org_nav_members(), show: permissions.members },
		{ key: 'invitations', href: `/app/organisations/${id}/invitations`, label: m.org_nav_invitations(), show: permissions.invite },
		// The directory track: the organisation's services and locations.
		{ key: 'services', href: `/app/organisations/${id}/services`, label: m.directory_nav_services(), show: permissions.directory ?? false },
		{ key: 'locations', href: `/app/organisations/${id}/locations`, label: m.directory_nav_locations(), show: permissions.directory ?? false },
		// The volunteering track: opportunities, shifts, volunteers, hours.
		{ key: 'volunteering', href: `/app/organisations/${id}/volunteering`, label: m.volunteering_nav(), show: permissions.volunteering ?? false },
		// Buddy and mentoring programmes.
		{ key: 'buddies', href: `/app/organisations/${id}/buddies`, label: m.buddies_nav(), show: permissions.buddies ?? false },
		// Neighbourhood activities (the same staff as volunteering: activities.manage).
		{ key: 'activities', href: `/app/organisations/${id}/activities`, label: m.activities_nav(), show: permissions.activities ?? permissions.volunteering ?? false }
	]
		.filter((t) => t.show)
		.map((t) => ({ href: t.href, label: t.label, current: t.key === current }));
	// A single tab is no navigation.
	return tabs.length > 1 ? tabs : [];
}

export function adminTabs(
	current: 'queue' | 'users' | 'outbox' | 'audit' | 'certificates',
	links: { users: boolean; outbox: boolean; audit: boolean; certificates: boolean } = { users: true, outbox: true, audit: true, certificates: true }
): Tab[] {
	return [
		{ key: 'queue', href: '/app/admin', label: m.admin_nav_queue(), show: true },
		{ key: 'users', href: '/app/admin/users', label: m.admin_nav_users(), show: links.users },
		{ key: 'outbox', href: '/app/admin/outbox', label: m.admin_nav_outbox(), show: links.outbox },
		{ key: 'audit', href: '/app/admin/audit', label: m.admin_nav_audit(), show: links.audit },
		{ key: 'certificates', href: '/app/admin/certificates', label: m.admin_nav_certificates(), show: links.certificates }
	]
		.filter((t) => t.show)
		.map((t) => ({ href: t.href, label: t.label, current: t.key === current }));
}
