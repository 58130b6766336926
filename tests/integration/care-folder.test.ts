/**
 * The folder's care pages over real HTTP and without JavaScript: needs
 * assessments and their chart, the support plan with owners and linked
 * services, notes that only the right people read, tasks with one reminder
 * e-mail, the timeline in pages; forged ids and replayed forms change
 * nothing; another organisation's worker gets 403 everywhere, audited.
 */
import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inputValue, startTestApp, text, type Client, type TestApp } from '../helpers/app.ts';
import { addMember, createUser, signIn, type TestUser } from '../helpers/users.ts';
import {
	assessments,
	auditLog,
	caseTeam,
	caseWorkers,
	consents,
	documents,
	emailOutbox,
	notes,
	organisations,
	people,
	planActions,
	planGoals,
	referralEvents,
	referrals,
	services,
	tasks
} from '../../src/lib/server/db/schema/index.ts';
import type { MemberRole } from '../../src/lib/server/db/schema/index.ts';
import { sendTaskReminders } from '../../src/lib/server/support/tasks.ts';
import { folderTimeline, type TimelineEntry } from '../../src/lib/server/support/timeline.ts';
import type { Ctx } from '../../src/lib/server/context.ts';

let app: TestApp;
let db: TestApp['database']['db'];
let orgA: string;
let orgB: string;
let orgC: string;
/** Anna leads the folder (A); Alba works in A too; Bilal in B (on the team by a share consent); Chiara in C (not on it). */
let anna: TestUser;
let alba: TestUser;
let bilal: TestUser;
let chiara: TestUser;
let personId: string;
/** A second folder of A, without B: its goal, action, note and task ids are forged on the first. */
let otherId: string;
let foodBank: string;
let hiddenService: string;

const as = (u: TestUser, locale = 'en'): Client => signIn(app.client({ locale }), u);
const url = (p = personId) => `/app/folders/${p}`;
const ymd = (d: Date) => d.toISOString().slice(0, 10);
const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000);
const countOf = async (table: typeof assessments | typeof planGoals | typeof planActions | typeof notes | typeof tasks) => (await db.select({ n: count() }).from(table))[0].n;
const counts = async () => ({
	assessments: await countOf(assessments),
	goals: await countOf(planGoals),
	actions: await countOf(planActions),
	notes: await countOf(notes),
	tasks: await countOf(tasks)
});
const denied = (action: string, p = personId) =>
	db.select().from(auditLog).where(and(eq(auditLog.action, action), eq(auditLog.resourceId, p), eq(auditLog.outcome, 'denied')));

async function ctxOf(u: TestUser, roles: [string, MemberRole][]): Promise<Ctx> {
	return {
		db,
		actor: { kind: 'user', userId: u.id, personKind: 'resident', platformRole: null, memberships: new Map(roles), emailVerified: true, secondFactor: true, totpEnabled: true },
		ip: null,
		requestId: null,
		locale: 'en',
		origin: app.url
	};
}

/** Creates a folder over HTTP as `u` (lead worker), returns its id. */
async function newFolder(u: TestUser, name: string): Promise<string> {
	const c = as(u);
	const page = await c.get('/app/folders/new');
	const res = await c.post('/app/folders/new?/create', { formId: inputValue(page.html, 'formId')!, preferredName: name, method: 'written' });
	expect(res.status).toBe(303);
	return /\/app\/folders\/([0-9a-f-]{36})/.exec(res.location ?? '')![1];
}

