/**
 * Loads the fictional demo city, Portavera, into the database.
 *
 *   seedDemoIfEmpty()  called by `npm start`: seeds only a database with no
 *                      users and no organisations, never on top of real data.
 *   seedDemo(db)       seeds unconditionally (tests, `npm run demo:reset`).
 *
 * Everything goes in one transaction with multi-row inserts; each distinct
 * demo password is hashed once (argon2id is deliberately slow) and shared.
 */
import { sql } from 'drizzle-orm';
import { database, type Db, type Tx } from '../../src/lib/server/db/index.ts';
import { lifeDomains, matchingProgrammes, memberships, neighbourhoods, organisations, users } from '../../src/lib/server/db/schema/index.ts';
import { defaultSettings } from '../../src/lib/server/matching/defaults.ts';
import { BUDDY_SETTINGS } from '../../src/lib/server/buddies/settings.ts';
import { hashPassword } from '../../src/lib/server/auth/passwords.ts';
import { record } from '../../src/lib/server/audit/index.ts';
import { DEMO_BASE_DATE, DEMO_PASSWORDS, generateDemoCity, type DemoAccount, type DemoCity, type PasswordKey } from './generate.ts';

export interface SeedResult {
	neighbourhoods: number;
	organisations: number;
	users: number;
	memberships: number;
	services: number;
	locations: number;
	/** People with support folders (children included), referrals, unaccompanied children, volunteer guardians. */
	people: number;
	referrals: number;
	children: number;
	guardians: number;
	/** Volunteering opportunities and volunteers with a profile. */
	opportunities: number;
	volunteers: number;
	ms: number;
	accounts: DemoAccount[];
}

export interface SeedOptions {
	/** Defaults to `generateDemoCity()`. */
	city?: DemoCity;
	/** Do not print the table of demo accounts. */
	quiet?: boolean;
}

/** Every seeder takes this lock first, so two processes starting together seed once. */
const SEED_LOCK = 20_261_123;
const BATCH = 500;

/** Multi-row inserts of `size` rows (keep size × columns well under PostgreSQL's 65,535 parameters). */
async function insertBatches<T>(rows: readonly T[], insert: (batch: T[]) => Promise<unknown>, size = BATCH): Promise<void> {
	for (let i = 0; i < rows.length; i += size) await insert(rows.slice(i, i + size));
}

const date = (iso: string | null) => (iso === null ? null : new Date(iso));

/**
 * Writes the city inside the given transaction (no transaction of its own),
 * with one audit entry 'demo.seeded'.
 */
export async function insertDemoCity(tx: Tx, city: DemoCity): Promise<Omit<SeedResult, 'ms' | 'accounts'>> {
	const keys = [...new Set(city.users.map((u) => u.password))] as PasswordKey[];
	const hashes = new Map<PasswordKey, string>(
		await Promise.all(keys.map(async (k) => [k, await hashPassword(DEMO_PASSWORDS[k])] as const))
	);

	// Sign-in names for people without e-mail arrive with a later migration; write them once the column exists.
	const withUsername = 'username' in users;
	await insertBatches(city.users, (batch) =>
		tx.insert(users).values(
			batch.map((u) => ({
				id: u.id,
				displayName: u.displayName,
				email: u.email,
				...(withUsername ? { username: u.username } : {}),
				emailVerifiedAt: date(u.emailVerifiedAt),
				passwordHash: hashes.get(u.password)!,
				kind: u.kind,
				platformRole: u.platformRole,
				locale: u.locale,
				createdAt: new Date(u.createdAt),
				updatedAt: new Date(u.createdAt)
			}))
		)
	);
	await tx.insert(neighbourhoods).values(city.neighbourhoods);
	await insertBatches(city.organisations, (batch) =>
		tx.insert(organisations).values(
			batch.map((o) => ({
				...o,
				verifiedAt: date(o.verifiedAt),
				createdAt: new Date(o.createdAt),
				updatedAt: new Date(o.verifiedAt ?? o.createdAt)
			}))
		)
	);
	await insertBatches(city.memberships, (batch) =>
		tx.insert(memberships).values(batch.map((m) => ({ ...m, createdAt: new Date(m.createdAt) })))
	);
	await insertDirectory(tx, city);
	await insertSupport(tx, city);
	await insertEngagement(tx, city);
	await insertBuddies(tx, city);
	await insertActivities(tx, city);
	await insertPanels(tx, city);
	await insertAssemblies(tx, city);
	await insertSurveys(tx, city);
	await insertCocreation(tx, city);
	// The city's guardianship matching programme, with its default rules and weights (decision 018).
	await tx.insert(matchingProgrammes).values({ kind: 'guardianship', name: 'Portavera volunteer guardians', settings: defaultSettings('guardianship') as unknown as Record<string, unknown>, updatedAt: new Date(DEMO_BASE_DATE) });
	const counts = {
		neighbourhoods: city.neighbourhoods.length,
		organisations: city.organisations.length,
		users: city.users.length,
		memberships: city.memberships.length,
		services: city.directory.services.length,
		locations: city.directory.locations.length,
		people: city.support.people.length,
		referrals: city.support.referrals.length,
		children: city.support.people.filter((p) => p.unaccompanied).length,
		guardians: city.support.guardians.length,
		opportunities: city.engagement.opportunities.length,
		volunteers: city.engagement.profiles.length,
		buddyProgrammes: city.buddies.programmes.length,
		buddyPairs: city.buddies.pairs.length,
		activities: city.activities.activities.length,
		panels: city.panels.panels.length,
		assemblies: city.assemblies.assemblies.length,
		assemblyMeetings: city.assemblies.meetings.length,
		surveys: city.surveys.surveys.length,
		surveyResponses: city.surveys.responses.length,
		calls: city.cocreation.calls.length,
		ideas: city.cocreation.ideas.length
	};
	await record(tx, {
		actorId: null,
		action: 'demo.seeded',
		resourceType: 'platform',
		outcome: 'done',
		details: { seed: city.seed, ...counts }
	});
	return counts;
}

/**
 * Inserts many rows in one statement per chunk: the rows travel as a single
 * JSON parameter and PostgreSQL unpacks them (jsonb_to_recordset). On
 * PGlite that is about twice as fast as a multi-row VALUES list with a
 * parameter per cell. `columns` maps each column to its SQL type; `row`
 * gives the column values of one row (ISO strings for dates).
 */
async function insertJson<T>(
	tx: Tx,
	table: string,
	columns: Record<string, string>,
	rows: readonly T[],
	row: (r: T) => Record<string, unknown>,
	size = 2000
): Promise<void> {
	const names = Object.keys(columns);
	const list = names.map((c) => `"${c}"`).join(', ');
	const types = names.map((c) => `"${c}" ${columns[c]}`).join(', ');
	for (let i = 0; i < rows.length; i += size) {
		const json = JSON.stringify(rows.slice(i, i + size).map(row));
		await tx.execute(
			sql`insert into ${sql.identifier(table)} (${sql.raw(list)}) select ${sql.raw(list)} from jsonb_to_recordset(${json}::jsonb) as x(${sql.raw(types)})`
		);
	}
}

