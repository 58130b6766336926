/**
 * Support folders at city scale: the demo city (2,000 folders, 5,000
 * referrals, 150 children, 60 guardians) plus 10,000 more referrals to one
 * organisation, Open Harbour Portavera. Then, as its case worker
 * (caseworker@open-harbour-portavera.example, second factor passed):
 *
 *   timeline  the first page of the 500-entry folder's timeline, through the
 *             use case folderTimeline (policy, audit, shaping) and as the raw
 *             SQL alone (a UNION ALL of notes, tasks, assessments, plan
 *             actions and referral events, newest 50);
 *   inbox     the first page of Open Harbour's referral inbox, through
 *             referralInbox and as the raw SQL (referrals to the
 *             organisation with the person's preferred name, newest 50),
 *             all states and only those waiting for an answer ('sent').
 *
 * p50/p95 in the same run, on in-memory PGlite and on PostgreSQL. The issue's
 * target on PostgreSQL: p95 ≤ 100 ms. A use case that is not built yet is
 * reported as such and only its raw SQL is timed.
 *
 *   npm run bench:support
 *   BENCH_ROUNDS=100 BENCH_ONLY=postgres npm run bench:support
 *
 * PostgreSQL: BENCH_DATABASE_URL or TEST_DATABASE_URL (default
 * postgres://postgres@127.0.0.1:5432/postgres); a database of its own is
 * created and dropped, as the tests do. Exits 1 when a use case misses the
 * PostgreSQL target.
 */
import { existsSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { sql, type SQL } from 'drizzle-orm';
import { openPglite, openPostgres, setDatabase, type Database, type Db } from '../src/lib/server/db/index.ts';
import { createSession, validateSession } from '../src/lib/server/auth/session.ts';
import type { Ctx } from '../src/lib/server/context.ts';
import { generateDemoCity } from '../scripts/demo/generate.ts';
import { seedDemo } from '../scripts/demo/seed.ts';
import { postgresDatabase, table } from './lib.ts';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 60);
const EXTRA_REFERRALS = Number(process.env.BENCH_REFERRALS ?? 10_000);
const ONLY = process.env.BENCH_ONLY ?? '';
const ADMIN_URL =
	process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const TARGET_P95 = 100;
const PAGE = 50;
const CASE_WORKER = 'caseworker@open-harbour-portavera.example';
const INBOX_ORG = 'open-harbour-portavera';

// ---------------------------------------------------------------- the use cases, if built

type UseCase = (ctx: Ctx, ...args: never[]) => Promise<unknown>;

/** A use case from its module, or null while nobody has written it yet (a module that is there but fails still throws). */
async function useCase(path: string, name: string): Promise<UseCase | null> {
	const file = fileURLToPath(new URL(path, import.meta.url));
	if (!existsSync(file)) return null;
	const mod = (await import(path)) as Record<string, unknown>;
	return typeof mod[name] === 'function' ? (mod[name] as UseCase) : null;
}

const folderTimeline = (await useCase('../src/lib/server/support/timeline.ts', 'folderTimeline')) as
	| ((ctx: Ctx, personId: string, opts: { before?: unknown; limit?: number }) => Promise<unknown>)
	| null;
const referralInbox = (await useCase('../src/lib/server/referrals/inbox.ts', 'referralInbox')) as
	| ((ctx: Ctx, organisationId: string, opts: { state?: string; page?: number }) => Promise<unknown>)
	| null;

// ---------------------------------------------------------------- the raw SQL

/** The newest entries of a folder's timeline, whatever their kind. */
function timelineSql(personId: string): SQL {
	return sql`
		select * from (
			select 'note' as kind, n.id, n.created_at as at, n.body as text, n.sensitivity, n.author_id as actor_id
			from notes n where n.person_id = ${personId}::uuid
			union all
			select 'task', t.id, t.created_at, t.title, null, t.created_by from tasks t where t.person_id = ${personId}::uuid
			union all
			select 'assessment', a.id, a.taken_at, a.comment, null, a.taken_by from assessments a where a.person_id = ${personId}::uuid
			union all
			select 'plan_action', pa.id, pa.created_at, pa.text, null, pa.created_by from plan_actions pa where pa.person_id = ${personId}::uuid
			union all
			select 'referral_' || e.to_state, e.id, e.at, coalesce(e.reason, r.service_name), null, e.actor_id
			from referral_events e join referrals r on r.id = e.referral_id where r.person_id = ${personId}::uuid
		) entries
		order by at desc, id desc
		limit ${PAGE}`;
}