beforeAll(async () => {
	app = await startTestApp({ smtp: false });
	db = app.database.db;
	const orgs = await db
		.insert(organisations)
		.values([
			{ slug: 'cf-a', name: 'Casa dei Popoli', type: 'ngo', verification: 'verified' },
			{ slug: 'cf-b', name: 'Sportello Diritti', type: 'ngo', verification: 'verified' },
			{ slug: 'cf-c', name: 'Terza Associazione', type: 'migrant_association', verification: 'verified' },
			{ slug: 'cf-u', name: 'Unverified Group', type: 'informal_group' }
		])
		.returning({ id: organisations.id });
	[orgA, orgB, orgC] = orgs.map((o) => o.id);
	anna = await createUser(db, { displayName: 'Anna', totp: true, secondFactor: true });
	alba = await createUser(db, { displayName: 'Alba', totp: true, secondFactor: true });
	bilal = await createUser(db, { displayName: 'Bilal', totp: true, secondFactor: true });
	chiara = await createUser(db, { displayName: 'Chiara', totp: true, secondFactor: true });
	await addMember(db, orgA, anna.id, 'case_worker');
	await addMember(db, orgA, alba.id, 'case_worker');
	await addMember(db, orgB, bilal.id, 'case_worker');
	await addMember(db, orgC, chiara.id, 'case_worker');
	const svc = await db
		.insert(services)
		.values([
			{ organisationId: orgB, name: { en: 'Portavera food bank', it: 'Banco alimentare' }, needs: ['basic-needs'] },
			{ organisationId: orgs[3].id, name: { en: 'Hidden food corner' }, needs: ['basic-needs'] }
		])
		.returning({ id: services.id });
	[foodBank, hiddenService] = svc.map((s) => s.id);

	personId = await newFolder(anna, 'Amina');
	otherId = await newFolder(anna, 'Omar');
	// Share with B, put B on the team, make Bilal and Alba workers of the folder.
	const a = as(anna);
	expect((await a.post(`${url()}?/recordConsent`, { purpose: 'share', organisationId: orgB, method: 'written' })).status).toBe(200);
	expect((await a.post(`${url()}?/addTeam`, { organisationId: orgB })).status).toBe(200);
	expect((await a.post(`${url()}?/addWorker`, { userId: bilal.id })).status).toBe(200);
	expect((await a.post(`${url()}?/addWorker`, { userId: alba.id })).status).toBe(200);
}, 240_000);
afterAll(() => app?.stop());