/** The service directory: locations, services and everything hanging off them. */
async function insertDirectory(tx: Tx, city: DemoCity): Promise<void> {
	const d = city.directory;
	await insertJson(
		tx,
		'locations',
		{
			id: 'uuid', organisation_id: 'uuid', location_type: 'text', name: 'jsonb', transportation: 'jsonb', address_1: 'text',
			city: 'text', postal_code: 'text', latitude: 'float8', longitude: 'float8', neighbourhood_id: 'uuid',
			wheelchair_accessible: 'boolean', accessibility: 'jsonb', created_at: 'timestamptz', updated_at: 'timestamptz'
		},
		d.locations,
		(l) => ({
			id: l.id, organisation_id: l.organisationId, location_type: 'physical', name: l.name, transportation: l.transportation,
			address_1: l.address1, city: l.city, postal_code: l.postalCode, latitude: l.latitude, longitude: l.longitude,
			neighbourhood_id: l.neighbourhoodId, wheelchair_accessible: l.wheelchairAccessible, accessibility: l.accessibility,
			created_at: l.createdAt, updated_at: l.createdAt
		})
	);
	await insertJson(
		tx,
		'services',
		{
			id: 'uuid', organisation_id: 'uuid', name: 'jsonb', description: 'jsonb', eligibility: 'jsonb', application_process: 'jsonb',
			fees_description: 'jsonb', url: 'text', email: 'text', status: 'text', needs: 'text[]', features: 'text[]', languages: 'text[]',
			minimum_age: 'smallint', maximum_age: 'smallint', last_verified_at: 'timestamptz', last_verified_by: 'uuid',
			reminder_6_sent_at: 'timestamptz', reminder_9_sent_at: 'timestamptz', created_at: 'timestamptz', updated_at: 'timestamptz'
		},
		d.services,
		(s) => ({
			id: s.id, organisation_id: s.organisationId, name: s.name, description: s.description, eligibility: s.eligibility,
			application_process: s.applicationProcess, fees_description: s.feesDescription, url: s.url, email: s.email, status: s.status,
			needs: s.needs, features: s.features, languages: s.languages, minimum_age: s.minimumAge, maximum_age: s.maximumAge,
			last_verified_at: s.lastVerifiedAt, last_verified_by: s.lastVerifiedBy, reminder_6_sent_at: s.reminder6SentAt,
			reminder_9_sent_at: s.reminder9SentAt, created_at: s.createdAt, updated_at: s.lastVerifiedAt
		}),
		500
	);
	await insertJson(tx, 'service_at_locations', { id: 'uuid', service_id: 'uuid', location_id: 'uuid' }, d.serviceAtLocations, (x) => ({
		id: x.id, service_id: x.serviceId, location_id: x.locationId
	}));
	await insertJson(
		tx,
		'schedules',
		{
			id: 'uuid', service_id: 'uuid', location_id: 'uuid', kind: 'text', weekday: 'smallint', opens_at: 'text', closes_at: 'text',
			valid_from: 'date', valid_to: 'date', closed: 'boolean', description: 'jsonb'
		},
		d.schedules,
		(x) => ({
			id: x.id, service_id: x.serviceId, location_id: x.locationId, kind: x.kind, weekday: x.weekday, opens_at: x.opensAt,
			closes_at: x.closesAt, valid_from: x.validFrom, valid_to: x.validTo, closed: x.closed, description: x.description
		})
	);
	await insertJson(
		tx,
		'phones',
		{ id: 'uuid', service_id: 'uuid', location_id: 'uuid', number: 'text', type: 'text', description: 'jsonb', languages: 'text[]' },
		d.phones,
		(p) => ({ id: p.id, service_id: p.serviceId, location_id: p.locationId, number: p.number, type: p.type, description: p.description, languages: p.languages })
	);
	await insertJson(
		tx,
		'contacts',
		{ id: 'uuid', service_id: 'uuid', name: 'text', title: 'text', email: 'text', phone: 'text' },
		d.contacts,
		(c) => ({ id: c.id, service_id: c.serviceId, name: c.name, title: c.title, email: c.email, phone: c.phone })
	);
	await insertJson(
		tx,
		'cost_options',
		{ id: 'uuid', service_id: 'uuid', option: 'jsonb', amount_cents: 'integer', currency: 'text', amount_description: 'jsonb' },
		d.costOptions,
		(c) => ({ id: c.id, service_id: c.serviceId, option: c.option, amount_cents: c.amountCents, currency: c.currency, amount_description: c.amountDescription })
	);
	await insertJson(tx, 'required_documents', { id: 'uuid', service_id: 'uuid', document: 'jsonb' }, d.requiredDocuments, (r) => ({
		id: r.id, service_id: r.serviceId, document: r.document
	}));
	await insertJson(
		tx,
		'service_areas',
		{ id: 'uuid', service_id: 'uuid', neighbourhood_id: 'uuid', name: 'text', description: 'jsonb' },
		d.serviceAreas,
		(a) => ({ id: a.id, service_id: a.serviceId, neighbourhood_id: a.neighbourhoodId, name: a.name, description: a.description })
	);
}

/**
 * Support folders, referrals and guardianship (support.ts), in the same
 * way: a few statements per table, the rows as one JSON parameter.
 */
async function insertSupport(tx: Tx, city: DemoCity): Promise<void> {
	const s = city.support;
	await withoutKeysAndIndexesWhileLoading(tx, SUPPORT_TABLES, () => insertSupportRows(tx, s));
}

/** The tables of the support folders, referrals and guardianship that the demo fills. */
const SUPPORT_TABLES = [
	'people', 'consents', 'case_team', 'case_workers', 'assessments', 'assessment_scores', 'plan_goals', 'plan_actions', 'notes', 'tasks',
	'referrals', 'referral_events', 'guardians', 'guardian_vetting', 'guardianships', 'guardian_visits', 'transition_plans'
];

/**
 * Loads `tables` without their foreign keys and secondary indexes and puts
 * the very same ones back afterwards, in the same transaction, as
 * PostgreSQL's manual advises for bulk loads ("Populating a Database"):
 * adding a key checks every row in one join instead of a lookup per row and
 * key, and building an index sorts once instead of inserting row by row
 * (about 100,000 rows here; it takes about 40 % off this part of the seed).
 * Both are read from the catalogue, so what a later migration adds is kept
 * too. Nothing is skipped: a row that breaks a key or a unique index fails
 * the whole seed, as it would row by row. Primary keys stay (other tables'
 * keys point at them).
 */
async function withoutKeysAndIndexesWhileLoading(tx: Tx, tables: readonly string[], load: () => Promise<void>): Promise<void> {
	const rows = async <T>(q: ReturnType<typeof sql>) => ((await tx.execute(q)) as unknown as { rows: T[] }).rows;
	const list = `{${tables.join(',')}}`;
	const keys = await rows<{ tbl: string; name: string; def: string }>(sql`
		select c.conrelid::regclass::text as tbl, c.conname as name, pg_get_constraintdef(c.oid) as def
		from pg_constraint c
		where c.contype = 'f' and c.conrelid = any(${list}::regclass[])
		order by 1, 2`);
	const indexes = await rows<{ name: string; def: string }>(sql`
		select i.indexrelid::regclass::text as name, pg_get_indexdef(i.indexrelid) as def
		from pg_index i
		where i.indrelid = any(${list}::regclass[]) and not i.indisprimary
		and not exists (select 1 from pg_constraint c where c.conindid = i.indexrelid)
		order by 1`);
	const byTable = new Map<string, { name: string; def: string }[]>();
	for (const k of keys) byTable.set(k.tbl, [...(byTable.get(k.tbl) ?? []), k]);
	const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;
	for (const [tbl, ks] of byTable) await tx.execute(sql.raw(`alter table ${tbl} ${ks.map((k) => `drop constraint ${quote(k.name)}`).join(', ')}`));
	if (indexes.length) await tx.execute(sql.raw(`drop index ${indexes.map((i) => i.name).join(', ')}`));
	await load();
	for (const i of indexes) await tx.execute(sql.raw(i.def));
	for (const [tbl, ks] of byTable) await tx.execute(sql.raw(`alter table ${tbl} ${ks.map((k) => `add constraint ${quote(k.name)} ${k.def}`).join(', ')}`));
}