/** The first page of an organisation's referral inbox, optionally of one state. */
function inboxSql(organisationId: string, state?: string): SQL {
	return sql`
		select r.id, r.state, r.service_name, r.message, r.shared_fields, r.respond_by, r.created_at, r.updated_at, r.version,
		       p.preferred_name
		from referrals r join people p on p.id = r.person_id
		where r.to_organisation_id = ${organisationId}::uuid ${state ? sql`and r.state = ${state}` : sql``}
		order by r.created_at desc, r.id desc
		limit ${PAGE}`;
}

// ---------------------------------------------------------------- the data

const rowsOf = <T>(r: unknown) => (r as { rows: T[] }).rows;

/**
 * 10,000 referrals to the organisation's services from the folders of
 * other organisations, in every state, with their events and the share
 * consents that cover them, all in set-based SQL.
 */
async function addReferrals(db: Db, organisationId: string, count: number): Promise<void> {
	await db.transaction(async (tx) => {
		const exec = (q: SQL) => tx.execute(q);
		await exec(sql`select setseed(0.4)`);
		await exec(sql`create temp table bench_people on commit drop as
			select p.id, w.user_id, w.organisation_id, p.created_at, row_number() over (order by p.id) as n
			from people p join case_workers w on w.person_id = p.id and w.lead
			where p.created_by_organisation_id <> ${organisationId}::uuid`);
		await exec(sql`create temp table bench_services on commit drop as
			select id, coalesce(name->>'it', name->>'en') as name, row_number() over (order by id) as n
			from services where organisation_id = ${organisationId}::uuid and status = 'active'`);
		await exec(sql`insert into consents (person_id, purpose, organisation_id, method, recorded_by, recorded_by_organisation_id, recorded_at)
			select b.id, 'share', ${organisationId}::uuid, 'written', b.user_id, b.organisation_id, b.created_at from bench_people b
			where not exists (select 1 from consents c where c.person_id = b.id and c.purpose = 'share'
				and c.organisation_id = ${organisationId}::uuid and c.withdrawn_at is null)`);
		await exec(sql`create temp table bench_referrals on commit drop as
			select gen_random_uuid() as id, b.id as person_id, b.organisation_id, b.user_id, s.id as service_id, s.name as service_name,
			       (select c.id from consents c where c.person_id = b.id and c.purpose = 'share' and c.organisation_id = ${organisationId}::uuid
			        and c.withdrawn_at is null limit 1) as consent_id,
			       greatest(b.created_at + interval '2 days', timestamptz '2026-11-23 09:00Z' - (g % 700) * interval '1 day' - (g % 480) * interval '1 minute') as created_at,
			       (array['sent','sent','accepted','declined','declined','in_progress','in_progress','in_progress','completed','completed','completed','completed','closed','closed'])[1 + g % 14] as state
			from generate_series(1, ${count}) g
			join bench_people b on b.n = 1 + (g * 7919) % (select count(*) from bench_people)
			join bench_services s on s.n = 1 + g % (select count(*) from bench_services)`);
		await exec(sql`insert into referrals (id, person_id, from_organisation_id, from_user_id, service_id, service_name, to_organisation_id,
				consent_id, message, state, respond_by, created_at, responded_at, updated_at, version)
			select id, person_id, organisation_id, user_id, service_id, service_name, ${organisationId}::uuid, consent_id,
			       'Referred for an intake (benchmark).', state, created_at + interval '3 days', created_at,
			       case when state <> 'sent' and not (state = 'closed' and right(id::text, 1) < '8') then created_at + interval '1 day' end,
			       created_at + case state when 'sent' then interval '0' when 'accepted' then interval '1 day' when 'declined' then interval '1 day'
			         when 'in_progress' then interval '3 days' when 'completed' then interval '30 days' else interval '10 days' end,
			       case state when 'sent' then 1 when 'accepted' then 2 when 'declined' then 2 when 'in_progress' then 3 when 'completed' then 4
			         else case when right(id::text, 1) < '8' then 2 else 4 end end
			from bench_referrals`);
		// Their histories: sent; accepted or declined; in progress; completed or closed.
		const event = (from: string | null, to: string, delay: string, where: SQL, reason: string | null) =>
			exec(sql`insert into referral_events (referral_id, from_state, to_state, actor_id, organisation_id, reason, at)
				select id, ${from}, ${to}, user_id, organisation_id, ${reason}, created_at + ${delay}::interval from bench_referrals where ${where}`);
		const closedEarly = sql`state = 'closed' and right(id::text, 1) < '8'`;
		await event(null, 'sent', '0', sql`true`, null);
		await event('sent', 'accepted', '1 day', sql`state in ('accepted', 'in_progress', 'completed') or (state = 'closed' and not (${closedEarly}))`, null);
		await event('sent', 'declined', '1 day', sql`state = 'declined'`, 'No places left this term.');
		await event('sent', 'closed', '10 days', closedEarly, 'The person moved to another city.');
		await event('accepted', 'in_progress', '3 days', sql`state in ('in_progress', 'completed') or (state = 'closed' and not (${closedEarly}))`, null);
		await event('in_progress', 'completed', '30 days', sql`state = 'completed'`, 'Completed the course.');
		await event('in_progress', 'closed', '10 days', sql`state = 'closed' and not (${closedEarly})`, 'The person asked to stop.');
	});
	// As autovacuum leaves a live database: statistics fresh.
	await db.execute(sql`vacuum analyze`);
}