describe('needs assessment', () => {
	it('shows the eleven life domains with the five named steps', async () => {
		const page = await as(anna).get(`${url()}/assessment`);
		expect(page.status).toBe(200);
		const t = text(page.html);
		for (const d of ['Housing', 'Income', 'Work', 'Language', 'Education', 'Health', 'Mental health', 'Legal status procedure', 'Family', 'Social network', 'Daily life']) {
			expect(t).toContain(d);
		}
		for (const s of ['1 · In crisis', '2 · Vulnerable', '3 · Stable', '4 · Safe', '5 · Thriving']) expect(t).toContain(s);
		expect(t).toContain('No assessment yet.');
		expect(page.html).not.toContain('role="img"');
	});

	it('records two assessments over time (a replayed form records one) and draws both on the chart', async () => {
		const c = as(anna);
		const first = await c.get(`${url()}/assessment`);
		const form = { formId: inputValue(first.html, 'formId')!, takenOn: ymd(daysAgo(60)), score_housing: '1', score_income: '2', score_health: '', comment: 'First meeting' };
		const res = await c.post(`${url()}/assessment?/record`, form);
		expect(res.status).toBe(200);
		expect(text(res.html)).toContain('Saved.');
		expect((await c.post(`${url()}/assessment?/record`, form)).status).toBe(200);
		expect(await countOf(assessments)).toBe(1);

		const second = await c.get(`${url()}/assessment`);
		expect(text(second.html)).toContain('Last time: 1 · In crisis');
		await c.post(`${url()}/assessment?/record`, { formId: inputValue(second.html, 'formId')!, score_housing: '4', score_language: '3' });
		expect(await countOf(assessments)).toBe(2);

		const page = await c.get(`${url()}/assessment`);
		const housing = /<svg[^>]*aria-labelledby="chart-housing-title chart-housing-desc"[\s\S]*?<\/svg>/.exec(page.html)?.[0] ?? '';
		expect(housing).toContain('role="img"');
		expect(housing).toMatch(/<title id="chart-housing-title">Housing: scores over time<\/title>/);
		const desc = text(/<desc[^>]*>([\s\S]*?)<\/desc>/.exec(housing)?.[1] ?? '');
		expect(desc).toMatch(/^Scores from the oldest to the newest: 1 · In crisis on .+; 4 · Safe on .+\.$/);
		expect(housing.match(/<circle/g)).toHaveLength(2);
		expect(housing).toMatch(/<path class="[^"]*line[^"]*" d="M[\d.]+ [\d.]+ L[\d.]+ [\d.]+"/);
		// Income was scored once: one point, no line. Work never: no chart.
		const income = /<svg[^>]*chart-income-title[\s\S]*?<\/svg>/.exec(page.html)?.[0] ?? '';
		expect(income.match(/<circle/g)).toHaveLength(1);
		expect(income).not.toContain('<path');
		expect(page.html).not.toContain('chart-work-title');
		// The same figures as a table.
		const table = text(/<table>[\s\S]*?<\/table>/.exec(page.html)?.[0] ?? '');
		expect(table).toMatch(/Housing 1 · In crisis 4 · Safe/);
		expect(table).toMatch(/Language Not assessed 3 · Stable/);
		expect(text(page.html)).toContain('First meeting');
	});

	it('mirrors the time axis in Arabic', async () => {
		const ar = await as(anna, 'ar').get(`${url()}/assessment`);
		const housing = /<svg[^>]*chart-housing-title[\s\S]*?<\/svg>/.exec(ar.html)?.[0] ?? '';
		const xs = [...housing.matchAll(/<circle[^>]*cx="([\d.]+)"/g)].map((x) => Number(x[1]));
		expect(xs).toHaveLength(2);
		expect(xs[0]).toBeGreaterThan(xs[1]);
		expect(housing).toContain('text-anchor="end"');
	});

	it('refuses scores off the scale, no score at all and a future date, with a message, recording nothing', async () => {
		const c = as(anna);
		const before = await counts();
		const page = await c.get(`${url()}/assessment`);
		const formId = inputValue(page.html, 'formId')!;
		const off = await c.post(`${url()}/assessment?/record`, { formId, score_housing: '7' });
		expect(off.status).toBe(400);
		expect(text(off.html)).toContain('Choose a step from 1 to 5.');
		const none = await c.post(`${url()}/assessment?/record`, { formId, score_housing: '' });
		expect(none.status).toBe(400);
		expect(text(none.html)).toContain('Score at least one life domain.');
		const future = await c.post(`${url()}/assessment?/record`, { formId, score_housing: '3', takenOn: ymd(new Date(Date.now() + 3 * 86_400_000)) });
		expect(future.status).toBe(400);
		expect(text(future.html)).toContain('The date cannot be in the future.');
		const it = await as(anna, 'it').post(`${url()}/assessment?/record`, { formId, score_housing: '9' });
		expect(text(it.html)).toContain('Scegli un gradino da 1 a 5.');
		expect(await counts()).toEqual(before);
	});
});