async function insertSupportRows(tx: Tx, s: DemoCity['support']): Promise<void> {
	await insertJson(
		tx,
		'people',
		{
			id: 'uuid', preferred_name: 'text', birth_year: 'smallint', birth_date: 'date', languages: 'text[]', contact: 'text', neighbourhood_id: 'uuid',
			unaccompanied: 'boolean', created_by_organisation_id: 'uuid', created_by: 'uuid', created_at: 'timestamptz'
		},
		s.people,
		(p) => ({
			id: p.id, preferred_name: p.preferredName, birth_year: p.birthYear, birth_date: p.birthDate, languages: p.languages, contact: p.contact,
			neighbourhood_id: p.neighbourhoodId, unaccompanied: p.unaccompanied, created_by_organisation_id: p.createdByOrganisationId,
			created_by: p.createdBy, created_at: p.createdAt
		})
	);
	await insertJson(
		tx,
		'consents',
		{
			id: 'uuid', person_id: 'uuid', purpose: 'text', organisation_id: 'uuid', method: 'text', recorded_by: 'uuid', recorded_by_organisation_id: 'uuid',
			recorded_at: 'timestamptz', withdrawn_by: 'uuid', withdrawn_at: 'timestamptz', withdrawal_reason: 'text'
		},
		s.consents,
		(c) => ({
			id: c.id, person_id: c.personId, purpose: c.purpose, organisation_id: c.organisationId, method: c.method, recorded_by: c.recordedBy,
			recorded_by_organisation_id: c.recordedByOrganisationId, recorded_at: c.recordedAt, withdrawn_by: c.withdrawnBy, withdrawn_at: c.withdrawnAt,
			withdrawal_reason: c.withdrawalReason
		})
	);
	await insertJson(
		tx,
		'case_team',
		{ person_id: 'uuid', organisation_id: 'uuid', added_by: 'uuid', added_at: 'timestamptz' },
		s.caseTeam,
		(t) => ({ person_id: t.personId, organisation_id: t.organisationId, added_by: t.addedBy, added_at: t.addedAt })
	);
	await insertJson(
		tx,
		'case_workers',
		{ person_id: 'uuid', user_id: 'uuid', organisation_id: 'uuid', lead: 'boolean', added_by: 'uuid', added_at: 'timestamptz' },
		s.caseWorkers,
		(w) => ({ person_id: w.personId, user_id: w.userId, organisation_id: w.organisationId, lead: w.lead, added_by: w.addedBy, added_at: w.addedAt })
	);
	await insertJson(
		tx,
		'assessments',
		{ id: 'uuid', person_id: 'uuid', taken_at: 'timestamptz', taken_by: 'uuid', organisation_id: 'uuid', comment: 'text' },
		s.assessments,
		(a) => ({ id: a.id, person_id: a.personId, taken_at: a.takenAt, taken_by: a.takenBy, organisation_id: a.organisationId, comment: a.comment })
	);
	// Eleven scores per assessment travel as one array each and are unpacked in the database.
	const domains = `array[${lifeDomains.map((d) => `'${d}'`).join(',')}]::text[]`;
	for (let i = 0; i < s.assessments.length; i += 2000) {
		const json = JSON.stringify(s.assessments.slice(i, i + 2000).map((a) => ({ id: a.id, scores: a.scores })));
		await tx.execute(
			sql`insert into assessment_scores (assessment_id, domain, score)
				select x.id, d.domain, x.scores[d.i] from jsonb_to_recordset(${json}::jsonb) as x(id uuid, scores smallint[])
				cross join unnest(${sql.raw(domains)}) with ordinality as d(domain, i)`
		);
	}
	await insertJson(
		tx,
		'plan_goals',
		{
			id: 'uuid', person_id: 'uuid', domain: 'text', text: 'text', own_words: 'text', status: 'text', created_by: 'uuid', organisation_id: 'uuid',
			created_at: 'timestamptz', updated_at: 'timestamptz', version: 'integer'
		},
		s.goals,
		(g) => ({
			id: g.id, person_id: g.personId, domain: g.domain, text: g.text, own_words: g.ownWords, status: g.status, created_by: g.createdBy,
			organisation_id: g.organisationId, created_at: g.createdAt, updated_at: g.updatedAt, version: g.version
		})
	);
	await insertJson(
		tx,
		'plan_actions',
		{
			id: 'uuid', goal_id: 'uuid', person_id: 'uuid', text: 'text', owner_user_id: 'uuid', due_on: 'date', service_id: 'uuid', done_at: 'timestamptz',
			created_by: 'uuid', created_at: 'timestamptz'
		},
		s.actions,
		(a) => ({
			id: a.id, goal_id: a.goalId, person_id: a.personId, text: a.text, owner_user_id: a.ownerUserId, due_on: a.dueOn, service_id: a.serviceId,
			done_at: a.doneAt, created_by: a.createdBy, created_at: a.createdAt
		})
	);
	await insertJson(
		tx,
		'notes',
		{ id: 'uuid', person_id: 'uuid', kind: 'text', author_id: 'uuid', organisation_id: 'uuid', body: 'text', sensitivity: 'text', created_at: 'timestamptz' },
		s.notes,
		(n) => ({
			id: n.id, person_id: n.personId, kind: n.kind, author_id: n.authorId, organisation_id: n.organisationId, body: n.body, sensitivity: n.sensitivity,
			created_at: n.createdAt
		})
	);
	await insertJson(
		tx,
		'tasks',
		{
			id: 'uuid', person_id: 'uuid', title: 'text', due_at: 'timestamptz', assignee_id: 'uuid', created_by: 'uuid', organisation_id: 'uuid',
			created_at: 'timestamptz', done_at: 'timestamptz', done_by: 'uuid', reminder_sent_at: 'timestamptz'
		},
		s.tasks,
		(t) => ({
			id: t.id, person_id: t.personId, title: t.title, due_at: t.dueAt, assignee_id: t.assigneeId, created_by: t.createdBy,
			organisation_id: t.organisationId, created_at: t.createdAt, done_at: t.doneAt, done_by: t.doneBy, reminder_sent_at: t.reminderSentAt
		})
	);
	await insertJson(
		tx,
		'referrals',
		{
			id: 'uuid', person_id: 'uuid', from_organisation_id: 'uuid', from_user_id: 'uuid', service_id: 'uuid', service_name: 'text',
			to_organisation_id: 'uuid', consent_id: 'uuid', shared_fields: 'text[]', message: 'text', state: 'text', respond_by: 'timestamptz',
			reminded_at: 'timestamptz', escalated_at: 'timestamptz', created_at: 'timestamptz', responded_at: 'timestamptz', updated_at: 'timestamptz',
			version: 'integer'
		},
		s.referrals,
		(r) => ({
			id: r.id, person_id: r.personId, from_organisation_id: r.fromOrganisationId, from_user_id: r.fromUserId, service_id: r.serviceId,
			service_name: r.serviceName, to_organisation_id: r.toOrganisationId, consent_id: r.consentId, shared_fields: r.sharedFields, message: r.message,
			state: r.state, respond_by: r.respondBy, reminded_at: r.remindedAt, escalated_at: r.escalatedAt, created_at: r.createdAt,
			responded_at: r.respondedAt, updated_at: r.updatedAt, version: r.version
		})
	);
	await insertJson(
		tx,
		'referral_events',
		{ id: 'uuid', referral_id: 'uuid', from_state: 'text', to_state: 'text', actor_id: 'uuid', organisation_id: 'uuid', reason: 'text', at: 'timestamptz' },
		s.referralEvents,
		(e) => ({
			id: e.id, referral_id: e.referralId, from_state: e.fromState, to_state: e.toState, actor_id: e.actorId, organisation_id: e.organisationId,
			reason: e.reason, at: e.at
		})
	);
	await insertJson(
		tx,
		'guardians',
		{ id: 'uuid', user_id: 'uuid', status: 'text', languages: 'text[]', neighbourhood_id: 'uuid', registered_at: 'timestamptz', status_changed_at: 'timestamptz' },
		s.guardians,
		(g) => ({
			id: g.id, user_id: g.userId, status: g.status, languages: g.languages, neighbourhood_id: g.neighbourhoodId, registered_at: g.registeredAt,
			status_changed_at: g.statusChangedAt
		})
	);
	await insertJson(
		tx,
		'guardian_vetting',
		{ guardian_id: 'uuid', step: 'text', verified_by: 'uuid', verified_at: 'timestamptz', expires_on: 'date', reference: 'text' },
		s.vetting,
		(v) => ({ guardian_id: v.guardianId, step: v.step, verified_by: v.verifiedBy, verified_at: v.verifiedAt, expires_on: v.expiresOn, reference: v.reference })
	);
	await insertJson(
		tx,
		'guardianships',
		{
			id: 'uuid', guardian_id: 'uuid', child_id: 'uuid', slot: 'smallint', started_at: 'timestamptz', ended_at: 'timestamptz', ended_reason: 'text',
			assigned_by: 'uuid'
		},
		s.guardianships,
		(g) => ({
			id: g.id, guardian_id: g.guardianId, child_id: g.childId, slot: g.slot, started_at: g.startedAt, ended_at: g.endedAt, ended_reason: g.endedReason,
			assigned_by: g.assignedBy
		})
	);
	await insertJson(
		tx,
		'guardian_visits',
		{ id: 'uuid', guardianship_id: 'uuid', kind: 'text', visited_on: 'date', summary: 'text', concern: 'boolean', recorded_by: 'uuid', recorded_at: 'timestamptz' },
		s.visits,
		(v) => ({
			id: v.id, guardianship_id: v.guardianshipId, kind: v.kind, visited_on: v.visitedOn, summary: v.summary, concern: v.concern,
			recorded_by: v.recordedBy, recorded_at: v.recordedAt
		})
	);
	await insertJson(
		tx,
		'transition_plans',
		{ child_id: 'uuid', summary: 'text', agreed_on: 'date', recorded_by: 'uuid', recorded_at: 'timestamptz' },
		s.transitionPlans,
		(t) => ({ child_id: t.childId, summary: t.summary, agreed_on: t.agreedOn, recorded_by: t.recordedBy, recorded_at: t.recordedAt })
	);
}

