/**
 * Directory search at city scale: 100,000 services (about 130,000 locations,
 * weekly hours, holidays, areas served) generated with set-based SQL, then a
 * mix of 50 realistic searches timed through the use case (searchServices:
 * parsing, SQL, shaping rows) and through the raw SQL statement alone
 * (searchSql, built beforehand), side by side, on in-memory PGlite and on
 * PostgreSQL. Target on PostgreSQL: p95 ≤ 50 ms and app ≤ 1.5 × raw.
 *
 *   npm run bench:directory
 *   BENCH_SERVICES=20000 BENCH_ROUNDS=5 BENCH_EXPLAIN=1 BENCH_ONLY=postgres npm run bench:directory
 *
 * PostgreSQL: BENCH_DATABASE_URL or TEST_DATABASE_URL (default
 * postgres://postgres@127.0.0.1:5432/postgres); a database of its own is
 * created and dropped. Exits 1 when the PostgreSQL target is missed.
 * While tuning: BENCH_KEEP=1 keeps that database and prints its address;
 * BENCH_REUSE=<that address> times it again without generating anything.
 */
import { performance } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import { openPglite, openPostgres, type Database, type Db, type Tx } from '../src/lib/server/db/index.ts';
import { deferSearchRefresh, refreshSearch } from '../src/lib/server/directory/search-table.ts';
import { needs as needTerms } from '../src/lib/directory/taxonomy.ts';
import { parseSearchQuery, rowsOf, searchServices, searchSql, type SearchQuery } from '../src/lib/server/directory/search.ts';
import { postgresDatabase, table } from './lib.ts';