describe('support plan', () => {
	let goalId: string;
	let actionId: string;

	it('adds a goal in the worker’s words and the person’s own, once for a replayed form', async () => {
		const c = as(anna);
		const page = await c.get(`${url()}/plan`);
		expect(text(page.html)).toContain('No goals yet.');
		const form = { formId: inputValue(page.html, 'formId')!, text: 'Find stable housing', ownWords: 'A room of my own near the school', domain: 'housing' };
		expect((await c.post(`${url()}/plan?/addGoal`, form)).status).toBe(200);
		expect((await c.post(`${url()}/plan?/addGoal`, form)).status).toBe(200);
		const goals = await db.select().from(planGoals).where(eq(planGoals.personId, personId));
		expect(goals).toHaveLength(1);
		goalId = goals[0].id;
		const t = text((await c.get(`${url()}/plan`)).html);
		expect(t).toContain('Find stable housing');
		expect(t).toContain("In the person's own words A room of my own near the school");
		expect(t).toContain('Status: Open');
	});

	it('finds published services only, and adds an action with an owner on the team, a due date and the service', async () => {
		const c = as(anna);
		const search = await c.get(`${url()}/plan?service=food`);
		expect(search.html).toContain(`value="${foodBank}"`);
		expect(search.html).not.toContain(hiddenService);
		expect(text(search.html)).toContain('Services found: 1.');
		// The action form keeps the search in its address, so a failed post keeps the choice.
		expect(search.html).toContain('action="?service=food&amp;/addAction"');

		const form = { formId: inputValue(search.html, 'formId')!, goalId, actionText: 'Visit the food bank together', ownerUserId: bilal.id, dueOn: '2030-05-04', serviceId: foodBank };
		expect((await c.post(`${url()}/plan?service=food&/addAction`, form)).status).toBe(200);
		expect((await c.post(`${url()}/plan?service=food&/addAction`, form)).status).toBe(200);
		const actions = await db.select().from(planActions).where(eq(planActions.personId, personId));
		expect(actions).toHaveLength(1);
		expect(actions[0]).toMatchObject({ ownerUserId: bilal.id, dueOn: '2030-05-04', serviceId: foodBank, goalId, doneAt: null });
		actionId = actions[0].id;

		const b = text((await as(bilal).get(`${url()}/plan`)).html);
		expect(b).toContain('Visit the food bank together');
		expect(b).toContain('Who does it: Bilal');
		expect(b).toContain('Service: Portavera food bank');
		expect(b).toMatch(/Due by (May 4, 2030|4 May 2030)/);
	});

	it('refuses an owner not on the team and a service the directory does not publish; nothing is added', async () => {
		const c = as(anna);
		const before = await counts();
		const page = await c.get(`${url()}/plan`);
		const formId = inputValue(page.html, 'formId')!;
		const owner = await c.post(`${url()}/plan?/addAction`, { formId, goalId, actionText: 'x', ownerUserId: chiara.id });
		expect(owner.status).toBe(400);
		expect(text(owner.html)).toContain("Choose a worker on the person's team.");
		expect(owner.html).toContain('value="x"');
		const hidden = await c.post(`${url()}/plan?/addAction`, { formId, goalId, actionText: 'x', serviceId: hiddenService });
		expect(hidden.status).toBe(400);
		expect(text(hidden.html)).toContain('Choose a service the directory publishes.');
		expect(await counts()).toEqual(before);
		expect(await denied('support.plan.action.added')).toHaveLength(2);
	});

	it('marks an action done once however often the form is posted, and back', async () => {
		const c = as(bilal);
		expect((await c.post(`${url()}/plan?/actionDone`, { actionId, done: '1' })).status).toBe(200);
		const [done] = await db.select().from(planActions).where(eq(planActions.id, actionId));
		expect(done.doneAt).not.toBeNull();
		expect((await c.post(`${url()}/plan?/actionDone`, { actionId, done: '1' })).status).toBe(200);
		const [again] = await db.select().from(planActions).where(eq(planActions.id, actionId));
		expect(again.doneAt).toEqual(done.doneAt);
		expect(text((await c.get(`${url()}/plan`)).html)).toContain('Mark as not done');
		expect((await c.post(`${url()}/plan?/actionDone`, { actionId, done: '0' })).status).toBe(200);
		expect((await db.select().from(planActions).where(eq(planActions.id, actionId)))[0].doneAt).toBeNull();
	});

	it('changes a goal’s status from the version seen; a stale or replayed form is refused', async () => {
		const c = as(anna);
		const res = await c.post(`${url()}/plan?/goalStatus`, { goalId, version: '1', status: 'achieved' });
		expect(res.status).toBe(200);
		const stale = await c.post(`${url()}/plan?/goalStatus`, { goalId, version: '1', status: 'dropped' });
		expect(stale.status).toBe(409);
		expect(text(stale.html)).toContain('Someone changed this in the meantime.');
		const [g] = await db.select().from(planGoals).where(eq(planGoals.id, goalId));
		expect(g).toMatchObject({ status: 'achieved', version: 2 });
		expect((await c.post(`${url()}/plan?/goalStatus`, { goalId, version: '2', status: 'open' })).status).toBe(200);
	});
});