/** Volunteering: opportunities, shifts, profiles, applications, screening, sign-ups, hours (engagement.ts). */
async function insertEngagement(tx: Tx, city: DemoCity): Promise<void> {
	const e = city.engagement;
	await insertJson(
		tx,
		'volunteer_opportunities',
		{
			id: 'uuid', organisation_id: 'uuid', title: 'text', description: 'text', language: 'text', translations: 'jsonb', kind: 'text', mode: 'text',
			neighbourhood_id: 'uuid', address: 'text', skills: 'text[]', languages: 'text[]', availability: 'integer', involves_vulnerable: 'boolean',
			status: 'text', created_by: 'uuid', created_at: 'timestamptz', updated_at: 'timestamptz'
		},
		e.opportunities,
		(o) => ({
			id: o.id, organisation_id: o.organisationId, title: o.title, description: o.description, language: o.language, translations: o.translations, kind: o.kind,
			mode: o.mode, neighbourhood_id: o.neighbourhoodId, address: o.address, skills: o.skills, languages: o.languages, availability: o.availability,
			involves_vulnerable: o.involvesVulnerable, status: o.status, created_by: o.createdBy, created_at: o.createdAt, updated_at: o.createdAt
		})
	);
	await insertJson(
		tx,
		'volunteer_shifts',
		{ id: 'uuid', opportunity_id: 'uuid', starts_at: 'timestamptz', ends_at: 'timestamptz', capacity: 'smallint', series_id: 'uuid' },
		e.shifts,
		(s) => ({ id: s.id, opportunity_id: s.opportunityId, starts_at: s.startsAt, ends_at: s.endsAt, capacity: s.capacity, series_id: s.seriesId })
	);
	await insertJson(
		tx,
		'volunteer_profiles',
		{
			user_id: 'uuid', skills: 'text[]', interests: 'text[]', other_skills: 'text', languages: 'text[]', availability: 'integer', neighbourhood_id: 'uuid',
			travel_km: 'smallint', remote: 'boolean', reminders: 'boolean', miss_you: 'boolean', last_active_at: 'timestamptz', created_at: 'timestamptz', updated_at: 'timestamptz'
		},
		e.profiles,
		(p) => ({
			user_id: p.userId, skills: p.skills, interests: p.interests, other_skills: p.otherSkills, languages: p.languages, availability: p.availability,
			neighbourhood_id: p.neighbourhoodId, travel_km: p.travelKm, remote: p.remote, reminders: p.reminders, miss_you: p.missYou, last_active_at: p.lastActiveAt,
			created_at: p.createdAt, updated_at: p.createdAt
		})
	);
	await insertJson(
		tx,
		'volunteer_applications',
		{ id: 'uuid', opportunity_id: 'uuid', user_id: 'uuid', status: 'text', message: 'text', reason: 'text', decided_by: 'uuid', decided_at: 'timestamptz', created_at: 'timestamptz' },
		e.applications,
		(a) => ({ id: a.id, opportunity_id: a.opportunityId, user_id: a.userId, status: a.status, message: a.message, reason: a.reason, decided_by: a.decidedBy, decided_at: a.decidedAt, created_at: a.createdAt })
	);
	await insertJson(tx, 'organisation_screening_steps', { organisation_id: 'uuid', step: 'text' }, e.screeningSteps, (s) => ({ organisation_id: s.organisationId, step: s.step }));
	await insertJson(
		tx,
		'volunteer_screening',
		{ organisation_id: 'uuid', user_id: 'uuid', step: 'text', verified_by: 'uuid', verified_at: 'timestamptz', expires_on: 'date', reference: 'text' },
		e.screening,
		(s) => ({ organisation_id: s.organisationId, user_id: s.userId, step: s.step, verified_by: s.verifiedBy, verified_at: s.verifiedAt, expires_on: s.expiresOn, reference: s.reference })
	);
	await insertJson(
		tx,
		'shift_signups',
		{ id: 'uuid', shift_id: 'uuid', user_id: 'uuid', status: 'text', created_at: 'timestamptz' },
		e.signups,
		(s) => ({ id: s.id, shift_id: s.shiftId, user_id: s.userId, status: s.status, created_at: s.createdAt })
	);
	await insertJson(
		tx,
		'volunteer_hours',
		{
			id: 'uuid', user_id: 'uuid', opportunity_id: 'uuid', shift_id: 'uuid', worked_on: 'date', minutes: 'integer', tasks: 'text', skills: 'text[]', status: 'text',
			reviewed_by: 'uuid', reviewed_at: 'timestamptz', created_at: 'timestamptz'
		},
		e.hours,
		(h) => ({
			id: h.id, user_id: h.userId, opportunity_id: h.opportunityId, shift_id: h.shiftId, worked_on: h.workedOn, minutes: h.minutes, tasks: h.tasks, skills: h.skills,
			status: h.status, reviewed_by: h.reviewedBy, reviewed_at: h.reviewedAt, created_at: h.createdAt
		})
	);
}