// ---------------------------------------------------------------- timing

const pct = (xs: number[], p: number) => {
	const s = [...xs].sort((a, b) => a - b);
	return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};
const ms = (n: number) => n.toFixed(1);

interface Measure {
	name: string;
	app: (() => Promise<unknown>) | null;
	raw: () => Promise<unknown>;
	/** Rows the raw SQL returns, as a sanity check. */
	rows?: number;
}
interface Sample {
	name: string;
	built: boolean;
	rows: number;
	app: number[];
	raw: number[];
}

async function time(f: () => Promise<unknown>): Promise<number> {
	const t = performance.now();
	await f();
	return performance.now() - t;
}

async function measure(measures: Measure[]): Promise<Sample[]> {
	const samples: Sample[] = [];
	for (const m of measures) {
		const s: Sample = { name: m.name, built: m.app !== null, rows: rowsOf<unknown>(await m.raw()).length, app: [], raw: [] };
		// Three warm-up rounds (caches, plans), then the measured ones. App and raw take turns going
		// first, since whichever runs second finds the pages the first one just read.
		for (let round = -3; round < ROUNDS; round++) {
			const appFirst = round % 2 === 0;
			let a = NaN;
			if (m.app && appFirst) a = await time(m.app);
			const r = await time(m.raw);
			if (m.app && !appFirst) a = await time(m.app);
			if (round >= 0) {
				s.raw.push(r);
				if (m.app) s.app.push(a);
			}
		}
		samples.push(s);
	}
	return samples;
}

interface Outcome {
	name: string;
	load: number;
	extra: number;
	counts: Record<string, number>;
	samples: Sample[];
}