describe('notes and their sensitivity', () => {
	it('shows each note only to the people its sensitivity names', async () => {
		const a = as(anna);
		for (const [body, sensitivity] of [
			['Team note: the person starts Italian classes', 'team'],
			['Organisation note: our budget pays the bus pass', 'organisation'],
			['Author note: check my doubts before sharing', 'author']
		]) {
			const page = await a.get(`${url()}/notes`);
			expect((await a.post(`${url()}/notes?/add`, { formId: inputValue(page.html, 'formId')!, body, sensitivity, kind: 'note' })).status).toBe(200);
		}
		const seen = async (u: TestUser) => text((await as(u).get(`${url()}/notes`)).html);
		const byAnna = await seen(anna);
		const byAlba = await seen(alba);
		const byBilal = await seen(bilal);
		expect(byAnna).toContain('Team note');
		expect(byAnna).toContain('Organisation note');
		expect(byAnna).toContain('Author note');
		expect(byAlba).toContain('Team note');
		expect(byAlba).toContain('Organisation note');
		expect(byAlba).not.toContain('Author note');
		expect(byBilal).toContain('Team note');
		expect(byBilal).not.toContain('Organisation note');
		expect(byBilal).not.toContain('Author note');
		expect(byAnna).toContain('Who may read it: Only me');
		// Nor through the timeline.
		const timeline = text((await as(bilal).get(`${url()}/timeline`)).html);
		expect(timeline).toContain('Team note');
		expect(timeline).not.toContain('Organisation note');
		expect(timeline).not.toContain('Author note');
		expect((await as(chiara).get(`${url()}/notes`)).status).toBe(403);
	});

	it('refuses a note without a sensitivity, and adds one note for a replayed form', async () => {
		const a = as(anna);
		const page = await a.get(`${url()}/notes`);
		const formId = inputValue(page.html, 'formId')!;
		const before = await countOf(notes);
		const none = await a.post(`${url()}/notes?/add`, { formId, body: 'Something', sensitivity: 'everyone' });
		expect(none.status).toBe(400);
		expect(text(none.html)).toContain('Choose who may read it.');
		await a.post(`${url()}/notes?/add`, { formId, body: 'Measure: bus pass given', sensitivity: 'team', kind: 'measure' });
		await a.post(`${url()}/notes?/add`, { formId, body: 'Measure: bus pass given', sensitivity: 'team', kind: 'measure' });
		expect(await countOf(notes)).toBe(before + 1);
		expect(text((await as(bilal).get(`${url()}/notes`)).html)).toContain('Measure taken');
	});

	it('lets the author alone change who reads a note', async () => {
		const [orgNote] = await db.select().from(notes).where(and(eq(notes.personId, personId), eq(notes.sensitivity, 'organisation')));
		const [mine] = await db.select().from(notes).where(and(eq(notes.personId, personId), eq(notes.sensitivity, 'author')));
		// Alba reads the organisation note but did not write it; the author note she cannot even see.
		const notAuthor = await as(alba).post(`${url()}/notes?/sensitivity`, { noteId: orgNote.id, sensitivity: 'team' });
		expect(notAuthor.status).toBe(403);
		expect(text(notAuthor.html)).toContain('Only the author may change who reads a note.');
		const unseen = await as(alba).post(`${url()}/notes?/sensitivity`, { noteId: mine.id, sensitivity: 'team' });
		expect(unseen.status).toBe(404);
		expect((await db.select().from(notes).where(eq(notes.id, mine.id)))[0].sensitivity).toBe('author');
		expect((await as(anna).post(`${url()}/notes?/sensitivity`, { noteId: mine.id, sensitivity: 'organisation' })).status).toBe(200);
		expect(text((await as(alba).get(`${url()}/notes`)).html)).toContain('Author note');
		expect(text((await as(bilal).get(`${url()}/notes`)).html)).not.toContain('Author note');
	});
});