/** Buddy and mentoring programmes: their matching settings, applications, pairs, check-ins and feedback (buddies.ts). */
async function insertBuddies(tx: Tx, city: DemoCity): Promise<void> {
	const b = city.buddies;
	await insertJson(
		tx,
		'matching_programmes',
		{ id: 'uuid', kind: 'text', name: 'text', organisation_id: 'uuid', settings: 'jsonb', updated_at: 'timestamptz' },
		b.matchingProgrammes,
		(p) => ({ id: p.id, kind: 'buddy', name: p.name, organisation_id: p.organisationId, settings: BUDDY_SETTINGS, updated_at: city.baseDate })
	);
	await insertJson(
		tx,
		'buddy_programmes',
		{
			id: 'uuid', organisation_id: 'uuid', kind: 'text', name: 'text', description: 'text', language: 'text', translations: 'jsonb', criteria: 'text',
			duration_weeks: 'smallint', check_in_days: 'smallint', status: 'text', matching_programme_id: 'uuid', created_by: 'uuid', created_at: 'timestamptz', updated_at: 'timestamptz'
		},
		b.programmes,
		(p) => ({
			id: p.id, organisation_id: p.organisationId, kind: p.kind, name: p.name, description: p.description, language: p.language, translations: p.translations, criteria: p.criteria,
			duration_weeks: p.durationWeeks, check_in_days: p.checkInDays, status: 'open', matching_programme_id: p.matchingProgrammeId, created_by: p.createdBy, created_at: p.createdAt, updated_at: p.createdAt
		})
	);
	await insertJson(
		tx,
		'buddy_applications',
		{
			id: 'uuid', programme_id: 'uuid', user_id: 'uuid', side: 'text', languages: 'text[]', interests: 'text[]', age_band: 'text', gender: 'text', preferred_gender: 'text',
			neighbourhood_id: 'uuid', availability: 'integer', capacity: 'smallint', note: 'text', status: 'text', created_at: 'timestamptz', updated_at: 'timestamptz'
		},
		b.applications,
		(a) => ({
			id: a.id, programme_id: a.programmeId, user_id: a.userId, side: a.side, languages: a.languages, interests: a.interests, age_band: a.ageBand, gender: a.gender, preferred_gender: a.preferredGender,
			neighbourhood_id: a.neighbourhoodId, availability: a.availability, capacity: a.capacity, note: a.note, status: 'active', created_at: a.createdAt, updated_at: a.createdAt
		})
	);
	await insertJson(
		tx,
		'buddy_pairs',
		{
			id: 'uuid', programme_id: 'uuid', newcomer_application_id: 'uuid', resident_application_id: 'uuid', status: 'text', score: 'real', criteria: 'jsonb', confirmed_by: 'uuid',
			started_on: 'date', ends_on: 'date', ended_at: 'timestamptz', end_reason: 'text', ended_by: 'uuid', created_at: 'timestamptz'
		},
		b.pairs,
		(p) => ({
			id: p.id, programme_id: p.programmeId, newcomer_application_id: p.newcomerApplicationId, resident_application_id: p.residentApplicationId, status: p.status, score: p.score, criteria: p.criteria,
			confirmed_by: p.confirmedBy, started_on: p.startedOn, ends_on: p.endsOn, ended_at: p.endedAt, end_reason: p.endReason, ended_by: p.endedBy, created_at: p.createdAt
		})
	);
	await insertJson(
		tx,
		'buddy_check_ins',
		{ id: 'uuid', pair_id: 'uuid', due_on: 'date', newcomer_wellbeing: 'smallint', newcomer_answered_at: 'timestamptz', resident_wellbeing: 'smallint', resident_answered_at: 'timestamptz' },
		b.checkIns,
		(c) => ({ id: c.id, pair_id: c.pairId, due_on: c.dueOn, newcomer_wellbeing: c.newcomerWellbeing, newcomer_answered_at: c.newcomerAnsweredAt, resident_wellbeing: c.residentWellbeing, resident_answered_at: c.residentAnsweredAt })
	);
	await insertJson(
		tx,
		'buddy_feedback',
		{ id: 'uuid', pair_id: 'uuid', side: 'text', rating: 'smallint', comment: 'text', created_at: 'timestamptz' },
		b.feedback,
		(f) => ({ id: f.id, pair_id: f.pairId, side: f.side, rating: f.rating, comment: f.comment, created_at: f.createdAt })
	);
}

/** Neighbourhood activities: houses, activities, RSVPs (activities.ts). */
async function insertActivities(tx: Tx, city: DemoCity): Promise<void> {
	const a = city.activities;
	await insertJson(
		tx,
		'neighbourhood_houses',
		{ id: 'uuid', neighbourhood_id: 'uuid', organisation_id: 'uuid', name: 'text', address: 'text' },
		a.houses,
		(h) => ({ id: h.id, neighbourhood_id: h.neighbourhoodId, organisation_id: h.organisationId, name: h.name, address: h.address })
	);
	await insertJson(
		tx,
		'activities',
		{
			id: 'uuid', organisation_id: 'uuid', proposed_by: 'uuid', neighbourhood_id: 'uuid', kind: 'text', audience: 'text', title: 'text', description: 'text', language: 'text',
			translations: 'jsonb', starts_at: 'timestamptz', ends_at: 'timestamptz', place_name: 'text', address: 'text', online_url: 'text', capacity: 'smallint', languages: 'text[]',
			child_friendly: 'boolean', accessibility: 'text[]', status: 'text', review_reason: 'text', created_by: 'uuid', created_at: 'timestamptz', updated_at: 'timestamptz'
		},
		a.activities,
		(x) => ({
			id: x.id, organisation_id: x.organisationId, proposed_by: x.proposedBy, neighbourhood_id: x.neighbourhoodId, kind: x.kind, audience: x.audience, title: x.title,
			description: x.description, language: x.language, translations: x.translations, starts_at: x.startsAt, ends_at: x.endsAt, place_name: x.placeName, address: x.address,
			online_url: x.onlineUrl, capacity: x.capacity, languages: x.languages, child_friendly: x.childFriendly, accessibility: x.accessibility, status: x.status,
			review_reason: x.reviewReason, created_by: x.proposedBy, created_at: x.createdAt, updated_at: x.createdAt
		})
	);
	await insertJson(
		tx,
		'activity_rsvps',
		{ id: 'uuid', activity_id: 'uuid', user_id: 'uuid', status: 'text', created_at: 'timestamptz' },
		a.rsvps,
		(r) => ({ id: r.id, activity_id: r.activityId, user_id: r.userId, status: r.status, created_at: r.createdAt })
	);
}