async function run(name: string, open: () => Promise<Database>): Promise<Outcome> {
	console.log(`\n${name}: loading the demo city…`);
	const database = await open();
	setDatabase(database);
	try {
		await database.migrate();
		const db = database.db;
		const t0 = performance.now();
		await seedDemo(db, { quiet: true });
		const load = (performance.now() - t0) / 1000;
		const [org] = rowsOf<{ id: string }>(await db.execute(sql`select id from organisations where slug = ${INBOX_ORG}`));
		console.log(`${name}: demo city in ${load.toFixed(1)} s; adding ${EXTRA_REFERRALS.toLocaleString('en')} referrals to ${INBOX_ORG}…`);
		const t1 = performance.now();
		await addReferrals(db, org.id, EXTRA_REFERRALS);
		const extra = (performance.now() - t1) / 1000;
		const counts = rowsOf<Record<string, number>>(
			await db.execute(sql`select (select count(*)::int from people) as people, (select count(*)::int from referrals) as referrals,
				(select count(*)::int from referrals where to_organisation_id = ${org.id}::uuid) as inbox,
				(select count(*)::int from referral_events) as events`)
		)[0];

		// The case worker, signed in with the second factor passed, as the app sees them.
		const [user] = rowsOf<{ id: string }>(await db.execute(sql`select id from users where email = ${CASE_WORKER}`));
		const session = await createSession(db, user.id, { secondFactor: true });
		const info = await validateSession(db, session.token);
		if (!info) throw new Error('the bench session did not validate');
		const ctx: Ctx = { db, actor: { ...info.actor, totpEnabled: true }, ip: '192.0.2.1', requestId: 'bench-support', locale: 'en', origin: 'http://localhost' };
		const personId = generateDemoCity().support.benchmarkPersonId;

		console.log(`${name}: timing ${ROUNDS} rounds…`);
		const samples = await measure([
			{
				name: 'timeline (500+ entries, first page)',
				app: folderTimeline ? () => folderTimeline(ctx, personId, { limit: PAGE }) : null,
				raw: () => db.execute(timelineSql(personId))
			},
			{
				name: `inbox (${counts.inbox.toLocaleString('en')} referrals, page 1)`,
				app: referralInbox ? () => referralInbox(ctx, org.id, { page: 1 }) : null,
				raw: () => db.execute(inboxSql(org.id))
			},
			{
				name: 'inbox, waiting for an answer (sent)',
				app: referralInbox ? () => referralInbox(ctx, org.id, { state: 'sent', page: 1 }) : null,
				raw: () => db.execute(inboxSql(org.id, 'sent'))
			}
		]);
		return { name, load, extra, counts, samples };
	} finally {
		setDatabase(undefined);
		await database.close();
	}
}

function report(outcomes: Outcome[]): boolean {
	let ok = true;
	const rows: (string | number)[][] = [];
	for (const o of outcomes) {
		for (const s of o.samples) {
			const app = s.built ? [ms(pct(s.app, 50)), ms(pct(s.app, 95))] : ['not built yet', ''];
			rows.push([
				`${o.name}: ${s.name}`,
				s.rows,
				...app,
				ms(pct(s.raw, 50)),
				ms(pct(s.raw, 95)),
				s.built ? (pct(s.app, 95) / pct(s.raw, 95)).toFixed(2) : ''
			]);
		}
	}
	console.log(`\nSupport folders and referrals, ms over ${ROUNDS} rounds (app = the use case, raw = its SQL alone)\n`);
	console.log(table(['database: measure', 'rows', 'app p50', 'app p95', 'raw p50', 'raw p95', 'app/raw p95'], rows));
	console.log('');
	for (const o of outcomes) {
		console.log(
			`${o.name}: demo city loaded in ${o.load.toFixed(1)} s (+ ${EXTRA_REFERRALS.toLocaleString('en')} referrals in ${o.extra.toFixed(1)} s): ` +
				`${o.counts.people} people, ${o.counts.referrals.toLocaleString('en')} referrals (${o.counts.inbox.toLocaleString('en')} to the inbox), ` +
				`${o.counts.events.toLocaleString('en')} referral events`
		);
	}
	if (!folderTimeline) console.log('folderTimeline (src/lib/server/support/timeline.ts) is not built yet: only its raw SQL was timed.');
	if (!referralInbox) console.log('referralInbox (src/lib/server/referrals/inbox.ts) is not built yet: only its raw SQL was timed.');
	const pg = outcomes.find((o) => o.name === 'PostgreSQL');
	if (pg) {
		for (const s of pg.samples) {
			const p95 = s.built ? pct(s.app, 95) : pct(s.raw, 95);
			const met = p95 <= TARGET_P95;
			console.log(`PostgreSQL target (p95 ≤ ${TARGET_P95} ms), ${s.name}: ${s.built ? 'app' : 'raw SQL only'} p95 ${ms(p95)} ms → ${met ? 'met' : 'MISSED'}`);
			if (s.built && !met) ok = false;
		}
	}
	return ok;
}

const outcomes: Outcome[] = [];
if (ONLY !== 'postgres') outcomes.push(await run('PGlite', () => openPglite()));
if (ONLY !== 'pglite') {
	const target = await postgresDatabase(ADMIN_URL);
	if (target) {
		try {
			outcomes.push(await run('PostgreSQL', () => openPostgres(target.env.DATABASE_URL, 4)));
		} finally {
			await target.dispose();
		}
	}
}
const ok = report(outcomes);
process.exit(ok ? 0 : 1);