describe('tasks and reminders', () => {
	it('adds a task for a worker of the team and e-mails them once when it falls due, naming neither person nor task', async () => {
		const a = as(anna);
		const page = await a.get(`${url()}/tasks`);
		const formId = inputValue(page.html, 'formId')!;
		const outsider = await a.post(`${url()}/tasks?/add`, { formId, title: 'Call the school', assigneeId: chiara.id });
		expect(outsider.status).toBe(400);
		expect(text(outsider.html)).toContain("Choose a worker on the person's team.");
		const badTime = await a.post(`${url()}/tasks?/add`, { formId, title: 'Call the school', dueTime: '25:00' });
		expect(text(badTime.html)).toContain('Write a time like 14:30.');
		const form = { formId, title: 'Call the school about enrolment', dueOn: ymd(daysAgo(1)), dueTime: '10:30', assigneeId: bilal.id };
		expect((await a.post(`${url()}/tasks?/add`, form)).status).toBe(200);
		expect((await a.post(`${url()}/tasks?/add`, form)).status).toBe(200);
		const mine = await db.select().from(tasks).where(eq(tasks.personId, personId));
		expect(mine).toHaveLength(1);
		const t = text((await as(bilal).get(`${url()}/tasks`)).html);
		expect(t).toContain('Call the school about enrolment');
		expect(t).toContain('Overdue');
		expect(t).toContain('For Bilal');

		// A task of another folder assigned to Bilal, who is not on that team: no e-mail.
		await db.insert(tasks).values({ personId: otherId, title: 'Not for Bilal', dueAt: daysAgo(2), assigneeId: bilal.id });
		const mails = () => db.select().from(emailOutbox).where(eq(emailOutbox.template, 'support_task_due'));
		const run = await sendTaskReminders(db, new Date(), { origin: 'https://convive.example' });
		expect(run).toEqual({ due: 2, emails: 1 });
		const sent = await mails();
		expect(sent).toHaveLength(1);
		expect(sent[0].toAddress).toBe(bilal.email);
		expect(sent[0].subject).toBe('A task is due in a support folder');
		expect(sent[0].textBody).toContain(`https://convive.example/app/folders/${personId}/tasks`);
		expect(sent[0].textBody).not.toContain('Amina');
		expect(sent[0].textBody).not.toContain('Call the school');
		expect(await sendTaskReminders(db, new Date())).toEqual({ due: 0, emails: 0 });
		expect(await mails()).toHaveLength(1);
		expect((await db.select().from(tasks).where(eq(tasks.personId, otherId)))[0].reminderSentAt).not.toBeNull();
	});

	it('does not remind of a task not yet due, nor of one done', async () => {
		const a = as(anna);
		const page = await a.get(`${url()}/tasks`);
		await a.post(`${url()}/tasks?/add`, { formId: inputValue(page.html, 'formId')!, title: 'Later', dueOn: '2031-01-01', assigneeId: anna.id });
		const [later] = await db.select().from(tasks).where(eq(tasks.title, 'Later'));
		expect(later.dueAt?.toISOString()).toBe('2031-01-01T08:00:00.000Z');
		expect(await sendTaskReminders(db, new Date())).toEqual({ due: 0, emails: 0 });
		expect((await a.post(`${url()}/tasks?/done`, { taskId: later.id, done: '1' })).status).toBe(200);
		expect(await sendTaskReminders(db, new Date('2031-02-01T00:00:00Z'))).toEqual({ due: 0, emails: 0 });
		const t = text((await a.get(`${url()}/tasks`)).html);
		expect(t).toMatch(/Done on .+ by Anna/);
	});
});