/** Validation panels: the pool, panels, members, drafts, questions, answers, vouchers (panels.ts). */
async function insertPanels(tx: Tx, city: DemoCity): Promise<void> {
	const p = city.panels;
	await insertJson(tx, 'panel_pool', { user_id: 'uuid', languages: 'text[]', age_band: 'text', gender: 'text', services: 'text[]', consented_at: 'timestamptz', updated_at: 'timestamptz' }, p.pool, (x) => ({
		user_id: x.userId, languages: x.languages, age_band: x.ageBand, gender: x.gender, services: x.services, consented_at: x.consentedAt, updated_at: x.consentedAt
	}));
	await insertJson(tx, 'panels', { id: 'uuid', name: 'text', purpose: 'text', languages: 'text[]', targets: 'jsonb', created_by: 'uuid', created_at: 'timestamptz' }, p.panels, (x) => ({
		id: x.id, name: x.name, purpose: x.purpose, languages: x.languages, targets: x.targets, created_by: x.createdBy, created_at: x.createdAt
	}));
	await insertJson(tx, 'panel_members', { id: 'uuid', panel_id: 'uuid', user_id: 'uuid', status: 'text', invited_at: 'timestamptz', responded_at: 'timestamptz', invited_by: 'uuid' }, p.members, (x) => ({
		id: x.id, panel_id: x.panelId, user_id: x.userId, status: x.status, invited_at: x.invitedAt, responded_at: x.respondedAt, invited_by: p.panels[0].createdBy
	}));
	await insertJson(
		tx,
		'panel_drafts',
		{ id: 'uuid', panel_id: 'uuid', title: 'text', body: 'text', language: 'text', status: 'text', shared_at: 'timestamptz', summary: 'text', summary_published_at: 'timestamptz', created_by: 'uuid', created_at: 'timestamptz', closed_at: 'timestamptz' },
		p.drafts,
		(x) => ({
			id: x.id, panel_id: x.panelId, title: x.title, body: x.body, language: x.language, status: x.status, shared_at: x.sharedAt, summary: x.summary, summary_published_at: x.summaryPublishedAt,
			created_by: p.panels[0].createdBy, created_at: x.createdAt, closed_at: x.closedAt
		})
	);
	await insertJson(tx, 'panel_questions', { id: 'uuid', draft_id: 'uuid', position: 'smallint', kind: 'text', text: 'jsonb', choices: 'jsonb' }, p.questions, (x) => ({
		id: x.id, draft_id: x.draftId, position: x.position, kind: x.kind, text: x.text, choices: x.choices
	}));
	await insertJson(tx, 'panel_answers', { id: 'uuid', question_id: 'uuid', member_id: 'uuid', language: 'text', text: 'text', choice: 'text', created_at: 'timestamptz', updated_at: 'timestamptz' }, p.answers, (x) => ({
		id: x.id, question_id: x.questionId, member_id: x.memberId, language: x.language, text: x.text, choice: x.choice, created_at: x.at, updated_at: x.at
	}));
	await insertJson(tx, 'panel_compensations', { id: 'uuid', panel_id: 'uuid', member_id: 'uuid', amount_cents: 'integer', currency: 'text', given_on: 'date', note: 'text', recorded_by: 'uuid' }, p.compensations, (x) => ({
		id: x.id, panel_id: x.panelId, member_id: x.memberId, amount_cents: x.amountCents, currency: x.currency, given_on: x.givenOn, note: x.note, recorded_by: p.panels[0].createdBy
	}));
}

/** Assemblies: members, meetings, answers, attendance, decisions (assemblies.ts). */
async function insertAssemblies(tx: Tx, city: DemoCity): Promise<void> {
	const a = city.assemblies;
	await insertJson(
		tx,
		'assemblies',
		{
			id: 'uuid', kind: 'text', neighbourhood_id: 'uuid', theme: 'text', name: 'text', description: 'text', translations: 'jsonb', languages: 'text[]', join_rule: 'text',
			chair_id: 'uuid', secretary_id: 'uuid', created_at: 'timestamptz', updated_at: 'timestamptz'
		},
		a.assemblies,
		(x) => ({
			id: x.id, kind: x.kind, neighbourhood_id: x.neighbourhoodId, theme: x.theme, name: x.name, description: x.description, translations: x.translations, languages: x.languages,
			join_rule: x.joinRule, chair_id: x.chairId, secretary_id: x.secretaryId, created_at: x.createdAt, updated_at: x.createdAt
		})
	);
	await insertJson(
		tx,
		'assembly_members',
		{ id: 'uuid', assembly_id: 'uuid', user_id: 'uuid', status: 'text', requested_at: 'timestamptz', joined_at: 'timestamptz' },
		a.members,
		(m) => ({ id: m.id, assembly_id: m.assemblyId, user_id: m.userId, status: m.status, requested_at: m.requestedAt, joined_at: m.joinedAt })
	);
	await insertJson(
		tx,
		'assembly_meetings',
		{
			id: 'uuid', assembly_id: 'uuid', starts_at: 'timestamptz', ends_at: 'timestamptz', place_name: 'text', address: 'text', online_url: 'text', agenda: 'jsonb', status: 'text',
			cancel_reason: 'text', minutes: 'text', minutes_at: 'timestamptz', guests: 'smallint', attendance_at: 'timestamptz', created_at: 'timestamptz', updated_at: 'timestamptz'
		},
		a.meetings,
		(m) => ({
			id: m.id, assembly_id: m.assemblyId, starts_at: m.startsAt, ends_at: m.endsAt, place_name: m.placeName, address: m.address, online_url: m.onlineUrl, agenda: m.agenda, status: m.status,
			cancel_reason: m.cancelReason, minutes: m.minutes, minutes_at: m.minutesAt, guests: m.guests, attendance_at: m.attendanceAt, created_at: m.createdAt, updated_at: m.minutesAt ?? m.createdAt
		})
	);
	await insertJson(
		tx,
		'assembly_replies',
		{ meeting_id: 'uuid', user_id: 'uuid', coming: 'text', interpreter: 'text' },
		a.replies,
		(r) => ({ meeting_id: r.meetingId, user_id: r.userId, coming: r.coming, interpreter: r.interpreter })
	);
	await insertJson(
		tx,
		'assembly_attendance',
		{ meeting_id: 'uuid', user_id: 'uuid', presence: 'text' },
		a.attendance,
		(r) => ({ meeting_id: r.meetingId, user_id: r.userId, presence: r.presence })
	);
	await insertJson(
		tx,
		'assembly_decisions',
		{
			id: 'uuid', assembly_id: 'uuid', meeting_id: 'uuid', text: 'text', owner_user_id: 'uuid', owner_organisation: 'text', due_on: 'date', status: 'text', done_on: 'date',
			created_at: 'timestamptz', updated_at: 'timestamptz'
		},
		a.decisions,
		(d) => ({
			id: d.id, assembly_id: d.assemblyId, meeting_id: d.meetingId, text: d.text, owner_user_id: d.ownerUserId, owner_organisation: d.ownerOrganisation, due_on: d.dueOn, status: d.status,
			done_on: d.doneOn, created_at: d.createdAt, updated_at: d.createdAt
		})
	);
}