const SERVICES = Number(process.env.BENCH_SERVICES ?? 100_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const EXPLAIN = process.env.BENCH_EXPLAIN === '1';
const ONLY = process.env.BENCH_ONLY ?? '';
const REUSE = process.env.BENCH_REUSE ?? '';
const ADMIN_URL =
	process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const TARGET = { p95: 50, ratio: 1.5 };
/** A fixed instant, so "open now" finds the same services every run: Tuesday 10:30 in Rome. */
const NOW = new Date('2026-03-10T09:30:00Z');
const CENTRE = { lat: 40.85, lng: 14.27 };

// ---------------------------------------------------------------- vocabulary

/** Kinds of service: need code, then the words in en, it, fr, es, uk, ar. */
const THEMES: [string, string, string, string, string, string, string][] = [
	['language-courses', 'Language course', 'Corso di lingua', 'Cours de langue', 'Curso de idiomas', 'Мовний курс', 'دورة لغة'],
	['basic-needs', 'Food bank', 'Banco alimentare', 'Banque alimentaire', 'Banco de alimentos', 'Продовольчий банк', 'بنك الطعام'],
	['health', 'Health clinic', 'Ambulatorio medico', 'Centre de santé', 'Centro de salud', 'Медичний центр', 'عيادة صحية'],
	['legal', 'Legal advice', 'Consulenza legale', 'Conseil juridique', 'Asesoría jurídica', 'Юридична консультація', 'استشارة قانونية'],
	['housing', 'Housing help', 'Sportello casa', 'Aide au logement', 'Ayuda a la vivienda', 'Допомога з житлом', 'مساعدة في السكن'],
	['work', 'Job counselling', 'Orientamento al lavoro', 'Orientation emploi', 'Orientación laboral', 'Пошук роботи', 'التوجيه المهني'],
	['children-families', 'Family centre', 'Centro per famiglie', 'Maison des familles', 'Centro familiar', 'Сімейний центр', 'مركز الأسرة'],
	['mental-health', 'Psychological support', 'Supporto psicologico', 'Soutien psychologique', 'Apoyo psicológico', 'Психологічна підтримка', 'الدعم النفسي'],
	['asylum', 'Asylum desk', 'Sportello asilo', 'Accueil asile', 'Oficina de asilo', 'Допомога шукачам притулку', 'مكتب اللجوء'],
	['education', 'Homework club', 'Doposcuola', 'Aide aux devoirs', 'Apoyo escolar', 'Допомога з уроками', 'دعم مدرسي'],
	['community', 'Community garden', 'Orto sociale', 'Jardin partagé', 'Huerto comunitario', 'Громадський город', 'حديقة مجتمعية'],
	['money', 'Bank account help', 'Sportello conto corrente', 'Aide bancaire', 'Ayuda bancaria', 'Банківська допомога', 'مساعدة مصرفية'],
	['women', 'Women’s space', 'Spazio donne', 'Espace femmes', 'Espacio de mujeres', 'Жіночий простір', 'مساحة النساء'],
	['volunteering', 'Volunteer network', 'Rete di volontari', 'Réseau de bénévoles', 'Red de voluntarios', 'Мережа волонтерів', 'شبكة المتطوعين'],
	['family-reunification', 'Family reunification desk', 'Sportello ricongiungimento', 'Regroupement familial', 'Reagrupación familiar', 'Возз’єднання сім’ї', 'لمّ شمل الأسرة'],
	['unaccompanied-children', 'Youth mentoring', 'Tutoraggio giovani', 'Parrainage des jeunes', 'Mentoría juvenil', 'Наставництво для молоді', 'إرشاد الشباب']
];
/** Who or when, same languages. */
const QUALIFIERS: string[][] = [
	['for women', 'per donne', 'pour les femmes', 'para mujeres', 'для жінок', 'للنساء'],
	['for young people', 'per giovani', 'pour les jeunes', 'para jóvenes', 'для молоді', 'للشباب'],
	['for families', 'per famiglie', 'pour les familles', 'para familias', 'для сімей', 'للعائلات'],
	['in the evening', 'serale', 'le soir', 'por la tarde', 'ввечері', 'في المساء'],
	['for newcomers', 'per nuovi arrivati', 'pour les nouveaux arrivants', 'para recién llegados', 'для новоприбулих', 'للقادمين الجدد'],
	['for beginners', 'per principianti', 'pour débutants', 'para principiantes', 'для початківців', 'للمبتدئين'],
	['with interpreters', 'con mediatori', 'avec interprètes', 'con intérpretes', 'з перекладачами', 'مع مترجمين'],
	['drop-in', 'senza appuntamento', 'sans rendez-vous', 'sin cita', 'без запису', 'بدون موعد']
];
const LOCALES = ['en', 'it', 'fr', 'es', 'uk', 'ar'] as const;
/** Share of services written in each locale (English and Italian nearly always). */
const COVERAGE = [0.95, 0.9, 0.3, 0.3, 0.25, 0.35];
const NEIGHBOURHOODS = [
	['centro-storico', 'Centro storico', 0, 0],
	['porto', 'Porto', -0.012, -0.02],
	['stazione', 'Stazione', 0.004, 0.022],
	['collina', 'Collina', 0.018, -0.03],
	['mercato', 'Mercato', -0.006, 0.01],
	['borgo-marinaro', 'Borgo Marinaro', -0.02, -0.008],
	['san-rocco', 'San Rocco', 0.026, 0.006],
	['villaggio-nuovo', 'Villaggio Nuovo', 0.034, 0.03],
	['fontana', 'Fontana', -0.03, 0.035],
	['ponte-alto', 'Ponte Alto', 0.012, -0.052],
	['giardini', 'Giardini', 0.042, -0.018],
	['lungomare', 'Lungomare', -0.038, -0.04]
] as const;
const FEATURES = ['free', 'no-permit-needed', 'anonymous', 'no-appointment', 'women-only', 'for-children', 'wheelchair', 'interpreter', 'remote'];
const LANGUAGES = ['en', 'fr', 'ar', 'uk', 'es', 'fa', 'ti', 'ro', 'pl', 'de', 'ur', 'bn'];
const STREETS = ['Via Roma', 'Via Garibaldi', 'Corso Umberto', 'Via del Porto', 'Piazza Dante', 'Via Toledo', 'Vico Lungo', 'Salita Alta'];

const lit = (s: string) => `'${s.replaceAll("'", "''")}'`;
const arr = (xs: readonly string[]) => `array[${xs.map(lit).join(',')}]::text[]`;

// ---------------------------------------------------------------- generator

async function generate(db: Db, count: number): Promise<void> {
	// One transaction, like an import: the search rows are written once at the end.
	await db.transaction(async (tx) => {
		await deferSearchRefresh(tx);
		await generateRows(tx, count);
		await refreshSearch(tx, 'all');
	});
	// As autovacuum leaves a live database: GIN pending lists merged, statistics fresh. (ANALYZE
	// alone leaves freshly inserted rows in the pending lists, which every search then scans.)
	await db.execute(sql`vacuum analyze`);
}

async function generateRows(db: Tx, count: number): Promise<void> {
	const exec = (q: string) => db.execute(sql.raw(q));
	await exec(`select setseed(0.42)`);
	await exec(
		`insert into neighbourhoods (slug, name, latitude, longitude) values ${NEIGHBOURHOODS.map(
			([slug, name, dlat, dlng]) => `(${lit(slug)}, ${lit(name)}, ${CENTRE.lat + dlat}, ${CENTRE.lng + dlng})`
		).join(', ')} on conflict do nothing`
	);
	const orgCount = Math.max(10, Math.round(count / 50));
	await exec(`insert into organisations (slug, name, type, verification)
		select 'bench-org-' || g, 'Associazione ' || (${arr(['Aurora', 'Ponte', 'Mosaico', 'Radici', 'Orizzonte', 'Approdo', 'Incontro', 'Sole'])})[1 + g % 8] || ' ' || g,
		       'ngo', case when g % 10 = 0 then 'unverified' else 'verified' end
		from generate_series(1, ${orgCount}) g`);
	await exec(`create temp table bench_orgs as select id, row_number() over (order by slug) as n from organisations where slug like 'bench-org-%'`);
	await exec(`create temp table bench_nbs as select id, name, latitude, longitude, row_number() over (order by slug) as n from neighbourhoods`);

	const theme = (i: number) => `(${arr(THEMES.map((t) => t[i]))})[t]`;
	const qual = (i: number) => `(${arr(QUALIFIERS.map((q) => q[i]))})[qn]`;
	const names = LOCALES.map(
		(l, i) => {
			const when = i === 0 ? `(not it_ok or random() < ${COVERAGE[0]})` : i === 1 ? 'it_ok' : `random() < ${COVERAGE[i]}`;
			return `${lit(l)}, case when ${when} then ${theme(i + 1)} || ' ' || ${qual(i)} || ' – ' || nb_name end`;
		}
	).join(', ');
	const descriptions = LOCALES.map((l, i) => {
		const body = [
			`'We offer ' || lower(${theme(1)}) || ' ' || ${qual(0)} || ' in ' || nb_name || '. Ask at the front desk or call us.'`,
			`'Offriamo ' || lower(${theme(2)}) || ' ' || ${qual(1)} || ' a ' || nb_name || '. Chiedete allo sportello o telefonate.'`,
			`'Nous proposons ' || lower(${theme(3)}) || ' ' || ${qual(2)} || ' à ' || nb_name || '. Renseignez-vous à l''accueil.'`,
			`'Ofrecemos ' || lower(${theme(4)}) || ' ' || ${qual(3)} || ' en ' || nb_name || '. Pregunte en la recepción.'`,
			`'Ми пропонуємо: ' || lower(${theme(5)}) || ' ' || ${qual(4)} || ', ' || nb_name || '. Запитайте на рецепції.'`,
			`'نقدم ' || ${theme(6)} || ' ' || ${qual(5)} || ' في ' || nb_name || '. اسألوا في الاستقبال.'`
		][i];
		return `${lit(l)}, case when random() < ${COVERAGE[i] * 0.8} then ${body} end`;
	}).join(', ');

	const batch = 20_000;
	for (let from = 1; from <= count; from += batch) {
		const to = Math.min(count, from + batch - 1);
		await exec(`insert into services (organisation_id, name, description, needs, features, languages, status, last_verified_at)
			select o.id,
			       jsonb_strip_nulls(jsonb_build_object(${names})),
			       jsonb_strip_nulls(jsonb_build_object(${descriptions})),
			       array[(${arr(THEMES.map((t) => t[0]))})[t]] ||
			         case when random() < 0.3 then array[(${arr(needTerms.map((n) => n.code))})[1 + floor(random() * ${needTerms.length})::int]] else '{}'::text[] end,
			       array(select f from unnest(${arr(FEATURES)}) f where random() < 0.22 + 0 * g),
			       array['it'] || array(select l from unnest(${arr(LANGUAGES)}) l where random() < 0.2 + 0 * g),
			       case when g % 50 = 0 then 'inactive' when g % 97 = 0 then 'temporarily closed' else 'active' end,
			       now() - random() * interval '18 months'
			from (
				select g, 1 + abs(hashtext(g::text || 't')) % ${THEMES.length} as t, 1 + abs(hashtext(g::text || 'q')) % ${QUALIFIERS.length} as qn,
				       (select name from bench_nbs where n = 1 + abs(hashtext(g::text || 'n')) % 12) as nb_name,
				       random() < 0.9 as it_ok,
				       1 + (g * 13) % ${orgCount} as org_n
				from generate_series(${from}, ${to}) g
			) x
			join bench_orgs o on o.n = x.org_n`);
		process.stdout.write(`  services ${to.toLocaleString('en')}/${count.toLocaleString('en')}\r`);
	}
	process.stdout.write('\n');

	// About 1.3 locations per service, scattered around their neighbourhood.
	await exec(`create temp table bench_locs as
		select s.id as service_id, s.organisation_id, gen_random_uuid() as location_id, 1 + floor(random() * 12)::int as nb_n
		from services s cross join lateral generate_series(1, case when abs(hashtext(s.id::text || 'l')) % 10 < 3 then 2 else 1 end) k
		where abs(hashtext(s.id::text || 'v')) % 100 < 97`);
	await exec(`insert into locations (id, organisation_id, address_1, city, latitude, longitude, neighbourhood_id)
		select b.location_id, b.organisation_id,
		       (${arr(STREETS)})[1 + floor(random() * ${STREETS.length})::int] || ' ' || (1 + floor(random() * 200)::int),
		       'Portavera', n.latitude + (random() - 0.5) * 0.012, n.longitude + (random() - 0.5) * 0.016, n.id
		from bench_locs b join bench_nbs n on n.n = b.nb_n`);
	await exec(`insert into service_at_locations (service_id, location_id) select service_id, location_id from bench_locs`);

	// Weekly hours: mornings on weekdays for most, afternoons for some, Saturday for a few.
	await exec(`insert into schedules (service_id, kind, weekday, opens_at, closes_at)
		select s.id, 'weekly', d, '09:00', '13:00' from services s cross join generate_series(1, 5) d
		where abs(hashtext(s.id::text)) % 10 < 8`);
	await exec(`insert into schedules (service_id, kind, weekday, opens_at, closes_at)
		select s.id, 'weekly', d, '14:30', '18:00' from services s cross join generate_series(1, 5) d
		where abs(hashtext(s.id::text)) % 10 >= 5`);
	await exec(`insert into schedules (service_id, kind, weekday, opens_at, closes_at)
		select s.id, 'weekly', 6, '10:00', '12:30' from services s where abs(hashtext(s.id::text)) % 7 = 0`);
	// Holidays: the run's date closes one service in ten, another in twenty has special hours.
	await exec(`insert into schedules (service_id, kind, valid_from, valid_to, closed)
		select s.id, 'exception', '2026-03-09', '2026-03-13', true from services s where abs(hashtext(s.id::text)) % 10 = 3`);
	await exec(`insert into schedules (service_id, kind, valid_from, valid_to, opens_at, closes_at)
		select s.id, 'exception', '2026-03-10', '2026-03-10', '10:00', '11:00' from services s where abs(hashtext(s.id::text)) % 20 = 7`);
	// One service in ten also serves another neighbourhood.
	await exec(`insert into service_areas (service_id, neighbourhood_id)
		select s.id, n.id from services s join bench_nbs n on n.n = 1 + abs(hashtext(s.id::text)) % 12
		where abs(hashtext(s.id::text || 'a')) % 10 = 0`);
	await exec(`analyze`);
}

// ---------------------------------------------------------------- queries

type Params = Record<string, string | string[]>;
interface BenchQuery {
	kind: 'need' | 'text' | 'near' | 'combined';
	locale: string;
	params: Params;
}

function queryMix(): BenchQuery[] {
	const nb = NEIGHBOURHOODS.map((n) => n[0]);
	const near = (i: number) => ({
		lat: (CENTRE.lat + NEIGHBOURHOODS[i % 12][2] + 0.001 * (i % 3)).toFixed(5),
		lng: (CENTRE.lng + NEIGHBOURHOODS[i % 12][3] - 0.001 * (i % 2)).toFixed(5)
	});
	const out: BenchQuery[] = [];
	// 10 × need only (the home page's icons), a few on page 2.
	['language-courses', 'basic-needs', 'health', 'legal', 'housing', 'work', 'asylum', 'mental-health', 'women', 'money'].forEach(
		(need, i) => out.push({ kind: 'need', locale: ['en', 'it', 'ar', 'uk', 'fr'][i % 5], params: { need, ...(i % 4 === 3 ? { page: '2' } : {}) } })
	);
	// 15 × free text in English, Italian and Arabic (stemmed), plus two typos and a French one.
	const texts: [string, string][] = [
		['en', 'language courses'],
		['en', 'food bank'],
		['en', 'legal advice for women'],
		['en', 'psychological support'],
		['en', 'langauge'],
		['it', 'corsi di lingua'],
		['it', 'banco alimentare'],
		['it', 'consulenza legale'],
		['it', 'doposcuola'],
		['it', 'ambulatorio medico per famiglie'],
		['ar', 'دورة لغة'],
		['ar', 'بنك الطعام'],
		['ar', 'استشارة قانونية'],
		['ar', 'الدعم النفسي للنساء'],
		['fr', 'logement']
	];
	for (const [locale, q] of texts) out.push({ kind: 'text', locale, params: { q } });
	// 10 × near a point ("near me"), alone or with a need or text.
	for (let i = 0; i < 10; i++) {
		const params: Params = { ...near(i) };
		if (i % 3 === 1) params.need = ['health', 'basic-needs', 'legal', 'language-courses'][i % 4];
		if (i % 3 === 2) params.q = ['food bank', 'corso di lingua', 'job counselling'][i % 3];
		out.push({ kind: 'near', locale: ['en', 'it', 'ar'][i % 3], params });
	}
	// 15 × combined filters.
	const combos: [string, Params][] = [
		['en', { need: 'language-courses', feature: 'free', lang: 'ar' }],
		['it', { need: 'health', feature: ['free', 'no-permit-needed'] }],
		['ar', { need: 'legal', lang: 'ar', open: '1' }],
		['uk', { need: 'basic-needs', lang: 'uk', nb: nb[1] }],
		['en', { q: 'housing help', nb: nb[2], open: '1' }],
		['it', { q: 'corso', feature: 'no-appointment', nb: nb[0] }],
		['fr', { need: ['asylum', 'legal'], lang: 'fr', ...near(3) }],
		['ar', { q: 'مساعدة', need: 'housing', open: '1' }],
		['en', { need: 'children-families', feature: 'for-children', nb: nb[5] }],
		['en', { open: '1', ...near(6) }],
		['it', { need: 'work', lang: 'en', open: '1', ...near(7) }],
		['en', { q: 'women', feature: 'women-only', lang: 'fa' }],
		['es', { need: 'mental-health', feature: 'interpreter', open: '1', nb: nb[8] }],
		['en', { q: 'family centre', ...near(9), feature: 'free' }],
		['ar', { need: 'language-courses', open: '1', nb: nb[10], lang: 'ar', page: '2' }]
	];
	for (const [locale, params] of combos) out.push({ kind: 'combined', locale, params });
	return out;
}

// ---------------------------------------------------------------- timing

const pct = (xs: number[], p: number) => {
	const s = [...xs].sort((a, b) => a - b);
	return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};
const ms = (n: number) => n.toFixed(1);

interface Sample {
	q: BenchQuery;
	app: number[];
	raw: number[];
	total: number;
}

async function measure(db: Db): Promise<Sample[]> {
	const mix = queryMix();
	const samples: Sample[] = mix.map((q) => ({ q, app: [], raw: [], total: 0 }));
	const prepared = mix.map((q) => searchSql(parseSearchQuery(q.params).query as SearchQuery, q.locale, { now: NOW }));
	// One warm-up pass (caches, plans), then the measured rounds. App and raw take turns going
	// first, since whichever runs second finds the pages the first one just read.
	for (let round = -1; round < ROUNDS; round++) {
		for (let i = 0; i < mix.length; i++) {
			const q = mix[i];
			const app = async () => {
				const t = performance.now();
				samples[i].total = (await searchServices(db, q.params, { locale: q.locale, now: NOW })).total;
				return performance.now() - t;
			};
			const raw = async () => {
				const t = performance.now();
				await db.execute(prepared[i]);
				return performance.now() - t;
			};
			const appFirst = (round + i) % 2 === 0;
			const first = await (appFirst ? app() : raw());
			const second = await (appFirst ? raw() : app());
			if (round >= 0) {
				samples[i].app.push(appFirst ? first : second);
				samples[i].raw.push(appFirst ? second : first);
			}
		}
	}
	return samples;
}

async function explain(db: Db, samples: Sample[], n = 3): Promise<void> {
	const slow = [...samples].sort((a, b) => pct(b.raw, 50) - pct(a.raw, 50)).slice(0, n);
	for (const s of slow) {
		const stmt = searchSql(parseSearchQuery(s.q.params).query, s.q.locale, { now: NOW });
		const plan = rowsOf<Record<string, string>>(await db.execute(sql`explain (analyze, buffers) ${stmt}`));
		console.log(`\nEXPLAIN ANALYZE ${s.q.kind} ${s.q.locale} ${JSON.stringify(s.q.params)}`);
		console.log(plan.map((r) => Object.values(r)[0]).join('\n'));
	}
}

interface Outcome {
	name: string;
	load: number;
	samples: Sample[];
}

async function run(name: string, open: () => Promise<Database>, generated = false): Promise<Outcome> {
	console.log(`\n${name}: ${generated ? 'reusing' : 'generating'} ${SERVICES.toLocaleString('en')} services…`);
	const database = await open();
	try {
		await database.migrate();
		const t = performance.now();
		if (!generated) await generate(database.db, SERVICES);
		const load = (performance.now() - t) / 1000;
		const counts = rowsOf<Record<string, number>>(
			await database.db.execute(
				sql`select (select count(*)::int from services) as services, (select count(*)::int from locations) as locations, (select count(*)::int from schedules) as schedules`
			)
		)[0];
		console.log(
			`${name}: ${counts.services.toLocaleString('en')} services, ${counts.locations.toLocaleString('en')} locations, ${counts.schedules.toLocaleString('en')} schedule rows in ${load.toFixed(1)} s; timing ${ROUNDS} rounds of 50 queries…`
		);
		const samples = await measure(database.db);
		if (EXPLAIN) await explain(database.db, samples);
		return { name, load, samples };
	} finally {
		await database.close();
	}
}

function report(outcomes: Outcome[]): boolean {
	let ok = true;
	const rows: (string | number)[][] = [];
	for (const o of outcomes) {
		const kinds = ['all', 'need', 'text', 'near', 'combined'] as const;
		for (const kind of kinds) {
			const ss = o.samples.filter((s) => kind === 'all' || s.q.kind === kind);
			const app = ss.flatMap((s) => s.app);
			const raw = ss.flatMap((s) => s.raw);
			rows.push([
				kind === 'all' ? o.name : '',
				kind,
				ss.length,
				ms(pct(app, 50)),
				ms(pct(app, 95)),
				ms(pct(raw, 50)),
				ms(pct(raw, 95)),
				(pct(app, 50) / pct(raw, 50)).toFixed(2),
				(pct(app, 95) / pct(raw, 95)).toFixed(2)
			]);
		}
	}
	console.log('\nDirectory search, ms (app = searchServices, raw = searchSql alone)\n');
	console.log(
		table(['database', 'queries', 'n', 'app p50', 'app p95', 'raw p50', 'raw p95', 'app/raw p50', 'app/raw p95'], rows)
	);
	const slowest = outcomes.flatMap((o) =>
		[...o.samples]
			.sort((a, b) => pct(b.app, 50) - pct(a.app, 50))
			.slice(0, 5)
			.map((s) => [o.name, s.q.kind, s.q.locale, JSON.stringify(s.q.params).slice(0, 70), s.total, ms(pct(s.app, 50)), ms(pct(s.raw, 50))])
	);
	console.log('\nSlowest queries (p50 of their rounds)\n');
	console.log(table(['database', 'kind', 'locale', 'params', 'total', 'app', 'raw'], slowest));
	const pgOutcome = outcomes.find((o) => o.name === 'PostgreSQL');
	if (pgOutcome) {
		const app = pgOutcome.samples.flatMap((s) => s.app);
		const raw = pgOutcome.samples.flatMap((s) => s.raw);
		const p95 = pct(app, 95);
		const ratio = pct(app, 95) / pct(raw, 95);
		const verdict = p95 <= TARGET.p95 && ratio <= TARGET.ratio;
		console.log(
			`\nPostgreSQL target (p95 ≤ ${TARGET.p95} ms, app ≤ ${TARGET.ratio} × raw): p95 ${ms(p95)} ms, ratio ${ratio.toFixed(2)} → ${verdict ? 'met' : 'MISSED'}`
		);
		ok = verdict;
	}
	return ok;
}

const outcomes: Outcome[] = [];
if (REUSE) outcomes.push(await run('PostgreSQL', () => openPostgres(REUSE, 4), true));
else if (ONLY !== 'postgres') outcomes.push(await run('PGlite', () => openPglite()));
if (!REUSE && ONLY !== 'pglite') {
	const target = await postgresDatabase(ADMIN_URL);
	if (target) {
		try {
			outcomes.push(await run('PostgreSQL', () => openPostgres(target.env.DATABASE_URL, 4)));
		} finally {
			if (process.env.BENCH_KEEP === '1') console.log(`Kept ${target.env.DATABASE_URL}`);
			else await target.dispose();
		}
	}
}
const ok = report(outcomes);
process.exit(ok ? 0 : 1);