describe('the timeline', () => {
	it('merges every kind, newest first, in pages with an “older” link, each entry once', async () => {
		// 60 more entries of every kind, some sharing the same instant.
		const base = Date.parse('2025-06-01T09:00:00Z');
		const at = (i: number) => new Date(base - Math.floor(i / 3) * 3_600_000);
		const [referral] = await db
			.insert(referrals)
			.values({ personId, fromOrganisationId: orgA, fromUserId: anna.id, serviceId: foodBank, serviceName: 'Portavera food bank', toOrganisationId: orgB, respondBy: new Date(base) })
			.returning({ id: referrals.id });
		for (let i = 0; i < 60; i++) {
			const when = at(i);
			switch (i % 5) {
				case 0:
					await db.insert(notes).values({ personId, authorId: anna.id, organisationId: orgA, body: `Old note ${i}`, sensitivity: i % 10 === 0 ? 'author' : 'team', createdAt: when });
					break;
				case 1:
					await db.insert(tasks).values({ personId, title: `Old task ${i}`, createdAt: when });
					break;
				case 2:
					await db.insert(documents).values({ personId, name: `scan-${i}.pdf`, mediaType: 'application/pdf', size: 10, sha256: 'x'.repeat(64), keyId: 'k', iv: new Uint8Array(12), sealed: new Uint8Array(26), uploadedBy: anna.id, organisationId: orgA, createdAt: when });
					break;
				case 3:
					await db.insert(referralEvents).values({ referralId: referral.id, fromState: 'sent', toState: 'accepted', actorId: bilal.id, organisationId: orgB, at: when });
					break;
				case 4:
					await db.insert(assessments).values({ personId, takenAt: when, takenBy: anna.id, comment: `Old assessment ${i}` });
					break;
			}
		}
		const c = as(bilal);
		const ids: string[] = [];
		const texts: string[] = [];
		let path = `${url()}/timeline`;
		for (let pages = 0; pages < 20; pages++) {
			const page = await c.get(path);
			expect(page.status).toBe(200);
			ids.push(...[...page.html.matchAll(/<li [^>]*id="entry-([0-9a-f-]{36})"/g)].map((m) => m[1]));
			texts.push(text(page.html));
			const older = /<a href="(\?before=[^"]+)" rel="next">Older<\/a>/.exec(page.html)?.[1];
			if (!older) break;
			path = `${url()}/timeline${older.replace(/&amp;/g, '&')}`;
		}
		expect(texts.length).toBeGreaterThan(2);
		expect(new Set(ids).size).toBe(ids.length);
		const all = texts.join(' ');
		expect(all).toContain('Old task 1');
		expect(all).toContain('scan-2.pdf');
		expect(all).toContain('Portavera food bank: accepted');
		expect(all).toContain('Old assessment 4');
		expect(all).toContain('Old note 5');
		// Author notes of Anna's are not Bilal's to read, here as anywhere.
		expect(all).not.toContain('Old note 0');
		expect(all).not.toContain('Old note 10');
		expect(texts[1]).toContain('Back to the newest');

		// The same, through the use case: complete and in (at, id) order.
		const ctx = await ctxOf(bilal, [[orgB, 'case_worker']]);
		const seen: TimelineEntry[] = [];
		let before: string | null = null;
		do {
			const page: Awaited<ReturnType<typeof folderTimeline>> = await folderTimeline(ctx, personId, { before, limit: 7 });
			seen.push(...page.entries);
			before = page.older;
		} while (before);
		expect(seen.map((e) => e.id)).toEqual(ids);
		for (let i = 1; i < seen.length; i++) {
			const [p, q] = [seen[i - 1], seen[i]];
			expect(p.at.getTime() > q.at.getTime() || (p.at.getTime() === q.at.getTime() && p.id > q.id), `${i}`).toBe(true);
		}
		// 60 added minus 6 author notes, and what the earlier tests recorded that Bilal may read.
		expect(seen.filter((e) => /^Old |^scan-|^Portavera/.test(e.title) || e.kind === 'referral').length).toBe(54);
	});

	it('answers a tampered cursor with the newest page', async () => {
		const page = await as(anna).get(`${url()}/timeline?before=2025-01-01T00:00:00Z_1'%20or%201=1--`);
		expect(page.status).toBe(200);
		expect(page.html.includes('Back to the newest</a>')).toBe(false);
	});
});