/** Surveys: one open, one closed, their questions, choices and anonymous responses (surveys.ts). */
async function insertSurveys(tx: Tx, city: DemoCity): Promise<void> {
	const s = city.surveys;
	await insertJson(
		tx,
		'surveys',
		{ id: 'uuid', title: 'jsonb', intro: 'jsonb', status: 'text', anonymous: 'boolean', opens_at: 'timestamptz', closes_at: 'timestamptz', published_at: 'timestamptz', created_at: 'timestamptz', updated_at: 'timestamptz' },
		s.surveys,
		(x) => ({ id: x.id, title: x.title, intro: x.intro, status: x.status, anonymous: true, opens_at: x.opensAt, closes_at: x.closesAt, published_at: x.publishedAt, created_at: x.publishedAt, updated_at: x.publishedAt })
	);
	await insertJson(tx, 'survey_questions', { id: 'uuid', survey_id: 'uuid', position: 'integer', kind: 'text', prompt: 'jsonb' }, s.questions, (q) => ({ id: q.id, survey_id: q.surveyId, position: q.position, kind: q.kind, prompt: q.prompt }));
	await insertJson(tx, 'survey_choices', { id: 'uuid', question_id: 'uuid', position: 'integer', label: 'jsonb', icon: 'text' }, s.choices, (c) => ({ id: c.id, question_id: c.questionId, position: c.position, label: c.label, icon: c.icon }));
	await insertJson(tx, 'survey_responses', { id: 'uuid', survey_id: 'uuid', locale: 'text', submitted_on: 'date' }, s.responses, (r) => ({ id: r.id, survey_id: r.surveyId, locale: r.locale, submitted_on: r.submittedOn }));
	await insertJson(
		tx,
		'survey_answers',
		{ id: 'uuid', response_id: 'uuid', question_id: 'uuid', choice_id: 'uuid', scale: 'smallint', text: 'text' },
		s.answers,
		(a) => ({ id: a.id, response_id: a.responseId, question_id: a.questionId, choice_id: a.choiceId, scale: a.scale, text: a.text })
	);
}

/** Co-creation: calls, criteria, jury, ideas, supports, comments, scores, pilots, moderation (cocreation.ts). */
async function insertCocreation(tx: Tx, city: DemoCity): Promise<void> {
	const c = city.cocreation;
	await insertJson(
		tx,
		'calls',
		{
			id: 'uuid', title: 'text', question: 'text', rules: 'text', language: 'text', translations: 'jsonb', audience: 'text', opens_at: 'timestamptz', review_at: 'timestamptz',
			selection_at: 'timestamptz', results_at: 'timestamptz', follow_up_at: 'timestamptz', published_at: 'timestamptz', results_published_at: 'timestamptz', created_by: 'uuid', created_at: 'timestamptz'
		},
		c.calls,
		(x) => ({
			id: x.id, title: x.title, question: x.question, rules: x.rules, language: x.language, translations: x.translations, audience: x.audience, opens_at: x.opensAt, review_at: x.reviewAt,
			selection_at: x.selectionAt, results_at: x.resultsAt, follow_up_at: x.followUpAt, published_at: x.publishedAt, results_published_at: x.resultsPublishedAt, created_by: x.createdBy, created_at: x.publishedAt
		})
	);
	await insertJson(tx, 'call_criteria', { id: 'uuid', call_id: 'uuid', name: 'text', description: 'text', weight: 'smallint', position: 'smallint' }, c.criteria, (x) => ({ id: x.id, call_id: x.callId, name: x.name, description: x.description, weight: x.weight, position: x.position }));
	await insertJson(tx, 'call_jurors', { call_id: 'uuid', user_id: 'uuid' }, c.jurors, (x) => ({ call_id: x.callId, user_id: x.userId }));
	await insertJson(
		tx,
		'ideas',
		{
			id: 'uuid', call_id: 'uuid', title: 'text', description: 'text', language: 'text', neighbourhood_id: 'uuid', author_id: 'uuid', organisation_id: 'uuid', anonymous: 'boolean', status: 'text',
			result_reason: 'text', support_count: 'int', comment_count: 'int', flagged_terms: 'text[]', hidden_at: 'timestamptz', hidden_reason: 'text', created_at: 'timestamptz', updated_at: 'timestamptz'
		},
		c.ideas,
		(x) => ({
			id: x.id, call_id: x.callId, title: x.title, description: x.description, language: x.language, neighbourhood_id: x.neighbourhoodId, author_id: x.authorId, organisation_id: x.organisationId,
			anonymous: x.anonymous, status: x.status, result_reason: x.resultReason, support_count: x.supportCount, comment_count: x.commentCount, flagged_terms: x.flaggedTerms, hidden_at: x.hiddenAt,
			hidden_reason: x.hiddenReason, created_at: x.createdAt, updated_at: x.createdAt
		})
	);
	await insertJson(tx, 'idea_supports', { idea_id: 'uuid', user_id: 'uuid', created_at: 'timestamptz' }, c.supports, (x) => ({ idea_id: x.ideaId, user_id: x.userId, created_at: x.createdAt }));
	// Threads first, then replies (a reply names its thread).
	await insertJson(
		tx,
		'idea_comments',
		{ id: 'uuid', idea_id: 'uuid', parent_id: 'uuid', author_id: 'uuid', body: 'text', language: 'text', official: 'boolean', hidden_at: 'timestamptz', hidden_reason: 'text', created_at: 'timestamptz' },
		c.comments,
		(x) => ({ id: x.id, idea_id: x.ideaId, parent_id: x.parentId, author_id: x.authorId, body: x.body, language: x.language, official: x.official, hidden_at: x.hiddenAt, hidden_reason: x.hiddenReason, created_at: x.createdAt })
	);
	await insertJson(tx, 'idea_scores', { idea_id: 'uuid', criterion_id: 'uuid', juror_id: 'uuid', score: 'smallint', note: 'text' }, c.scores, (x) => ({ idea_id: x.ideaId, criterion_id: x.criterionId, juror_id: x.jurorId, score: x.score, note: x.note }));
	await insertJson(tx, 'jury_conflicts', { idea_id: 'uuid', juror_id: 'uuid', reason: 'text' }, c.conflicts, (x) => ({ idea_id: x.ideaId, juror_id: x.jurorId, reason: x.reason }));
	await insertJson(
		tx,
		'pilots',
		{ id: 'uuid', idea_id: 'uuid', title: 'text', summary: 'text', organisation_id: 'uuid', status: 'text', created_at: 'timestamptz', updated_at: 'timestamptz' },
		c.pilots,
		(x) => ({ id: x.id, idea_id: x.ideaId, title: x.title, summary: x.summary, organisation_id: x.organisationId, status: x.status, created_at: x.createdAt, updated_at: x.createdAt })
	);
	await insertJson(tx, 'pilot_updates', { id: 'uuid', pilot_id: 'uuid', status: 'text', body: 'text', author_id: 'uuid', created_at: 'timestamptz' }, c.pilotUpdates, (x) => ({ id: x.id, pilot_id: x.pilotId, status: x.status, body: x.body, author_id: x.authorId, created_at: x.createdAt }));
	await insertJson(
		tx,
		'moderation_reports',
		{ id: 'uuid', subject_type: 'text', subject_id: 'uuid', reporter_id: 'uuid', reason: 'text', note: 'text', created_at: 'timestamptz', resolved_at: 'timestamptz' },
		c.reports,
		(x) => ({ id: x.id, subject_type: x.subjectType, subject_id: x.subjectId, reporter_id: x.reporterId, reason: x.reason, note: x.note, created_at: x.createdAt, resolved_at: x.resolvedAt })
	);
	await insertJson(
		tx,
		'moderation_decisions',
		{ id: 'uuid', subject_type: 'text', subject_id: 'uuid', action: 'text', reason: 'text', moderator_id: 'uuid', created_at: 'timestamptz' },
		c.decisions,
		(x) => ({ id: x.id, subject_type: x.subjectType, subject_id: x.subjectId, action: x.action, reason: x.reason, moderator_id: x.moderatorId, created_at: x.createdAt })
	);
}

/** Seeds the demo city unconditionally, in one transaction (a savepoint if `db` is already one). */
export async function seedDemo(db: Db | Tx, opts: SeedOptions = {}): Promise<SeedResult> {
	const started = performance.now();
	const city = opts.city ?? generateDemoCity();
	const counts = await (db as Db).transaction(async (tx) => {
		await tx.execute(sql`select pg_advisory_xact_lock(${SEED_LOCK})`);
		return insertDemoCity(tx, city);
	});
	const result = { ...counts, ms: Math.round(performance.now() - started), accounts: city.accounts };
	if (!opts.quiet) printDemoAccounts(result);
	return result;
}

/** Whether the database holds no people and no organisations at all. */
export async function isEmpty(db: Tx): Promise<boolean> {
	const result = (await db.execute(
		sql`select (select count(*) from users)::int as users, (select count(*) from organisations)::int as organisations`
	)) as unknown as { rows: { users: number; organisations: number }[] };
	const row = result.rows[0];
	return Number(row.users) === 0 && Number(row.organisations) === 0;
}

/**
 * What `npm start` calls. Seeds only when the database has no users and no
 * organisations. On the embedded database that is the default (set
 * CONVIVE_DEMO=0 to start empty); on a PostgreSQL server only when
 * CONVIVE_DEMO=1, so a production database never receives accounts with
 * published passwords by accident.
 */
export async function seedDemoIfEmpty(opts: SeedOptions = {}): Promise<SeedResult | null> {
	const flag = process.env.CONVIVE_DEMO;
	if (flag === '0' || flag === 'false') return null;
	const d = await database();
	if (d.kind === 'postgres' && flag !== '1' && flag !== 'true') {
		if (!opts.quiet && (await isEmpty(d.db))) {
			console.log('The database is empty. The demo city is loaded automatically only on the embedded database;');
			console.log('to load it into this PostgreSQL database, start with CONVIVE_DEMO=1 or run `npm run demo:reset`.');
		}
		return null;
	}
	const started = performance.now();
	const city = opts.city ?? generateDemoCity();
	const counts = await d.db.transaction(async (tx) => {
		await tx.execute(sql`select pg_advisory_xact_lock(${SEED_LOCK})`);
		if (!(await isEmpty(tx))) return null;
		return insertDemoCity(tx, city);
	});
	if (!counts) return null;
	const result = { ...counts, ms: Math.round(performance.now() - started), accounts: city.accounts };
	if (!opts.quiet) printDemoAccounts(result);
	return result;
}

const LABELS: Record<PasswordKey, string> = {
	admin: 'administrator',
	integration_officer: 'integration officer',
	evaluator: 'evaluator',
	owner: 'organisation owner',
	coordinator: 'organisation coordinator',
	case_worker: 'case worker',
	volunteer_coordinator: 'volunteer coordinator',
	member: 'organisation member',
	newcomer: 'newcomer',
	resident: 'resident',
	guardianship_office: 'guardianship office',
	guardian: 'volunteer guardian'
};

/** The lines printed after seeding: what was loaded and which accounts to try. */
export function demoAccountsTable(result: Omit<SeedResult, 'ms'> & { ms?: number }): string {
	const lines: string[] = [];
	const took = result.ms === undefined ? '' : ` in ${(result.ms / 1000).toFixed(1)} s`;
	lines.push('');
	lines.push(
		`Loaded the demo city Portavera (fictional): ${result.neighbourhoods} neighbourhoods, ${result.organisations} organisations, ` +
			`${result.users} accounts, ${result.memberships} memberships, ` +
			`${result.services} services at ${result.locations} locations, ` +
			`${result.people} people with support folders (${result.children} of them unaccompanied children), ` +
			`${result.referrals} referrals and ${result.guardians} volunteer guardians${took}.`
	);
	lines.push('Demo accounts to try. These passwords are public: never put real data in the demo.');
	lines.push('');
	const w1 = Math.max(...result.accounts.map((a) => a.label.length), 4) + 2;
	const w2 = Math.max(...result.accounts.map((a) => a.email.length), 6) + 2;
	lines.push(`  ${'Role'.padEnd(w1)}${'E-mail'.padEnd(w2)}Password`);
	lines.push(`  ${'-'.repeat(w1 - 2).padEnd(w1)}${'-'.repeat(w2 - 2).padEnd(w2)}${'-'.repeat(20)}`);
	for (const a of result.accounts) {
		lines.push(`  ${a.label.padEnd(w1)}${a.email.padEnd(w2)}${a.password}${a.secondFactor ? '  *' : ''}`);
	}
	lines.push('');
	lines.push('  * Sees other people’s personal data: on first access to it, you will be asked to set up a');
	lines.push('    second factor (TOTP) with any authenticator app. That is expected.');
	lines.push('');
	lines.push('Every other demo account signs in with the password of its role:');
	const keys = Object.keys(DEMO_PASSWORDS) as PasswordKey[];
	const w = Math.max(...keys.map((k) => LABELS[k].length)) + 2;
	for (let i = 0; i < keys.length; i += 2) {
		lines.push(
			keys
				.slice(i, i + 2)
				.map((k) => `  ${LABELS[k].padEnd(w)}${DEMO_PASSWORDS[k].padEnd(24)}`)
				.join('')
				.trimEnd()
		);
	}
	lines.push('Reset the demo at any time with `npm run demo:reset` (stop the server first).');
	lines.push('');
	return lines.join('\n');
}

export function printDemoAccounts(result: Omit<SeedResult, 'ms'> & { ms?: number }): void {
	console.log(demoAccountsTable(result));
}