describe('forged ids and other organisations', () => {
	it('refuses the goal, action, note and task ids of another folder, changing nothing, audited', async () => {
		const a = as(anna);
		const [goal] = await db.insert(planGoals).values({ personId: otherId, text: 'Other goal' }).returning();
		const [action] = await db.insert(planActions).values({ personId: otherId, goalId: goal.id, text: 'Other action' }).returning();
		const [note] = await db.insert(notes).values({ personId: otherId, authorId: anna.id, organisationId: orgA, body: 'Other note', sensitivity: 'team' }).returning();
		const [task] = await db.insert(tasks).values({ personId: otherId, title: 'Other task' }).returning();
		const before = await counts();
		const plan = await a.get(`${url()}/plan`);
		const tries: [string, Record<string, string>, string][] = [
			['plan?/goalStatus', { goalId: goal.id, version: '1', status: 'dropped' }, 'This goal is not in this folder.'],
			['plan?/addAction', { formId: inputValue(plan.html, 'formId')!, goalId: goal.id, actionText: 'Sneaky' }, 'This goal is not in this folder.'],
			['plan?/actionDone', { actionId: action.id, done: '1' }, 'This action is not in this folder.'],
			['notes?/sensitivity', { noteId: note.id, sensitivity: 'author' }, 'This note is not in this folder.'],
			['tasks?/done', { taskId: task.id, done: '1' }, 'This task is not in this folder.']
		];
		for (const [path, form, message] of tries) {
			const res = await a.post(`${url()}/${path}`, form);
			expect(res.status, path).toBe(404);
			expect(text(res.html), path).toContain(message);
		}
		expect(await counts()).toEqual(before);
		expect((await db.select().from(planGoals).where(eq(planGoals.id, goal.id)))[0]).toMatchObject({ status: 'open', version: 1 });
		expect((await db.select().from(planActions).where(eq(planActions.id, action.id)))[0].doneAt).toBeNull();
		expect((await db.select().from(notes).where(eq(notes.id, note.id)))[0].sensitivity).toBe('team');
		expect((await db.select().from(tasks).where(eq(tasks.id, task.id)))[0].doneAt).toBeNull();
		const audited = await denied('support.plan.goal.status');
		expect(audited.at(-1)?.details).toMatchObject({ reason: 'care_goal_not_found' });
		expect(await denied('support.task.done')).toHaveLength(1);
	});

	it('gives another organisation’s worker 403 on every care page and form, audited as denied', async () => {
		const c = as(chiara);
		const before = await counts();
		for (const p of ['assessment', 'plan', 'notes', 'tasks', 'timeline']) {
			for (const id of [personId, '00000000-0000-4000-8000-000000000000']) {
				const res = await c.get(`${url(id)}/${p}`);
				expect(res.status, `${p} ${id}`).toBe(403);
				expect(text(res.html)).not.toContain('Amina');
			}
		}
		const posts: [string, Record<string, string>][] = [
			['assessment?/record', { formId: crypto.randomUUID(), score_housing: '1' }],
			['plan?/addGoal', { formId: crypto.randomUUID(), text: 'x' }],
			['plan?/addAction', { formId: crypto.randomUUID(), goalId: crypto.randomUUID(), actionText: 'x' }],
			['plan?/goalStatus', { goalId: crypto.randomUUID(), version: '1', status: 'open' }],
			['plan?/actionDone', { actionId: crypto.randomUUID(), done: '1' }],
			['notes?/add', { formId: crypto.randomUUID(), body: 'x', sensitivity: 'team' }],
			['notes?/sensitivity', { noteId: crypto.randomUUID(), sensitivity: 'team' }],
			['tasks?/add', { formId: crypto.randomUUID(), title: 'x' }],
			['tasks?/done', { taskId: crypto.randomUUID(), done: '1' }]
		];
		for (const [p, form] of posts) {
			const res = await c.post(`${url()}/${p}`, form);
			expect(res.status, p).toBe(403);
		}
		expect(await counts()).toEqual(before);
		const refused = await db.select().from(auditLog).where(and(eq(auditLog.resourceId, personId), eq(auditLog.outcome, 'denied'), eq(auditLog.actorId, chiara.id)));
		expect(refused.length).toBeGreaterThanOrEqual(5 + posts.length);
		expect(refused.map((r) => r.action)).toEqual(expect.arrayContaining(['folder.view', 'folder.edit']));
	});

	it('ends the second organisation’s access to every care page when the share consent is withdrawn', async () => {
		const [share] = await db.select().from(consents).where(and(eq(consents.personId, personId), eq(consents.purpose, 'share')));
		expect((await as(bilal).get(`${url()}/notes`)).status).toBe(200);
		expect((await as(anna).post(`${url()}?/withdrawConsent`, { consentId: share.id, reason: 'The person asked' })).status).toBe(200);
		for (const p of ['assessment', 'plan', 'notes', 'tasks', 'timeline']) expect((await as(bilal).get(`${url()}/${p}`)).status, p).toBe(403);
		// The team and the workers stay on record; only the access ended.
		expect(await db.select().from(caseTeam).where(eq(caseTeam.personId, personId))).toHaveLength(2);
		expect(await db.select().from(caseWorkers).where(eq(caseWorkers.personId, personId))).toHaveLength(3);
		expect((await db.select().from(people).where(eq(people.id, personId)))[0].preferredName).toBe('Amina');
	});
});
